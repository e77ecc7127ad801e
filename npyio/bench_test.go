package npyio

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// benchSizes are the matrices benchmarked: rows x 72 float64 values, the
// shape of featurize's feature.npy.
var benchSizes = []struct{ rows, cols int }{{1000, 72}, {100000, 72}}

func benchMatrix(rows, cols int) []float64 {
	r := rand.New(rand.NewPCG(1, 1))
	v := make([]float64, rows*cols)
	for i := range v {
		v[i] = r.NormFloat64() * 100
	}
	return v
}

func BenchmarkWrite(b *testing.B) {
	for _, sz := range benchSizes {
		vals := benchMatrix(sz.rows, sz.cols)
		name := fmt.Sprintf("%dx%d", sz.rows, sz.cols)
		b.Run("npy/"+name, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "w.npy")
			b.SetBytes(int64(len(vals) * 8))
			b.ReportAllocs()
			for b.Loop() {
				w, err := Create(path, Float64, sz.cols)
				if err != nil {
					b.Fatal(err)
				}
				for i := 0; i < len(vals); i += sz.cols {
					if err := w.WriteRow(vals[i : i+sz.cols]); err != nil {
						b.Fatal(err)
					}
				}
				if err := w.Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("text/"+name, func(b *testing.B) {
			var buf bytes.Buffer
			writeText(b, &buf, vals, sz.cols)
			b.SetBytes(int64(buf.Len()))
			b.ReportAllocs()
			for b.Loop() {
				buf.Reset()
				writeText(b, &buf, vals, sz.cols)
			}
		})
	}
}

func writeText(b *testing.B, buf *bytes.Buffer, vals []float64, cols int) {
	tw := NewTextWriter(buf)
	for i := 0; i < len(vals); i += cols {
		if err := tw.WriteRow(vals[i : i+cols]); err != nil {
			b.Fatal(err)
		}
	}
	if err := tw.Flush(); err != nil {
		b.Fatal(err)
	}
}

func BenchmarkRead(b *testing.B) {
	for _, sz := range benchSizes {
		vals := benchMatrix(sz.rows, sz.cols)
		name := fmt.Sprintf("%dx%d", sz.rows, sz.cols)
		b.Run("npy/"+name, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "r.npy")
			w, err := Create(path, Float64, sz.cols)
			if err != nil {
				b.Fatal(err)
			}
			for i := 0; i < len(vals); i += sz.cols {
				w.WriteRow(vals[i : i+sz.cols])
			}
			if err := w.Close(); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(vals) * 8))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ReadFile(path); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("text/"+name, func(b *testing.B) {
			var buf bytes.Buffer
			writeText(b, &buf, vals, sz.cols)
			path := filepath.Join(b.TempDir(), "r.txt")
			if err := os.WriteFile(path, buf.Bytes(), 0o666); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(buf.Len()))
			b.ReportAllocs()
			for b.Loop() {
				f, err := os.Open(path)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := ReadText(f, path); err != nil {
					b.Fatal(err)
				}
				f.Close()
			}
		})
	}
}
