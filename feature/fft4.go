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

// beginBatch turns batching on for windows of n rows computing feats, if
// they need a spectrum and the transform can be batched.
func (ws *workspace) beginBatch(n int, need uint, feats []kernel) bool {
	if need&needFFT == 0 || !ws.plan(n).Batchable() {
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
		ws.plan(n).Forward(b.lanes[:n])
	} else { // windows past b.queued hold stale values, transformed for nothing
		ws.plan(n).Forward4(b.lanes, b.buf, b.ch)
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
