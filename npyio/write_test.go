package npyio

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeArray writes vals (rows x max(width, 1)) with a Writer and returns
// the file's bytes.
func writeArray(t *testing.T, dtype DType, width int, vals []float64) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "w.npy")
	w, err := Create(path, dtype, width)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	n := max(width, 1)
	for i := 0; i+n <= len(vals); i += n {
		if err := w.WriteRow(vals[i : i+n]); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := w.Rows(), len(vals)/n; got != want {
		t.Errorf("Rows() = %d; want %d", got, want)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return readBytes(t, path)
}

// The Writer reproduces the np.save fixtures of its dtypes.
func TestWriterFixtures(t *testing.T) {
	for _, tc := range []struct {
		dtype DType
		kind  byte
	}{{Float64, 'f'}, {Float32, 'f'}, {Int64, 'i'}} {
		size := tc.dtype.Size()
		for _, shape := range []string{"0", "5", "0x3", "3x4"} {
			name := fmt.Sprintf("data_%c%d_%s_C.npy", tc.kind, size, shape)
			t.Run(name, func(t *testing.T) {
				fx := parseFixtureName(t, filepath.Join(fixtureDir, name))
				width := 0
				if len(fx.shape) == 2 {
					width = fx.shape[1]
				}
				n := fx.count()
				vals := make([]float64, n)
				for k := range vals {
					vals[k] = fixtureFloat(tc.kind, size, k, n)
				}
				path := filepath.Join(t.TempDir(), "w.npy")
				w, err := Create(path, tc.dtype, width)
				if err != nil {
					t.Fatal(err)
				}
				if tc.dtype == Int64 {
					ints := make([]int64, n)
					for k := range ints {
						ints[k] = int64(k-n/2) * imul[8]
					}
					err = w.WriteInt64s(ints)
				} else {
					for i := 0; i < n; i += max(width, 1) {
						if err = w.WriteRow(vals[i : i+max(width, 1)]); err != nil {
							break
						}
					}
				}
				if err != nil {
					t.Fatal(err)
				}
				if err := w.Close(); err != nil {
					t.Fatal(err)
				}
				got, want := readBytes(t, path), readBytes(t, filepath.Join(fixtureDir, name))
				if !bytes.Equal(got, want) {
					t.Errorf("differs from np.save: %s", diffBytes(got, want))
				}
			})
		}
	}
}

// randomValues returns n values of every kind: ordinary, huge, tiny,
// subnormal, NaN, infinities, -0.
func randomValues(r *rand.Rand, n int) []float64 {
	special := []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), 0,
		5e-324, math.MaxFloat64, -math.SmallestNonzeroFloat64, 1e300, -1e-300}
	vals := make([]float64, n)
	for i := range vals {
		switch r.IntN(10) {
		case 0:
			vals[i] = special[r.IntN(len(special))]
		case 1:
			vals[i] = math.Float64frombits(r.Uint64())
		default:
			vals[i] = r.NormFloat64() * math.Pow(10, float64(r.IntN(20)-10))
		}
	}
	return vals
}

// The Writer's output equals np.save of the same values, for each dtype,
// 1-D and 2-D, with 0, 1 and many rows, and wide rows.
func TestWriterNumpy(t *testing.T) {
	needNumpy(t)
	r := rand.New(rand.NewPCG(1, 1))
	dir := t.TempDir()
	type wcase struct {
		dtype       DType
		rows, width int
	}
	var cases []wcase
	for _, dt := range []DType{Float64, Float32, Int64} {
		for _, rows := range []int{0, 1, 1000} {
			for _, width := range []int{0, 1, 72} {
				cases = append(cases, wcase{dt, rows, width})
			}
		}
		cases = append(cases, wcase{dt, 3, 150000}) // rows longer than the buffer
	}
	var script strings.Builder
	script.WriteString("import numpy as np\n")
	for i, c := range cases {
		n := c.rows * max(c.width, 1)
		vals := randomValues(r, n)
		var raw []byte
		if c.dtype == Int64 {
			ints := make([]int64, n)
			for k := range ints {
				ints[k] = int64(r.Uint64())
				if k%7 == 0 {
					ints[k] >>= r.IntN(64)
				}
				vals[k] = float64(ints[k] >> 11) // exact in float64
				ints[k] >>= 11
				raw = binary.LittleEndian.AppendUint64(raw, uint64(ints[k]))
			}
		} else {
			for _, v := range vals {
				raw = binary.LittleEndian.AppendUint64(raw, math.Float64bits(v))
			}
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%d.bin", i)), raw, 0o666); err != nil {
			t.Fatal(err)
		}
		src := "<f8"
		if c.dtype == Int64 {
			src = "<i8"
		}
		shape := fmt.Sprintf("(%d,)", c.rows)
		if c.width > 0 {
			shape = fmt.Sprintf("(%d, %d)", c.rows, c.width)
		}
		fmt.Fprintf(&script, "np.save('%d.npy', np.fromfile('%d.bin', dtype='%s').astype('%s').reshape(%s))\n",
			i, i, src, c.dtype.Descr(), shape)
		path := filepath.Join(dir, fmt.Sprintf("%d.go.npy", i))
		w, err := Create(path, c.dtype, c.width)
		if err != nil {
			t.Fatal(err)
		}
		step := max(c.width, 1)
		for k := 0; k < n; k += step {
			if err := w.WriteRow(vals[k : k+step]); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	runPython(t, dir, script.String())
	for i, c := range cases {
		got := readBytes(t, filepath.Join(dir, fmt.Sprintf("%d.go.npy", i)))
		want := readBytes(t, filepath.Join(dir, fmt.Sprintf("%d.npy", i)))
		if !bytes.Equal(got, want) {
			t.Errorf("%s, %d rows, width %d: differs from np.save: %s", c.dtype, c.rows, c.width, diffBytes(got, want))
		}
	}
}

func TestWriterInt64(t *testing.T) {
	path := filepath.Join(t.TempDir(), "i.npy")
	w, err := Create(path, Int64, 2)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	for _, row := range [][]float64{{1.5, 0}, {math.NaN(), 0}, {0, math.Inf(1)}, {9.223372036854775808e18, 0}} {
		if err := w.WriteRow(row); !errors.Is(err, ErrNotInteger) {
			t.Errorf("WriteRow(%v) = %v; want ErrNotInteger", row, err)
		}
	}
	if err := w.WriteRow([]float64{-9.223372036854775808e18, 3}); err != nil {
		t.Errorf("WriteRow(-2^63, 3) = %v", err)
	}
	if err := w.WriteInt64s([]int64{math.MaxInt64, 7, 8, 9}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	a, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []int64{math.MinInt64, 3, math.MaxInt64, 7, 8, 9}
	if got, ok := a.Data.([]int64); !ok || fmt.Sprint(got) != fmt.Sprint(want) || fmt.Sprint(a.Shape) != "[3 2]" {
		t.Errorf("read back %v %v; want %v [3 2]", a.Data, a.Shape, want)
	}
}

func TestWriterPanics(t *testing.T) {
	dir := t.TempDir()
	mustPanic := func(name string, f func()) {
		t.Helper()
		defer func() {
			r := recover()
			if s, ok := r.(string); !ok || !strings.HasPrefix(s, "npyio: ") {
				t.Errorf("%s: recover() = %v; want an npyio panic", name, r)
			}
		}()
		f()
	}
	w, err := Create(filepath.Join(dir, "a.npy"), Float64, 3)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	mustPanic("short row", func() { w.WriteRow([]float64{1, 2}) })
	mustPanic("long row", func() { w.WriteRow([]float64{1, 2, 3, 4}) })
	mustPanic("WriteInt64s on float64", func() { w.WriteInt64s([]int64{1, 2, 3}) })
	mustPanic("negative width", func() { Create(filepath.Join(dir, "b.npy"), Float64, -1) })
	mustPanic("bad dtype", func() { Create(filepath.Join(dir, "c.npy"), DType(7), 0) })
	v, err := Create(filepath.Join(dir, "d.npy"), Int64, 2)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Abort()
	mustPanic("partial rows", func() { v.WriteInt64s([]int64{1, 2, 3}) })
	mustPanic("1-D row of 2", func() {
		u, _ := Create(filepath.Join(dir, "e.npy"), Float32, 0)
		defer u.Abort()
		u.WriteRow([]float64{1, 2})
	})
}

func TestWriterLifecycle(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.npy")

	// Abort removes the file.
	w, err := Create(path, Float64, 0)
	if err != nil {
		t.Fatal(err)
	}
	w.WriteRow([]float64{1})
	w.Abort()
	w.Abort()
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("after Abort, Stat = %v; want ErrNotExist", err)
	}
	if err := w.WriteRow([]float64{1}); !errors.Is(err, ErrClosed) {
		t.Errorf("WriteRow after Abort = %v; want ErrClosed", err)
	}

	// Abort after a successful Close keeps the file.
	w, err = Create(path, Float64, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	w.Abort()
	if _, err := ReadFile(path); err != nil {
		t.Errorf("after Close and Abort, ReadFile = %v", err)
	}
	if err := w.Close(); !errors.Is(err, ErrClosed) {
		t.Errorf("second Close = %v; want ErrClosed", err)
	}
	if err := w.WriteRow([]float64{1}); !errors.Is(err, ErrClosed) {
		t.Errorf("WriteRow after Close = %v; want ErrClosed", err)
	}

	// Create in a missing directory fails.
	if _, err := Create(filepath.Join(dir, "no", "such.npy"), Float64, 0); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Create in a missing directory = %v; want ErrNotExist", err)
	}
}

// NewWriter writes at the file's offset and patches the header there.
func TestNewWriterOffset(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.bin")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("PREFIX")
	w, err := NewWriter(f, Float32, 2)
	if err != nil {
		t.Fatal(err)
	}
	w.WriteRow([]float64{1, 2})
	w.WriteRow([]float64{3, 4})
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	raw := readBytes(t, path)
	if !bytes.HasPrefix(raw, []byte("PREFIX")) {
		t.Fatalf("prefix lost: %q", raw[:10])
	}
	a, err := Read(bytes.NewReader(raw[6:]), int64(len(raw)-6))
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Float64s(); fmt.Sprint(got, a.Shape) != "[1 2 3 4] [2 2]" {
		t.Errorf("read back %v %v; want [1 2 3 4] [2 2]", got, a.Shape)
	}
}

func TestWriterAppendFile(t *testing.T) {
	dir := t.TempDir()
	part := func(name string, dtype DType, width int, rows ...[]float64) string {
		p := filepath.Join(dir, name)
		w, err := Create(p, dtype, width)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if err := w.WriteRow(r); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		return p
	}
	p1 := part("p1.npy", Float64, 2, []float64{1, 2}, []float64{3, 4})
	p2 := part("p2.npy", Float64, 2)
	p3 := part("p3.npy", Float64, 2, []float64{5, 6})
	bad1 := part("width3.npy", Float64, 3, []float64{1, 2, 3})
	bad2 := part("f4.npy", Float32, 2, []float64{1, 2})
	bad3 := part("1d.npy", Float64, 0, []float64{1})

	out := filepath.Join(dir, "out.npy")
	w, err := Create(out, Float64, 2)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	if err := w.WriteRow([]float64{-1, -2}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		rows int
		want error
	}{
		{p1, 2, nil},
		{bad1, 0, ErrBadShape},
		{p2, 0, nil},
		{bad2, 0, ErrMismatch},
		{bad3, 0, ErrBadShape},
		{filepath.Join(dir, "missing.npy"), 0, os.ErrNotExist},
		{p3, 1, nil},
	} {
		n, err := w.AppendFile(tc.path)
		if !errors.Is(err, tc.want) || n != tc.rows {
			t.Errorf("AppendFile(%s) = %d, %v; want %d, %v", filepath.Base(tc.path), n, err, tc.rows, tc.want)
		}
		if err != nil && !strings.Contains(err.Error(), tc.path) {
			t.Errorf("AppendFile(%s) error %q does not name the part", filepath.Base(tc.path), err)
		}
	}
	if err := w.WriteRow([]float64{7, 8}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	want := writeArray(t, Float64, 2, []float64{-1, -2, 1, 2, 3, 4, 5, 6, 7, 8})
	if got := readBytes(t, out); !bytes.Equal(got, want) {
		t.Errorf("appended file differs: %s", diffBytes(got, want))
	}
}

func TestWriterNoAlloc(t *testing.T) {
	for _, dt := range []DType{Float64, Float32, Int64} {
		w, err := Create(filepath.Join(t.TempDir(), "a.npy"), dt, 72)
		if err != nil {
			t.Fatal(err)
		}
		row := make([]float64, 72)
		ints := make([]int64, 72)
		if n := testing.AllocsPerRun(1000, func() { w.WriteRow(row) }); n != 0 {
			t.Errorf("%s: WriteRow allocates %v times; want 0", dt, n)
		}
		if dt == Int64 {
			if n := testing.AllocsPerRun(1000, func() { w.WriteInt64s(ints) }); n != 0 {
				t.Errorf("WriteInt64s allocates %v times; want 0", n)
			}
		}
		w.Abort()
	}
}

// TestWriterDataCRC: DataCRC is the CRC-32C of the bytes after the header,
// as DataCRC of the file reads them; SkipSync changes nothing in the file;
// AppendFile makes the CRC unavailable.
func TestWriterDataCRC(t *testing.T) {
	dir := t.TempDir()
	for _, skip := range []bool{false, true} {
		path := filepath.Join(dir, fmt.Sprintf("a-%v.npy", skip))
		w, err := Create(path, Float64, 3)
		if err != nil {
			t.Fatal(err)
		}
		if skip {
			w.SkipSync()
		}
		for i := range 5000 {
			if err := w.WriteRow([]float64{float64(i), -0.5, 1e300}); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		crc, ok := w.DataCRC()
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		h, err := ReadHeader(f)
		if err != nil {
			t.Fatal(err)
		}
		f.Seek(h.DataOffset, io.SeekStart)
		got, err := DataCRC(f)
		f.Close()
		if err != nil || !ok || got != crc || crc == 0 {
			t.Errorf("skip %v: Writer.DataCRC = %#x, %v; file's = %#x, %v", skip, crc, ok, got, err)
		}
	}
	w, err := Create(filepath.Join(dir, "b.npy"), Float64, 3)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.AppendFile(filepath.Join(dir, "a-true.npy")); err != nil {
		t.Fatal(err)
	}
	if _, ok := w.DataCRC(); ok {
		t.Error("DataCRC ok after AppendFile")
	}
	w.Close()
}

// StartWriteback between rows and appended parts leaves the same bytes as
// a Writer that never calls it.
func TestWriterStartWriteback(t *testing.T) {
	dir := t.TempDir()
	part := filepath.Join(dir, "part.npy")
	var vals []float64
	for i := range 500 {
		vals = append(vals, float64(i), -float64(i), 0.5)
	}
	if err := os.WriteFile(part, writeArray(t, Float64, 3, vals), 0o644); err != nil {
		t.Fatal(err)
	}
	write := func(path string, hint bool) []byte {
		w, err := Create(path, Float64, 3)
		if err != nil {
			t.Fatal(err)
		}
		for round := range 3 {
			w.WriteRow([]float64{1, 2, float64(round)})
			if hint {
				w.StartWriteback()
			}
			if _, err := w.AppendFile(part); err != nil {
				t.Fatal(err)
			}
			if hint {
				w.StartWriteback()
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		return readBytes(t, path)
	}
	plain, hinted := write(filepath.Join(dir, "plain.npy"), false), write(filepath.Join(dir, "hinted.npy"), true)
	if !bytes.Equal(plain, hinted) {
		t.Fatalf("with StartWriteback the file differs (%d bytes against %d)", len(hinted), len(plain))
	}
	if rows, err := ReadFile(filepath.Join(dir, "hinted.npy")); err != nil || rows.Shape[0] != 1503 {
		t.Fatalf("ReadFile = %v, %v; want 1503 rows", rows, err)
	}
	// After Close it does nothing (and must not panic).
	w, _ := Create(filepath.Join(dir, "closed.npy"), Float64, 0)
	w.Close()
	w.StartWriteback()
}
