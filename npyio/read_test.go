package npyio

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// fixture is a parsed fixture name: data_<dtype>_<shape>_<order>[_v<n>].npy
// (see testdata/gen.py).
type fixture struct {
	kind    byte
	size    int
	big     bool
	shape   []int
	fortran bool
	major   byte
}

func parseFixtureName(t *testing.T, path string) fixture {
	t.Helper()
	name := strings.TrimSuffix(filepath.Base(path), ".npy")
	parts := strings.Split(name, "_")
	if len(parts) < 4 || parts[0] != "data" {
		t.Fatalf("bad fixture name %s", name)
	}
	fx := fixture{kind: parts[1][0], major: 1}
	dt := parts[1][1:]
	if strings.HasSuffix(dt, "be") {
		fx.big, dt = true, strings.TrimSuffix(dt, "be")
	}
	var err error
	if fx.size, err = strconv.Atoi(dt); err != nil {
		t.Fatalf("bad dtype in %s", name)
	}
	fx.shape = []int{}
	if parts[2] != "scalar" {
		for _, d := range strings.Split(parts[2], "x") {
			n, err := strconv.Atoi(d)
			if err != nil {
				t.Fatalf("bad shape in %s", name)
			}
			fx.shape = append(fx.shape, n)
		}
	}
	fx.fortran = parts[3] == "F"
	if len(parts) == 5 {
		fx.major = parts[4][1] - '0'
	}
	return fx
}

func (fx fixture) descr() string {
	switch {
	case fx.size == 1:
		return "|" + string(fx.kind) + "1"
	case fx.big:
		return ">" + string(fx.kind) + strconv.Itoa(fx.size)
	}
	return "<" + string(fx.kind) + strconv.Itoa(fx.size)
}

func (fx fixture) count() int {
	n := 1
	for _, d := range fx.shape {
		n *= d
	}
	return n
}

// Multipliers of testdata/gen.py.
var (
	imul = map[int]int64{1: 5, 2: 1001, 4: 100003, 8: 700000000000000001}
	umul = map[int]uint64{1: 11, 2: 2801, 4: 186000001, 8: 802000000000000001}
)

// fixtureFloat is gen.py's value of C-index k of n elements, as float64
// (the real part for complex dtypes).
func fixtureFloat(kind byte, size, k, n int) float64 {
	h := n / 2
	switch kind {
	case 'b':
		if k%3 == 0 {
			return 1
		}
		return 0
	case 'i':
		return float64(int64(k-h) * imul[size])
	case 'u':
		return float64(uint64(k) * umul[size])
	case 'f':
		switch size {
		case 2:
			return float64(k-h) / 4
		case 4:
			return float64(float32(float64(k-h) / 3))
		}
		return float64(k-h) / 3
	}
	return float64(k-h) / 4
}

// fileOrder returns, for each position in a Fortran-order file of shape,
// the C index of the element stored there.
func fileOrder(shape []int, fortran bool) []int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	out := make([]int, n)
	for p := range out {
		if !fortran {
			out[p] = p
			continue
		}
		// Decompose p with the first axis fastest, recompose in C order.
		rest, c := p, 0
		idx := make([]int, len(shape))
		for i, d := range shape {
			idx[i] = rest % d
			rest /= d
		}
		for i, d := range shape {
			c = c*d + idx[i]
		}
		out[p] = c
	}
	return out
}

// fixtureData is the expected Array.Data of a fixture.
func fixtureData(fx fixture) any {
	n := fx.count()
	order := fileOrder(fx.shape, fx.fortran)
	h := n / 2
	switch fx.kind {
	case 'b':
		d := make([]bool, n)
		for p, k := range order {
			d[p] = k%3 == 0
		}
		return d
	case 'i':
		v := func(k int) int64 { return int64(k-h) * imul[fx.size] }
		switch fx.size {
		case 1:
			return fill(order, func(k int) int8 { return int8(v(k)) })
		case 2:
			return fill(order, func(k int) int16 { return int16(v(k)) })
		case 4:
			return fill(order, func(k int) int32 { return int32(v(k)) })
		}
		return fill(order, v)
	case 'u':
		v := func(k int) uint64 { return uint64(k) * umul[fx.size] }
		switch fx.size {
		case 1:
			return fill(order, func(k int) uint8 { return uint8(v(k)) })
		case 2:
			return fill(order, func(k int) uint16 { return uint16(v(k)) })
		case 4:
			return fill(order, func(k int) uint32 { return uint32(v(k)) })
		}
		return fill(order, v)
	case 'f':
		switch fx.size {
		case 2:
			// (k-h)/4 is exact in half precision: sign, exponent, fraction.
			return fill(order, func(k int) Float16 { return halfBits(float64(k-h) / 4) })
		case 4:
			return fill(order, func(k int) float32 { return float32(float64(k-h) / 3) })
		}
		return fill(order, func(k int) float64 { return float64(k-h) / 3 })
	}
	if fx.size == 8 {
		return fill(order, func(k int) complex64 { return complex(float32(k-h)/4, -float32(k)/2) })
	}
	return fill(order, func(k int) complex128 { return complex(float64(k-h)/4, -float64(k)/2) })
}

func fill[T any](order []int, f func(k int) T) []T {
	d := make([]T, len(order))
	for p, k := range order {
		d[p] = f(k)
	}
	return d
}

// halfBits encodes v, which must be exactly representable as a normal
// half-precision number or zero, as float16 bits.
func halfBits(v float64) Float16 {
	if v == 0 {
		if math.Signbit(v) {
			return 0x8000
		}
		return 0
	}
	var sign Float16
	if v < 0 {
		sign, v = 0x8000, -v
	}
	frac, exp := math.Frexp(v) // v = frac * 2^exp, frac in [0.5, 1)
	return sign | Float16(exp-1+15)<<10 | Float16((frac*2-1)*1024)
}

func TestReadFixtures(t *testing.T) {
	for _, path := range fixtures(t, "data_*.npy") {
		t.Run(filepath.Base(path), func(t *testing.T) {
			fx := parseFixtureName(t, path)
			a, err := ReadFile(path)
			if err != nil {
				t.Fatalf("ReadFile: %v", err)
			}
			if a.Descr != fx.descr() || a.Fortran != fx.fortran || !reflect.DeepEqual(a.Shape, fx.shape) || a.Major != fx.major || a.Minor != 0 {
				t.Fatalf("header = %s %v %v v%d.%d; want %s %v %v v%d.0",
					a.Descr, a.Fortran, a.Shape, a.Major, a.Minor, fx.descr(), fx.fortran, fx.shape, fx.major)
			}
			if want := fixtureData(fx); !reflect.DeepEqual(a.Data, want) {
				t.Errorf("Data = %v; want %v", a.Data, want)
			}
			n := fx.count()
			want := make([]float64, n)
			for k := range want {
				want[k] = fixtureFloat(fx.kind, fx.size, k, n)
			}
			if got := a.Float64s(); !sameFloats(got, want) {
				t.Errorf("Float64s() = %v; want %v", got, want)
			}
			if fx.kind == 'c' {
				got := complex128s(a)
				for k := range got {
					if w := complex(float64(k-n/2)/4, -float64(k)/2); got[k] != w {
						t.Fatalf("complex128s()[%d] = %v; want %v", k, got[k], w)
					}
				}
			}
			if a.IsComplex() != (fx.kind == 'c') {
				t.Errorf("IsComplex() = %v", a.IsComplex())
			}

			// The same from a stream of unknown size.
			raw := readBytes(t, path)
			b, err := Read(bytes.NewReader(raw), -1)
			if err != nil {
				t.Fatalf("Read(-1): %v", err)
			}
			if !reflect.DeepEqual(a, b) {
				t.Errorf("Read(-1) = %+v; want %+v", b, a)
			}

			// Re-encoding reproduces the file (the data part for versions
			// 2 and 3, which np.save does not pick).
			var out bytes.Buffer
			if _, err := encodeArray(&out, a); err != nil {
				t.Fatal(err)
			}
			got := out.Bytes()
			if fx.major != 1 {
				got, raw = got[len(EncodeHeader(a.Descr, a.Fortran, a.Shape)):], raw[a.DataOffset:]
			}
			if !bytes.Equal(got, raw) {
				t.Errorf("encodeArray differs from the file: %s", diffBytes(got, raw))
			}
		})
	}
}

func TestFloat16(t *testing.T) {
	for bits := range 1 << 16 {
		h := Float16(bits)
		got := h.Float32()
		sign, exp, frac := bits>>15, bits>>10&0x1f, bits&0x3ff
		var want float64
		switch {
		case exp == 0x1f && frac != 0:
			// NaN: payload kept in the top fraction bits, as numpy does.
			wantBits := uint32(sign)<<31 | 0x7f800000 | uint32(frac)<<13
			if math.Float32bits(got) != wantBits {
				t.Fatalf("Float16(%#04x).Float32() bits = %#08x; want %#08x", bits, math.Float32bits(got), wantBits)
			}
			continue
		case exp == 0x1f:
			want = math.Inf(1)
		case exp == 0:
			want = math.Ldexp(float64(frac), -24)
		default:
			want = math.Ldexp(1+float64(frac)/1024, exp-15)
		}
		if sign == 1 {
			want = -want
		}
		if !sameFloat(float64(got), want) || h.Float64() != float64(got) {
			t.Fatalf("Float16(%#04x).Float32() = %v; want %v", bits, got, want)
		}
	}
}

// npyFile builds a .npy file from a header dict text (padded with numpy's
// rules) and a body.
func npyFile(dict string, body []byte) []byte {
	return append(wrapHeader([]byte(dict), 1), body...)
}

func f8Body(vals ...float64) []byte {
	var b []byte
	for _, v := range vals {
		b = append(b, encode(dtypeInfo{kind: kindFloat, size: 8}, nil, []float64{v}, 0, 1)...)
	}
	return b
}

func TestReadErrors(t *testing.T) {
	good := npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", f8Body(1, 2, 3))
	for _, tc := range []struct {
		name   string
		data   []byte
		size   int64 // -2: len(data)
		want   error
		detail string // a substring of the message
	}{
		{"truncated", good[:len(good)-5], -2, io.ErrUnexpectedEOF, "element 2 of 3"},
		{"truncated stream", good[:len(good)-5], -1, io.ErrUnexpectedEOF, "element 2 of 3"},
		{"header without data", good[:128], -2, io.ErrUnexpectedEOF, "element 0 of 3"},
		{"header without data stream", good[:128], -1, io.ErrUnexpectedEOF, "element 0 of 3"},
		{"trailing", append(good[:len(good):len(good)], 0), -2, ErrTrailingData, "1 bytes after 3 elements"},
		{"trailing stream", append(good[:len(good):len(good)], 0), -1, ErrTrailingData, "after 3 elements"},
		{"size smaller than header", good, 20, io.ErrUnexpectedEOF, "element 0 of 3"},
		{"bad bool", npyFile("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }", []byte{0, 1, 2}), -2, ErrBadData, "element 2"},
		{"bad bool stream", npyFile("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }", []byte{0, 7, 1}), -1, ErrBadData, "element 1"},
		{"huge shape, tiny file", npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000,), }", nil), -2, io.ErrUnexpectedEOF, "element 0 of 1000000000000"},
		{"huge shape, tiny stream", npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000,), }", nil), -1, io.ErrUnexpectedEOF, "element 0 of 1000000000000"},
		{"empty", nil, -2, io.ErrUnexpectedEOF, "empty file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			size := tc.size
			if size == -2 {
				size = int64(len(tc.data))
			}
			a, err := Read(bytes.NewReader(tc.data), size)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Read = %v, %v; want error %v", a, err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.detail) {
				t.Errorf("error %q does not contain %q", err, tc.detail)
			}
			var fe *FormatError
			if !errors.As(err, &fe) {
				t.Errorf("error %T is not a *FormatError", err)
			}
		})
	}
}

func TestReadFileErrorsNamePath(t *testing.T) {
	dir := t.TempDir()
	good := npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", f8Body(1, 2, 3))
	for _, tc := range []struct {
		name string
		data []byte
		want error
	}{
		{"short.npy", good[:len(good)-8], io.ErrUnexpectedEOF},
		{"magic.npy", append([]byte("\x93NUMPX"), good[6:]...), ErrBadMagic},
		{"shape.npy", npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }", nil), ErrBadShape},
	} {
		path := filepath.Join(dir, tc.name)
		if err := os.WriteFile(path, tc.data, 0o666); err != nil {
			t.Fatal(err)
		}
		_, err := ReadFile(path)
		if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), path) {
			t.Errorf("ReadFile(%s) = %v; want %v naming the path", tc.name, err, tc.want)
		}
	}
	if _, err := ReadFile(filepath.Join(dir, "missing.npy")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReadFile(missing) = %v; want ErrNotExist", err)
	}
}

func TestFortranToC(t *testing.T) {
	for _, shape := range [][]int{{2, 3}, {3, 1}, {1, 4}, {2, 3, 4}, {2, 1, 3, 2}, {0, 3}} {
		t.Run(fmt.Sprint(shape), func(t *testing.T) {
			order := fileOrder(shape, true)
			src := make([]int, len(order))
			copy(src, order) // position p holds its C index
			got := fortranToC(src, shape)
			for c, v := range got {
				if v != c {
					t.Fatalf("fortranToC(%v)[%d] = %d; want %d", shape, c, v, c)
				}
			}
		})
	}
}

// TestReadNext reads arrays one after another from one stream.
func TestReadNext(t *testing.T) {
	var stream bytes.Buffer
	want := []*Array{
		{Header: Header{Descr: "<f8", Shape: []int{2, 3}}, Data: []float64{1, 2, 3, 4, 5, 6}},
		{Header: Header{Descr: "<i8", Shape: []int{2}}, Data: []int64{7, -8}},
		{Header: Header{Descr: ">f4", Shape: []int{}}, Data: []float32{0.5}},
	}
	for _, a := range want {
		if _, err := encodeArray(&stream, a); err != nil {
			t.Fatal(err)
		}
	}
	stream.WriteString("tail")
	for i, w := range want {
		got, err := ReadNext(&stream)
		if err != nil {
			t.Fatalf("array %d: %v", i, err)
		}
		if !slices.Equal(got.Shape, w.Shape) || !slices.Equal(got.Float64s(), w.Float64s()) {
			t.Errorf("array %d: %v %v; want %v %v", i, got.Shape, got.Float64s(), w.Shape, w.Float64s())
		}
	}
	if rest := stream.String(); rest != "tail" {
		t.Errorf("left %q; want the stream after the arrays", rest)
	}
	if _, err := ReadNext(strings.NewReader("\\x93NUMPY\\x01\\x00\\x76\\x00{'descr': '<f8', 'fortran_order': False, 'shape': (5,), }")); err == nil {
		t.Error("a short stream read without an error")
	}
}
