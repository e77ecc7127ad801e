package numpyexact

// Four FFTs at once: pocketfft's radix-4 passes on four transforms of one
// length with AVX2 (fft4_amd64.s), each lane bit for bit the scalar
// transform.

// Batchable reports whether Forward4 can run p's transform: with AVX2, for
// lengths whose factors are all 4.
func (p *RFFT) Batchable() bool {
	if !useAVX2 || p.blue != nil || p.n < 4 {
		return false
	}
	for _, f := range p.fact {
		if f.ip != 4 {
			return false
		}
	}
	return true
}

// Forward4 runs Forward on the four transforms lanes[t*n:(t+1)*n], t < 4,
// n = p.Len(), in place; buf and ch are scratch of 4n values. p must be
// Batchable. It panics if a slice is shorter than 4n.
func (p *RFFT) Forward4(lanes, buf, ch []float64) {
	n := p.n
	if len(lanes) < 4*n || len(buf) < 4*n || len(ch) < 4*n {
		panic("numpyexact: Forward4 slices shorter than 4n")
	}
	transpose4(&buf[0], 32, 128, &lanes[0], 8*n, 32, n/4)
	p.forward4(buf[:4*n], ch[:4*n])
	transpose4(&lanes[0], 8*n, 32, &buf[0], 32, 128, n/4)
}

// forward4 is Forward on four interleaved transforms of length p.n (element
// e of transform t at c[4*e+t]), in place in c; ch is scratch of the same
// length.
func (p *RFFT) forward4(c, ch []float64) {
	const hsqt2 = 0.70710678118654752440
	n := p.n
	if len(c) != 4*n || len(ch) != 4*n {
		panic("numpyexact: FFT batch length mismatch")
	}
	l1 := n
	p1, p2 := c, ch
	for k := len(p.fact) - 1; k >= 0; k-- {
		ido := n / l1
		l1 /= 4
		radf4x4k0(ido, l1, &p1[0], &p2[0])
		if ido&1 == 0 {
			radf4x4kh(ido, l1, &p1[0], &p2[0], hsqt2)
		}
		if ido > 2 {
			tw := p.fact[k].tw
			if len(tw) < 3*(ido-1) {
				panic("numpyexact: FFT twiddles too short")
			}
			radf4x4ki(ido, l1, &p1[0], &p2[0], &tw[0])
		}
		p1, p2 = p2, p1
	}
	if &p1[0] != &c[0] {
		copy(c, p1)
	}
}

// Len returns the transform length.
func (p *RFFT) Len() int { return p.n }
