package npyio

import (
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"sync"
)

// appendE18 appends v formatted like strconv.AppendFloat(b, v, 'e', 18, 64)
// (Python's '%.18e'): 19 significant digits, correctly rounded
// (half to even) from the exact binary value. strconv takes its slow
// multiprecision path for more than 18 digits; this computes the digits
// with a 128-bit power-of-ten table and 192-bit products, and falls back to
// strconv in the rare cases where that precision cannot decide the
// rounding. v must be finite.
func appendE18(b []byte, v float64) []byte {
	u := math.Float64bits(v)
	neg := u>>63 != 0
	exp := int(u>>52) & 0x7ff
	m := u & (1<<52 - 1)
	switch {
	case exp == 0 && m == 0:
		if neg {
			b = append(b, '-')
		}
		return append(b, "0.000000000000000000e+00"...)
	case exp == 0: // subnormal
		exp = -1074
	default:
		m |= 1 << 52
		exp -= 1075
	}
	// v = ±m * 2^exp. Estimate e10 = floor(log10(|v|)) from below.
	e2 := exp + bits.Len64(m) - 1
	e10 := (e2 * 78913) >> 18 // floor(e2 * log10(2)), exact for |e2| <= 1650
	q, st := digits19(m, exp, e10)
	if st == tooBig { // e10 was one too small
		e10++
		q, st = digits19(m, exp, e10)
	}
	if st != decided {
		return strconv.AppendFloat(b, v, 'e', 18, 64)
	}
	if q == pow10_19 { // rounded up to the next power of ten
		q = pow10_19 / 10
		e10++
	}
	if neg {
		b = append(b, '-')
	}
	var d [19]byte
	for i := 17; i >= 1; i -= 2 {
		r := q % 100
		q /= 100
		d[i], d[i+1] = digitPairs[2*r], digitPairs[2*r+1]
	}
	d[0] = byte('0' + q)
	b = append(b, d[0], '.')
	b = append(b, d[1:]...)
	b = append(b, 'e')
	if e10 < 0 {
		b = append(b, '-')
		e10 = -e10
	} else {
		b = append(b, '+')
	}
	if e10 < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(e10), 10)
}

const pow10_19 = 10000000000000000000

const digitPairs = "00010203040506070809101112131415161718192021222324252627282930313233343536373839" +
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879" +
	"8081828384858687888990919293949596979899"

// Results of digits19.
const (
	decided   = iota
	tooBig    // the integer part is 10^19 or more: e10 is too small
	undecided // too close to a tie to round, or out of range
)

// digits19 returns round(m * 2^exp * 10^(18-e10)), rounding half to even,
// if its integer part is less than 10^19 (else tooBig) and the rounding can
// be decided (else undecided; the caller falls back to strconv).
func digits19(m uint64, exp, e10 int) (uint64, int) {
	k := 18 - e10
	tab := pow10Table()
	if k < pow10Min || k > pow10Max {
		return 0, undecided
	}
	p := tab[k-pow10Min]
	// R = m * P, 192 bits: r2:r1:r0.
	h1, l1 := bits.Mul64(m, p.hi)
	h2, l2 := bits.Mul64(m, p.lo)
	r0 := l2
	r1, c := bits.Add64(l1, h2, 0)
	r2 := h1 + c
	// The value is R * 2^(exp+p.exp); split at bit s into integer and
	// fraction.
	s := -(exp + p.exp)
	if s <= 0 || s >= 192 {
		return 0, undecided
	}
	i2, i1, i0 := shr192(r2, r1, r0, uint(s))
	if i2 != 0 || i1 != 0 || i0 >= pow10_19 {
		return 0, tooBig
	}
	q := i0
	f2, f1, f0 := shl192(r2, r1, r0, uint(192-s)) // fraction, left-aligned
	const half = 1 << 63
	up := false
	switch {
	case p.exact:
		rest := f1|f0 != 0
		switch {
		case f2 > half || (f2 == half && rest):
			up = true
		case f2 == half: // exact tie
			up = q&1 == 1
		}
	case f2 >= half:
		// The table entry is truncated, so the exact value is larger
		// than computed, by less than 2^-63.
		up = true
	case f2 > half-3:
		return 0, undecided // too close to a tie to tell
	}
	if up {
		q++ // may reach 10^19: the caller handles it
	}
	return q, decided
}

func shr192(a2, a1, a0 uint64, s uint) (uint64, uint64, uint64) {
	for ; s >= 64; s -= 64 {
		a2, a1, a0 = 0, a2, a1
	}
	if s == 0 {
		return a2, a1, a0
	}
	return a2 >> s, a1>>s | a2<<(64-s), a0>>s | a1<<(64-s)
}

func shl192(a2, a1, a0 uint64, s uint) (uint64, uint64, uint64) {
	for ; s >= 64; s -= 64 {
		a2, a1, a0 = a1, a0, 0
	}
	if s == 0 {
		return a2, a1, a0
	}
	return a2<<s | a1>>(64-s), a1<<s | a0>>(64-s), a0 << s
}

// pow10 is 10^k ~= (hi:lo) * 2^exp with hi's top bit set, truncated unless
// exact.
type pow10 struct {
	hi, lo uint64
	exp    int
	exact  bool
}

// The range of k = 18 - floor(log10(v)) over finite non-zero float64 v,
// with a margin of one for the estimate of floor(log10(v)).
const (
	pow10Min = 18 - 309
	pow10Max = 18 + 324 + 1
)

// pow10Table is computed with math/big on first use (about a millisecond).
var pow10Table = sync.OnceValue(func() []pow10 {
	tab := make([]pow10, pow10Max-pow10Min+1)
	ten := big.NewInt(10)
	one := big.NewInt(1)
	mask := new(big.Int).Sub(new(big.Int).Lsh(one, 64), one)
	for k := pow10Min; k <= pow10Max; k++ {
		var mant big.Int
		var e int
		exact := false
		abs := new(big.Int).Exp(ten, big.NewInt(int64(max(k, -k))), nil)
		if k >= 0 {
			e = abs.BitLen() - 128
			if e >= 0 {
				mant.Rsh(abs, uint(e))
				exact = new(big.Int).Lsh(&mant, uint(e)).Cmp(abs) == 0
			} else {
				mant.Lsh(abs, uint(-e))
				exact = true
			}
		} else {
			t := 127 + abs.BitLen()
			mant.Quo(new(big.Int).Lsh(one, uint(t)), abs)
			e = -t
		}
		tab[k-pow10Min] = pow10{
			hi:    new(big.Int).Rsh(&mant, 64).Uint64(),
			lo:    new(big.Int).And(&mant, mask).Uint64(),
			exp:   e,
			exact: exact,
		}
	}
	return tab
})
