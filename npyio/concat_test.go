package npyio

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writePart writes a .npy file of rows x max(width, 1) random values.
func writePart(t *testing.T, path string, r *rand.Rand, dtype DType, rows, width int) {
	t.Helper()
	w, err := Create(path, dtype, width)
	if err != nil {
		t.Fatal(err)
	}
	row := make([]float64, max(width, 1))
	for range rows {
		for j := range row {
			row[j] = float64(r.IntN(1000)) / 8
			if dtype == Int64 {
				row[j] = float64(r.IntN(1000) - 500)
			}
		}
		if err := w.WriteRow(row); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// Concat's output equals np.save(np.concatenate(parts)).
func TestConcatNumpy(t *testing.T) {
	needNumpy(t)
	r := rand.New(rand.NewPCG(1, 1))
	dir := t.TempDir()
	type ccase struct {
		name  string
		parts []string
	}
	var cases []ccase
	for _, dt := range []DType{Float64, Float32, Int64} {
		for _, width := range []int{0, 1, 7} {
			c := ccase{name: fmt.Sprintf("%s_w%d", dt, width)}
			for i, rows := range []int{3, 0, 1, 20, 0} {
				p := filepath.Join(dir, fmt.Sprintf("%s_%d.npy", c.name, i))
				writePart(t, p, r, dt, rows, width)
				c.parts = append(c.parts, p)
			}
			cases = append(cases, c)
		}
	}
	// numpy-written parts of other dtypes, byte orders and dimensions.
	for _, pat := range []string{"data_f8be_%s_C.npy", "data_u2_%s_C.npy", "data_c8_%s_C.npy", "data_b1_%s_C.npy"} {
		c := ccase{name: strings.ReplaceAll(pat, "%s", "x")}
		for _, shape := range []string{"3x4", "3x4"} {
			c.parts = append(c.parts, filepath.Join(fixtureDir, fmt.Sprintf(pat, shape)))
		}
		cases = append(cases, c)
	}
	cases = append(cases, ccase{"mixed order", []string{filepath.Join(fixtureDir, "data_f8be_3x4_C.npy"), filepath.Join(fixtureDir, "data_f8_3x4_C.npy")}})
	cases = append(cases, ccase{"3-D", []string{filepath.Join(fixtureDir, "data_i4_2x3x4_C.npy"), filepath.Join(fixtureDir, "data_i4_2x3x4_C.npy")}})
	cases = append(cases, ccase{"1-D", []string{filepath.Join(fixtureDir, "data_f4be_5_C.npy"), filepath.Join(fixtureDir, "data_f4be_0_C.npy"), filepath.Join(fixtureDir, "data_f4be_5_C.npy")}})

	var script strings.Builder
	script.WriteString("import numpy as np, sys\n")
	for _, c := range cases {
		abs := make([]string, len(c.parts))
		for i, p := range c.parts {
			a, err := filepath.Abs(p)
			if err != nil {
				t.Fatal(err)
			}
			abs[i] = fmt.Sprintf("np.load(%q)", a)
		}
		fmt.Fprintf(&script, "np.save(%q, np.concatenate([%s]))\n", c.name+".want.npy", strings.Join(abs, ", "))
	}
	runPython(t, dir, script.String())
	for _, c := range cases {
		out := filepath.Join(dir, c.name+".got.npy")
		rows, err := Concat(out, c.parts)
		if err != nil {
			t.Errorf("%s: Concat: %v", c.name, err)
			continue
		}
		want := readBytes(t, filepath.Join(dir, c.name+".want.npy"))
		got := readBytes(t, out)
		if !bytes.Equal(got, want) {
			t.Errorf("%s: Concat differs from np.concatenate: %s", c.name, diffBytes(got, want))
		}
		h, err := ReadHeader(bytes.NewReader(want))
		if err != nil {
			t.Fatal(err)
		}
		if rows != h.Shape[0] {
			t.Errorf("%s: Concat rows = %d; want %d", c.name, rows, h.Shape[0])
		}
	}
}

func TestConcatErrors(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	dir := t.TempDir()
	part := func(name string, dtype DType, rows, width int) string {
		p := filepath.Join(dir, name)
		writePart(t, p, r, dtype, rows, width)
		return p
	}
	good := part("good.npy", Float64, 4, 3)
	good2 := part("good2.npy", Float64, 2, 3)
	wide := part("wide.npy", Float64, 4, 4)
	f4 := part("f4.npy", Float32, 4, 3)
	oneD := part("1d.npy", Float64, 4, 0)
	raw := readBytes(t, good)
	short := filepath.Join(dir, "short.npy")
	os.WriteFile(short, raw[:len(raw)-3], 0o666)
	long := filepath.Join(dir, "long.npy")
	os.WriteFile(long, append(raw[:len(raw):len(raw)], 0), 0o666)
	badHeader := filepath.Join(dir, "header.npy")
	os.WriteFile(badHeader, raw[:20], 0o666)

	for _, tc := range []struct {
		name  string
		parts []string
		bad   string // the part the error must name
		want  error
	}{
		{"width", []string{good, good2, wide}, wide, ErrBadShape},
		{"dtype", []string{good, f4}, f4, ErrMismatch},
		{"dims", []string{good, oneD}, oneD, ErrBadShape},
		{"scalar", []string{filepath.Join(fixtureDir, "data_f8_scalar_C.npy")}, "data_f8_scalar_C.npy", ErrBadShape},
		{"fortran", []string{filepath.Join(fixtureDir, "data_f8_3x4_F.npy")}, "data_f8_3x4_F.npy", ErrMismatch},
		{"short", []string{good, short}, short, io.ErrUnexpectedEOF},
		{"long", []string{good, long}, long, ErrTrailingData},
		{"header", []string{good, badHeader}, badHeader, io.ErrUnexpectedEOF},
		{"missing", []string{good, filepath.Join(dir, "nope.npy")}, "nope.npy", os.ErrNotExist},
		{"none", nil, "out.npy", ErrNoParts},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, "out.npy")
			rows, err := Concat(out, tc.parts)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Concat = %d, %v; want %v", rows, err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.bad) {
				t.Errorf("error %q does not name %s", err, tc.bad)
			}
			if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("after a failed Concat, Stat(out) = %v; want ErrNotExist", err)
			}
		})
	}
}

func TestConcatenator(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	dir := t.TempDir()
	var parts []string
	for i, rows := range []int{5, 0, 7} {
		p := filepath.Join(dir, fmt.Sprintf("p%d.npy", i))
		writePart(t, p, r, Int64, rows, 0)
		parts = append(parts, p)
	}
	out := filepath.Join(dir, "out.npy")
	c, err := CreateConcat(out)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Abort()
	var want []float64
	for _, p := range parts {
		a, err := ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, a.Float64s()...)
		n, err := c.Append(p)
		if err != nil || n != a.Shape[0] {
			t.Fatalf("Append(%s) = %d, %v; want %d", p, n, err, a.Shape[0])
		}
	}
	if c.Rows() != 12 {
		t.Errorf("Rows() = %d; want 12", c.Rows())
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Append(parts[0]); !errors.Is(err, ErrClosed) {
		t.Errorf("Append after Close = %v; want ErrClosed", err)
	}
	c.Abort() // no-op after Close
	a, err := ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Float64s(); !sameFloats(got, want) {
		t.Errorf("concatenated %v; want %v", got, want)
	}
	if got := readBytes(t, out); !bytes.Equal(got, writeArray(t, Int64, 0, want)) {
		t.Errorf("Concatenator output differs from the Writer's")
	}

	// Closing with no parts is an error and Abort removes the file.
	empty := filepath.Join(dir, "empty.npy")
	c, err = CreateConcat(empty)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); !errors.Is(err, ErrNoParts) {
		t.Errorf("Close with no parts = %v; want ErrNoParts", err)
	}
	c.Abort()
	if _, err := os.Stat(empty); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("after Abort, Stat = %v; want ErrNotExist", err)
	}
}
