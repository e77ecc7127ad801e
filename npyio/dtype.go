package npyio

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
)

// DType is the element type of arrays written by Writer.
type DType int

// The dtypes Writer writes, all little-endian.
const (
	Float64 DType = iota // "<f8"
	Float32              // "<f4"
	Int64                // "<i8"
)

// Descr returns the numpy descr string of d: "<f8", "<f4" or "<i8".
// It panics if d is not one of the DType constants.
func (d DType) Descr() string {
	switch d {
	case Float64:
		return "<f8"
	case Float32:
		return "<f4"
	case Int64:
		return "<i8"
	}
	panic("npyio: invalid DType " + strconv.Itoa(int(d)))
}

// String returns the numpy name of d: "float64", "float32" or "int64".
func (d DType) String() string {
	switch d {
	case Float64:
		return "float64"
	case Float32:
		return "float32"
	case Int64:
		return "int64"
	}
	return "DType(" + strconv.Itoa(int(d)) + ")"
}

// Size returns the size of one element of d in bytes.
func (d DType) Size() int {
	if d == Float32 {
		return 4
	}
	return 8
}

// ParseDType parses a dtype name as given on the command line: "float64",
// "float32" or "int64" (or their descrs "<f8", "<f4", "<i8" and the short
// forms "f8", "f4", "i8").
func ParseDType(s string) (DType, error) {
	switch s {
	case "float64", "<f8", "f8":
		return Float64, nil
	case "float32", "<f4", "f4":
		return Float32, nil
	case "int64", "<i8", "i8":
		return Int64, nil
	}
	return 0, fmt.Errorf("%w: %q (want float64, float32 or int64)", ErrUnknownDType, s)
}

// kind of a numeric dtype, the second character of a descr.
const (
	kindBool    = 'b'
	kindInt     = 'i'
	kindUint    = 'u'
	kindFloat   = 'f'
	kindComplex = 'c'
)

// dtypeInfo is a parsed, supported descr.
type dtypeInfo struct {
	big  bool // big-endian ('>'); false for '<' and '|'
	kind byte // kindBool ...
	size int  // bytes per element
}

func (t dtypeInfo) order() binary.ByteOrder {
	if t.big {
		return binary.BigEndian
	}
	return binary.LittleEndian
}

// parseDescr parses the descrs numpy writes for numeric dtypes: a byte
// order ('<', '>', or '|' for one-byte types, which may also carry '<' or
// '>'), a kind (b, i, u, f, c) and a size in bytes: b1, i1 i2 i4 i8, u1 u2
// u4 u8, f2 f4 f8, c8 c16.
func parseDescr(s string) (dtypeInfo, bool) {
	if len(s) < 3 {
		return dtypeInfo{}, false
	}
	var t dtypeInfo
	switch s[0] {
	case '<':
	case '>':
		t.big = true
	case '|':
	default:
		return dtypeInfo{}, false
	}
	t.kind = s[1]
	switch s[2:] {
	case "1":
		t.size = 1
	case "2":
		t.size = 2
	case "4":
		t.size = 4
	case "8":
		t.size = 8
	case "16":
		t.size = 16
	default:
		return dtypeInfo{}, false
	}
	ok := false
	switch t.kind {
	case kindBool:
		ok = t.size == 1
	case kindInt, kindUint:
		ok = t.size <= 8
	case kindFloat:
		ok = t.size >= 2 && t.size <= 8
	case kindComplex:
		ok = t.size == 8 || t.size == 16
	}
	if !ok || (s[0] == '|' && t.size != 1) {
		return dtypeInfo{}, false
	}
	if t.size == 1 {
		t.big = false
	}
	return t, true
}

// Float16 is an IEEE 754 half-precision value, kept as its bits.
type Float16 uint16

// Float32 returns h as a float32 (exactly; NaN payloads are kept).
func (h Float16) Float32() float32 {
	sign := uint32(h>>15) << 31
	exp := uint32(h>>10) & 0x1f
	frac := uint32(h) & 0x3ff
	switch {
	case exp == 0x1f: // inf, nan
		return math.Float32frombits(sign | 0xff<<23 | frac<<13)
	case exp != 0: // normal
		return math.Float32frombits(sign | (exp+127-15)<<23 | frac<<13)
	case frac == 0: // zero
		return math.Float32frombits(sign)
	}
	// subnormal: value = frac * 2^-24, normalise.
	e := uint32(127 - 15 + 1)
	for frac&0x400 == 0 {
		frac <<= 1
		e--
	}
	return math.Float32frombits(sign | e<<23 | (frac&0x3ff)<<13)
}

// Float64 returns h as a float64 (exactly).
func (h Float16) Float64() float64 { return float64(h.Float32()) }
