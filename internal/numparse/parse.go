package numparse

import (
	"math"
	"math/bits"
	"strconv"
	"unsafe"
)

// parsePow10 holds the powers of ten that a float64 represents exactly.
var parsePow10 = [...]float64{
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
	1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
	1e20, 1e21, 1e22,
}

// The NaNs that Python's float() returns for "nan" and "-nan".
const (
	parseNaN    = 0x7ff8000000000000
	parseNegNaN = 0xfff8000000000000
)

// Parse parses b as Python's float() parses a str without surrounding
// blanks, returning the same float64 bit for bit, and ok; ok is false if
// b is not a number:
//
//	[+|-] (digits [. [digits]] | . digits) [(e|E) [+|-] digits]
//	[+|-] (inf | infinity | nan)         (any letter case)
//
// where digits are ASCII digits that may be split by single underscores
// ("1_000.5", as float() allows; np.loadtxt does not). (float() also strips
// surrounding ASCII whitespace; the scanners hand over fields without it.)
// Values too large for a float64 are ±Inf and values too small are ±0, as
// in Python. "nan" is the NaN 0x7ff8000000000000
// and "-nan" has the sign bit set, as in CPython.
//
// Unlike strconv.ParseFloat it rejects hexadecimal floats ("0x1p3"),
// underscores outside digits ("1_e5") and no-digit forms; unlike float() it
// rejects non-ASCII digits. It allocates only when it overflows to ±Inf,
// and for inputs longer than 64 bytes with underscores and more than 19
// significant digits.
func Parse(b []byte) (float64, bool) { return parseFloat(b) }

// Prefix parses the number that starts at b[i] and returns it with the
// index just past it; ok is false if no number starts there. The caller
// checks what follows (a separator, a line end).
func Prefix(b []byte, i int) (f float64, end int, ok bool) { return parsePrefix(b, i) }

// parseFloat is Parse.
func parseFloat(b []byte) (float64, bool) {
	n := len(b)
	i := 0
	neg := false
	if n > 0 && (b[0] == '+' || b[0] == '-') {
		neg = b[0] == '-'
		i++
	}
	if i < n && (b[i]|0x20 == 'i' || b[i]|0x20 == 'n') {
		return parseSpecial(b[i:], neg)
	}

	var (
		m      uint64 // the first 19 significant digits
		nd     int    // significant digits in m
		exp    int    // value = m * 10^exp (when !trunc)
		digits bool   // saw a mantissa digit
		trunc  bool   // dropped a non-zero digit past the 19th
		under  bool   // saw an underscore
	)
	for ; i < n; i++ {
		c := b[i] - '0'
		if c < 10 {
			digits = true
			if nd < 19 {
				m = m*10 + uint64(c)
				if m != 0 {
					nd++
				}
			} else {
				exp++
				if c != 0 {
					trunc = true
				}
			}
			continue
		}
		if b[i] == '_' {
			under = true
			continue
		}
		break
	}
	if i < n && b[i] == '.' {
		for i++; i < n; i++ {
			c := b[i] - '0'
			if c < 10 {
				digits = true
				if nd < 19 {
					m = m*10 + uint64(c)
					exp--
					if m != 0 {
						nd++
					}
				} else if c != 0 {
					trunc = true
				}
				continue
			}
			if b[i] == '_' {
				under = true
				continue
			}
			break
		}
	}
	if !digits {
		return 0, false
	}
	if i < n && b[i]|0x20 == 'e' {
		i++
		eneg := false
		if i < n && (b[i] == '+' || b[i] == '-') {
			eneg = b[i] == '-'
			i++
		}
		e, edigits := 0, false
		for ; i < n; i++ {
			c := b[i] - '0'
			if c < 10 {
				edigits = true
				if e < 1_000_000 {
					e = e*10 + int(c)
				}
				continue
			}
			if b[i] == '_' {
				under = true
				continue
			}
			break
		}
		if !edigits {
			return 0, false
		}
		if eneg {
			e = -e
		}
		exp += e
	}
	if i != n {
		return 0, false
	}
	if under && !parseUnderscoresOK(b) {
		return 0, false
	}

	if !trunc {
		if m == 0 {
			if neg {
				return math.Copysign(0, -1), true
			}
			return 0, true
		}
		// Clinger's fast path: m and 10^|exp| are exact, so one IEEE
		// multiplication or division rounds correctly.
		if m>>53 == 0 {
			f := float64(m)
			if neg {
				f = -f
			}
			switch {
			case exp == 0:
				return f, true
			case exp > 0 && exp <= 15+22:
				e := exp
				if e > 22 {
					f *= parsePow10[e-22]
					e = 22
				}
				if f <= 1e15 && f >= -1e15 {
					return f * parsePow10[e], true
				}
			case exp < 0 && exp >= -22:
				return f / parsePow10[-exp], true
			}
		}
		if f, ok := parseEiselLemire(m, exp, neg); ok {
			return f, true
		}
	}
	return parseFloatSlow(b, under)
}

// parseFloatSlow converts a validated decimal with strconv, which rounds
// correctly; its grammar is a superset of what reaches here.
func parseFloatSlow(b []byte, under bool) (float64, bool) {
	if under {
		var stack [64]byte
		d := stack[:0]
		if len(b) > len(stack) {
			d = make([]byte, 0, len(b))
		}
		for _, c := range b {
			if c != '_' {
				d = append(d, c)
			}
		}
		b = d
	}
	f, err := strconv.ParseFloat(unsafe.String(unsafe.SliceData(b), len(b)), 64)
	if err != nil {
		// Overflow gives ±Inf with ErrRange, as float() gives inf.
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return f, true
		}
		return 0, false
	}
	return f, true
}

// parseSpecial parses the infinities and NaN after an optional sign.
func parseSpecial(b []byte, neg bool) (float64, bool) {
	switch {
	case parseEqualFold(b, "inf"), parseEqualFold(b, "infinity"):
		if neg {
			return math.Inf(-1), true
		}
		return math.Inf(1), true
	case parseEqualFold(b, "nan"):
		if neg {
			return math.Float64frombits(parseNegNaN), true
		}
		return math.Float64frombits(parseNaN), true
	}
	return 0, false
}

// parseEqualFold reports whether b equals the lower-case ASCII word w,
// ignoring the case of b.
func parseEqualFold(b []byte, w string) bool {
	if len(b) != len(w) {
		return false
	}
	for i := range len(b) {
		if b[i]|0x20 != w[i] {
			return false
		}
	}
	return true
}

// parseUnderscoresOK reports whether every underscore in b sits between two
// ASCII digits, the rule of Python's float().
func parseUnderscoresOK(b []byte) bool {
	for i, c := range b {
		if c != '_' {
			continue
		}
		if i == 0 || i == len(b)-1 || b[i-1]-'0' >= 10 || b[i+1]-'0' >= 10 {
			return false
		}
	}
	return true
}

// parsePrefix parses the plain decimal at b[i:],
//
//	[+|-] digits [. digits] [(e|E) [+|-] digits]
//
// with at most 19 digits before the exponent (so at most 3 in it) and a
// value that Clinger's fast path or Eisel-Lemire gives surely, and returns
// its value and the index of the byte after it. Anything else, or anything rarer, is !ok: the caller then reads
// the whole field with parseFloat, which decides. The caller checks that
// the number ends the field. It needs i < len(b).
func parsePrefix(b []byte, i int) (f float64, end int, ok bool) {
	neg := false
	if c := b[i]; c == '-' || c == '+' {
		neg = c == '-'
		i++
	}
	var m uint64
	p := i
	for i < len(b) && b[i]-'0' < 10 {
		m = m*10 + uint64(b[i]-'0')
		i++
	}
	nd := i - p
	exp := 0
	if i < len(b) && b[i] == '.' {
		i++
		q := i
		for i < len(b) && b[i]-'0' < 10 {
			m = m*10 + uint64(b[i]-'0')
			i++
		}
		exp = q - i
		nd += i - q
	}
	if nd == 0 || nd > 19 {
		return 0, 0, false
	}
	if i < len(b) && b[i]|0x20 == 'e' {
		i++
		eneg := false
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			eneg = b[i] == '-'
			i++
		}
		q, e := i, 0
		for i < len(b) && b[i]-'0' < 10 && i-q < 3 {
			e = e*10 + int(b[i]-'0')
			i++
		}
		if i == q || i < len(b) && b[i]-'0' < 10 {
			return 0, 0, false
		}
		if eneg {
			e = -e
		}
		exp += e
	}
	if m>>53 == 0 {
		f = float64(m)
		if neg {
			f = -f
		}
		switch {
		case exp == 0:
			return f, i, true
		case exp < 0 && exp >= -22:
			return f / parsePow10[-exp], i, true
		case exp > 0 && exp <= 22:
			return f * parsePow10[exp], i, true
		}
	}
	f, ok = parseEiselLemire(m, exp, neg)
	return f, i, ok
}

// b2u is 1 for true and 0 for false, without a branch.
func b2u(x bool) uint64 {
	var u uint64
	if x {
		u = 1
	}
	return u
}

// pow10u holds the powers of ten below 10^9 as integers.
var pow10u = [9]uint64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8}

// parseEiselLemire returns m * 10^exp10, negated if neg, correctly rounded,
// by the Eisel-Lemire algorithm; ok is false when it cannot be sure (a
// near-halfway case, a subnormal or overflowing result, or exp10 out of
// the table), and the caller must use strconv. Where the product is too
// close to a rounding boundary to tell, it tries Clinger's fast path on m
// without its trailing zeros: exact values with a long mantissa, as
// "%.18e" writes 0.25 (2500000000000000000e-19), are such. It is adapted
// from Go's internal/strconv (BSD-style license), which follows Nigel
// Tao's https://nigeltao.github.io/blog/2020/eisel-lemire.html.
func parseEiselLemire(m uint64, exp10 int, neg bool) (f float64, ok bool) {
	if m == 0 {
		if neg {
			return math.Copysign(0, -1), true
		}
		return 0, true
	}
	if exp10 < parsePow10Min || exp10 > parsePow10Max {
		return 0, false
	}
	pow := &parsePow10Wide[exp10-parsePow10Min]

	// Normalize m; 217706>>16 approximates log2(10).
	clz := bits.LeadingZeros64(m)
	m <<= uint(clz)
	exp2 := uint64(217706*exp10>>16+64+1023) - uint64(clz)

	// The top 128 bits of m * 10^exp10, widened if the low bits are too
	// close to a carry to tell.
	xHi, xLo := bits.Mul64(m, pow[0])
	if xHi&0x1FF == 0x1FF && xLo+m < m {
		yHi, yLo := bits.Mul64(m, pow[1])
		mergedHi, mergedLo := xHi, xLo+yHi
		if mergedLo < xLo {
			mergedHi++
		}
		if mergedHi&0x1FF == 0x1FF && mergedLo+1 == 0 && yLo+m < m {
			return clingerTrimmed(m>>uint(clz), exp10, neg)
		}
		xHi, xLo = mergedHi, mergedLo
	}

	// Keep 54 bits, refuse an exact halfway case, round to 53 bits.
	msb := xHi >> 63
	mant := xHi >> (msb + 9)
	exp2 -= 1 ^ msb
	if xLo == 0 && xHi&0x1FF == 0 && mant&3 == 1 {
		return clingerTrimmed(m>>uint(clz), exp10, neg)
	}
	// exp2 of 0 (or wrapped below) is subnormal, 0x7FF or more overflows.
	if exp2-1 >= 0x7FF-1 {
		return 0, false
	}
	// The rounded mantissa, 2^52 to 2^53, added to the exponent field
	// less one: its leading bit makes up the one, and a rounding that
	// overflows it carries into the exponent (to Inf above the largest
	// float64, as it should).
	b := (exp2-1)<<52 + (mant+1)>>1
	if neg {
		b |= 1 << 63
	}
	return math.Float64frombits(b), true
}

// clingerTrimmed is Clinger's fast path for m * 10^exp, negated if neg,
// after dropping m's trailing decimal zeros, or !ok.
func clingerTrimmed(m uint64, exp int, neg bool) (float64, bool) {
	if m == 0 {
		return 0, false
	}
	for m%10 == 0 {
		m /= 10
		exp++
	}
	if m>>53 != 0 || exp < -22 || exp > 22 {
		return 0, false
	}
	f := float64(m)
	if neg {
		f = -f
	}
	if exp < 0 {
		return f / parsePow10[-exp], true
	}
	return f * parsePow10[exp], true
}
