package input

import (
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestReadNPY reads the fixtures of testdata/read/gen_npy.py and checks
// them against the values it documents.
func TestReadNPY(t *testing.T) {
	paths, err := filepath.Glob("testdata/read/data_*.npy")
	if err != nil || len(paths) < 40 {
		t.Fatalf("found %d fixtures, %v; want at least 40", len(paths), err)
	}
	r := NewReader()
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".npy")
		parts := strings.Split(name, "_") // data dtype shape order
		dtype, shapeText := parts[1], parts[2]
		var shape []int
		if shapeText != "scalar" {
			for _, d := range strings.Split(shapeText, "x") {
				n, err := strconv.Atoi(d)
				if err != nil {
					t.Fatalf("%s: bad shape %q", name, shapeText)
				}
				shape = append(shape, n)
			}
		}
		t.Run(name, func(t *testing.T) {
			tb, err := r.Read(path)
			var want error
			switch {
			case len(shape) != 1 && len(shape) != 2:
				want = ErrShape
			case dtype == "c16":
				want = ErrDType
			case shape[0] == 0 || len(shape) == 2 && shape[1] == 0:
				want = ErrEmptyFile
			}
			if want != nil {
				var pe *ParseError
				if !errors.Is(err, want) || !errors.As(err, &pe) || pe.File != path {
					t.Fatalf("Read = %v; want a *ParseError for %s wrapping %v", err, path, want)
				}
				if !strings.HasPrefix(err.Error(), path+": ") {
					t.Errorf("error %q does not start with the file name", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			rows, ncols := shape[0], 1
			if len(shape) == 2 {
				ncols = shape[1]
			}
			cols := make([][]float64, ncols)
			for i := range rows {
				for j := range ncols {
					k := float64(i*ncols + j)
					v := k
					switch dtype[0] {
					case 'f':
						v = k*1.5 - 2
					case 'i':
						v = k - 2
					case 'b':
						v = float64(int(k) % 2)
					}
					cols[j] = append(cols[j], v)
				}
			}
			checkTable(t, tb, r.autoNames(ncols), cols)
		})
	}
}

func TestReadNPYErrors(t *testing.T) {
	r := NewReader()
	for _, tt := range []struct{ file, msg string }{
		{"data_f8_2x2x2_c.npy", "unsupported array shape (2, 2, 2): want 1-D or 2-D"},
		{"data_f8_scalar_c.npy", "unsupported array shape (): want 1-D or 2-D"},
		{"data_c16_3_c.npy", "unsupported dtype <c16: want an integer or float dtype"},
		{"data_f8_0x3_c.npy", "empty file: shape (0, 3)"},
		{"data_f8_0_c.npy", "empty file: shape (0,)"},
	} {
		path := filepath.Join("testdata", "read", tt.file)
		_, err := r.Read(path)
		if want := path + ": " + tt.msg; err == nil || err.Error() != want {
			t.Errorf("Read(%s) = %v; want %s", path, err, want)
		}
	}
	// Not a .npy file: npyio's error, naming the file.
	path := writeFile(t, "bad.npy", "not numpy")
	_, err := r.Read(path)
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("Read(bad.npy) = %v; want an error naming %s", err, path)
	}
}
