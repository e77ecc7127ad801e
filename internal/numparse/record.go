package numparse

import (
	"encoding/binary"
	"math/bits"
)

// Records are read through a window of 256+8 bytes, at offsets masked with
// 255 (an AND is cheaper than a bounds check) that never wrap: each field
// starts at most recordFieldMax bytes in, else the window moves on, and
// ends within 56 bytes of its start.
const recordFieldMax = 256 - 64

type recordWindow = [256 + 8]byte

// Record parses the record at b[i:] if it is n numbers separated by
// single sep bytes (no blanks) and ended by \n or \r\n, storing the j-th
// at dst[j*stride] as Parse reads it, and returns the index past the line
// end. Plain decimals of up to 19 significant digits and an exponent of
// up to 3 (what repr, "%.6f" and "%.18e" write) are read 8 digits at a
// step, and converted by Eisel-Lemire; others (nan, inf, longer ones) by
// Parse. Anything else, such as a record within 264 bytes of the end of b,
// a field of more than 56 bytes or a number with underscores, is !ok, with
// dst partly written: the caller reads the record again its own way.
func Record(b []byte, i int, sep byte, n int, dst []float64, stride int) (end int, ok bool) {
	end, rows := parseRecords(b, i, sep, n, dst, stride, 1)
	return end, rows == 1
}

// Records reads up to rows records from b[i:] as Record does, record r's
// j-th number going to dst[r+j*stride], and returns the index past the
// last it read and their number; it stops at the first record that Record
// would not take, perhaps having written some of its numbers.
func Records(b []byte, i int, sep byte, n int, dst []float64, stride, rows int) (end, read int) {
	return parseRecords(b, i, sep, n, dst, stride, rows)
}

// numberByte holds the bytes a number parseRecords reads can hold.
var numberByte = [256]bool{'0': true, '1': true, '2': true, '3': true, '4': true, '5': true, '6': true, '7': true, '8': true, '9': true, '.': true, 'e': true, 'E': true, '+': true, '-': true}

// parseRecords is Records.
func parseRecords(b []byte, i int, sep byte, n int, dst []float64, stride, rows int) (int, int) {
	if i < 0 || len(b)-i < len(recordWindow{}) || numberByte[sep] || n <= 0 {
		// Too near the end, or a separator that could be part of a number.
		return i, 0
	}
	win := (*recordWindow)(b[i:])
	const mask = 255
	o := 0     // offset of the field in win
	r := 0     // the record
	d := 0     // index of the field's value in dst
	j := n - 1 // fields left in the record after this one
	end := i   // past the last record read
	for r < rows {
		if o > recordFieldMax {
			// Move the window on.
			i += o
			o = 0
			if len(b)-i < len(recordWindow{}) {
				break
			}
			win = (*recordWindow)(b[i:])
		}
		start := o
		c := win[o&mask]
		o += int(b2u((c-'+')&^2 == 0)) // skip a '+' or '-'

		// The mantissa, 8 digits a step: the first 8 with the '.' taken
		// out (a blend of the words at o and o+1), then the next 8 and
		// the rest.
		w := binary.LittleEndian.Uint64(win[o&mask:])
		p := bits.TrailingZeros64(nonDigitFlags(w)) >> 3 // the '.', if any
		var m uint64
		nd, exp := 0, 0 // digits, and the power of ten they are multiplied by
		switch {
		case p < 8 && win[(o+p)&mask] == '.':
			low := blendMask[p&7]
			w = w&low | binary.LittleEndian.Uint64(win[(o+1)&mask:])&^low
			o++
			flags := nonDigitFlags(w)
			if flags == 0 {
				m = eightDigits(w)
				o += 8
				nd = 8
				w = binary.LittleEndian.Uint64(win[o&mask:])
				if flags = nonDigitFlags(w); flags == 0 {
					m = m*1e8 + eightDigits(w)
					o += 8
					nd = 16
					w = binary.LittleEndian.Uint64(win[o&mask:])
					flags = nonDigitFlags(w)
				}
			}
			k := bits.TrailingZeros64(flags) >> 3
			m = m*pow10u[k] + leadingDigits(w, k)
			o += k
			nd += k
			exp = p - nd
		case p < 8:
			// No '.': an integer, perhaps with an exponent.
			m = leadingDigits(w, p)
			o += p
			nd = p
		}
		if win[o&mask]|0x20 == 'e' {
			c := win[(o+1)&mask]
			eneg := -int(b2u(c == '-'))
			o += 1 + int(b2u((c-'+')&^2 == 0))
			d0 := win[o&mask] - '0'
			if d0 >= 10 {
				break
			}
			e := int(d0)
			o++
			if d := win[o&mask] - '0'; d < 10 {
				e = e*10 + int(d)
				o++
				if d := win[o&mask] - '0'; d < 10 {
					e = e*10 + int(d)
					o++
					nd += 32 * int(b2u(win[o&mask]-'0' < 10)) // a 4th: too many
				}
			}
			exp += (e ^ eneg) - eneg
		}
		// Else no digits, more than 19 (or 8 before the '.'), or 4 in the
		// exponent.
		var f float64
		ok := uint(nd-1) < 19
		if ok {
			// Eisel-Lemire for every value: Clinger's fast path would
			// take only some (m < 2^53), and a branch that random data
			// mispredicts, and a division, cost more than it saves.
			f, ok = parseEiselLemire(m, exp, win[start&mask] == '-')
		}
		if !ok {
			// The whole field, up to a separator or line end, by Parse.
			var l int
			if f, l, ok = recordField(b, i+start, sep); !ok {
				break
			}
			o = start + l
		}
		if d >= len(dst) {
			break
		}
		dst[d] = f
		c = win[o&mask]
		o++
		if j > 0 {
			if c != sep {
				break
			}
			j--
			d += stride
			continue
		}
		if c == '\r' && win[o&mask] == '\n' {
			o++
		} else if c != '\n' {
			break
		}
		r++
		end = i + o
		d = r
		j = n - 1
	}
	return end, r
}

// blendMask[p] keeps the first p bytes of a word.
var blendMask = [8]uint64{0, 0xff, 0xffff, 0xffffff, 0xffffffff, 0xffffffffff, 0xffffffffffff, 0xffffffffffffff}

// recordField parses the field at b[i:] that a sep or line end ends,
// for parseRecord's rarer numbers, and returns its length, at most 56:
// the field must be exactly a number, or the caller's own reading decides.
func recordField(b []byte, i int, sep byte) (f float64, n int, ok bool) {
	end := i
	for end < len(b) && b[end] != sep && b[end] != '\n' && b[end] != '\r' {
		end++
	}
	if end-i > 56 || end == len(b) {
		return 0, 0, false
	}
	f, ok = parseFloat(b[i:end])
	return f, end - i, ok
}

// nonDigitFlags is 0 if the 8 bytes of w are ASCII digits, and otherwise
// has its lowest set bit in the first byte (the lowest) that is not one.
func nonDigitFlags(w uint64) uint64 {
	// A byte below '0' borrows, one above '9' reaches 0x80 once 0x46 is
	// added; a carry or borrow only spoils the bytes after it.
	return ((w + 0x4646464646464646) | (w - 0x3030303030303030)) & 0x8080808080808080
}

// eightDigits returns the value of the 8 ASCII digits of w, the first
// the lowest byte.
func eightDigits(w uint64) uint64 {
	w = (w & 0x0F0F0F0F0F0F0F0F) * (10<<8 + 1) >> 8
	w = (w & 0x00FF00FF00FF00FF) * (100<<16 + 1) >> 16
	return (w & 0x0000FFFF0000FFFF) * (10000<<32 + 1) >> 32
}

// leadingDigits returns the value of the first k (0 to 8) bytes of w,
// ASCII digits.
func leadingDigits(w uint64, k int) uint64 {
	// Shift the k digits to the top (k = 0: a shift by 64 gives 0); the
	// bytes below become leading zeros.
	return eightDigits(w << (64 - 8*uint(k)))
}
