package npyio

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// fixtureDir holds the numpy-written fixtures made by testdata/gen.py.
const fixtureDir = "../testdata/npy"

const python = "/usr/bin/python3"

// needNumpy skips the test unless python3 with numpy is installed (the CI
// script installs it).
func needNumpy(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("numpy interop test skipped in -short mode")
	}
	if err := exec.Command(python, "-c", "import numpy").Run(); err != nil {
		t.Skipf("%s with numpy not available: %v", python, err)
	}
}

// runPython runs script with args in dir and fails the test on error.
func runPython(t testing.TB, dir, script string, args ...string) string {
	t.Helper()
	cmd := exec.Command(python, append([]string{"-c", script}, args...)...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python: %v\n%s", err, stderr.String())
	}
	return string(out)
}

// fixtures returns the paths of the fixtures matching pattern.
func fixtures(t testing.TB, pattern string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(fixtureDir, pattern))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatalf("no fixtures %s in %s: run /usr/bin/python3 testdata/gen.py", pattern, fixtureDir)
	}
	return paths
}

func readBytes(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sameFloat reports whether a and b are the same value: equal, or both
// NaN. Decoding and encoding must be exact, so no tolerance is used.
func sameFloat(a, b float64) bool {
	return a == b && math.Signbit(a) == math.Signbit(b) || math.IsNaN(a) && math.IsNaN(b)
}

func sameFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !sameFloat(a[i], b[i]) {
			return false
		}
	}
	return true
}

// firstDiff returns the offset of the first differing byte of a and b.
func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// diffBytes describes how got differs from want.
func diffBytes(got, want []byte) string {
	i := firstDiff(got, want)
	lo := max(i-16, 0)
	return fmt.Sprintf("lengths %d, %d; first difference at byte %d\ngot  %q\nwant %q",
		len(got), len(want), i, got[lo:min(i+32, len(got))], want[lo:min(i+32, len(want))])
}

// encodeArray writes a as a .npy file (a test oracle for the reader): EncodeHeader's header for its Descr,
// Fortran and Shape, then Data in the byte order of Descr. For a file read
// with a canonical np.save header this reproduces the file byte for byte.
func encodeArray(w io.Writer, a *Array) (int64, error) {
	t, ok := parseDescr(a.Descr)
	if !ok {
		return 0, formatErr(0, ErrUnknownDType, "descr %q", a.Descr)
	}
	hdr := EncodeHeader(a.Descr, a.Fortran, a.Shape)
	n, err := w.Write(hdr)
	total := int64(n)
	if err != nil {
		return total, err
	}
	buf := make([]byte, 0, readChunk)
	count := a.Count()
	for at := 0; at < count; {
		m := min(count-at, readChunk/t.size)
		buf = encode(t, buf[:0], a.Data, at, at+m)
		n, err := w.Write(buf)
		total += int64(n)
		if err != nil {
			return total, err
		}
		at += m
	}
	return total, nil
}

// encode appends elements [from, to) of data to buf in t's byte order.
func encode(t dtypeInfo, buf []byte, data any, from, to int) []byte {
	start := len(buf)
	le := binary.LittleEndian
	switch d := data.(type) {
	case []bool:
		for _, v := range d[from:to] {
			if v {
				buf = append(buf, 1)
			} else {
				buf = append(buf, 0)
			}
		}
	case []int8:
		for _, v := range d[from:to] {
			buf = append(buf, byte(v))
		}
	case []uint8:
		buf = append(buf, d[from:to]...)
	case []int16:
		for _, v := range d[from:to] {
			buf = le.AppendUint16(buf, uint16(v))
		}
	case []uint16:
		for _, v := range d[from:to] {
			buf = le.AppendUint16(buf, v)
		}
	case []Float16:
		for _, v := range d[from:to] {
			buf = le.AppendUint16(buf, uint16(v))
		}
	case []int32:
		for _, v := range d[from:to] {
			buf = le.AppendUint32(buf, uint32(v))
		}
	case []uint32:
		for _, v := range d[from:to] {
			buf = le.AppendUint32(buf, v)
		}
	case []float32:
		for _, v := range d[from:to] {
			buf = le.AppendUint32(buf, math.Float32bits(v))
		}
	case []int64:
		for _, v := range d[from:to] {
			buf = le.AppendUint64(buf, uint64(v))
		}
	case []uint64:
		for _, v := range d[from:to] {
			buf = le.AppendUint64(buf, v)
		}
	case []float64:
		for _, v := range d[from:to] {
			buf = le.AppendUint64(buf, math.Float64bits(v))
		}
	case []complex64:
		for _, v := range d[from:to] {
			buf = le.AppendUint32(buf, math.Float32bits(real(v)))
			buf = le.AppendUint32(buf, math.Float32bits(imag(v)))
		}
	case []complex128:
		for _, v := range d[from:to] {
			buf = le.AppendUint64(buf, math.Float64bits(real(v)))
			buf = le.AppendUint64(buf, math.Float64bits(imag(v)))
		}
	}
	if t.big {
		swapBytes(buf[start:], t.wordSize())
	}
	return buf
}

// complex128s returns every value as complex128 in C order (real values get
// a zero imaginary part). The result is newly allocated.
func complex128s(a *Array) []complex128 {
	var out []complex128
	switch d := a.Data.(type) {
	case []complex64:
		out = make([]complex128, len(d))
		for i, v := range d {
			out[i] = complex128(v)
		}
	case []complex128:
		out = append([]complex128(nil), d...)
	default:
		f := a.Float64s()
		out = make([]complex128, len(f))
		for i, v := range f {
			out[i] = complex(v, 0)
		}
		return out
	}
	if a.Fortran && len(a.Shape) > 1 {
		out = fortranToC(out, a.Shape)
	}
	return out
}
