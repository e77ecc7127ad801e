package feature

import (
	"math"
	"math/bits"
)

// np.polyfit solves with LAPACK's dgelsd, which for a tall matrix first
// takes a Householder QR (dgeqr2). A polyfit of points far from 0 (1e6 +
// noise) has scaled Vandermonde columns equal to about 1e-12 of each
// other, so that the rounding of that QR's first reflections decides the
// coefficients in their 4th digit: no other algorithm, not even exact
// arithmetic, gives numpy's numbers there. So this is dgeqr2 (LAPACK
// 3.10) and dorm2r as OpenBLAS 0.3.21 runs them on x86-64 (Haswell and
// later): dnrm2 sums squares in x87 80-bit registers, dgemv "T" in SSE2
// lanes with fused tails, dger is a fused multiply-add. Checked bit for
// bit against that library on thousands of random matrices. After the QR
// the rest of the solve is well conditioned (R is graded), and any
// accurate SVD of R gives numpy's answer.

// fitExt is a non-negative x87 extended value mant * 2^exp, mant
// normalised (top bit set) or zero.
type fitExt struct {
	mant uint64
	exp  int
}

// fitExtRound rounds the 128-bit hi:lo (value hi:lo * 2^(exp-64), hi's
// top bit set) to 64 bits, to nearest even; sticky flags bits below lo.
func fitExtRound(hi, lo uint64, sticky bool, exp int) fitExt {
	if lo>>63 != 0 && (lo<<1 != 0 || sticky || hi&1 != 0) {
		hi++
		if hi == 0 {
			hi, exp = 1<<63, exp+1
		}
	}
	return fitExt{hi, exp}
}

// fitExtSquare is fmul st(0), st of a double: x*x rounded to 64 bits.
func fitExtSquare(x float64) fitExt {
	if x == 0 {
		return fitExt{}
	}
	fr, e := math.Frexp(math.Abs(x))
	a := uint64(fr*(1<<53)) << 11
	hi, lo := bits.Mul64(a, a)
	exp := 2*(e-64) + 64
	if hi>>63 == 0 {
		hi, lo = hi<<1|lo>>63, lo<<1
		exp--
	}
	return fitExtRound(hi, lo, false, exp)
}

// fitExtAdd is faddp of two non-negative values.
func fitExtAdd(a, b fitExt) fitExt {
	if a.mant == 0 {
		return b
	}
	if b.mant == 0 {
		return a
	}
	if a.exp < b.exp {
		a, b = b, a
	}
	sh := uint(a.exp - b.exp)
	var bhi, blo uint64
	sticky := false
	switch {
	case sh == 0:
		bhi = b.mant
	case sh < 64:
		bhi, blo = b.mant>>sh, b.mant<<(64-sh)
	case sh < 128:
		blo = b.mant >> (sh - 64)
		sticky = b.mant<<(128-sh) != 0
	default:
		sticky = true
	}
	hi, carry := bits.Add64(a.mant, bhi, 0)
	lo := blo
	exp := a.exp
	if carry != 0 {
		sticky = sticky || lo&1 != 0
		lo = lo>>1 | hi<<63
		hi = hi>>1 | 1<<63
		exp++
	}
	return fitExtRound(hi, lo, sticky, exp)
}

// fitExtSqrt is fsqrt: the square root rounded to 64 bits.
func fitExtSqrt(a fitExt) fitExt {
	if a.mant == 0 {
		return a
	}
	// value = n * 2^e with n the 128-bit a.mant<<64 or <<63, e even
	var hi, lo uint64
	e := a.exp - 64
	if e&1 == 0 {
		hi, lo = a.mant, 0
	} else {
		hi, lo = a.mant>>1, a.mant<<63
		e++
	}
	f := math.Sqrt(math.Ldexp(float64(hi), 64) + float64(lo))
	s := uint64(math.MaxUint64)
	if f < 0x1p64 {
		s = uint64(f)
	}
	if s < 1<<63 {
		s = 1 << 63
	}
	// one Newton step (hi < s here), then exact correction
	if hi < s {
		q, _ := bits.Div64(hi, lo, s)
		s = s>>1 + q>>1 + (s & q & 1)
		if s < 1<<63 {
			s = 1 << 63
		}
	}
	for {
		ph, pl := bits.Mul64(s, s)
		if ph > hi || (ph == hi && pl > lo) {
			s--
			continue
		}
		break
	}
	for s != math.MaxUint64 {
		t := s + 1
		ph, pl := bits.Mul64(t, t)
		if ph < hi || (ph == hi && pl <= lo) {
			s = t
			continue
		}
		break
	}
	// round: up iff n - s^2 > s
	ph, pl := bits.Mul64(s, s)
	rl, b := bits.Sub64(lo, pl, 0)
	rh, _ := bits.Sub64(hi, ph, b)
	exp := e / 2
	if rh > 0 || rl > s {
		s++
		if s == 0 {
			s, exp = 1<<63, exp+1
		}
	}
	return fitExt{s, exp}
}

// float rounds to the nearest double (FST to a 64-bit memory operand).
func (a fitExt) float() float64 {
	if a.mant == 0 {
		return 0
	}
	m := a.mant >> 11
	r := a.mant & 0x7ff
	exp := a.exp + 11
	if r > 0x400 || (r == 0x400 && m&1 != 0) {
		m++
		if m == 1<<53 {
			m, exp = m>>1, exp+1
		}
	}
	return math.Ldexp(float64(m), exp)
}

// fitNrm2 is OpenBLAS's x86-64 dnrm2 (nrm2.S) of n values of x spaced
// inc apart: squares summed in four x87 accumulators, then fsqrt, rounded
// to double once stored.
func fitNrm2(x []float64, inc, n int) float64 {
	var acc [4]fitExt
	sq := func(i int) fitExt { return fitExtSquare(x[i*inc]) }
	i := 0
	for ; i+8 <= n; i += 8 {
		for b := i; b < i+8; b += 4 {
			acc[0] = fitExtAdd(acc[0], sq(b+3))
			acc[1] = fitExtAdd(acc[1], sq(b+2))
			acc[2] = fitExtAdd(acc[2], sq(b+1))
			acc[3] = fitExtAdd(acc[3], sq(b))
		}
	}
	for ; i < n; i++ {
		acc[3] = fitExtAdd(acc[3], sq(i))
	}
	s := fitExtAdd(fitExtAdd(fitExtAdd(acc[1], acc[3]), acc[2]), acc[0])
	return fitExtSqrt(s).float()
}

// fitDlarfg is LAPACK's dlarfg: the reflector H = I - tau [1;v][1;v]^T
// with H [alpha; x] = [beta; 0] for the n-1 values of x spaced inc apart,
// which it overwrites with v.
func fitDlarfg(n int, alpha float64, x []float64, inc int) (beta, tau float64) {
	const safmin = 0x1p-1022 / 0x1p-53 // dlamch("S") / dlamch("E")
	if n <= 1 {
		return alpha, 0
	}
	xnorm := fitNrm2(x, inc, n-1)
	if xnorm == 0 {
		return alpha, 0
	}
	scal := func(s float64) {
		for i := range n - 1 {
			x[i*inc] = float64(s * x[i*inc])
		}
	}
	beta = -math.Copysign(fitDlapy2(alpha, xnorm), alpha)
	knt := 0
	if math.Abs(beta) < safmin {
		for {
			knt++
			scal(1 / safmin)
			beta *= 1 / safmin
			alpha *= 1 / safmin
			if math.Abs(beta) >= safmin || knt >= 20 {
				break
			}
		}
		xnorm = fitNrm2(x, inc, n-1)
		beta = -math.Copysign(fitDlapy2(alpha, xnorm), alpha)
	}
	tau = (beta - alpha) / beta
	scal(1 / (alpha - beta))
	for range knt {
		beta *= safmin
	}
	return beta, tau
}

// fitDlapy2 is LAPACK's dlapy2, sqrt(x^2+y^2) without overflow.
func fitDlapy2(x, y float64) float64 {
	xa, ya := math.Abs(x), math.Abs(y)
	w, z := max(xa, ya), min(xa, ya)
	if z == 0 || w > math.MaxFloat64 {
		return w
	}
	q := z / w
	return w * math.Sqrt(1+float64(q*q))
}

// fitGemvT is OpenBLAS's dgemv_t (dgemv_t_4.c, Haswell kernels) with
// alpha = 1, beta = 0: y[j] = c_j . v for the n columns of the m rows of
// c (column stride ld): columns four at a time in fused lanes, the rest in
// SSE2 lanes, the last m%4 rows fused.
func fitGemvT(c []float64, ld, m, n int, v, y []float64) {
	for j := range n {
		y[j] = 0
	}
	m3 := m & 3
	aligned := m - m3
	for start := 0; start < aligned; start += 2048 {
		nb := min(2048, aligned-start)
		j := 0
		for ; j+4 <= n; j += 4 {
			for cj := j; cj < j+4; cj++ {
				a := c[cj*ld+start : cj*ld+start+nb]
				xv := v[start : start+nb]
				var l [4]float64
				for i := 0; i < nb; i += 4 {
					for t := range 4 {
						l[t] = math.FMA(a[i+t], xv[i+t], l[t])
					}
				}
				y[cj] += (l[0] + l[2]) + (l[1] + l[3])
			}
		}
		if n&2 != 0 {
			for cj := j; cj < j+2; cj++ {
				a := c[cj*ld+start : cj*ld+start+nb]
				xv := v[start : start+nb]
				var l0, l1 float64
				for i := 0; i < nb; i += 2 {
					l0 += float64(a[i] * xv[i])
					l1 += float64(a[i+1] * xv[i+1])
				}
				y[cj] += l0 + l1
			}
			j += 2
		}
		if n&1 != 0 {
			a := c[j*ld+start : j*ld+start+nb]
			xv := v[start : start+nb]
			var l [4]float64
			for i := 0; i < nb; i += 4 {
				for t := range 4 {
					l[t] += float64(a[i+t] * xv[i+t])
				}
			}
			y[j] += (l[0] + l[2]) + (l[1] + l[3])
		}
	}
	if m3 == 0 {
		return
	}
	r := aligned
	for j := range n {
		a := c[j*ld+r:]
		switch m3 {
		case 1:
			y[j] = math.FMA(a[0], v[r], y[j])
		case 2:
			y[j] += math.FMA(a[0], v[r], float64(a[1]*v[r+1]))
		case 3:
			y[j] += math.FMA(a[2], v[r+2], math.FMA(a[0], v[r], float64(a[1]*v[r+1])))
		}
	}
}

// fitDlarf is LAPACK's dlarf("Left"): C = (I - tau v v^T) C for the m×n
// block c (column stride ld), v[0] taken as 1 by the caller. work needs n.
func fitDlarf(v []float64, tau float64, c []float64, ld, m, n int, work []float64) {
	if tau == 0 {
		return
	}
	lastv := m
	for lastv > 0 && v[lastv-1] == 0 {
		lastv--
	}
	lastc := n
	for ; lastc > 0; lastc-- {
		col := c[(lastc-1)*ld : (lastc-1)*ld+lastv]
		nz := false
		for _, x := range col {
			if x != 0 {
				nz = true
				break
			}
		}
		if nz {
			break
		}
	}
	if lastv == 0 || lastc == 0 {
		return
	}
	fitGemvT(c, ld, lastv, lastc, v, work)
	for j := range lastc {
		da := float64(-tau * work[j])
		col := c[j*ld : j*ld+lastv]
		for i := range col {
			col[i] = math.FMA(da, v[i], col[i])
		}
	}
}

// fitGemvN is OpenBLAS's dgemv_n (dgemv_n_4.c, Skylake-X kernels) with
// alpha = 1, beta = 0 and a strided x (inc > 1): y = C v for the m rows
// and n columns of c (column stride ld). The rows in blocks of four take
// the columns four at a time (fused) and the rest one at a time (SSE2);
// the last m%4 rows are fused dot products.
func fitGemvN(c []float64, ld, m, n int, v []float64, inc int, y []float64) {
	for i := range m {
		y[i] = 0
	}
	m3 := m & 3
	aligned := m - m3
	for start := 0; start < aligned; start += 2048 {
		nb := min(2048, aligned-start)
		yy := y[start : start+nb]
		j := 0
		for ; j+4 <= n; j += 4 {
			x0, x1, x2, x3 := v[j*inc], v[(j+1)*inc], v[(j+2)*inc], v[(j+3)*inc]
			a0 := c[j*ld+start : j*ld+start+nb]
			a1 := c[(j+1)*ld+start : (j+1)*ld+start+nb]
			a2 := c[(j+2)*ld+start : (j+2)*ld+start+nb]
			a3 := c[(j+3)*ld+start : (j+3)*ld+start+nb]
			for i := range yy {
				yy[i] += math.FMA(a3[i], x3, math.FMA(a2[i], x2, math.FMA(a0[i], x0, float64(a1[i]*x1))))
			}
		}
		for ; j < n; j++ {
			xj := v[j*inc]
			col := c[j*ld+start : j*ld+start+nb]
			for i, a := range col {
				yy[i] += float64(a * xj)
			}
		}
	}
	for r := aligned; r < m; r++ {
		t := 0.0
		for j := range n {
			t = math.FMA(c[j*ld+r], v[j*inc], t)
		}
		y[r] += t
	}
}

// fitDlarfRight is LAPACK's dlarf("Right"): C = C (I - tau v v^T) for the
// m×n block c (column stride ld), v's n values spaced inc (> 1) apart and
// v[0] taken as 1 by the caller. work needs m.
func fitDlarfRight(v []float64, inc int, tau float64, c []float64, ld, m, n int, work []float64) {
	if tau == 0 {
		return
	}
	lastv := n
	for lastv > 0 && v[(lastv-1)*inc] == 0 {
		lastv--
	}
	lastc := m
	for ; lastc > 0; lastc-- {
		nz := false
		for j := range lastv {
			if c[j*ld+lastc-1] != 0 {
				nz = true
				break
			}
		}
		if nz {
			break
		}
	}
	if lastv == 0 || lastc == 0 {
		return
	}
	fitGemvN(c, ld, lastc, lastv, v, inc, work)
	for j := range lastv {
		da := float64(-tau * v[j*inc])
		col := c[j*ld : j*ld+lastc]
		for i := range col {
			col[i] = math.FMA(da, work[i], col[i])
		}
	}
}

// fitDgeqr2 is LAPACK's dgeqr2 of the column-major m×n matrix a (leading
// dimension m): R in the upper triangle, reflectors below, tau[k].
// work needs n entries.
func fitDgeqr2(a []float64, m, n int, tau, work []float64) {
	for k := range min(m, n) {
		col := a[k*m : (k+1)*m]
		beta, t := fitDlarfg(m-k, col[k], col[min(k+1, m-1):], 1)
		tau[k] = t
		if k < n-1 {
			col[k] = 1
			fitDlarf(col[k:], t, a[(k+1)*m+k:], m, m-k, n-k-1, work)
		}
		col[k] = beta
	}
}

// fitDgebd2 is LAPACK's dgebd2: a (column-major, leading dimension ld)
// becomes Q^T a P, bidiagonal with diagonal d and off-diagonal e (upper
// for m >= n, lower for m < n), Q's reflectors (tauq) stored below and P's
// (taup) right of the bidiagonal. work needs max(m, n).
func fitDgebd2(a []float64, ld, m, n int, d, e, tauq, taup, work []float64) {
	at := func(i, j int) int { return j*ld + i }
	if m >= n {
		for i := range n {
			beta, t := fitDlarfg(m-i, a[at(i, i)], a[at(min(i+1, m-1), i):], 1)
			d[i], tauq[i] = beta, t
			if i < n-1 {
				a[at(i, i)] = 1
				fitDlarf(a[at(i, i):], t, a[at(i, i+1):], ld, m-i, n-i-1, work)
			}
			a[at(i, i)] = d[i]
			if i < n-1 {
				beta, t := fitDlarfg(n-i-1, a[at(i, i+1)], a[at(i, min(i+2, n-1)):], ld)
				e[i], taup[i] = beta, t
				a[at(i, i+1)] = 1
				fitDlarfRight(a[at(i, i+1):], ld, t, a[at(i+1, i+1):], ld, m-i-1, n-i-1, work)
				a[at(i, i+1)] = e[i]
			} else {
				taup[i] = 0
			}
		}
		return
	}
	for i := range m {
		beta, t := fitDlarfg(n-i, a[at(i, i)], a[at(i, min(i+1, n-1)):], ld)
		d[i], taup[i] = beta, t
		if i < m-1 {
			a[at(i, i)] = 1
			fitDlarfRight(a[at(i, i):], ld, t, a[at(i+1, i):], ld, m-i-1, n-i, work)
		}
		a[at(i, i)] = d[i]
		if i < m-1 {
			beta, t := fitDlarfg(m-i-1, a[at(i+1, i)], a[at(min(i+2, m-1), i):], 1)
			e[i], tauq[i] = beta, t
			a[at(i+1, i)] = 1
			fitDlarf(a[at(i+1, i):], t, a[at(i+1, i+1):], ld, m-i-1, n-i-1, work)
			a[at(i+1, i)] = e[i]
		} else {
			tauq[i] = 0
		}
	}
}

// fitDgelq2 is LAPACK's dgelq2 of the column-major m×n matrix a (leading
// dimension m): L in the lower triangle, reflectors right of it, tau.
// work needs m entries.
func fitDgelq2(a []float64, m, n int, tau, work []float64) {
	at := func(i, j int) int { return j*m + i }
	for i := range min(m, n) {
		beta, t := fitDlarfg(n-i, a[at(i, i)], a[at(i, min(i+1, n-1)):], m)
		tau[i] = t
		if i < m-1 {
			a[at(i, i)] = 1
			fitDlarfRight(a[at(i, i):], m, t, a[at(i+1, i):], m, m-i-1, n-i, work)
		}
		a[at(i, i)] = beta
	}
}

// fitDorm2r applies Q^T of fitDgeqr2's factorisation to the vector y
// (dorm2r "L", "T" with one column).
func fitDorm2r(a []float64, m, n int, tau, y, work []float64) {
	for k := range min(m, n) {
		col := a[k*m : (k+1)*m]
		aii := col[k]
		col[k] = 1
		fitDlarf(col[k:], tau[k], y[k:], m, m-k, 1, work)
		col[k] = aii
	}
}
