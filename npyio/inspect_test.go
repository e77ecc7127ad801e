package npyio

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats"
)

// colStatsOf computes per-column min, mean and max of rows directly.
func colStatsOf(rows [][]float64) (lo, mean, hi []float64) {
	cols := len(rows[0])
	for j := range cols {
		col := make([]float64, len(rows))
		for i := range rows {
			col[i] = rows[i][j]
		}
		lo = append(lo, floats.Min(col))
		hi = append(hi, floats.Max(col))
		mean = append(mean, floats.Sum(col)/float64(len(col)))
	}
	return lo, mean, hi
}

func TestInspectFixtures(t *testing.T) {
	for _, name := range []string{"data_f8_3x4_C.npy", "data_f8_3x4_F.npy", "data_i2be_2x3x4_F.npy",
		"data_u1_5_C.npy", "data_c16_5_C_v3.npy", "data_f4_scalar_C.npy", "data_b1_0x3_C.npy"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(fixtureDir, name)
			fx := parseFixtureName(t, path)
			info, err := Inspect(path, 2)
			if err != nil {
				t.Fatal(err)
			}
			fi, _ := os.Stat(path)
			wantVersion := map[byte]string{1: "1.0", 2: "2.0", 3: "3.0"}[fx.major]
			if info.Path != path || info.Descr != fx.descr() || !reflect.DeepEqual(info.Shape, fx.shape) ||
				info.Fortran != fx.fortran || info.FileSize != fi.Size() || info.Version != wantVersion ||
				info.DataOffset != int64(info.HeaderLen)+map[byte]int64{1: 10, 2: 12, 3: 12}[fx.major] {
				t.Errorf("Inspect = %+v", info)
			}
			if len(info.Problems) != 0 {
				t.Errorf("Problems = %q; want none", info.Problems)
			}
			// Expected rows: C order, flattened after axis 0.
			n := fx.count()
			rowsN, cols := 1, 1
			if len(fx.shape) > 0 {
				rowsN = fx.shape[0]
				cols = 1
				for _, d := range fx.shape[1:] {
					cols *= d
				}
			}
			var rows [][]float64
			for i := range rowsN {
				var row []float64
				for j := range cols {
					row = append(row, fixtureFloat(fx.kind, fx.size, i*cols+j, n))
				}
				rows = append(rows, row)
			}
			wantHead := rows[:min(2, len(rows))]
			if len(wantHead) == 0 || cols == 0 {
				wantHead = nil
			}
			if !reflect.DeepEqual(info.Head, wantHead) {
				t.Errorf("Head = %v; want %v", info.Head, wantHead)
			}
			if n == 0 {
				if info.Min != nil || info.Mean != nil || info.Max != nil {
					t.Errorf("stats of an empty array = %v %v %v; want nil", info.Min, info.Mean, info.Max)
				}
				return
			}
			lo, mean, hi := colStatsOf(rows)
			if !floats.Equal(info.Min, lo) || !floats.Equal(info.Max, hi) || !floats.EqualApprox(info.Mean, mean, 1e-12) {
				t.Errorf("stats = %v %v %v; want %v %v %v", info.Min, info.Mean, info.Max, lo, mean, hi)
			}
			var text bytes.Buffer
			if err := info.WriteText(&text); err != nil {
				t.Fatal(err)
			}
			for _, s := range []string{path, info.Descr, ShapeString(fx.shape), "min", "mean", "max"} {
				if !strings.Contains(text.String(), s) {
					t.Errorf("WriteText output lacks %q:\n%s", s, text.String())
				}
			}
		})
	}
}

func TestInspectProblems(t *testing.T) {
	dir := t.TempDir()
	raw := readBytes(t, filepath.Join(fixtureDir, "data_f8_3x4_C.npy"))
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o666); err != nil {
			t.Fatal(err)
		}
		return p
	}
	n := 12
	val := func(k int) float64 { return fixtureFloat('f', 8, k, n) }

	// Truncated in the middle of row 1 (element 6 is cut).
	info, err := Inspect(write("short.npy", raw[:128+6*8+3]), 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(info.Problems) != 1 || !strings.Contains(info.Problems[0], "truncated body: 51 of 96 data bytes, 6 of 12 elements") {
		t.Errorf("Problems = %q; want a truncated body", info.Problems)
	}
	if len(info.Head) != 1 || !floats.Equal(info.Head[0], []float64{val(0), val(1), val(2), val(3)}) {
		t.Errorf("Head = %v; want the one complete row", info.Head)
	}
	wantMin := []float64{val(0), val(1), val(2), val(3)}
	wantMax := []float64{val(4), val(5), val(2), val(3)}
	if !floats.Equal(info.Min, wantMin) || !floats.Equal(info.Max, wantMax) {
		t.Errorf("stats over the complete elements = %v %v; want %v %v", info.Min, info.Max, wantMin, wantMax)
	}

	// Trailing bytes.
	info, err = Inspect(write("long.npy", append(raw[:len(raw):len(raw)], "junk"...)), 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(info.Problems) != 1 || info.Problems[0] != "4 trailing bytes after the data" || len(info.Head) != 1 {
		t.Errorf("Problems = %q, Head = %v; want trailing bytes and one row", info.Problems, info.Head)
	}

	// Header only, with a shape far larger than the file.
	huge := EncodeHeader("<f8", false, []int{1 << 30, 1 << 20})
	info, err = Inspect(write("huge.npy", huge), 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(info.Problems) != 1 || info.Head != nil || info.Min != nil || !strings.Contains(info.Problems[0], "truncated") {
		t.Errorf("Inspect(huge header) = %+v", info)
	}

	// Bad bool bytes.
	bools := append(EncodeHeader("|b1", false, []int{4}), 0, 1, 2, 1)
	info, err = Inspect(write("bool.npy", bools), 4)
	if err != nil {
		t.Fatal(err)
	}
	if len(info.Problems) != 1 || info.Problems[0] != "1 bool bytes are not 0 or 1" {
		t.Errorf("Problems = %q; want a bad bool", info.Problems)
	}

	// NaN propagates; JSON carries non-finite values as strings.
	nanFile := append(EncodeHeader("<f8", false, []int{3, 2}), f8Body(1, math.Inf(1), math.NaN(), 2, 3, 4)...)
	info, err = Inspect(write("nan.npy", nanFile), 1)
	if err != nil {
		t.Fatal(err)
	}
	if !math.IsNaN(info.Min[0]) || !math.IsNaN(info.Mean[0]) || info.Max[1] != math.Inf(1) || info.Min[1] != 2 {
		t.Errorf("stats with NaN and Inf = %v %v %v", info.Min, info.Mean, info.Max)
	}
	js, err := json.Marshal(info)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`"min":["nan",2]`, `"max":["nan","inf"]`, `"head":[[1,"inf"]]`, `"fortran_order":false`} {
		if !strings.Contains(string(js), s) {
			t.Errorf("JSON %s lacks %s", js, s)
		}
	}

	// Rows wider than MaxInspectColumns: one overall statistic, clipped head.
	wide := EncodeHeader("<f4", false, []int{2, MaxInspectColumns + 1})
	for k := range 2 * (MaxInspectColumns + 1) {
		wide = append(wide, encode(dtypeInfo{kind: kindFloat, size: 4}, nil, []float32{float32(k)}, 0, 1)...)
	}
	info, err = Inspect(write("wide.npy", wide), 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(info.Min) != 1 || info.Min[0] != 0 || info.Max[0] != float64(2*MaxInspectColumns+1) ||
		len(info.Head) != 2 || len(info.Head[1]) != MaxInspectColumns || info.Head[1][0] != MaxInspectColumns+1 {
		t.Errorf("Inspect(wide) = min %v max %v, %d head rows", info.Min, info.Max, len(info.Head))
	}

	// A broken header is an error naming the file.
	for _, tc := range []struct {
		name string
		data []byte
		want error
	}{
		{"magic.npy", append([]byte("NUMPY!"), raw[6:]...), ErrBadMagic},
		{"header.npy", raw[:50], io.ErrUnexpectedEOF},
		{"shape.npy", rawHeader(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (x,)}"), ErrBadHeader},
	} {
		p := write(tc.name, tc.data)
		if _, err := Inspect(p, 1); !errors.Is(err, tc.want) || !strings.Contains(err.Error(), p) {
			t.Errorf("Inspect(%s) = %v; want %v naming the file", tc.name, err, tc.want)
		}
	}
}
