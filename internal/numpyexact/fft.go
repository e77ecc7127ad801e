package numpyexact

// This file holds a real forward FFT that reproduces numpy's np.fft.rfft
// (numpy 1.17-1.26, C pocketfft by Martin Reinecke, Max-Planck-Society,
// 3-clause BSD) bit for bit, and glibc's hypot, so that
// fft_peak_freq = f[1+argmax(abs(rfft(d))[1:])] picks the same bin as numpy
// even when two bins tie mathematically and only rounding noise separates
// them (an impulse has a flat spectrum, for instance). gonum's FFTPACK
// computes its twiddles and orders its operations differently, and picks
// another bin in 5-25% of such windows.
//
// The operation order below follows pocketfft exactly: the plan choice
// (radix passes, or Bluestein for lengths with a large prime factor), the
// factor order, the twiddle tables and every sum and product. Each product
// is wrapped in float64() so that no Go port fuses a multiply and an add
// into an FMA (arm64 and GOAMD64=v3 would otherwise), which keeps the
// results the same on every platform and equal to numpy built without FMA
// contraction (the x86-64 wheels and distribution packages).

import "math"

// RFFT computes the unnormalised forward FFT of a real sequence of
// length n in place, in FFTPACK's half-complex order:
//
//	c[0] = Re X[0], c[2k-1] = Re X[k], c[2k] = Im X[k], and for even n
//	c[n-1] = Re X[n/2].
//
// A plan holds its own scratch, so forward allocates nothing; it is not
// safe for concurrent use.
type RFFT struct {
	n    int
	fact []rfftFactor // radix passes; nil when blue is set
	ch   []float64    // scratch of length n
	blue *bluePlan
}

type rfftFactor struct {
	ip      int
	tw, tws []float64
}

func NewRFFT(n int) *RFFT {
	if n < 1 {
		panic("numpyexact: FFT length must be positive")
	}
	p := &RFFT{n: n}
	if n >= 50 && float64(largestPrimeFactor(n)) > math.Sqrt(float64(n)) {
		comp1 := 0.5 * costGuess(n)
		comp2 := 2 * costGuess(goodSize(2*n-1))
		comp2 *= 1.5 // pocketfft's fudge factor
		if comp2 < comp1 {
			p.blue = newBluePlan(n)
			return p
		}
	}
	if n == 1 {
		return p
	}
	p.ch = make([]float64, n)
	fcts := factorize(n)
	p.fact = make([]rfftFactor, len(fcts))
	twsize, l1 := 0, 1
	for _, ip := range fcts {
		ido := n / (l1 * ip)
		twsize += (ip - 1) * (ido - 1)
		if ip > 5 {
			twsize += 2 * ip
		}
		l1 *= ip
	}
	mem := make([]float64, twsize)
	twid := make([]float64, 2*n)
	sincos2PiByNHalf(n, twid)
	l1 = 1
	for k, ip := range fcts {
		f := &p.fact[k]
		f.ip = ip
		ido := n / (l1 * ip)
		if k < len(fcts)-1 { // the last factor needs no twiddles
			f.tw, mem = mem[:(ip-1)*(ido-1)], mem[(ip-1)*(ido-1):]
			for j := 1; j < ip; j++ {
				for i := 1; i <= (ido-1)/2; i++ {
					f.tw[(j-1)*(ido-1)+2*i-2] = twid[2*j*l1*i]
					f.tw[(j-1)*(ido-1)+2*i-1] = twid[2*j*l1*i+1]
				}
			}
		}
		if ip > 5 { // the general pass needs the ip-th roots of unity
			f.tws, mem = mem[:2*ip], mem[2*ip:]
			f.tws[0] = 1
			f.tws[1] = 0
			for i := 1; i <= ip>>1; i++ {
				f.tws[2*i] = twid[2*i*(n/ip)]
				f.tws[2*i+1] = twid[2*i*(n/ip)+1]
				f.tws[2*(ip-i)] = twid[2*i*(n/ip)]
				f.tws[2*(ip-i)+1] = -twid[2*i*(n/ip)+1]
			}
		}
		l1 *= ip
	}
	return p
}

// forward transforms c, of length p.n, in place.
func (p *RFFT) Forward(c []float64) {
	if len(c) != p.n {
		panic("numpyexact: FFT length mismatch")
	}
	if p.blue != nil {
		p.blue.rforward(c)
		return
	}
	if p.n == 1 {
		return
	}
	n := p.n
	l1 := n
	p1, p2 := c, p.ch
	for k := len(p.fact) - 1; k >= 0; k-- {
		f := &p.fact[k]
		ip := f.ip
		ido := n / l1
		l1 /= ip
		switch ip {
		case 4:
			radf4(ido, l1, p1, p2, f.tw)
		case 2:
			radf2(ido, l1, p1, p2, f.tw)
		case 3:
			radf3(ido, l1, p1, p2, f.tw)
		case 5:
			radf5(ido, l1, p1, p2, f.tw)
		default:
			radfg(ido, ip, l1, p1, p2, f.tw, f.tws)
			p1, p2 = p2, p1
		}
		p1, p2 = p2, p1
	}
	if &p1[0] != &c[0] {
		copy(c, p1)
	}
}

// factorize returns pocketfft's factor order: 4s, then a 2 swapped to the
// front, then odd factors in increasing order.
func factorize(n int) []int {
	var f []int
	for n%4 == 0 {
		f = append(f, 4)
		n >>= 2
	}
	if n%2 == 0 {
		n >>= 1
		f = append(f, 2)
		f[0], f[len(f)-1] = f[len(f)-1], f[0]
	}
	maxl := int(math.Sqrt(float64(n))) + 1
	for d := 3; n > 1 && d < maxl; d += 2 {
		if n%d == 0 {
			for n%d == 0 {
				f = append(f, d)
				n /= d
			}
			maxl = int(math.Sqrt(float64(n))) + 1
		}
	}
	if n > 1 {
		f = append(f, n)
	}
	return f
}

func largestPrimeFactor(n int) int {
	res := 1
	for n%2 == 0 {
		res = 2
		n >>= 1
	}
	limit := int(math.Sqrt(float64(n) + 0.01))
	for x := 3; x <= limit; x += 2 {
		for n%x == 0 {
			res = x
			n /= x
			limit = int(math.Sqrt(float64(n) + 0.01))
		}
	}
	if n > 1 {
		res = n
	}
	return res
}

func costGuess(n int) float64 {
	const lfp = 1.1 // penalty for non-hardcoded larger factors
	ni := n
	result := 0.0
	for n%2 == 0 {
		result += 2
		n >>= 1
	}
	limit := int(math.Sqrt(float64(n) + 0.01))
	for x := 3; x <= limit; x += 2 {
		for n%x == 0 {
			if x <= 5 {
				result += float64(x)
			} else {
				result += float64(lfp * float64(x))
			}
			n /= x
			limit = int(math.Sqrt(float64(n) + 0.01))
		}
	}
	if n > 1 {
		if n <= 5 {
			result += float64(n)
		} else {
			result += float64(lfp * float64(n))
		}
	}
	return result * float64(ni)
}

// goodSize returns the smallest product of 2, 3, 5, 7 and 11 that is >= n.
func goodSize(n int) int {
	if n <= 6 {
		return n
	}
	best := 2 * n
	for f2 := 1; f2 < best; f2 *= 2 {
		for f23 := f2; f23 < best; f23 *= 3 {
			for f235 := f23; f235 < best; f235 *= 5 {
				for f2357 := f235; f2357 < best; f2357 *= 7 {
					for f := f2357; f < best; f *= 11 {
						if f >= n {
							best = f
						}
					}
				}
			}
		}
	}
	return best
}

// Twiddle factors: cos and sin of 2*pi*k/n, interleaved, computed the way
// pocketfft does (a polynomial for the first octant, then symmetries).

// sincosm1pi returns cos(pi*a)-1 and sin(pi*a) for a in [-0.25, 0.25].
func sincosm1pi(a float64) (c, s float64) {
	q := float64(a * a)
	r := -1.0369917389758117e-4
	r = math.FMA(r, q, 1.9294935641298806e-3)
	r = math.FMA(r, q, -2.5806887942825395e-2)
	r = math.FMA(r, q, 2.3533063028328211e-1)
	r = math.FMA(r, q, -1.3352627688538006e+0)
	r = math.FMA(r, q, 4.0587121264167623e+0)
	r = math.FMA(r, q, -4.9348022005446790e+0)
	c = float64(r * q)
	r = 4.6151442520157035e-4
	r = math.FMA(r, q, -7.3700183130883555e-3)
	r = math.FMA(r, q, 8.2145868949323936e-2)
	r = math.FMA(r, q, -5.9926452893214921e-1)
	r = math.FMA(r, q, 2.5501640398732688e+0)
	r = math.FMA(r, q, -5.1677127800499516e+0)
	q = float64(q * a)
	r = float64(r * q)
	s = math.FMA(a, 3.1415926535897931e+0, r)
	return c, s
}

func calcFirstOctant(den int, res []float64) {
	n := (den + 4) >> 3
	if n == 0 {
		return
	}
	res[0], res[1] = 1, 0
	if n == 1 {
		return
	}
	l1 := int(math.Sqrt(float64(n)))
	for i := 1; i < l1; i++ {
		res[2*i], res[2*i+1] = sincosm1pi(float64(2*i) / float64(den))
	}
	start := l1
	for start < n {
		c0, c1 := sincosm1pi(float64(2*start) / float64(den))
		res[2*start] = c0 + 1
		res[2*start+1] = c1
		end := l1
		if start+end > n {
			end = n - start
		}
		for i := 1; i < end; i++ {
			x0, x1 := res[2*i], res[2*i+1]
			res[2*(start+i)] = ((float64(c0*x0) - float64(c1*x1) + c0) + x0) + 1
			res[2*(start+i)+1] = (float64(c0*x1) + float64(c1*x0)) + c1 + x1
		}
		start += l1
	}
	for i := 1; i < l1; i++ {
		res[2*i] += 1
	}
}

func calcFirstQuadrant(n int, res []float64) {
	p := res[n:]
	calcFirstOctant(n<<1, p)
	ndone := (n + 2) >> 2
	i, idx1, idx2 := 0, 0, 2*ndone-2
	for ; i+1 < ndone; i, idx1, idx2 = i+2, idx1+2, idx2-2 {
		res[idx1] = p[2*i]
		res[idx1+1] = p[2*i+1]
		res[idx2] = p[2*i+3]
		res[idx2+1] = p[2*i+2]
	}
	if i != ndone {
		res[idx1] = p[2*i]
		res[idx1+1] = p[2*i+1]
	}
}

func calcFirstHalf(n int, res []float64) {
	ndone := (n + 1) >> 1
	p := res[n-1:]
	calcFirstOctant(n<<2, p)
	i4, in, i := 0, n, 0
	for ; i4 <= in-i4; i, i4 = i+1, i4+4 { // octant 0
		res[2*i] = p[2*i4]
		res[2*i+1] = p[2*i4+1]
	}
	for ; i4-in <= 0; i, i4 = i+1, i4+4 { // octant 1
		xm := in - i4
		res[2*i] = p[2*xm+1]
		res[2*i+1] = p[2*xm]
	}
	for ; i4 <= 3*in-i4; i, i4 = i+1, i4+4 { // octant 2
		xm := i4 - in
		res[2*i] = -p[2*xm+1]
		res[2*i+1] = p[2*xm]
	}
	for ; i < ndone; i, i4 = i+1, i4+4 { // octant 3
		xm := 2*in - i4
		res[2*i] = -p[2*xm]
		res[2*i+1] = p[2*xm+1]
	}
}

func fillFirstQuadrant(n int, res []float64) {
	const hsqt2 = 0.707106781186547524400844362104849
	quart := n >> 2
	if n&7 == 0 {
		res[quart] = hsqt2
		res[quart+1] = hsqt2
	}
	for i, j := 2, 2*quart-2; i < quart; i, j = i+2, j-2 {
		res[j] = res[i+1]
		res[j+1] = res[i]
	}
}

func fillFirstHalf(n int, res []float64) {
	half := n >> 1
	if n&3 == 0 {
		for i := 0; i < half; i += 2 {
			res[i+half] = -res[i+1]
			res[i+half+1] = res[i]
		}
	} else {
		for i, j := 2, 2*half-2; i < half; i, j = i+2, j-2 {
			res[j] = -res[i]
			res[j+1] = res[i+1]
		}
	}
}

func fillSecondHalf(n int, res []float64) {
	if n&1 == 0 {
		for i := 0; i < n; i++ {
			res[i+n] = -res[i]
		}
	} else {
		for i, j := 2, 2*n-2; i < n; i, j = i+2, j-2 {
			res[j] = res[i]
			res[j+1] = -res[i+1]
		}
	}
}

// sincos2PiByNHalf fills res (length >= 2n) with cos, sin of 2*pi*k/n for
// k < (n+1)/2 (the first half of the circle).
func sincos2PiByNHalf(n int, res []float64) {
	switch {
	case n&3 == 0:
		calcFirstOctant(n, res)
		fillFirstQuadrant(n, res)
		fillFirstHalf(n, res)
	case n&1 == 0:
		calcFirstQuadrant(n, res)
		fillFirstHalf(n, res)
	default:
		calcFirstHalf(n, res)
	}
}

// sincos2PiByN fills res (length 2n) with cos, sin of 2*pi*k/n, k < n.
func sincos2PiByN(n int, res []float64) {
	sincos2PiByNHalf(n, res)
	fillSecondHalf(n, res)
}

// Radix passes of the real forward transform. Index layout as in FFTPACK:
// cc(a,b,c) = cc[a+ido*(b+l1*c)], ch(a,b,c) = ch[a+ido*(b+cdim*c)],
// wa(x,i) = wa[i+x*(ido-1)].

// mulpm returns conj(c+id)*(e+if) = (c*e+d*f, c*f-d*e).
func mulpm(c, d, e, f float64) (float64, float64) {
	return float64(c*e) + float64(d*f), float64(c*f) - float64(d*e)
}

func radf2(ido, l1 int, cc, ch, wa []float64) {
	const cdim = 2
	if ido == 1 { // the loop below, without bounds checks
		as, bs := cc[:l1], cc[l1:][:l1]
		for k := range as {
			a, b := as[k], bs[k]
			h := ch[cdim*k:][:cdim]
			h[0] = a + b
			h[1] = a - b
		}
		return
	}
	for k := 0; k < l1; k++ {
		a, b := cc[ido*k], cc[ido*(k+l1)]
		ch[ido*cdim*k] = a + b
		ch[ido-1+ido*(1+cdim*k)] = a - b
	}
	if ido&1 == 0 {
		for k := 0; k < l1; k++ {
			ch[ido*(1+cdim*k)] = -cc[ido-1+ido*(k+l1)]
			ch[ido-1+ido*cdim*k] = cc[ido-1+ido*k]
		}
	}
	if ido <= 2 {
		return
	}
	// The same loop on slices of one row each, which spares the bounds
	// checks.
	wa = wa[:ido-1]
	for k := 0; k < l1; k++ {
		c0 := cc[ido*k:][:ido]
		c1 := cc[ido*(k+l1):][:ido]
		h0 := ch[ido*cdim*k:][:ido]
		h1 := ch[ido*(1+cdim*k):][:ido]
		for i := 2; i < ido; i += 2 {
			ic := ido - i
			tr2, ti2 := mulpm(wa[i-2], wa[i-1], c1[i-1], c1[i])
			c0r, c0i := c0[i-1], c0[i]
			h0[i-1] = c0r + tr2
			h1[ic-1] = c0r - tr2
			h0[i] = ti2 + c0i
			h1[ic] = ti2 - c0i
		}
	}
}

func radf3(ido, l1 int, cc, ch, wa []float64) {
	const cdim = 3
	const taur, taui = -0.5, 0.86602540378443864676
	for k := 0; k < l1; k++ {
		c0, c1, c2 := cc[ido*k], cc[ido*(k+l1)], cc[ido*(k+2*l1)]
		cr2 := c1 + c2
		ch[ido*cdim*k] = c0 + cr2
		ch[ido*(2+cdim*k)] = float64(taui * (c2 - c1))
		ch[ido-1+ido*(1+cdim*k)] = c0 + float64(taur*cr2)
	}
	if ido == 1 {
		return
	}
	for k := 0; k < l1; k++ {
		for i := 2; i < ido; i += 2 {
			ic := ido - i
			dr2, di2 := mulpm(wa[i-2], wa[i-1], cc[i-1+ido*(k+l1)], cc[i+ido*(k+l1)])
			dr3, di3 := mulpm(wa[i-2+(ido-1)], wa[i-1+(ido-1)], cc[i-1+ido*(k+2*l1)], cc[i+ido*(k+2*l1)])
			cr2 := dr2 + dr3
			ci2 := di2 + di3
			c0r, c0i := cc[i-1+ido*k], cc[i+ido*k]
			ch[i-1+ido*cdim*k] = c0r + cr2
			ch[i+ido*cdim*k] = c0i + ci2
			tr2 := c0r + float64(taur*cr2)
			ti2 := c0i + float64(taur*ci2)
			tr3 := float64(taui * (di2 - di3))
			ti3 := float64(taui * (dr3 - dr2))
			ch[i-1+ido*(2+cdim*k)] = tr2 + tr3
			ch[ic-1+ido*(1+cdim*k)] = tr2 - tr3
			ch[i+ido*(2+cdim*k)] = ti3 + ti2
			ch[ic+ido*(1+cdim*k)] = ti3 - ti2
		}
	}
}

func radf4(ido, l1 int, cc, ch, wa []float64) {
	const cdim = 4
	const hsqt2 = 0.70710678118654752440
	if ido == 1 { // the loop below, without bounds checks
		c0s, c1s, c2s, c3s := cc[:l1], cc[l1:][:l1], cc[2*l1:][:l1], cc[3*l1:][:l1]
		for k := range c0s {
			c0, c1, c2, c3 := c0s[k], c1s[k], c2s[k], c3s[k]
			h := ch[cdim*k:][:cdim]
			tr1 := c3 + c1
			h[2] = c3 - c1
			tr2 := c0 + c2
			h[1] = c0 - c2
			h[0] = tr2 + tr1
			h[3] = tr2 - tr1
		}
		return
	}
	for k := 0; k < l1; k++ {
		c0, c1, c2, c3 := cc[ido*k], cc[ido*(k+l1)], cc[ido*(k+2*l1)], cc[ido*(k+3*l1)]
		tr1 := c3 + c1
		ch[ido*(2+cdim*k)] = c3 - c1
		tr2 := c0 + c2
		ch[ido-1+ido*(1+cdim*k)] = c0 - c2
		ch[ido*cdim*k] = tr2 + tr1
		ch[ido-1+ido*(3+cdim*k)] = tr2 - tr1
	}
	if ido&1 == 0 {
		for k := 0; k < l1; k++ {
			c0, c1 := cc[ido-1+ido*k], cc[ido-1+ido*(k+l1)]
			c2, c3 := cc[ido-1+ido*(k+2*l1)], cc[ido-1+ido*(k+3*l1)]
			ti1 := float64(-hsqt2 * (c1 + c3))
			tr1 := float64(hsqt2 * (c1 - c3))
			ch[ido-1+ido*cdim*k] = c0 + tr1
			ch[ido-1+ido*(2+cdim*k)] = c0 - tr1
			ch[ido*(3+cdim*k)] = ti1 + c2
			ch[ido*(1+cdim*k)] = ti1 - c2
		}
	}
	if ido <= 2 {
		return
	}
	// The same loop on slices of one row each, which spares the bounds
	// checks: c_j is cc(.,k,j), h_j is ch(.,j,k), w_j is wa(j-1,.).
	w1, w2, w3 := wa[:ido-1], wa[ido-1:][:ido-1], wa[2*(ido-1):][:ido-1]
	for k := 0; k < l1; k++ {
		c0 := cc[ido*k:][:ido]
		c1 := cc[ido*(k+l1):][:ido]
		c2 := cc[ido*(k+2*l1):][:ido]
		c3 := cc[ido*(k+3*l1):][:ido]
		h0 := ch[ido*cdim*k:][:ido]
		h1 := ch[ido*(1+cdim*k):][:ido]
		h2 := ch[ido*(2+cdim*k):][:ido]
		h3 := ch[ido*(3+cdim*k):][:ido]
		for i := 2; i < ido; i += 2 {
			ic := ido - i
			cr2, ci2 := mulpm(w1[i-2], w1[i-1], c1[i-1], c1[i])
			cr3, ci3 := mulpm(w2[i-2], w2[i-1], c2[i-1], c2[i])
			cr4, ci4 := mulpm(w3[i-2], w3[i-1], c3[i-1], c3[i])
			tr1, tr4 := cr4+cr2, cr4-cr2
			ti1, ti4 := ci2+ci4, ci2-ci4
			c0r, c0i := c0[i-1], c0[i]
			tr2, tr3 := c0r+cr3, c0r-cr3
			ti2, ti3 := c0i+ci3, c0i-ci3
			h0[i-1] = tr2 + tr1
			h3[ic-1] = tr2 - tr1
			h0[i] = ti1 + ti2
			h3[ic] = ti1 - ti2
			h2[i-1] = tr3 + ti4
			h1[ic-1] = tr3 - ti4
			h2[i] = tr4 + ti3
			h1[ic] = tr4 - ti3
		}
	}
}

func radf5(ido, l1 int, cc, ch, wa []float64) {
	const cdim = 5
	const (
		tr11 = 0.3090169943749474241
		ti11 = 0.95105651629515357212
		tr12 = -0.8090169943749474241
		ti12 = 0.58778525229247312917
	)
	for k := 0; k < l1; k++ {
		c0, c1, c2 := cc[ido*k], cc[ido*(k+l1)], cc[ido*(k+2*l1)]
		c3, c4 := cc[ido*(k+3*l1)], cc[ido*(k+4*l1)]
		cr2, ci5 := c4+c1, c4-c1
		cr3, ci4 := c3+c2, c3-c2
		ch[ido*cdim*k] = c0 + cr2 + cr3
		ch[ido-1+ido*(1+cdim*k)] = c0 + float64(tr11*cr2) + float64(tr12*cr3)
		ch[ido*(2+cdim*k)] = float64(ti11*ci5) + float64(ti12*ci4)
		ch[ido-1+ido*(3+cdim*k)] = c0 + float64(tr12*cr2) + float64(tr11*cr3)
		ch[ido*(4+cdim*k)] = float64(ti12*ci5) - float64(ti11*ci4)
	}
	if ido == 1 {
		return
	}
	for k := 0; k < l1; k++ {
		for i := 2; i < ido; i += 2 {
			ic := ido - i
			dr2, di2 := mulpm(wa[i-2], wa[i-1], cc[i-1+ido*(k+l1)], cc[i+ido*(k+l1)])
			dr3, di3 := mulpm(wa[i-2+(ido-1)], wa[i-1+(ido-1)], cc[i-1+ido*(k+2*l1)], cc[i+ido*(k+2*l1)])
			dr4, di4 := mulpm(wa[i-2+2*(ido-1)], wa[i-1+2*(ido-1)], cc[i-1+ido*(k+3*l1)], cc[i+ido*(k+3*l1)])
			dr5, di5 := mulpm(wa[i-2+3*(ido-1)], wa[i-1+3*(ido-1)], cc[i-1+ido*(k+4*l1)], cc[i+ido*(k+4*l1)])
			cr2, ci5 := dr5+dr2, dr5-dr2
			ci2, cr5 := di2+di5, di2-di5
			cr3, ci4 := dr4+dr3, dr4-dr3
			ci3, cr4 := di3+di4, di3-di4
			c0r, c0i := cc[i-1+ido*k], cc[i+ido*k]
			ch[i-1+ido*cdim*k] = c0r + cr2 + cr3
			ch[i+ido*cdim*k] = c0i + ci2 + ci3
			tr2 := c0r + float64(tr11*cr2) + float64(tr12*cr3)
			ti2 := c0i + float64(tr11*ci2) + float64(tr12*ci3)
			tr3 := c0r + float64(tr12*cr2) + float64(tr11*cr3)
			ti3 := c0i + float64(tr12*ci2) + float64(tr11*ci3)
			tr5, tr4 := mulpm(cr5, cr4, ti11, ti12)
			ti5, ti4 := mulpm(ci5, ci4, ti11, ti12)
			ch[i-1+ido*(2+cdim*k)] = tr2 + tr5
			ch[ic-1+ido*(1+cdim*k)] = tr2 - tr5
			ch[i+ido*(2+cdim*k)] = ti5 + ti2
			ch[ic+ido*(1+cdim*k)] = ti5 - ti2
			ch[i-1+ido*(4+cdim*k)] = tr3 + tr4
			ch[ic-1+ido*(3+cdim*k)] = tr3 - tr4
			ch[i+ido*(4+cdim*k)] = ti4 + ti3
			ch[ic+ido*(3+cdim*k)] = ti4 - ti3
		}
	}
}

// radfg is the pass for a general odd factor ip; it leaves its result in
// cc, not ch. Layout: c1(a,b,c) = cc[a+ido*(b+l1*c)], c2(a,b) =
// cc[a+idl1*b], ch2(a,b) = ch[a+idl1*b], ccOut(a,b,c) =
// cc[a+ido*(b+ip*c)], chIn(a,b,c) = ch[a+ido*(b+l1*c)].
func radfg(ido, ip, l1 int, cc, ch, wa, csarr []float64) {
	cdim := ip
	ipph := (ip + 1) / 2
	idl1 := ido * l1

	if ido > 1 {
		for j, jc := 1, ip-1; j < ipph; j, jc = j+1, jc-1 {
			is := (j - 1) * (ido - 1)
			is2 := (jc - 1) * (ido - 1)
			for k := 0; k < l1; k++ {
				idij, idij2 := is, is2
				for i := 1; i <= ido-2; i += 2 {
					pj := ido * (k + l1*j)
					pjc := ido * (k + l1*jc)
					t1, t2 := cc[i+pj], cc[i+1+pj]
					t3, t4 := cc[i+pjc], cc[i+1+pjc]
					x1 := float64(wa[idij]*t1) + float64(wa[idij+1]*t2)
					x2 := float64(wa[idij]*t2) - float64(wa[idij+1]*t1)
					x3 := float64(wa[idij2]*t3) + float64(wa[idij2+1]*t4)
					x4 := float64(wa[idij2]*t4) - float64(wa[idij2+1]*t3)
					cc[i+pj] = x1 + x3
					cc[i+pjc] = x2 - x4
					cc[i+1+pj] = x2 + x4
					cc[i+1+pjc] = x3 - x1
					idij += 2
					idij2 += 2
				}
			}
		}
	}

	for j, jc := 1, ip-1; j < ipph; j, jc = j+1, jc-1 {
		for k := 0; k < l1; k++ {
			t1, t2 := cc[ido*(k+l1*j)], cc[ido*(k+l1*jc)]
			cc[ido*(k+l1*j)] = t1 + t2
			cc[ido*(k+l1*jc)] = t2 - t1
		}
	}

	for l, lc := 1, ip-1; l < ipph; l, lc = l+1, lc-1 {
		for ik := 0; ik < idl1; ik++ {
			ch[ik+idl1*l] = cc[ik] + float64(csarr[2*l]*cc[ik+idl1]) + float64(csarr[4*l]*cc[ik+idl1*2])
			ch[ik+idl1*lc] = float64(csarr[2*l+1]*cc[ik+idl1*(ip-1)]) + float64(csarr[4*l+1]*cc[ik+idl1*(ip-2)])
		}
		iang := 2 * l
		j, jc := 3, ip-3
		for ; j < ipph-3; j, jc = j+4, jc-4 {
			iang += l
			if iang >= ip {
				iang -= ip
			}
			ar1, ai1 := csarr[2*iang], csarr[2*iang+1]
			iang += l
			if iang >= ip {
				iang -= ip
			}
			ar2, ai2 := csarr[2*iang], csarr[2*iang+1]
			iang += l
			if iang >= ip {
				iang -= ip
			}
			ar3, ai3 := csarr[2*iang], csarr[2*iang+1]
			iang += l
			if iang >= ip {
				iang -= ip
			}
			ar4, ai4 := csarr[2*iang], csarr[2*iang+1]
			for ik := 0; ik < idl1; ik++ {
				ch[ik+idl1*l] += float64(ar1*cc[ik+idl1*j]) + float64(ar2*cc[ik+idl1*(j+1)]) +
					float64(ar3*cc[ik+idl1*(j+2)]) + float64(ar4*cc[ik+idl1*(j+3)])
				ch[ik+idl1*lc] += float64(ai1*cc[ik+idl1*jc]) + float64(ai2*cc[ik+idl1*(jc-1)]) +
					float64(ai3*cc[ik+idl1*(jc-2)]) + float64(ai4*cc[ik+idl1*(jc-3)])
			}
		}
		for ; j < ipph-1; j, jc = j+2, jc-2 {
			iang += l
			if iang >= ip {
				iang -= ip
			}
			ar1, ai1 := csarr[2*iang], csarr[2*iang+1]
			iang += l
			if iang >= ip {
				iang -= ip
			}
			ar2, ai2 := csarr[2*iang], csarr[2*iang+1]
			for ik := 0; ik < idl1; ik++ {
				ch[ik+idl1*l] += float64(ar1*cc[ik+idl1*j]) + float64(ar2*cc[ik+idl1*(j+1)])
				ch[ik+idl1*lc] += float64(ai1*cc[ik+idl1*jc]) + float64(ai2*cc[ik+idl1*(jc-1)])
			}
		}
		for ; j < ipph; j, jc = j+1, jc-1 {
			iang += l
			if iang >= ip {
				iang -= ip
			}
			ar, ai := csarr[2*iang], csarr[2*iang+1]
			for ik := 0; ik < idl1; ik++ {
				ch[ik+idl1*l] += float64(ar * cc[ik+idl1*j])
				ch[ik+idl1*lc] += float64(ai * cc[ik+idl1*jc])
			}
		}
	}
	for ik := 0; ik < idl1; ik++ {
		ch[ik] = cc[ik]
	}
	for j := 1; j < ipph; j++ {
		for ik := 0; ik < idl1; ik++ {
			ch[ik] += cc[ik+idl1*j]
		}
	}

	// Everything is in ch now; write the output into cc.
	for k := 0; k < l1; k++ {
		for i := 0; i < ido; i++ {
			cc[i+ido*cdim*k] = ch[i+ido*k]
		}
	}
	for j, jc := 1, ip-1; j < ipph; j, jc = j+1, jc-1 {
		j2 := 2*j - 1
		for k := 0; k < l1; k++ {
			cc[ido-1+ido*(j2+cdim*k)] = ch[ido*(k+l1*j)]
			cc[ido*(j2+1+cdim*k)] = ch[ido*(k+l1*jc)]
		}
	}
	if ido == 1 {
		return
	}
	for j, jc := 1, ip-1; j < ipph; j, jc = j+1, jc-1 {
		j2 := 2*j - 1
		for k := 0; k < l1; k++ {
			for i, ic := 1, ido-3; i <= ido-2; i, ic = i+2, ic-2 {
				pj := ido * (k + l1*j)
				pjc := ido * (k + l1*jc)
				cc[i+ido*(j2+1+cdim*k)] = ch[i+pj] + ch[i+pjc]
				cc[ic+ido*(j2+cdim*k)] = ch[i+pj] - ch[i+pjc]
				cc[i+1+ido*(j2+1+cdim*k)] = ch[i+1+pj] + ch[i+1+pjc]
				cc[ic+1+ido*(j2+cdim*k)] = ch[i+1+pjc] - ch[i+1+pj]
			}
		}
	}
}

// bluePlan is Bluestein's algorithm: a length-n transform as a convolution
// computed with complex FFTs of length n2 = goodSize(2n-1).
type bluePlan struct {
	n, n2 int
	plan  *cfftPlan
	bk    []float64 // chirp, n complex values
	bkf   []float64 // its zero-padded, transformed, normalised copy, n2 complex
	akf   []float64 // scratch, n2 complex
	tmp   []float64 // scratch, n complex
}

func newBluePlan(n int) *bluePlan {
	n2 := goodSize(2*n - 1)
	b := &bluePlan{
		n: n, n2: n2,
		bk:  make([]float64, 2*n),
		bkf: make([]float64, 2*n2),
		akf: make([]float64, 2*n2),
		tmp: make([]float64, 2*n),
	}
	tmp := make([]float64, 4*n)
	sincos2PiByN(2*n, tmp)
	b.bk[0], b.bk[1] = 1, 0
	coeff := 0
	for m := 1; m < n; m++ {
		coeff += 2*m - 1
		if coeff >= 2*n {
			coeff -= 2 * n
		}
		b.bk[2*m] = tmp[2*coeff]
		b.bk[2*m+1] = tmp[2*coeff+1]
	}
	xn2 := 1 / float64(n2)
	b.bkf[0] = float64(b.bk[0] * xn2)
	b.bkf[1] = float64(b.bk[1] * xn2)
	for m := 2; m < 2*n; m += 2 {
		b.bkf[m] = float64(b.bk[m] * xn2)
		b.bkf[2*n2-m] = b.bkf[m]
		b.bkf[m+1] = float64(b.bk[m+1] * xn2)
		b.bkf[2*n2-m+1] = b.bkf[m+1]
	}
	for m := 2 * n; m <= 2*n2-2*n+1; m++ {
		b.bkf[m] = 0
	}
	b.plan = newCFFTPlan(n2)
	b.plan.pass(b.bkf, -1)
	return b
}

// rforward is pocketfft's rfftblue_forward.
func (b *bluePlan) rforward(c []float64) {
	n := b.n
	tmp := b.tmp
	for m := 0; m < n; m++ {
		tmp[2*m] = c[m]
		tmp[2*m+1] = 0
	}
	b.fft(tmp, -1)
	c[0] = tmp[0]
	copy(c[1:], tmp[2:n+1])
}

// fft is pocketfft's fftblue_fft with fct = 1.
func (b *bluePlan) fft(c []float64, isign int) {
	n, n2 := b.n, b.n2
	bk, bkf, akf := b.bk, b.bkf, b.akf
	if isign > 0 {
		for m := 0; m < 2*n; m += 2 {
			akf[m] = float64(c[m]*bk[m]) - float64(c[m+1]*bk[m+1])
			akf[m+1] = float64(c[m]*bk[m+1]) + float64(c[m+1]*bk[m])
		}
	} else {
		for m := 0; m < 2*n; m += 2 {
			akf[m] = float64(c[m]*bk[m]) + float64(c[m+1]*bk[m+1])
			akf[m+1] = float64(-c[m]*bk[m+1]) + float64(c[m+1]*bk[m])
		}
	}
	for m := 2 * n; m < 2*n2; m++ {
		akf[m] = 0
	}
	b.plan.pass(akf, -1)
	if isign > 0 {
		for m := 0; m < 2*n2; m += 2 {
			im := float64(-akf[m]*bkf[m+1]) + float64(akf[m+1]*bkf[m])
			akf[m] = float64(akf[m]*bkf[m]) + float64(akf[m+1]*bkf[m+1])
			akf[m+1] = im
		}
	} else {
		for m := 0; m < 2*n2; m += 2 {
			im := float64(akf[m]*bkf[m+1]) + float64(akf[m+1]*bkf[m])
			akf[m] = float64(akf[m]*bkf[m]) - float64(akf[m+1]*bkf[m+1])
			akf[m+1] = im
		}
	}
	b.plan.pass(akf, 1)
	if isign > 0 {
		for m := 0; m < 2*n; m += 2 {
			c[m] = float64(bk[m]*akf[m]) - float64(bk[m+1]*akf[m+1])
			c[m+1] = float64(bk[m+1]*akf[m]) + float64(bk[m]*akf[m+1])
		}
	} else {
		for m := 0; m < 2*n; m += 2 {
			c[m] = float64(bk[m]*akf[m]) + float64(bk[m+1]*akf[m+1])
			c[m+1] = float64(-bk[m+1]*akf[m]) + float64(bk[m]*akf[m+1])
		}
	}
}

// cfftPlan is pocketfft's complex radix FFT (cfftp), used only by
// Bluestein, whose lengths have no prime factor above 11. Complex values
// are interleaved re, im pairs in a []float64.
type cfftPlan struct {
	n    int
	fact []cfftFactor
	ch   []float64 // scratch, n complex
}

type cfftFactor struct {
	ip int
	tw []float64 // (ip-1)*(ido-1) complex values
}

func newCFFTPlan(n int) *cfftPlan {
	p := &cfftPlan{n: n, ch: make([]float64, 2*n)}
	if n == 1 {
		return p
	}
	fcts := factorize(n)
	twid := make([]float64, 2*n)
	sincos2PiByN(n, twid)
	p.fact = make([]cfftFactor, len(fcts))
	l1 := 1
	for k, ip := range fcts {
		if ip > 11 {
			panic("numpyexact: internal error: complex FFT factor above 11")
		}
		ido := n / (l1 * ip)
		f := &p.fact[k]
		f.ip = ip
		f.tw = make([]float64, 2*(ip-1)*(ido-1))
		for j := 1; j < ip; j++ {
			for i := 1; i < ido; i++ {
				f.tw[2*((j-1)*(ido-1)+i-1)] = twid[2*j*l1*i]
				f.tw[2*((j-1)*(ido-1)+i-1)+1] = twid[2*j*l1*i+1]
			}
		}
		l1 *= ip
	}
	return p
}

// pass is pocketfft's pass_all with fct = 1: sign -1 is the forward
// transform, +1 the backward one.
func (p *cfftPlan) pass(c []float64, sign int) {
	if p.n == 1 {
		return
	}
	l1 := 1
	p1, p2 := c, p.ch
	for k := range p.fact {
		f := &p.fact[k]
		ip := f.ip
		l2 := ip * l1
		ido := p.n / l2
		switch ip {
		case 4:
			pass4(ido, l1, p1, p2, f.tw, sign)
		case 2:
			pass2(ido, l1, p1, p2, f.tw, sign)
		case 3:
			pass3(ido, l1, p1, p2, f.tw, sign)
		case 5:
			pass5(ido, l1, p1, p2, f.tw, sign)
		case 7:
			pass7(ido, l1, p1, p2, f.tw, sign)
		case 11:
			pass11(ido, l1, p1, p2, f.tw, sign)
		}
		p1, p2 = p2, p1
		l1 = l2
	}
	if &p1[0] != &c[0] {
		copy(c, p1)
	}
}

// Complex pass helpers. Indexes count complex values: cc(a,b,c) is the
// pair at 2*(a+ido*(b+cdim*c)), ch(a,b,c) at 2*(a+ido*(b+l1*c)), and
// wa(x,i) at 2*(i-1+x*(ido-1)).

// twmul returns w*t for sign > 0 and conj(w)*t for sign < 0 (pocketfft's
// A_EQ_B_MUL_C and A_EQ_CB_MUL_C, used by the passes for 2, 3, 4 and 5).
func twmul(wr, wi, tr, ti float64, sign int) (float64, float64) {
	if sign > 0 {
		return float64(wr*tr) - float64(wi*ti), float64(wr*ti) + float64(wi*tr)
	}
	return float64(wr*tr) + float64(wi*ti), float64(wr*ti) - float64(wi*tr)
}

// twmulSign is pocketfft's MULPMSIGNC, used by the passes for 7 and 11:
// (wr*tr - s*wi*ti, wr*ti + s*wi*tr) with s = ±1.
func twmulSign(wr, wi, tr, ti, s float64) (float64, float64) {
	swi := s * wi
	return float64(wr*tr) - float64(swi*ti), float64(wr*ti) + float64(swi*tr)
}

func pass2(ido, l1 int, cc, ch, wa []float64, sign int) {
	const cdim = 2
	for k := 0; k < l1; k++ {
		for i := 0; i < ido; i++ {
			a := 2 * (i + ido*(0+cdim*k))
			b := 2 * (i + ido*(1+cdim*k))
			o0 := 2 * (i + ido*(k+l1*0))
			o1 := 2 * (i + ido*(k+l1*1))
			ch[o0] = cc[a] + cc[b]
			ch[o0+1] = cc[a+1] + cc[b+1]
			tr, ti := cc[a]-cc[b], cc[a+1]-cc[b+1]
			if i == 0 {
				ch[o1], ch[o1+1] = tr, ti
				continue
			}
			w := 2 * (i - 1)
			ch[o1], ch[o1+1] = twmul(wa[w], wa[w+1], tr, ti, sign)
		}
	}
}

func pass3(ido, l1 int, cc, ch, wa []float64, sign int) {
	const cdim = 3
	tw1r, tw1i := -0.5, float64(sign)*0.86602540378443864676
	for k := 0; k < l1; k++ {
		for i := 0; i < ido; i++ {
			c0 := 2 * (i + ido*(0+cdim*k))
			c1 := 2 * (i + ido*(1+cdim*k))
			c2 := 2 * (i + ido*(2+cdim*k))
			t0r, t0i := cc[c0], cc[c0+1]
			t1r, t1i := cc[c1]+cc[c2], cc[c1+1]+cc[c2+1]
			t2r, t2i := cc[c1]-cc[c2], cc[c1+1]-cc[c2+1]
			o0 := 2 * (i + ido*(k+l1*0))
			ch[o0] = t0r + t1r
			ch[o0+1] = t0i + t1i
			car := t0r + float64(tw1r*t1r)
			cai := t0i + float64(tw1r*t1i)
			cbi := float64(tw1i * t2r)
			cbr := -float64(tw1i * t2i)
			o1 := 2 * (i + ido*(k+l1*1))
			o2 := 2 * (i + ido*(k+l1*2))
			if i == 0 {
				ch[o1], ch[o1+1] = car+cbr, cai+cbi
				ch[o2], ch[o2+1] = car-cbr, cai-cbi
				continue
			}
			w1 := 2 * (i - 1)
			w2 := 2 * (i - 1 + (ido - 1))
			ch[o1], ch[o1+1] = twmul(wa[w1], wa[w1+1], car+cbr, cai+cbi, sign)
			ch[o2], ch[o2+1] = twmul(wa[w2], wa[w2+1], car-cbr, cai-cbi, sign)
		}
	}
}

func pass4(ido, l1 int, cc, ch, wa []float64, sign int) {
	const cdim = 4
	for k := 0; k < l1; k++ {
		for i := 0; i < ido; i++ {
			c0 := 2 * (i + ido*(0+cdim*k))
			c1 := 2 * (i + ido*(1+cdim*k))
			c2 := 2 * (i + ido*(2+cdim*k))
			c3 := 2 * (i + ido*(3+cdim*k))
			t2r, t2i := cc[c0]+cc[c2], cc[c0+1]+cc[c2+1]
			t1r, t1i := cc[c0]-cc[c2], cc[c0+1]-cc[c2+1]
			t3r, t3i := cc[c1]+cc[c3], cc[c1+1]+cc[c3+1]
			t4r, t4i := cc[c1]-cc[c3], cc[c1+1]-cc[c3+1]
			if sign > 0 { // ROT90
				t4r, t4i = -t4i, t4r
			} else { // ROTM90
				t4r, t4i = t4i, -t4r
			}
			o0 := 2 * (i + ido*(k+l1*0))
			o1 := 2 * (i + ido*(k+l1*1))
			o2 := 2 * (i + ido*(k+l1*2))
			o3 := 2 * (i + ido*(k+l1*3))
			ch[o0], ch[o0+1] = t2r+t3r, t2i+t3i
			c3r, c3i := t2r-t3r, t2i-t3i
			c2r, c2i := t1r+t4r, t1i+t4i
			c4r, c4i := t1r-t4r, t1i-t4i
			if i == 0 {
				ch[o2], ch[o2+1] = c3r, c3i
				ch[o1], ch[o1+1] = c2r, c2i
				ch[o3], ch[o3+1] = c4r, c4i
				continue
			}
			w0 := 2 * (i - 1)
			w1 := 2 * (i - 1 + (ido - 1))
			w2 := 2 * (i - 1 + 2*(ido-1))
			ch[o1], ch[o1+1] = twmul(wa[w0], wa[w0+1], c2r, c2i, sign)
			ch[o2], ch[o2+1] = twmul(wa[w1], wa[w1+1], c3r, c3i, sign)
			ch[o3], ch[o3+1] = twmul(wa[w2], wa[w2+1], c4r, c4i, sign)
		}
	}
}

func pass5(ido, l1 int, cc, ch, wa []float64, sign int) {
	const cdim = 5
	s := float64(sign)
	tw1r, tw1i := 0.3090169943749474241, s*0.95105651629515357212
	tw2r, tw2i := -0.8090169943749474241, s*0.58778525229247312917
	for k := 0; k < l1; k++ {
		for i := 0; i < ido; i++ {
			var c [5]int
			for j := range c {
				c[j] = 2 * (i + ido*(j+cdim*k))
			}
			t0r, t0i := cc[c[0]], cc[c[0]+1]
			t1r, t1i := cc[c[1]]+cc[c[4]], cc[c[1]+1]+cc[c[4]+1]
			t4r, t4i := cc[c[1]]-cc[c[4]], cc[c[1]+1]-cc[c[4]+1]
			t2r, t2i := cc[c[2]]+cc[c[3]], cc[c[2]+1]+cc[c[3]+1]
			t3r, t3i := cc[c[2]]-cc[c[3]], cc[c[2]+1]-cc[c[3]+1]
			o0 := 2 * (i + ido*k)
			ch[o0] = t0r + t1r + t2r
			ch[o0+1] = t0i + t1i + t2i
			// PARTSTEP5(1,4, tw1r,tw2r, +tw1i,+tw2i) and (2,3, tw2r,tw1r, +tw2i,-tw1i)
			step := func(u1, u2 int, twar, twbr, twai, twbi float64) {
				car := t0r + float64(twar*t1r) + float64(twbr*t2r)
				cai := t0i + float64(twar*t1i) + float64(twbr*t2i)
				cbi := float64(twai*t4r) + float64(twbi*t3r)
				cbr := -(float64(twai*t4i) + float64(twbi*t3i))
				o1 := 2 * (i + ido*(k+l1*u1))
				o2 := 2 * (i + ido*(k+l1*u2))
				if i == 0 {
					ch[o1], ch[o1+1] = car+cbr, cai+cbi
					ch[o2], ch[o2+1] = car-cbr, cai-cbi
					return
				}
				w1 := 2 * (i - 1 + (u1-1)*(ido-1))
				w2 := 2 * (i - 1 + (u2-1)*(ido-1))
				ch[o1], ch[o1+1] = twmul(wa[w1], wa[w1+1], car+cbr, cai+cbi, sign)
				ch[o2], ch[o2+1] = twmul(wa[w2], wa[w2+1], car-cbr, cai-cbi, sign)
			}
			step(1, 4, tw1r, tw2r, tw1i, tw2i)
			step(2, 3, tw2r, tw1r, tw2i, -tw1i)
		}
	}
}

func pass7(ido, l1 int, cc, ch, wa []float64, sign int) {
	const cdim = 7
	s := float64(sign)
	tw1r, tw1i := 0.623489801858733530525, s*0.7818314824680298087084
	tw2r, tw2i := -0.222520933956314404289, s*0.9749279121818236070181
	tw3r, tw3i := -0.9009688679024191262361, s*0.4338837391175581204758
	for k := 0; k < l1; k++ {
		for i := 0; i < ido; i++ {
			var c [cdim]int
			for j := range c {
				c[j] = 2 * (i + ido*(j+cdim*k))
			}
			t1r, t1i := cc[c[0]], cc[c[0]+1]
			t2r, t2i := cc[c[1]]+cc[c[6]], cc[c[1]+1]+cc[c[6]+1]
			t7r, t7i := cc[c[1]]-cc[c[6]], cc[c[1]+1]-cc[c[6]+1]
			t3r, t3i := cc[c[2]]+cc[c[5]], cc[c[2]+1]+cc[c[5]+1]
			t6r, t6i := cc[c[2]]-cc[c[5]], cc[c[2]+1]-cc[c[5]+1]
			t4r, t4i := cc[c[3]]+cc[c[4]], cc[c[3]+1]+cc[c[4]+1]
			t5r, t5i := cc[c[3]]-cc[c[4]], cc[c[3]+1]-cc[c[4]+1]
			o0 := 2 * (i + ido*k)
			ch[o0] = t1r + t2r + t3r + t4r
			ch[o0+1] = t1i + t2i + t3i + t4i
			step := func(u1, u2 int, x1, x2, x3, y1, y2, y3 float64) {
				car := t1r + float64(x1*t2r) + float64(x2*t3r) + float64(x3*t4r)
				cai := t1i + float64(x1*t2i) + float64(x2*t3i) + float64(x3*t4i)
				cbi := float64(y1*t7r) + float64(y2*t6r) + float64(y3*t5r)
				cbr := -(float64(y1*t7i) + float64(y2*t6i) + float64(y3*t5i))
				o1 := 2 * (i + ido*(k+l1*u1))
				o2 := 2 * (i + ido*(k+l1*u2))
				if i == 0 {
					ch[o1], ch[o1+1] = car+cbr, cai+cbi
					ch[o2], ch[o2+1] = car-cbr, cai-cbi
					return
				}
				w1 := 2 * (i - 1 + (u1-1)*(ido-1))
				w2 := 2 * (i - 1 + (u2-1)*(ido-1))
				ch[o1], ch[o1+1] = twmulSign(wa[w1], wa[w1+1], car+cbr, cai+cbi, s)
				ch[o2], ch[o2+1] = twmulSign(wa[w2], wa[w2+1], car-cbr, cai-cbi, s)
			}
			step(1, 6, tw1r, tw2r, tw3r, tw1i, tw2i, tw3i)
			step(2, 5, tw2r, tw3r, tw1r, tw2i, -tw3i, -tw1i)
			step(3, 4, tw3r, tw1r, tw2r, tw3i, -tw1i, tw2i)
		}
	}
}

func pass11(ido, l1 int, cc, ch, wa []float64, sign int) {
	const cdim = 11
	s := float64(sign)
	tw1r, tw1i := 0.8412535328311811688618, s*0.5406408174555975821076
	tw2r, tw2i := 0.4154150130018864255293, s*0.9096319953545183714117
	tw3r, tw3i := -0.1423148382732851404438, s*0.9898214418809327323761
	tw4r, tw4i := -0.6548607339452850640569, s*0.755749574354258283774
	tw5r, tw5i := -0.9594929736144973898904, s*0.2817325568414296977114
	for k := 0; k < l1; k++ {
		for i := 0; i < ido; i++ {
			var c [cdim]int
			for j := range c {
				c[j] = 2 * (i + ido*(j+cdim*k))
			}
			// t[1] = cc0; t[j+1], t[12-j] = cc_j ± cc_(11-j) for j = 1..5.
			var tr, ti [12]float64
			tr[1], ti[1] = cc[c[0]], cc[c[0]+1]
			for j := 1; j <= 5; j++ {
				a, b := c[j], c[11-j]
				tr[j+1], ti[j+1] = cc[a]+cc[b], cc[a+1]+cc[b+1]
				tr[12-j], ti[12-j] = cc[a]-cc[b], cc[a+1]-cc[b+1]
			}
			o0 := 2 * (i + ido*k)
			ch[o0] = tr[1] + tr[2] + tr[3] + tr[4] + tr[5] + tr[6]
			ch[o0+1] = ti[1] + ti[2] + ti[3] + ti[4] + ti[5] + ti[6]
			step := func(u1, u2 int, x1, x2, x3, x4, x5, y1, y2, y3, y4, y5 float64) {
				car := tr[1] + float64(x1*tr[2]) + float64(x2*tr[3]) + float64(x3*tr[4]) + float64(x4*tr[5]) + float64(x5*tr[6])
				cai := ti[1] + float64(x1*ti[2]) + float64(x2*ti[3]) + float64(x3*ti[4]) + float64(x4*ti[5]) + float64(x5*ti[6])
				cbi := float64(y1*tr[11]) + float64(y2*tr[10]) + float64(y3*tr[9]) + float64(y4*tr[8]) + float64(y5*tr[7])
				cbr := -(float64(y1*ti[11]) + float64(y2*ti[10]) + float64(y3*ti[9]) + float64(y4*ti[8]) + float64(y5*ti[7]))
				o1 := 2 * (i + ido*(k+l1*u1))
				o2 := 2 * (i + ido*(k+l1*u2))
				if i == 0 {
					ch[o1], ch[o1+1] = car+cbr, cai+cbi
					ch[o2], ch[o2+1] = car-cbr, cai-cbi
					return
				}
				w1 := 2 * (i - 1 + (u1-1)*(ido-1))
				w2 := 2 * (i - 1 + (u2-1)*(ido-1))
				ch[o1], ch[o1+1] = twmulSign(wa[w1], wa[w1+1], car+cbr, cai+cbi, s)
				ch[o2], ch[o2+1] = twmulSign(wa[w2], wa[w2+1], car-cbr, cai-cbi, s)
			}
			step(1, 10, tw1r, tw2r, tw3r, tw4r, tw5r, tw1i, tw2i, tw3i, tw4i, tw5i)
			step(2, 9, tw2r, tw4r, tw5r, tw3r, tw1r, tw2i, tw4i, -tw5i, -tw3i, -tw1i)
			step(3, 8, tw3r, tw5r, tw2r, tw1r, tw4r, tw3i, -tw5i, -tw2i, tw1i, tw4i)
			step(4, 7, tw4r, tw3r, tw1r, tw5r, tw2r, tw4i, -tw3i, tw1i, tw5i, -tw2i)
			step(5, 6, tw5r, tw1r, tw4r, tw2r, tw3r, tw5i, -tw1i, tw4i, -tw2i, tw3i)
		}
	}
}

// hypot returns sqrt(x*x + y*y) rounded as glibc >= 2.35 rounds it on a
// target without fast FMA (x86-64): numpy's abs of a complex number calls
// it, and argmax over the magnitudes must see the same bits. The kernel is
// the correction step of C. F. Borges, "An Improved Algorithm for
// Hypot(a,b)" (2019), which glibc uses; Go's math.Hypot rounds differently.
func Hypot(x, y float64) float64 {
	if math.IsInf(x, 0) || math.IsInf(y, 0) {
		return math.Inf(1)
	}
	if math.IsNaN(x) || math.IsNaN(y) {
		return x + y
	}
	const (
		scale    = 0x1p-600
		largeVal = 0x1p+511
		tinyVal  = 0x1p-459
		eps      = 0x1p-54
	)
	x, y = math.Abs(x), math.Abs(y)
	ax, ay := x, y
	if x < y {
		ax, ay = y, x
	}
	if ax > largeVal {
		if ay <= float64(ax*eps) {
			return ax + ay
		}
		return hypotKernel(float64(ax*scale), float64(ay*scale)) / scale
	}
	if ay < tinyVal {
		if ax >= ay/eps {
			return ax + ay
		}
		return float64(hypotKernel(ax/scale, ay/scale) * scale)
	}
	if ay <= float64(ax*eps) {
		return ax + ay
	}
	return hypotKernel(ax, ay)
}

// hypotKernel requires ax >= ay >= 0 with ax*ax, ay*ay and (ax-ay)^2
// neither overflowing nor underflowing.
func hypotKernel(ax, ay float64) float64 {
	h := math.Sqrt(float64(ax*ax) + float64(ay*ay))
	var t1, t2 float64
	if h <= float64(2*ay) {
		delta := h - ay
		t1 = float64(ax * (float64(2*delta) - ax))
		t2 = float64((delta - float64(2*(ax-ay))) * delta)
	} else {
		delta := h - ax
		t1 = float64(float64(2*delta) * (ax - float64(2*ay)))
		t2 = float64((float64(4*delta)-ay)*ay) + float64(delta*delta)
	}
	h -= (t1 + t2) / float64(2*h)
	return h
}
