package feature

// Four windows' FFTs at once. ComputeWindows collects the deviations of
// the windows that need a spectrum into fftBatch, lane by lane, and runs
// the radix-4 passes on all four with AVX2 (fft4_amd64.s), each lane
// bit for bit the scalar transform; then each lane's spectrum is read as
// before. (The radix passes went from 19% of a serial run's profile to
// about 5%; benchmarks/README.md.)

// fftBatch holds up to four windows' deviations, window t in
// lanes[t*n:(t+1)*n]; the transform runs on them interleaved in buf
// (element e of window t at buf[4*e+t]).
type fftBatch struct {
	on      bool
	n       int
	queued  int
	feats   []kernel
	lanes   []float64
	buf, ch []float64
	rows    [4][]float64 // where each window's peak and centroid go
}

// batchable reports whether forward4 can run p's transform.
func (p *rfftPlan) batchable() bool {
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

// forward4 is forward on four interleaved transforms of length p.n, in
// place in c; ch is scratch of the same length. p must be batchable.
func (p *rfftPlan) forward4(c, ch []float64) {
	const hsqt2 = 0.70710678118654752440
	n := p.n
	if len(c) != 4*n || len(ch) != 4*n {
		panic("feature: FFT batch length mismatch")
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
				panic("feature: FFT twiddles too short")
			}
			radf4x4ki(ido, l1, &p1[0], &p2[0], &tw[0])
		}
		p1, p2 = p2, p1
	}
	if &p1[0] != &c[0] {
		copy(c, p1)
	}
}

// beginBatch turns batching on for windows of n rows computing feats, if
// they need a spectrum and the transform can be batched.
func (ws *workspace) beginBatch(n int, need uint, feats []kernel) bool {
	if need&needFFT == 0 || !ws.plan(n).batchable() {
		return false
	}
	b := &ws.batch
	if cap(b.buf) < 4*n {
		b.buf, b.ch, b.lanes = make([]float64, 4*n), make([]float64, 4*n), make([]float64, 4*n)
	}
	b.on, b.n, b.queued, b.feats = true, n, 0, feats
	b.buf, b.ch, b.lanes = b.buf[:4*n], b.ch[:4*n], b.lanes[:4*n]
	return true
}

// endBatch computes the windows still waiting and turns batching off.
func (ws *workspace) endBatch() {
	ws.flushBatch()
	b := &ws.batch
	b.on, b.feats = false, nil
	clear(b.rows[:])
}

// deferSpectrum queues window deviations d, whose fft_peak_freq and
// spectral_centroid go to row when the batch is full or ends; it reports
// false if batching is off for d's length.
func (ws *workspace) deferSpectrum(d, row []float64) bool {
	b := &ws.batch
	if !b.on || len(d) != b.n {
		return false
	}
	copy(b.lanes[b.queued*b.n:], d)
	b.rows[b.queued] = row
	b.queued++
	if b.queued == 4 {
		ws.flushBatch()
	}
	return true
}

// flushBatch transforms the queued windows and writes their
// fft_peak_freq and spectral_centroid.
func (ws *workspace) flushBatch() {
	b := &ws.batch
	if b.queued == 0 {
		return
	}
	n := b.n
	if b.queued == 1 { // one window: the scalar transform is cheaper
		ws.plan(n).forward(b.lanes[:n])
	} else { // windows past b.queued hold stale values, transformed for nothing
		transpose4(&b.buf[0], 32, 128, &b.lanes[0], 8*n, 32, n/4)
		ws.plan(n).forward4(b.buf, b.ch)
		transpose4(&b.lanes[0], 8*n, 32, &b.buf[0], 32, 128, n/4)
	}
	for t := range b.queued {
		ws.writeSpectrum(b.rows[t], b.feats, b.lanes[t*n:(t+1)*n])
	}
	b.queued = 0
}

// writeSpectrum reads the spectrum of the transformed d into row.
func (ws *workspace) writeSpectrum(row []float64, feats []kernel, d []float64) {
	peak, centroid := ws.spectrumOf(d)
	for i, f := range feats {
		switch f {
		case kFFTPeakFreq:
			row[i] = peak
		case kSpectralCentroid:
			row[i] = centroid
		}
	}
}
