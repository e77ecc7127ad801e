package feature

import (
	"math"
	"math/bits"
)

// Workspace holds the scratch one worker needs to compute features: sort
// keys, the order statistics, the deviations, the spectrum, a few FFT
// plans and ComputeWindows' sorted blocks. Once it has seen a window length
// (or after Reset with that length), Compute allocates nothing for windows
// of that length or shorter; once it has computed windows of a given length
// and stride, ComputeWindows allocates nothing for them. A Workspace is not
// safe for concurrent use; give each goroutine its own.
type workspace struct {
	sorted []float64   // the order statistics, at their sorted positions
	keys   []uint64    // sort keys: two halves of sortedLen(n) each
	ktmp   []uint64    // merge scratch, sortedLen(n)
	d      []float64   // x - mean(x); the FFT then runs on it in place
	tmp    []float64   // terms of the pairwise sums
	mag    []float64   // |rfft(d)|
	plans  []*rfftPlan // most recently used first, at most maxPlans
	win    windowScratch
	batch  fftBatch
	// minBlock: blocks shorter than this are not worth sorting (see
	// ComputeWindows); tests set 1 to send short blocks down that path.
	minBlock int
}

// maxPlans bounds the FFT plans a Workspace keeps. With one window length
// (the usual case) one plan is used; whole-file windows (w == 0) bring a
// new length per file, and a plan costs O(n) memory and time to make.
const maxPlans = 4

// NewWorkspace returns an empty Workspace; buffers grow on first use.
func newWorkspace() *workspace { return &workspace{minBlock: minBlock} }

// Reset prepares ws for windows of n rows: it grows the buffers and makes
// the FFT plan for n, so that the first Compute on such a window does not
// allocate. It panics if n < 1.
func (ws *workspace) Reset(n int) {
	if n < 1 {
		panic("feature: window length must be positive")
	}
	ws.grow(n)
	ws.plan(n)
}

func (ws *workspace) grow(n int) {
	if cap(ws.sorted) >= n {
		return
	}
	ws.sorted = make([]float64, n)
	ws.keys = make([]uint64, 2*sortedLen(n))
	ws.ktmp = make([]uint64, sortedLen(n))
	ws.d = make([]float64, n)
	ws.tmp = make([]float64, n)
	ws.mag = make([]float64, n/2+1)
}

// plan returns the FFT plan for length n, making it if it is not cached.
func (ws *workspace) plan(n int) *rfftPlan {
	for i, p := range ws.plans {
		if p.n == n {
			copy(ws.plans[1:i+1], ws.plans[:i])
			ws.plans[0] = p
			return p
		}
	}
	p := newRFFTPlan(n)
	if len(ws.plans) < maxPlans {
		ws.plans = append(ws.plans, nil)
	}
	copy(ws.plans[1:], ws.plans[:len(ws.plans)-1])
	ws.plans[0] = p
	return p
}

// What each feature needs computed.
const (
	needOrder   = 1 << iota // order statistics (median, quantiles)
	needRange               // min and max (constancy test)
	needMoments             // d, sums of d^2, d^3, d^4, x^2
	needLag                 // sum of d[i]*d[i+1]
	needSlope               // sum of d[i]*(i-mean(t))
	needFFT                 // |rfft(d)|
)

var kernelNeeds = [numKernels]uint{
	kMean:             0,
	kStd:              needMoments,
	kVar:              needMoments,
	kMin:              needRange,
	kMax:              needRange,
	kPtp:              needRange,
	kMedian:           needOrder,
	kQ25:              needOrder,
	kQ75:              needOrder,
	kSkew:             needRange | needMoments,
	kKurtosis:         needRange | needMoments,
	kRMS:              needMoments,
	kAbsEnergy:        needMoments,
	kSlope:            needMoments | needSlope,
	kMeanCrossings:    0,
	kAutocorrLag1:     needRange | needMoments | needLag,
	kFFTPeakFreq:      needRange | needMoments | needFFT,
	kSpectralCentroid: needRange | needMoments | needFFT,
}

// Compute writes the features of the window x, in the order of feats, into
// dst and returns it. If dst is nil a new slice is allocated. It panics if
// dst is not nil and len(dst) != len(feats), if x is empty, or if feats
// holds a value that is not a Feature.
//
// With w = len(x), d = x - mean(x), m_k = mean(d^k) and t = 0..w-1:
//
//	mean              = sum(x) / w
//	std, var          = sqrt(m_2), m_2
//	min, max, ptp     = smallest, largest, largest - smallest
//	median, q25, q75  = np.quantile(x, 0.5 / 0.25 / 0.75), method linear
//	skew              = m_3 / m_2^1.5
//	kurtosis          = m_4 / m_2^2 - 3
//	rms, abs_energy   = sqrt(mean(x^2)), sum(x^2)
//	slope             = sum(d*(t-mean(t))) / sum((t-mean(t))^2)
//	mean_crossings    = count of i with (x[i] > mean) != (x[i+1] > mean)
//	autocorr_lag1     = sum(d[i]*d[i+1]) / ((w-1)*m_2)
//	fft_peak_freq     = f[1 + argmax(X[1:])], X = |rfft(d)|, f[k] = k/w
//	spectral_centroid = sum(f*X) / sum(X)
//
// A constant window (max == min exactly) gets 0 for skew, kurtosis,
// autocorr_lag1, fft_peak_freq and spectral_centroid; w == 1 gives 0 for
// slope, autocorr_lag1 and fft_peak_freq.
//
// Every sum is numpy's pairwise summation (np.sum on a contiguous array),
// every product and quotient is the one numpy and scipy evaluate, and the
// FFT reproduces np.fft.rfft, so mean, min, max, ptp, median, q25, q75,
// mean_crossings and fft_peak_freq equal numpy's exactly and the others
// agree to a few units in the last place.
//
// NaN and infinities propagate as in numpy: a window holding a NaN gets NaN
// for every feature except mean_crossings, which is 0 (no comparison with a
// NaN mean is true), and fft_peak_freq, which is f[1] (numpy's argmax
// returns the first NaN). An infinity makes the mean infinite and d NaN
// where x is infinite, with the same consequences as in numpy.
//
// min, max, median, q25 and q75 order -0 before +0, as Go's min and max do,
// so that they are one definite value whatever algorithm finds them; numpy
// returns whichever zero its partition happens to leave in place.
func (ws *workspace) Compute(dst []float64, x []float64, feats []kernel) []float64 {
	if dst == nil {
		dst = make([]float64, len(feats))
	} else if len(dst) != len(feats) {
		panic("feature: destination length mismatch")
	}
	n := len(x)
	if n == 0 {
		panic("feature: empty window")
	}
	need := needsOf(feats)
	ws.grow(n)
	var lo, hi float64 // min and max, NaN if x holds a NaN
	if need&(needOrder|needRange) != 0 {
		lo, hi = minMax(x)
	}
	if need&needOrder != 0 && lo == lo {
		ws.orderStats(x)
	}
	ws.finish(dst, x, feats, need, lo, hi)
	return dst
}

// needsOf returns what feats need computed. It panics if a feature is not
// valid.
func needsOf(feats []kernel) uint {
	var need uint
	for _, f := range feats {
		if !f.valid() {
			panic("feature: unknown feature")
		}
		need |= kernelNeeds[f]
	}
	return need
}

// finish computes everything but the order statistics and writes the
// features of x into dst. lo and hi are x's min and max (NaN if x holds a
// NaN) when need asks for order statistics or the range, and ws.sorted
// holds the order statistics orderStats places when need asks for them and
// lo is not NaN.
func (ws *workspace) finish(dst, x []float64, feats []kernel, need uint, lo, hi float64) {
	n := len(x)
	fn := float64(n)

	mean := pwSum(x) / fn
	constant := lo == hi

	var m2, m3, m4, sx2 float64
	d := ws.d[:n]
	if need&(needMoments|needLag|needSlope|needFFT) != 0 {
		s2, s3, s4, sx := pwMoments(x, mean, d)
		m2, m3, m4, sx2 = s2/fn, s3/fn, s4/fn, sx
	}

	var autocorr float64
	if need&needLag != 0 && n > 1 && !constant {
		autocorr = pwLagSum(d) / float64(float64(n-1)*m2)
	}

	var slope float64
	if need&needSlope != 0 && n > 1 {
		tbar := float64(n-1) / 2
		// sum((t-mean(t))^2) = w(w^2-1)/12
		slope = pwSlopeSum(d, -tbar) / (fn * (float64(fn*fn) - 1) / 12)
	}

	var peak, centroid float64
	deferred := false
	if need&needFFT != 0 && !constant {
		if deferred = ws.deferSpectrum(d, dst[:len(feats)]); !deferred {
			peak, centroid = ws.spectrum(d)
		}
	}

	for i, f := range feats {
		var v float64
		switch f {
		case kMean:
			v = mean
		case kStd:
			v = math.Sqrt(m2)
		case kVar:
			v = m2
		case kMin:
			v = lo
		case kMax:
			v = hi
		case kPtp:
			v = hi - lo
		case kMedian:
			v = math.NaN()
			if lo == lo {
				v = ws.median(n)
			}
		case kQ25:
			v = math.NaN()
			if lo == lo {
				v = ws.quantile(n, 0.25)
			}
		case kQ75:
			v = math.NaN()
			if lo == lo {
				v = ws.quantile(n, 0.75)
			}
		case kSkew:
			if !constant {
				v = m3 / float64(m2*math.Sqrt(m2))
			}
		case kKurtosis:
			if !constant {
				v = m4/float64(m2*m2) - 3
			}
		case kRMS:
			v = math.Sqrt(sx2 / fn)
		case kAbsEnergy:
			v = sx2
		case kSlope:
			v = slope
		case kMeanCrossings:
			v = float64(meanCrossings(x, mean))
		case kAutocorrLag1:
			v = autocorr
		case kFFTPeakFreq:
			if deferred { // the batch writes it
				continue
			}
			if n > 1 {
				v = peak
			}
		case kSpectralCentroid:
			if deferred {
				continue
			}
			v = centroid
		}
		dst[i] = v
	}
}

// minMax returns the smallest and largest value of x, both NaN if x holds a
// NaN (np.min and np.max propagate NaN).
func minMax(x []float64) (lo, hi float64) {
	lo, hi = x[0], x[0]
	for _, v := range x {
		if v != v {
			return v, v
		}
		lo = min(lo, v)
		hi = max(hi, v)
	}
	return lo, hi
}

// median is np.median of the window whose order statistics orderStats
// placed in ws.sorted[:n]: the middle value, or the mean of the two middle
// values computed as numpy's mean of a two-element array, (0 + a + b) / 2.
func (ws *workspace) median(n int) float64 {
	s := ws.sorted[:n]
	if n%2 == 1 {
		return 0 + s[n/2]
	}
	return (0 + s[n/2-1] + s[n/2]) / 2
}

// quantile is np.quantile(x, q) (method "linear", numpy 1.22+) of the
// window whose order statistics orderStats placed in ws.sorted[:n]:
//
//	h = (n-1)*q, lo = floor(h), a = s[lo], b = s[lo+1], t = h - lo
//	q = a + (b-a)*t      if t < 0.5
//	q = b - (b-a)*(1-t)  if t >= 0.5
//
// with numpy's clamp (lo = n-1 and t = h+1 when h >= n-1).
func (ws *workspace) quantile(n int, q float64) float64 {
	s := ws.sorted[:n]
	h := float64(n-1) * q
	var a, b, t float64
	if h >= float64(n-1) {
		a, b = s[n-1], s[n-1]
		t = h - (-1) // numpy takes index -1 and computes gamma = h - (-1)
	} else {
		lo := math.Floor(h)
		i := int(lo)
		a, b = s[i], s[i+1]
		t = h - lo
	}
	diff := b - a
	if t >= 0.5 {
		return b - float64(diff*(1-t))
	}
	return a + float64(diff*t)
}

// meanCrossings counts the i where x[i] > mean differs from x[i+1] > mean,
// as np.count_nonzero(np.diff(x > mean)).
func meanCrossings(x []float64, mean float64) int {
	// No branches: the crossings of noisy data are unpredictable.
	c := 0
	above := boolInt(x[0] > mean)
	i := 1
	if useAVX2 && len(x) >= 64 {
		// Bit masks of x > mean, 64 values a word: a crossing is a bit
		// that differs from the one before it.
		var words [8]uint64
		prev := uint64(above)
		i = 0
		for len(x)-i >= 64 {
			k := min((len(x)-i)/64, len(words))
			gtMaskAVX2(&x[i], k, mean, &words)
			for _, w := range words[:k] {
				c += bits.OnesCount64(w ^ (w<<1 | prev))
				prev = w >> 63
			}
			i += 64 * k
		}
		above = int(prev)
	}
	for ; i+4 <= len(x); i += 4 {
		b := x[i : i+4 : i+4]
		a0, a1, a2, a3 := boolInt(b[0] > mean), boolInt(b[1] > mean), boolInt(b[2] > mean), boolInt(b[3] > mean)
		c += (above ^ a0) + (a0 ^ a1) + (a1 ^ a2) + (a2 ^ a3)
		above = a3
	}
	for ; i < len(x); i++ {
		a := boolInt(x[i] > mean)
		c += a ^ above
		above = a
	}
	return c
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// spectrum runs the FFT on d in place (len(d) > 1, d not all equal) and
// returns fft_peak_freq and spectral_centroid.
//
// The magnitudes are computed the fast way, sqrt(re*re + im*im), and only
// the bins that may hold the maximum get numpy's exact ones (glibc's
// hypot), to find the peak numpy's argmax finds; the centroid, which
// needs 9 digits, uses the fast ones. Why that finds numpy's peak: with
// u = 2^-53 and T the true magnitude of a bin, the fast value is
// T(1+e) with |e| <= 2u+u^2 (two products, a sum and a square root, each
// rounded with relative error <= u; the root halves the error of its
// argument), and hypot's is T(1+e') with |e'| <= 2u (its error is below
// one ulp). So if bin k has the largest exact magnitude and bin j the
// largest fast one,
//
//	fast_k >= T_k(1-2u-u^2) >= exact_k (1-2u-u^2)/(1+2u)
//	       >= exact_j (1-2u-u^2)/(1+2u) >= ... >= fast_j (1-8.1u)
//
// and every bin whose exact magnitude is the maximum has a fast magnitude
// within 8.1u of the fast maximum. The candidates are the bins within
// 2^-46 = 64u of it, comfortably more; the first of them with the largest
// exact magnitude is the first maximum of all bins, numpy's argmax.
//
// The bounds assume no product overflows and the larger square of a
// candidate bin is a normal number (a smaller square that underflows adds
// an absolute error far below u times the larger one), which holds when
// the fast maximum is in [2^-500, 2^500]; otherwise (tiny or huge values,
// infinities, NaN) every bin gets the exact magnitude, as numpy computes
// them.
func (ws *workspace) spectrum(d []float64) (peak, centroid float64) {
	ws.plan(len(d)).forward(d)
	return ws.spectrumOf(d)
}

// spectrumOf is spectrum on d already transformed.
func (ws *workspace) spectrumOf(d []float64) (peak, centroid float64) {
	n := len(d)
	nb := n/2 + 1
	mag := ws.mag[:nb]
	// hypot(v, 0) is |v| exactly, so bin 0 and (for even n) bin n/2 are
	// exact already.
	mag[0] = math.Abs(d[0])
	top := 0.0 // the fast maximum of mag[1:], ignoring NaN
	k := 1
	if useAVX2 {
		if c := ((n+1)/2 - 1) &^ 3; c > 0 {
			top = magsAVX2(&d[1], c, &mag[1]) // max(0, the magnitudes), NaN ignored
			k += c
		}
	}
	for ; k < (n+1)/2; k++ {
		re, im := d[2*k-1], d[2*k]
		m := math.Sqrt(float64(re*re) + float64(im*im))
		mag[k] = m
		if m > top {
			top = m
		}
	}
	if n%2 == 0 {
		mag[nb-1] = math.Abs(d[n-1])
		top = max(top, mag[nb-1])
	}
	step := 1 / float64(n) // np.fft.rfftfreq: k * (1.0/n)
	// A NaN magnitude makes the sum NaN (magnitudes are >= 0, so no
	// infinities cancel), which sends the window to the exact path too.
	sum := pwSum(mag)
	if top >= 0x1p-500 && top <= 0x1p500 && sum == sum {
		cut := top * (1 - 0x1p-46)
		idx, count := 0, 0
		k := 1
		if useAVX2 {
			if c := (nb - 1) &^ 3; c > 0 {
				first, n := countAtLeastAVX2(&mag[1], c, cut)
				idx, count = 1+first, n
				k += c
			}
		}
		for ; k < nb; k++ {
			if mag[k] >= cut {
				if count == 0 {
					idx = k
				}
				count++
			}
		}
		// One candidate is the peak; a near tie is decided by numpy's
		// exact magnitudes.
		if count > 1 {
			best := -1.0
			for k := idx; k < nb; k++ {
				if mag[k] >= cut {
					if e := exactMag(d, k); e > best {
						best, idx = e, k
					}
				}
			}
		}
		peak = float64(idx) * step
	} else {
		for k := 1; k < nb; k++ {
			mag[k] = exactMag(d, k)
		}
		if n > 1 {
			peak = float64(argmax(mag[1:])+1) * step
		}
		sum = pwSum(mag)
	}
	fx := ws.tmp[:nb]
	j := 0
	if useAVX2 {
		if c := nb &^ 3; c > 0 {
			centroidTermsAVX2(&mag[0], &fx[0], c, step)
			j = c
		}
	}
	for ; j < nb; j++ {
		fx[j] = float64(float64(j)*step) * mag[j]
	}
	centroid = pwSum(fx) / sum
	return peak, centroid
}

// exactMag returns numpy's abs(rfft(d)[k]) for k >= 1, d being the FFT in
// FFTPACK's half-complex order.
func exactMag(d []float64, k int) float64 {
	if 2*k == len(d) {
		return hypot(d[2*k-1], 0)
	}
	return hypot(d[2*k-1], d[2*k])
}

// argmax returns the index of the first maximum of x, or of the first NaN,
// as np.argmax does. x must not be empty.
func argmax(x []float64) int {
	best, idx := x[0], 0
	if best != best {
		return 0
	}
	for i, v := range x[1:] {
		if !(v <= best) {
			best, idx = v, i+1
			if v != v {
				break
			}
		}
	}
	return idx
}

// numpy's reduction constants: pairwise_sum's block size and the ufunc
// buffer size by which a long reduction is cut into inner loops.
const (
	pwBlock   = 128
	reduceBuf = 8192
)

// pwSum returns sum(x) exactly as np.sum computes it for a contiguous
// float64 array (numpy 1.x): 0 plus the pairwise sums of consecutive
// chunks of reduceBuf values, added in order.
//
// pairwise(x) adds fewer than 8 values in order; up to pwBlock values with
// 8 accumulators r[j] (r[j] = x[j] + x[j+8] + ...) combined as
// ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), then the remainder in order; and
// beyond that splits x at n/2 rounded down to a multiple of 8.
func pwSum(x []float64) float64 {
	s := 0.0
	for len(x) > reduceBuf {
		s += pairwise(x[:reduceBuf])
		x = x[reduceBuf:]
	}
	return s + pairwise(x)
}

func pairwise(a []float64) float64 {
	n := len(a)
	if n < 8 {
		res := 0.0
		for _, v := range a {
			res += v
		}
		return res
	}
	if n <= pwBlock {
		if useAVX2 {
			var r [8]float64
			laneSumAVX2(&a[0], n-n%8, &r)
			res := sum8(&r)
			for _, v := range a[n-n%8:] {
				res += v
			}
			return res
		}
		r0, r1, r2, r3 := a[0], a[1], a[2], a[3]
		r4, r5, r6, r7 := a[4], a[5], a[6], a[7]
		i := 8
		for ; i < n-n%8; i += 8 {
			b := a[i : i+8 : i+8]
			r0 += b[0]
			r1 += b[1]
			r2 += b[2]
			r3 += b[3]
			r4 += b[4]
			r5 += b[5]
			r6 += b[6]
			r7 += b[7]
		}
		res := ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
		for ; i < n; i++ {
			res += a[i]
		}
		return res
	}
	n2 := n / 2
	n2 -= n2 % 8
	return pairwise(a[:n2]) + pairwise(a[n2:])
}

// pwLagSum returns pwSum of the n-1 products d[i]*d[i+1], n = len(d) >= 1,
// without materialising them: the same products summed in the same order.
func pwLagSum(d []float64) float64 {
	s := 0.0
	for len(d)-1 > reduceBuf {
		s += pairwiseLag(d[:reduceBuf+1])
		d = d[reduceBuf:]
	}
	return s + pairwiseLag(d)
}

// pairwiseLag is pairwise over the len(d)-1 products d[i]*d[i+1].
func pairwiseLag(d []float64) float64 {
	n := len(d) - 1
	if n < 8 {
		res := 0.0
		for i := range n {
			res += float64(d[i] * d[i+1])
		}
		return res
	}
	if n <= pwBlock {
		if useAVX2 {
			var r [8]float64
			m := n - n%8
			_ = d[n] // the assembly reads d[:m+1]
			lagAVX2(&d[0], m, &r)
			res := sum8(&r)
			for i := m; i < n; i++ {
				res += float64(d[i] * d[i+1])
			}
			return res
		}
		r0, r1, r2, r3 := float64(d[0]*d[1]), float64(d[1]*d[2]), float64(d[2]*d[3]), float64(d[3]*d[4])
		r4, r5, r6, r7 := float64(d[4]*d[5]), float64(d[5]*d[6]), float64(d[6]*d[7]), float64(d[7]*d[8])
		i := 8
		for ; i < n-n%8; i += 8 {
			b := d[i : i+9 : i+9]
			r0 += float64(b[0] * b[1])
			r1 += float64(b[1] * b[2])
			r2 += float64(b[2] * b[3])
			r3 += float64(b[3] * b[4])
			r4 += float64(b[4] * b[5])
			r5 += float64(b[5] * b[6])
			r6 += float64(b[6] * b[7])
			r7 += float64(b[7] * b[8])
		}
		res := ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
		for ; i < n; i++ {
			res += float64(d[i] * d[i+1])
		}
		return res
	}
	n2 := n / 2
	n2 -= n2 % 8
	return pairwiseLag(d[:n2+1]) + pairwiseLag(d[n2:])
}

// pwSlopeSum returns pwSum of the products d[i]*(t0+i), i < len(d), without
// materialising them. t0+i must be exact (t0 a small multiple of 1/2, as
// -mean(t) is), so that it equals float64(i) - mean(t).
func pwSlopeSum(d []float64, t0 float64) float64 {
	s := 0.0
	for len(d) > reduceBuf {
		s += pairwiseSlope(d[:reduceBuf], t0)
		d, t0 = d[reduceBuf:], t0+reduceBuf
	}
	return s + pairwiseSlope(d, t0)
}

// pairwiseSlope is pairwise over the products d[i]*(t0+i).
func pairwiseSlope(d []float64, t0 float64) float64 {
	n := len(d)
	if n < 8 {
		res := 0.0
		for i, v := range d {
			res += float64(v * (t0 + float64(i)))
		}
		return res
	}
	if n <= pwBlock {
		// t0+i+j is exact, whichever way it is summed.
		if useAVX2 {
			t := [8]float64{t0, t0 + 1, t0 + 2, t0 + 3, t0 + 4, t0 + 5, t0 + 6, t0 + 7}
			var r [8]float64
			m := n - n%8
			slopeAVX2(&d[0], m, &t, &r)
			res := sum8(&r)
			for i := m; i < n; i++ {
				res += float64(d[i] * (t0 + float64(i)))
			}
			return res
		}
		r0, r1, r2, r3 := float64(d[0]*t0), float64(d[1]*(t0+1)), float64(d[2]*(t0+2)), float64(d[3]*(t0+3))
		r4, r5, r6, r7 := float64(d[4]*(t0+4)), float64(d[5]*(t0+5)), float64(d[6]*(t0+6)), float64(d[7]*(t0+7))
		i := 8
		for ; i < n-n%8; i += 8 {
			b := d[i : i+8 : i+8]
			t := t0 + float64(i)
			r0 += float64(b[0] * t)
			r1 += float64(b[1] * (t + 1))
			r2 += float64(b[2] * (t + 2))
			r3 += float64(b[3] * (t + 3))
			r4 += float64(b[4] * (t + 4))
			r5 += float64(b[5] * (t + 5))
			r6 += float64(b[6] * (t + 6))
			r7 += float64(b[7] * (t + 7))
		}
		res := ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
		for ; i < n; i++ {
			res += float64(d[i] * (t0 + float64(i)))
		}
		return res
	}
	n2 := n / 2
	n2 -= n2 % 8
	return pairwiseSlope(d[:n2], t0) + pairwiseSlope(d[n2:], t0+float64(n2))
}

// pwMoments writes d[i] = x[i] - mean and returns the sums of d^2,
// (d^2)*d, (d^2)^2 and x^2, each summed exactly as pwSum would sum the
// materialised array (as np.var and scipy.stats' moments compute them),
// in one pass.
func pwMoments(x []float64, mean float64, d []float64) (s2, s3, s4, sx2 float64) {
	for len(x) > reduceBuf {
		a2, a3, a4, ax := pairwiseMoments(x[:reduceBuf], mean, d[:reduceBuf])
		s2, s3, s4, sx2 = s2+a2, s3+a3, s4+a4, sx2+ax
		x, d = x[reduceBuf:], d[reduceBuf:]
	}
	a2, a3, a4, ax := pairwiseMoments(x, mean, d)
	return s2 + a2, s3 + a3, s4 + a4, sx2 + ax
}

func pairwiseMoments(x []float64, mean float64, d []float64) (s2, s3, s4, sx2 float64) {
	n := len(x)
	d = d[:n]
	if n < 8 {
		return momentsInOrder(x, mean, d, 0, 0, 0, 0)
	}
	if n <= pwBlock && useAVX2 {
		var r [32]float64
		m := n - n%8
		momentsAVX2(&x[0], &d[0], m, mean, &r)
		return momentsInOrder(x[m:], mean, d[m:], sum8((*[8]float64)(r[0:8])), sum8((*[8]float64)(r[8:16])), sum8((*[8]float64)(r[16:24])), sum8((*[8]float64)(r[24:32])))
	}
	if n <= pwBlock {
		var r2, r3, r4, rx [8]float64
		for j := range 8 {
			v := x[j]
			e := v - mean
			d[j] = e
			q := float64(e * e)
			r2[j] = q
			r3[j] = float64(q * e)
			r4[j] = float64(q * q)
			rx[j] = float64(v * v)
		}
		i := 8
		for ; i < n-n%8; i += 8 {
			xb := x[i : i+8 : i+8]
			db := d[i : i+8 : i+8]
			for j := range 8 {
				v := xb[j]
				e := v - mean
				db[j] = e
				q := float64(e * e)
				r2[j] += q
				r3[j] += float64(q * e)
				r4[j] += float64(q * q)
				rx[j] += float64(v * v)
			}
		}
		return momentsInOrder(x[i:], mean, d[i:], sum8(&r2), sum8(&r3), sum8(&r4), sum8(&rx))
	}
	n2 := n / 2
	n2 -= n2 % 8
	a2, a3, a4, ax := pairwiseMoments(x[:n2], mean, d[:n2])
	b2, b3, b4, bx := pairwiseMoments(x[n2:], mean, d[n2:])
	return a2 + b2, a3 + b3, a4 + b4, ax + bx
}

// momentsInOrder sets d[i] = x[i] - mean and adds the terms of x to the
// sums s2, s3, s4 and sx2 one by one, in order: the short runs that
// numpy's pairwise sum adds sequentially.
func momentsInOrder(x []float64, mean float64, d []float64, s2, s3, s4, sx2 float64) (float64, float64, float64, float64) {
	d = d[:len(x)]
	for i, v := range x {
		e := v - mean
		d[i] = e
		q := float64(e * e)
		s2 += q
		s3 += float64(q * e)
		s4 += float64(q * q)
		sx2 += float64(v * v)
	}
	return s2, s3, s4, sx2
}

func sum8(r *[8]float64) float64 {
	return ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
}
