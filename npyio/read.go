package npyio

import (
	"bytes"
	"encoding/binary"
	"io"
	"math"
	"math/bits"
	"os"
	"unsafe"
)

// Array is a whole .npy file read into memory.
//
// Data holds the values as stored, in file order (Fortran order if
// Fortran is set), as one of []bool (b1), []int8, []int16, []int32,
// []int64 (i1..i8), []uint8, []uint16, []uint32, []uint64 (u1..u8),
// []Float16 (f2), []float32, []float64 (f4, f8), []complex64 or
// []complex128 (c8, c16), whatever the byte order of the file.
// len(Data) == Count().
type Array struct {
	Header
	Data any
}

// readChunk is the size of the buffer used to read and decode data.
const readChunk = 1 << 20

// ReadFile reads the .npy file at path. It validates the header (see
// ReadHeader) and checks the element count against the file size before it
// allocates the data, so a corrupt header cannot cause a large allocation.
// A body shorter than the header promises is io.ErrUnexpectedEOF, extra
// bytes after the data are ErrTrailingData and a bool byte other than 0 or 1
// is ErrBadData. Errors name the path.
func ReadFile(path string) (*Array, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := fi.Size()
	if !fi.Mode().IsRegular() {
		size = -1
	}
	a, err := Read(f, size)
	return a, withFile(path, err)
}

// ReadBytes reads the whole .npy array held in data, as ReadFile reads a
// file; errors name the file name.
func ReadBytes(name string, data []byte) (*Array, error) {
	a, err := Read(bytes.NewReader(data), int64(len(data)))
	return a, withFile(name, err)
}

// Read reads a whole .npy array from r. size is the number of bytes r holds
// from its current position, or -1 if unknown. With a known size the data
// size is checked against it before anything is allocated; with an unknown
// size memory grows only as data actually arrives, and r is read to its end
// to check for trailing data. Errors are as for ReadFile, without a file
// name.
func Read(r io.Reader, size int64) (*Array, error) {
	return read(r, size, true)
}

// ReadNext reads one .npy array from r, a stream of several (a worker's
// answers): the header, then exactly the bytes of its data, leaving r at
// the next array. Memory grows only as data arrives. Errors are as for
// Read.
func ReadNext(r io.Reader) (*Array, error) {
	return read(r, -1, false)
}

func read(r io.Reader, size int64, whole bool) (*Array, error) {
	h, err := ReadHeader(r)
	if err != nil {
		return nil, err
	}
	t, _ := parseDescr(h.Descr)
	n := h.Count()
	need := int64(n) * int64(t.size)
	a := &Array{Header: *h}
	if size < 0 {
		raw, err := io.ReadAll(io.LimitReader(r, need))
		if err != nil {
			return nil, formatErr(h.DataOffset+int64(len(raw)), err, "reading data")
		}
		if int64(len(raw)) < need {
			return nil, shortBody(h, int64(len(raw)), t.size, n)
		}
		a.Data = makeData(t, n)
		if i, ok := decode(t, a.Data, 0, raw); !ok {
			return nil, badBool(h, i, t.size)
		}
		if !whole {
			return a, nil
		}
		var one [1]byte
		if m, _ := io.ReadFull(r, one[:]); m > 0 {
			return nil, formatErr(h.DataOffset+need, ErrTrailingData, "more bytes after %d elements", n)
		}
		return a, nil
	}

	avail := size - h.DataOffset
	if avail < need {
		return nil, shortBody(h, max(avail, 0), t.size, n)
	}
	if avail > need {
		return nil, formatErr(h.DataOffset+need, ErrTrailingData, "%d bytes after %d elements", avail-need, n)
	}
	a.Data = makeData(t, n)
	if raw := nativeBytes(t, a.Data); raw != nil {
		// Same layout in memory as on disk: read straight into the values.
		if m, err := io.ReadFull(r, raw); err != nil {
			if err == io.EOF || err == io.ErrUnexpectedEOF {
				return nil, shortBody(h, int64(m), t.size, n)
			}
			return nil, formatErr(h.DataOffset+int64(m), err, "reading data")
		}
		return a, nil
	}
	buf := make([]byte, min(need, readChunk/int64(t.size)*int64(t.size)))
	for at := 0; at < n; {
		chunk := buf[:min(len(buf), (n-at)*t.size)]
		if m, err := io.ReadFull(r, chunk); err != nil {
			if err == io.EOF || err == io.ErrUnexpectedEOF {
				return nil, shortBody(h, int64(at*t.size+m), t.size, n)
			}
			return nil, formatErr(h.DataOffset+int64(at*t.size+m), err, "reading data")
		}
		if i, ok := decode(t, a.Data, at, chunk); !ok {
			return nil, badBool(h, i, t.size)
		}
		at += len(chunk) / t.size
	}
	return a, nil
}

// shortBody is the error for a body of got bytes where n elements of
// itemSize bytes were expected.
func shortBody(h *Header, got int64, itemSize, n int) error {
	return formatErr(h.DataOffset+got, io.ErrUnexpectedEOF,
		"data ends in element %d of %d (%d of %d bytes)", got/int64(itemSize), n, got, int64(n)*int64(itemSize))
}

func badBool(h *Header, i, itemSize int) error {
	return formatErr(h.DataOffset+int64(i)*int64(itemSize), ErrBadData, "bool element %d is not 0 or 1", i)
}

// littleEndianHost is true where a little-endian file's bytes are the
// values' bytes in memory.
var littleEndianHost = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// nativeBytes returns the memory of data as bytes when the file's bytes can
// be read into it as they are (native byte order, not bool); else nil.
func nativeBytes(t dtypeInfo, data any) []byte {
	if t.big || !littleEndianHost || t.kind == kindBool {
		return nil
	}
	var p unsafe.Pointer
	var n int
	switch d := data.(type) {
	case []float64:
		p, n = unsafe.Pointer(unsafe.SliceData(d)), len(d)*8
	case []float32:
		p, n = unsafe.Pointer(unsafe.SliceData(d)), len(d)*4
	case []int64:
		p, n = unsafe.Pointer(unsafe.SliceData(d)), len(d)*8
	case []int32:
		p, n = unsafe.Pointer(unsafe.SliceData(d)), len(d)*4
	default:
		return nil
	}
	if n == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(p), n)
}

func makeData(t dtypeInfo, n int) any {
	switch t.kind {
	case kindBool:
		return make([]bool, n)
	case kindInt:
		switch t.size {
		case 1:
			return make([]int8, n)
		case 2:
			return make([]int16, n)
		case 4:
			return make([]int32, n)
		}
		return make([]int64, n)
	case kindUint:
		switch t.size {
		case 1:
			return make([]uint8, n)
		case 2:
			return make([]uint16, n)
		case 4:
			return make([]uint32, n)
		}
		return make([]uint64, n)
	case kindFloat:
		switch t.size {
		case 2:
			return make([]Float16, n)
		case 4:
			return make([]float32, n)
		}
		return make([]float64, n)
	}
	if t.size == 8 {
		return make([]complex64, n)
	}
	return make([]complex128, n)
}

// swapBytes reverses the byte order of each unit-byte word of b in place.
func swapBytes(b []byte, unit int) {
	switch unit {
	case 2:
		for i := 0; i+2 <= len(b); i += 2 {
			binary.LittleEndian.PutUint16(b[i:], bits.ReverseBytes16(binary.LittleEndian.Uint16(b[i:])))
		}
	case 4:
		for i := 0; i+4 <= len(b); i += 4 {
			binary.LittleEndian.PutUint32(b[i:], bits.ReverseBytes32(binary.LittleEndian.Uint32(b[i:])))
		}
	case 8:
		for i := 0; i+8 <= len(b); i += 8 {
			binary.LittleEndian.PutUint64(b[i:], bits.ReverseBytes64(binary.LittleEndian.Uint64(b[i:])))
		}
	}
}

// wordSize is the unit of byte swapping: the element size, or half of it
// for complex values.
func (t dtypeInfo) wordSize() int {
	if t.kind == kindComplex {
		return t.size / 2
	}
	return t.size
}

// decode decodes raw (whole elements; swapped in place if big-endian) into
// data starting at element at. For bool data it reports the index of the
// first byte that is not 0 or 1 and false.
func decode(t dtypeInfo, data any, at int, raw []byte) (int, bool) {
	if t.big {
		swapBytes(raw, t.wordSize())
	}
	le := binary.LittleEndian
	switch d := data.(type) {
	case []bool:
		d = d[at : at+len(raw)]
		for i, c := range raw {
			if c > 1 {
				return at + i, false
			}
			d[i] = c == 1
		}
	case []int8:
		d = d[at : at+len(raw)]
		for i, c := range raw {
			d[i] = int8(c)
		}
	case []uint8:
		copy(d[at:], raw)
	case []int16:
		d = d[at : at+len(raw)/2]
		for i := range d {
			d[i] = int16(le.Uint16(raw[2*i:]))
		}
	case []uint16:
		d = d[at : at+len(raw)/2]
		for i := range d {
			d[i] = le.Uint16(raw[2*i:])
		}
	case []Float16:
		d = d[at : at+len(raw)/2]
		for i := range d {
			d[i] = Float16(le.Uint16(raw[2*i:]))
		}
	case []int32:
		d = d[at : at+len(raw)/4]
		for i := range d {
			d[i] = int32(le.Uint32(raw[4*i:]))
		}
	case []uint32:
		d = d[at : at+len(raw)/4]
		for i := range d {
			d[i] = le.Uint32(raw[4*i:])
		}
	case []float32:
		d = d[at : at+len(raw)/4]
		for i := range d {
			d[i] = math.Float32frombits(le.Uint32(raw[4*i:]))
		}
	case []int64:
		d = d[at : at+len(raw)/8]
		for i := range d {
			d[i] = int64(le.Uint64(raw[8*i:]))
		}
	case []uint64:
		d = d[at : at+len(raw)/8]
		for i := range d {
			d[i] = le.Uint64(raw[8*i:])
		}
	case []float64:
		d = d[at : at+len(raw)/8]
		for i := range d {
			d[i] = math.Float64frombits(le.Uint64(raw[8*i:]))
		}
	case []complex64:
		d = d[at : at+len(raw)/8]
		for i := range d {
			d[i] = complex(math.Float32frombits(le.Uint32(raw[8*i:])), math.Float32frombits(le.Uint32(raw[8*i+4:])))
		}
	case []complex128:
		d = d[at : at+len(raw)/16]
		for i := range d {
			d[i] = complex(math.Float64frombits(le.Uint64(raw[16*i:])), math.Float64frombits(le.Uint64(raw[16*i+8:])))
		}
	}
	return 0, true
}

// IsComplex reports whether the array holds complex values.
func (a *Array) IsComplex() bool {
	switch a.Data.(type) {
	case []complex64, []complex128:
		return true
	}
	return false
}

// Float64s returns every value converted to float64, in C (row-major)
// order even if the file is in Fortran order. Bools become 0 and 1,
// integers are rounded to the nearest float64 (exact up to 2^53), and
// complex values are replaced by their real parts (check IsComplex first
// if the imaginary parts matter; featurize only uses real data). The
// result is newly allocated.
func (a *Array) Float64s() []float64 {
	out := make([]float64, a.Count())
	toFloat64s(out, a.Data)
	if a.Fortran && len(a.Shape) > 1 {
		out = fortranToC(out, a.Shape)
	}
	return out
}

// toFloat64s converts the first len(dst) elements of data (a slice of one
// of the types of Array.Data) to float64, keeping real parts of complex
// values.
func toFloat64s(dst []float64, data any) {
	n := len(dst)
	switch d := data.(type) {
	case []bool:
		for i, v := range d[:n] {
			dst[i] = 0
			if v {
				dst[i] = 1
			}
		}
	case []int8:
		convert(dst, d[:n])
	case []int16:
		convert(dst, d[:n])
	case []int32:
		convert(dst, d[:n])
	case []int64:
		convert(dst, d[:n])
	case []uint8:
		convert(dst, d[:n])
	case []uint16:
		convert(dst, d[:n])
	case []uint32:
		convert(dst, d[:n])
	case []uint64:
		convert(dst, d[:n])
	case []Float16:
		for i, v := range d[:n] {
			dst[i] = v.Float64()
		}
	case []float32:
		convert(dst, d[:n])
	case []float64:
		copy(dst, d[:n])
	case []complex64:
		for i, v := range d[:n] {
			dst[i] = float64(real(v))
		}
	case []complex128:
		for i, v := range d[:n] {
			dst[i] = real(v)
		}
	}
}

type realNumber interface {
	~int8 | ~int16 | ~int32 | ~int64 | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~float32 | ~float64
}

func convert[T realNumber](dst []float64, src []T) {
	dst = dst[:len(src)]
	for i, v := range src {
		dst[i] = float64(v)
	}
}

// fortranToC returns the values of src, stored in Fortran order for shape,
// in C order.
func fortranToC[T any](src []T, shape []int) []T {
	dst := make([]T, len(src))
	if len(src) == 0 {
		return dst
	}
	if len(shape) == 2 {
		rows, cols := shape[0], shape[1]
		for j := 0; j < cols; j++ {
			col := src[j*rows : (j+1)*rows]
			for i, v := range col {
				dst[i*cols+j] = v
			}
		}
		return dst
	}
	// Walk src in Fortran order (first index fastest), tracking the C
	// index of the current element.
	cstride := make([]int, len(shape))
	s := 1
	for k := len(shape) - 1; k >= 0; k-- {
		cstride[k] = s
		s *= shape[k]
	}
	idx := make([]int, len(shape))
	c := 0
	for _, v := range src {
		dst[c] = v
		for k := range idx {
			idx[k]++
			c += cstride[k]
			if idx[k] < shape[k] {
				break
			}
			c -= idx[k] * cstride[k]
			idx[k] = 0
		}
	}
	return dst
}
