package pipeline

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// BenchmarkWideFile runs a whole serial run over one 2-row file of many
// columns (18 features each): the cost of a wide header, its column
// lookup, the features and a manifest of a million names.
func BenchmarkWideFile(b *testing.B) {
	for _, cols := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("cols=%d", cols), func(b *testing.B) {
			in := b.TempDir()
			var sb strings.Builder
			for j := range cols {
				if j > 0 {
					sb.WriteByte(',')
				}
				sb.WriteString("x" + strconv.Itoa(j))
			}
			sb.WriteByte('\n')
			for r := range 2 {
				for j := range cols {
					if j > 0 {
						sb.WriteByte(',')
					}
					sb.WriteString(strconv.FormatFloat(float64((j*7+r)%13)*0.5, 'f', -1, 64))
				}
				sb.WriteByte('\n')
			}
			writeFile(b, filepath.Join(in, "1.csv"), sb.String())
			out := b.TempDir()
			b.ResetTimer()
			for range b.N {
				opts := &Config{InputDir: in, OutDir: out, Workers: 1, Engine: EngineSerial}
				if _, err := Run(context.Background(), withReporter(opts, io.Discard)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkManyChunks runs tiny files one chunk each, serially: its time
// per op divided by the chunks is what a chunk costs beyond its file.
func BenchmarkManyChunks(b *testing.B) {
	const files = 2000
	in := b.TempDir()
	for i := 1; i <= files; i++ {
		writeFile(b, filepath.Join(in, strconv.Itoa(i)+".csv"), "a,b\n1,2\n3,4\n")
	}
	for _, chunks := range []int{1, files} {
		b.Run(fmt.Sprintf("files=%d/chunks=%d", files, chunks), func(b *testing.B) {
			out := b.TempDir()
			for range b.N {
				opts := &Config{InputDir: in, OutDir: out, Workers: 1, Chunks: chunks, Engine: EngineSerial}
				if _, err := Run(context.Background(), withReporter(opts, io.Discard)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(chunks), "µs/chunk")
			os.RemoveAll(out)
		})
	}
}
