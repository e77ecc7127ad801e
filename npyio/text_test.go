package npyio

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func savetxt(t *testing.T, rows [][]float64) []byte {
	t.Helper()
	var b bytes.Buffer
	tw := NewTextWriter(&b)
	for _, r := range rows {
		if err := tw.WriteRow(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Flush(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TextWriter reproduces the np.savetxt goldens of testdata/gen.py.
func TestTextWriterGolden(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, tc := range []struct {
		name string
		rows [][]float64
	}{
		{"specials", [][]float64{{0}, {math.Copysign(0, -1)}, {1}, {-1.5}, {nan}, {-nan}, {inf}, {-inf},
			{5e-324}, {2.2250738585072014e-308}, {1.7976931348623157e308},
			{0.1}, {1.0 / 3}, {1e22}, {1e-5}, {123456789.123}, {-2.5e-300}}},
		{"matrix", func() [][]float64 {
			var rows [][]float64
			for i := range 3 {
				var row []float64
				for j := range 4 {
					row = append(row, float64(4*i+j)/7-0.5)
				}
				rows = append(rows, row)
			}
			return rows
		}()},
		{"int64", [][]float64{{0, 1, -1}, {float64(1<<53 + 1), float64(math.MaxInt64), float64(math.MinInt64)}}},
		{"float32", [][]float64{{float64(float32(0.1)), float64(float32(1e-45))}, {float64(float32(3.4028235e38)), -2.5}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := readBytes(t, filepath.Join(fixtureDir, "savetxt_"+tc.name+".txt"))
			if got := savetxt(t, tc.rows); !bytes.Equal(got, want) {
				t.Errorf("differs from np.savetxt: %s", diffBytes(got, want))
			}
			rows, err := ReadText(bytes.NewReader(want), tc.name)
			if err != nil {
				t.Fatal(err)
			}
			for i := range tc.rows {
				if !sameFloats(rows[i], tc.rows[i]) {
					t.Errorf("ReadText row %d = %v; want %v", i, rows[i], tc.rows[i])
				}
			}
		})
	}
}

// TextWriter matches np.savetxt on random values of every kind, and
// ReadText reads them back exactly.
func TestTextWriterNumpy(t *testing.T) {
	needNumpy(t)
	r := rand.New(rand.NewPCG(1, 1))
	dir := t.TempDir()
	rows := make([][]float64, 2000)
	var raw bytes.Buffer
	for i := range rows {
		rows[i] = randomValues(r, 5)
		for _, v := range rows[i] {
			raw.Write(f8Body(v))
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "v.bin"), raw.Bytes(), 0o666); err != nil {
		t.Fatal(err)
	}
	runPython(t, dir, `
import numpy as np
np.savetxt("v.txt", np.fromfile("v.bin", dtype="<f8").reshape(-1, 5))
np.savetxt("v1.txt", np.fromfile("v.bin", dtype="<f8")[:100])
`)
	want := readBytes(t, filepath.Join(dir, "v.txt"))
	got := savetxt(t, rows)
	if !bytes.Equal(got, want) {
		t.Errorf("differs from np.savetxt: %s", diffBytes(got, want))
	}
	back, err := ReadText(bytes.NewReader(got), "v.txt")
	if err != nil {
		t.Fatal(err)
	}
	for i := range rows {
		if !sameFloats(back[i], rows[i]) {
			t.Fatalf("ReadText row %d = %v; want %v", i, back[i], rows[i])
		}
	}

	// 1-D: one value per line.
	var oneD [][]float64
	for _, v := range rows[:20] {
		for _, x := range v {
			oneD = append(oneD, []float64{x})
		}
	}
	if got, want := savetxt(t, oneD), readBytes(t, filepath.Join(dir, "v1.txt")); !bytes.Equal(got, want) {
		t.Errorf("1-D differs from np.savetxt: %s", diffBytes(got, want))
	}
}

func TestReadText(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		want [][]float64
	}{
		{"empty", "", [][]float64{}},
		{"blank lines", "\n  \n", [][]float64{}},
		{"one column", "1\n2\n3", [][]float64{{1}, {2}, {3}}},
		{"spaces and tabs", " 1\t2  3 \n4 5\t\t6\r\n", [][]float64{{1, 2, 3}, {4, 5, 6}}},
		{"comments", "# header\n1 2 # x\n\n3 4\n", [][]float64{{1, 2}, {3, 4}}},
		{"specials", "nan inf -inf NaN -Infinity +1e400 1e-400", [][]float64{{math.NaN(), math.Inf(1), math.Inf(-1), math.NaN(), math.Inf(-1), math.Inf(1), 0}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadText(strings.NewReader(tc.text), tc.name)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("ReadText = %v; want %v", got, tc.want)
			}
			for i := range got {
				if !sameFloats(got[i], tc.want[i]) {
					t.Errorf("row %d = %v; want %v", i, got[i], tc.want[i])
				}
			}
		})
	}
}

func TestReadTextErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		want error
		msg  string
	}{
		{"bad number", "1 2\n3 x4\n", ErrBadNumber, `f.txt:2:3: bad number: "x4"`},
		{"comma", "1,2\n", ErrBadNumber, `f.txt:1:1: bad number: "1,2"`},
		{"field count", "1 2\n\n3\n", ErrFieldCount, "f.txt:3:1: wrong number of values: 1 values, want 2 like the first row"},
		{"too many", "1\n2 3\n", ErrFieldCount, "f.txt:2:1: wrong number of values: 2 values, want 1 like the first row"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := ReadText(strings.NewReader(tc.text), "f.txt")
			if !errors.Is(err, tc.want) {
				t.Fatalf("ReadText = %v, %v; want %v", rows, err, tc.want)
			}
			var pe *ParseError
			if !errors.As(err, &pe) || err.Error() != tc.msg {
				t.Errorf("error = %q; want %q", err, tc.msg)
			}
		})
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestTextWriterError(t *testing.T) {
	tw := NewTextWriter(failWriter{})
	var err error
	for i := 0; err == nil && i < 1e6; i++ {
		err = tw.WriteRow([]float64{1, 2, 3})
	}
	if err == nil || err.Error() != "disk full" {
		t.Fatalf("WriteRow = %v; want disk full", err)
	}
	if err := tw.Flush(); err == nil {
		t.Errorf("Flush after an error = nil")
	}
}

func TestTextWriterNoAlloc(t *testing.T) {
	tw := NewTextWriter(discard{})
	row := []float64{1.5, -2, math.NaN(), 1e300}
	tw.WriteRow(row)
	if n := testing.AllocsPerRun(100, func() { tw.WriteRow(row) }); n != 0 {
		t.Errorf("WriteRow allocates %v times; want 0", n)
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
