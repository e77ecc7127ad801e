package npyio

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	magicPrefix = "\x93NUMPY"
	magicLen    = 8 // magicPrefix and two version bytes

	// MaxHeaderLen is the largest header (the dict text with its padding)
	// that ReadHeader accepts: numpy's default max_header_size.
	MaxHeaderLen = 10000

	// MaxDims is the largest number of dimensions ReadHeader accepts
	// (numpy 2's NPY_MAXDIMS; numpy 1.x allows 32).
	MaxDims = 64

	arrayAlign          = 64 // numpy's ARRAY_ALIGN
	growthAxisMaxDigits = 21 // numpy's GROWTH_AXIS_MAX_DIGITS
)

// Header is a parsed and validated .npy header.
type Header struct {
	Major, Minor byte   // format version: 1.0, 2.0 or 3.0
	Descr        string // numpy dtype descr, e.g. "<f8", ">i4", "|b1"
	Fortran      bool   // data in Fortran (column-major) order
	Shape        []int  // dimensions; empty for a 0-d array
	HeaderLen    int    // length of the header dict text incl. padding and '\n'
	DataOffset   int64  // byte offset of the data
}

// Count returns the number of elements: the product of Shape (1 for a
// 0-d array).
func (h *Header) Count() int {
	n := 1
	for _, d := range h.Shape {
		n *= d
	}
	return n
}

// ItemSize returns the size of one element in bytes, or 0 if Descr is not
// a supported dtype.
func (h *Header) ItemSize() int {
	t, _ := parseDescr(h.Descr)
	return t.size
}

// DataSize returns the size of the data in bytes: Count() * ItemSize().
func (h *Header) DataSize() int64 {
	return int64(h.Count()) * int64(h.ItemSize())
}

// Version returns the format version as "major.minor".
func (h *Header) Version() string {
	return strconv.Itoa(int(h.Major)) + "." + strconv.Itoa(int(h.Minor))
}

// ReadHeader reads and validates a .npy header from r, leaving r at the
// first byte of the data. It reads exactly the header's bytes.
//
// Validation, in order: the magic string (ErrBadMagic), the version 1.0,
// 2.0 or 3.0 (ErrBadVersion), the header length, at most MaxHeaderLen
// (ErrHeaderTooLong), the header text: a Python dict literal with exactly
// the keys 'descr', 'fortran_order' and 'shape' (ErrBadHeader), the descr,
// a numeric dtype (ErrUnknownDType), the shape, a tuple of at most MaxDims
// non-negative ints (ErrBadShape), and the size in bytes, which must fit in
// an int64 and an int (ErrTooLarge). All errors are *FormatError values
// with the byte offset of the problem; a short header is
// io.ErrUnexpectedEOF.
func ReadHeader(r io.Reader) (*Header, error) {
	var pre [magicLen + 4]byte
	if n, err := io.ReadFull(r, pre[:magicLen]); err != nil {
		if err == io.EOF && n == 0 {
			return nil, formatErr(0, io.ErrUnexpectedEOF, "empty file")
		}
		return nil, formatErr(int64(n), eofErr(err), "reading magic string")
	}
	if string(pre[:len(magicPrefix)]) != magicPrefix {
		return nil, formatErr(0, ErrBadMagic, "got %q, want %q", pre[:len(magicPrefix)], magicPrefix)
	}
	h := &Header{Major: pre[6], Minor: pre[7]}
	lenSize := 0
	switch {
	case h.Major == 1 && h.Minor == 0:
		lenSize = 2
	case (h.Major == 2 || h.Major == 3) && h.Minor == 0:
		lenSize = 4
	default:
		return nil, formatErr(6, ErrBadVersion, "%d.%d (want 1.0, 2.0 or 3.0)", h.Major, h.Minor)
	}
	if n, err := io.ReadFull(r, pre[magicLen:magicLen+lenSize]); err != nil {
		return nil, formatErr(int64(magicLen+n), eofErr(err), "reading header length")
	}
	var hlen uint64
	if lenSize == 2 {
		hlen = uint64(binary.LittleEndian.Uint16(pre[magicLen:]))
	} else {
		hlen = uint64(binary.LittleEndian.Uint32(pre[magicLen:]))
	}
	if hlen > MaxHeaderLen {
		return nil, formatErr(magicLen, ErrHeaderTooLong, "%d bytes, limit %d", hlen, MaxHeaderLen)
	}
	start := magicLen + lenSize
	h.HeaderLen = int(hlen)
	h.DataOffset = int64(start) + int64(hlen)
	text := make([]byte, hlen)
	if n, err := io.ReadFull(r, text); err != nil {
		return nil, formatErr(int64(start+n), eofErr(err), "reading %d-byte header", hlen)
	}
	if err := h.parseDict(text, int64(start)); err != nil {
		return nil, err
	}
	return h, nil
}

// eofErr turns io.EOF into io.ErrUnexpectedEOF: any EOF inside a file
// whose header promised more is unexpected.
func eofErr(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// parseDict parses and validates the header dict text, which starts at
// byte offset base of the file.
func (h *Header) parseDict(text []byte, base int64) error {
	v, serr := parsePyLiteral(text, h.Major < 3, h.Major < 3)
	if serr != nil {
		return formatErr(base+int64(serr.pos), ErrBadHeader, "%s", serr.msg)
	}
	if v.kind != pyDict {
		return formatErr(base+int64(v.pos), ErrBadHeader, "header is %s, not a dict", v.describe())
	}
	var descr, fortran, shape *pyValue
	for i := 0; i < len(v.items); i += 2 {
		k, val := v.items[i], &v.items[i+1]
		var dst **pyValue
		if k.kind == pyStr {
			switch k.str {
			case "descr":
				dst = &descr
			case "fortran_order":
				dst = &fortran
			case "shape":
				dst = &shape
			}
		}
		if dst == nil {
			return formatErr(base+int64(k.pos), ErrBadHeader, "unexpected key %s", k.describe())
		}
		if *dst != nil {
			return formatErr(base+int64(k.pos), ErrBadHeader, "duplicate key %s", k.describe())
		}
		*dst = val
	}
	for _, m := range []struct {
		v    *pyValue
		name string
	}{{descr, "descr"}, {fortran, "fortran_order"}, {shape, "shape"}} {
		if m.v == nil {
			return formatErr(base+int64(v.pos), ErrBadHeader, "missing key '%s'", m.name)
		}
	}

	if fortran.kind != pyBool {
		return formatErr(base+int64(fortran.pos), ErrBadHeader, "fortran_order is %s, not a bool", fortran.describe())
	}
	h.Fortran = fortran.bool

	if descr.kind != pyStr {
		return formatErr(base+int64(descr.pos), ErrUnknownDType, "descr is %s (structured and subarray dtypes are not supported)", descr.describe())
	}
	t, ok := parseDescr(descr.str)
	if !ok {
		return formatErr(base+int64(descr.pos), ErrUnknownDType, "descr %s", descr.describe())
	}
	h.Descr = descr.str

	if shape.kind != pyTuple {
		return formatErr(base+int64(shape.pos), ErrBadShape, "shape is %s, not a tuple", shape.describe())
	}
	if len(shape.items) > MaxDims {
		return formatErr(base+int64(shape.pos), ErrBadShape, "%d dimensions, limit %d", len(shape.items), MaxDims)
	}
	h.Shape = make([]int, len(shape.items))
	// size is the product of the non-zero dimensions times the item size:
	// numpy refuses arrays where that overflows, even if a zero makes the
	// element count 0.
	size := uint64(t.size)
	for i, d := range shape.items {
		switch {
		case d.kind == pyBigInt && strings.HasPrefix(d.str, "-"), d.kind == pyInt && d.int < 0:
			return formatErr(base+int64(d.pos), ErrBadShape, "negative dimension %s", d.str)
		case d.kind == pyBigInt:
			return formatErr(base+int64(d.pos), ErrTooLarge, "dimension %s", d.str)
		case d.kind != pyInt:
			return formatErr(base+int64(d.pos), ErrBadShape, "dimension %d is %s, not an int", i, d.describe())
		}
		h.Shape[i] = int(d.int)
		if d.int == 0 {
			continue
		}
		hi, lo := mulUint64(size, uint64(d.int))
		if hi != 0 || lo > math.MaxInt64 || lo > uint64(math.MaxInt) {
			return formatErr(base+int64(shape.pos), ErrTooLarge, "shape %s of %s overflows", ShapeString(h.Shape[:i+1]), h.Descr)
		}
		size = lo
	}
	return nil
}

func mulUint64(a, b uint64) (hi, lo uint64) {
	if a == 0 || b == 0 {
		return 0, 0
	}
	lo = a * b
	if lo/b != a {
		return 1, lo
	}
	return 0, lo
}

// ShapeString formats a shape as Python does: (), (3,), (3, 4).
func ShapeString(shape []int) string {
	var b strings.Builder
	b.WriteByte('(')
	for i, d := range shape {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(d))
	}
	if len(shape) == 1 {
		b.WriteByte(',')
	}
	b.WriteByte(')')
	return b.String()
}

// EncodeHeader returns the complete header (magic, version, length and
// padded dict) that numpy >= 1.24's np.save writes for an array with the
// given descr, order and shape, byte for byte:
//
//	{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }
//
// followed by 21 - len(str(shape[0])) spaces (shape[-1] in Fortran order)
// so that the header can be rewritten in place when that axis grows, then
// spaces and '\n' up to a multiple of 64 bytes. The version is 1.0 unless
// the header length does not fit in 16 bits (2.0) or the descr is not
// latin-1 (3.0). It panics if a dimension is negative.
func EncodeHeader(descr string, fortran bool, shape []int) []byte {
	var d bytes.Buffer
	d.WriteString("{'descr': ")
	d.WriteString(pyReprString(descr))
	d.WriteString(", 'fortran_order': ")
	if fortran {
		d.WriteString("True")
	} else {
		d.WriteString("False")
	}
	d.WriteString(", 'shape': ")
	for _, n := range shape {
		if n < 0 {
			panic("npyio: EncodeHeader: negative dimension")
		}
	}
	d.WriteString(ShapeString(shape))
	d.WriteString(", }")
	if len(shape) > 0 {
		axis := shape[0]
		if fortran {
			axis = shape[len(shape)-1]
		}
		if pad := growthAxisMaxDigits - len(strconv.Itoa(axis)); pad > 0 {
			d.WriteString(strings.Repeat(" ", pad))
		}
	}
	text := d.Bytes()

	latin1, ok := toLatin1(text)
	switch {
	case ok && wrappedLen(len(latin1), 2) <= math.MaxUint16:
		return wrapHeader(latin1, 1)
	case ok:
		return wrapHeader(latin1, 2)
	}
	return wrapHeader(text, 3)
}

// wrappedLen is the value of the header length field for a dict text of n
// bytes and a length field of lenSize bytes.
func wrappedLen(n, lenSize int) int {
	hlen := n + 1 // '\n'
	pad := arrayAlign - (magicLen+lenSize+hlen)%arrayAlign
	return hlen + pad
}

func wrapHeader(text []byte, major byte) []byte {
	lenSize := 4
	if major == 1 {
		lenSize = 2
	}
	hlen := wrappedLen(len(text), lenSize)
	out := make([]byte, 0, magicLen+lenSize+hlen)
	out = append(out, magicPrefix...)
	out = append(out, major, 0)
	if lenSize == 2 {
		out = binary.LittleEndian.AppendUint16(out, uint16(hlen))
	} else {
		out = binary.LittleEndian.AppendUint32(out, uint32(hlen))
	}
	out = append(out, text...)
	for len(out) < cap(out)-1 {
		out = append(out, ' ')
	}
	return append(out, '\n')
}

// toLatin1 encodes UTF-8 text as latin-1, reporting false if a rune is
// outside latin-1 (or the text is not valid UTF-8).
func toLatin1(text []byte) ([]byte, bool) {
	ascii := true
	for _, c := range text {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return text, true
	}
	out := make([]byte, 0, len(text))
	for len(text) > 0 {
		r, n := utf8.DecodeRune(text)
		if r > 0xff || (r == utf8.RuneError && n <= 1) {
			return nil, false
		}
		out = append(out, byte(r))
		text = text[n:]
	}
	return out, true
}

// pyReprString returns Python 3's repr of a str.
func pyReprString(s string) string {
	q := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		q = '"'
	}
	b := []byte{q}
	for _, r := range s {
		switch {
		case r == rune(q) || r == '\\':
			b = append(b, '\\', byte(r))
		case r == '\n':
			b = append(b, `\n`...)
		case r == '\r':
			b = append(b, `\r`...)
		case r == '\t':
			b = append(b, `\t`...)
		case unicode.IsPrint(r):
			b = utf8.AppendRune(b, r)
		case r < 0x100:
			b = fmt.Appendf(b, `\x%02x`, r)
		case r <= 0xffff:
			b = fmt.Appendf(b, `\u%04x`, r)
		default:
			b = fmt.Appendf(b, `\U%08x`, r)
		}
	}
	return string(append(b, q))
}
