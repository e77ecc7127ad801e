package input

import (
	"github.com/featurize/featurize/internal/numparse"

	"bytes"
	"compress/gzip"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// benchFile writes a rows x 4 file of typical "%.6f" values, separated by
// sep, with a header line if header is set, and returns its path and size.
func benchFile(b *testing.B, name string, rows int, sep string, header bool) (string, int64) {
	return benchFileFormat(b, name, rows, sep, header, "%.6f")
}

// benchFileFormat is benchFile with values formatted by format.
func benchFileFormat(b *testing.B, name string, rows int, sep string, header bool, format string) (string, int64) {
	b.Helper()
	rng := rand.New(rand.NewPCG(1, 1))
	var s strings.Builder
	if header {
		s.WriteString(strings.Join([]string{"time", "x", "y", "z"}, sep) + "\n")
	}
	for i := range rows {
		fmt.Fprintf(&s, format+sep+format+sep+format+sep+format+"\n",
			float64(i)*0.01, rng.NormFloat64(), 100*rng.NormFloat64(), rng.Float64()*1e3)
	}
	path := filepath.Join(b.TempDir(), name)
	if err := os.WriteFile(path, []byte(s.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	return path, int64(s.Len())
}

func benchRead(b *testing.B, path string, size int64) {
	r := NewReader()
	if _, err := r.Read(path); err != nil { // warm the buffers
		b.Fatal(err)
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Read(path); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadCSV reads a 2000 x 4 CSV file with a header, from the page
// cache, with a warm TableReader.
func BenchmarkReadCSV(b *testing.B) {
	path, size := benchFile(b, "1.csv", 2000, ",", true)
	benchRead(b, path, size)
}

// BenchmarkReadSavetxt reads a 2000 x 4 CSV file as np.savetxt writes it
// by default: "%.18e", 19 significant digits.
func BenchmarkReadSavetxt(b *testing.B) {
	path, size := benchFileFormat(b, "1.csv", 2000, ",", false, "%.18e")
	benchRead(b, path, size)
}

// BenchmarkReadRepr reads a 2000 x 4 CSV file of shortest round-trip
// values, as pandas' to_csv writes them.
func BenchmarkReadRepr(b *testing.B) {
	path, size := benchFileFormat(b, "1.csv", 2000, ",", true, "%v")
	benchRead(b, path, size)
}

// BenchmarkReadText is BenchmarkReadCSV for a whitespace-separated file.
func BenchmarkReadText(b *testing.B) {
	path, size := benchFile(b, "1.txt", 2000, " ", false)
	benchRead(b, path, size)
}

// BenchmarkReadReprText is BenchmarkReadRepr for a whitespace-separated
// file.
func BenchmarkReadReprText(b *testing.B) {
	path, size := benchFileFormat(b, "1.txt", 2000, " ", false, "%v")
	benchRead(b, path, size)
}

// BenchmarkReadSavetxtText is BenchmarkReadSavetxt for a
// whitespace-separated file, np.savetxt's default delimiter.
func BenchmarkReadSavetxtText(b *testing.B) {
	path, size := benchFileFormat(b, "1.txt", 2000, " ", false, "%.18e")
	benchRead(b, path, size)
}

// BenchmarkReadReprTab is BenchmarkReadReprText with tabs.
func BenchmarkReadReprTab(b *testing.B) {
	path, size := benchFileFormat(b, "1.txt", 2000, "\t", false, "%v")
	benchRead(b, path, size)
}

// BenchmarkReadCSVLarge reads a 200000 x 4 CSV file (about 7 MB).
func BenchmarkReadCSVLarge(b *testing.B) {
	path, size := benchFile(b, "1.csv", 200000, ",", true)
	benchRead(b, path, size)
}

// BenchmarkParseCSV parses an in-memory 2000 x 4 CSV buffer, without the
// file system.
func BenchmarkParseCSV(b *testing.B) {
	path, size := benchFile(b, "1.csv", 2000, ",", true)
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	r := NewReader()
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		r.buf = append(r.buf[:0], data...)
		if _, err := r.parse("1.csv", CSV); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNumbers parses the bytes of the files of BenchmarkReadCSV
// ("short", "%.6f"), BenchmarkReadRepr and BenchmarkReadSavetxt (without
// their header) four ways, MB/s being of the whole file: each field,
// split beforehand, by strconv.ParseFloat and by numparse.Parse; the
// records by numparse.Records, into columns, as the reader's fast path
// reads them; and the whole file by the reader, in memory.
//
//	go test ./input -run '^$' -bench BenchmarkNumbers
func BenchmarkNumbers(b *testing.B) {
	for _, style := range []struct{ name, format string }{{"short", "%.6f"}, {"repr", "%v"}, {"savetxt", "%.18e"}} {
		path, size := benchFileFormat(b, "1.csv", 2000, ",", false, style.format)
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		var fields [][]byte
		for _, line := range bytes.Split(bytes.TrimSuffix(data, []byte{'\n'}), []byte{'\n'}) {
			fields = append(fields, bytes.Split(line, []byte{','})...)
		}
		b.Run(style.name+"/strconv", func(b *testing.B) {
			b.SetBytes(size)
			for b.Loop() {
				for _, f := range fields {
					if _, err := strconv.ParseFloat(unsafe.String(unsafe.SliceData(f), len(f)), 64); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
		b.Run(style.name+"/numparse.Parse", func(b *testing.B) {
			b.SetBytes(size)
			for b.Loop() {
				for _, f := range fields {
					if _, ok := numparse.Parse(f); !ok {
						b.Fatal("not a number")
					}
				}
			}
		})
		b.Run(style.name+"/numparse.Records", func(b *testing.B) {
			// Records leaves the last 264 bytes: room after the data.
			padded := append(append([]byte(nil), data...), make([]byte, 264)...)
			const rows, ncols = 2000, 4
			cols := make([]float64, rows*ncols)
			b.SetBytes(size)
			for b.Loop() {
				if _, n := numparse.Records(padded, 0, ',', ncols, cols, rows, rows); n != rows {
					b.Fatalf("read %d records; want %d", n, rows)
				}
			}
		})
		b.Run(style.name+"/reader", func(b *testing.B) {
			r := NewReader()
			b.SetBytes(size)
			for b.Loop() {
				r.buf = append(r.buf[:0], data...)
				if _, err := r.parse("1.csv", CSV); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkParseFloat(b *testing.B) {
	for _, in := range []string{"123.456789", "-0.000123", "1.7976931348623157e308", "3.141592653589793238", "nan"} {
		b.Run(in, func(b *testing.B) {
			buf := []byte(in)
			b.ReportAllocs()
			for b.Loop() {
				if _, ok := numparse.Parse(buf); !ok {
					b.Fatal("fail")
				}
			}
		})
	}
}

// BenchmarkLayouts reads the same 200 series of 2000 rows x 3 columns
// ("%.6f") laid out as 200 numbered CSV files, as one flat long table
// (id,t,x,y,z; indexed, then read series by series) and as the same table
// gzip-compressed; MB/s is of each layout's own (uncompressed) bytes.
//
//	go test ./input -run '^$' -bench BenchmarkLayouts -benchtime 5x
func BenchmarkLayouts(b *testing.B) {
	const series, rows = 200, 2000
	dir := b.TempDir()
	rng := rand.New(rand.NewPCG(1, 1))
	var long strings.Builder
	long.WriteString("id,t,x,y,z\n")
	var fileBytes int64
	for s := 1; s <= series; s++ {
		var f strings.Builder
		f.WriteString("x,y,z\n")
		for i := range rows {
			x, y, z := rng.NormFloat64(), 100*rng.NormFloat64(), rng.Float64()*1e3
			fmt.Fprintf(&f, "%.6f,%.6f,%.6f\n", x, y, z)
			fmt.Fprintf(&long, "s%03d,%d,%.6f,%.6f,%.6f\n", s, i, x, y, z)
		}
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("%d.csv", s)), []byte(f.String()), 0o644)
		fileBytes += int64(f.Len())
	}
	longPath := filepath.Join(dir, "long.csv")
	os.WriteFile(longPath, []byte(long.String()), 0o644)
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write([]byte(long.String()))
	w.Close()
	os.WriteFile(longPath+".gz", gz.Bytes(), 0o644)
	b.Run("numbered", func(b *testing.B) {
		r := NewReader()
		b.SetBytes(fileBytes)
		for b.Loop() {
			for s := 1; s <= series; s++ {
				if _, err := r.Read(filepath.Join(dir, fmt.Sprintf("%d.csv", s))); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	for _, path := range []string{longPath, longPath + ".gz"} {
		b.Run(filepath.Base(path), func(b *testing.B) {
			l := Long{ID: "id", Sort: "t"}
			r := NewReader()
			b.SetBytes(int64(long.Len()))
			for b.Loop() {
				ix, err := IndexLong(path, nil, Dialect{}, HeaderAuto, l)
				if err != nil {
					b.Fatal(err)
				}
				for _, s := range ix.Series {
					if _, err := r.ReadLong(path, ix, l, s); err != nil {
						b.Fatal(err)
					}
				}
				r.Release()
			}
		})
	}
}
