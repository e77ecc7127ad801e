package feature

import (
	"github.com/featurize/featurize/internal/numpyexact"
	"math"
)

// Workspace holds the scratch one worker needs to compute features: sort
// keys, the order statistics, the deviations, the spectrum, a few FFT
// plans and ComputeWindows' sorted blocks. Once it has seen a window length
// (or after Reset with that length), Compute allocates nothing for windows
// of that length or shorter; once it has computed windows of a given length
// and stride, ComputeWindows allocates nothing for them. A Workspace is not
// safe for concurrent use; give each goroutine its own.
type workspace struct {
	sorted []float64          // the order statistics, at their sorted positions
	keys   []uint64           // sort keys: two halves of numpyexact.SortedLen(n) each
	ktmp   []uint64           // merge scratch, numpyexact.SortedLen(n)
	d      []float64          // x - mean(x); the FFT then runs on it in place
	tmp    []float64          // terms of the pairwise sums
	mag    []float64          // |rfft(d)|
	plans  []*numpyexact.RFFT // most recently used first, at most maxPlans
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
	ws.keys = make([]uint64, 2*numpyexact.SortedLen(n))
	ws.ktmp = make([]uint64, numpyexact.SortedLen(n))
	ws.d = make([]float64, n)
	ws.tmp = make([]float64, n)
	ws.mag = make([]float64, n/2+1)
}

// plan returns the FFT plan for length n, making it if it is not cached.
func (ws *workspace) plan(n int) *numpyexact.RFFT {
	for i, p := range ws.plans {
		if p.Len() == n {
			copy(ws.plans[1:i+1], ws.plans[:i])
			ws.plans[0] = p
			return p
		}
	}
	p := numpyexact.NewRFFT(n)
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
//	kurtosis_biased   = m_4 / m_2^2 - 3
//	rms, abs_energy   = sqrt(mean(x^2)), sum(x^2)
//	slope             = sum(d*(t-mean(t))) / sum((t-mean(t))^2)
//	mean_crossings    = count of i with (x[i] > mean) != (x[i+1] > mean)
//	autocorr_lag1     = sum(d[i]*d[i+1]) / ((w-1)*m_2)
//	fft_peak_freq     = f[1 + argmax(X[1:])], X = |rfft(d)|, f[k] = k/w
//	spectral_centroid = sum(f*X) / sum(X)
//
// A constant window (max == min exactly) gets 0 for skew, kurtosis_biased,
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

	mean := numpyexact.Sum(x) / fn
	constant := lo == hi

	var m2, m3, m4, sx2 float64
	d := ws.d[:n]
	if need&(needMoments|needLag|needSlope|needFFT) != 0 {
		s2, s3, s4, sx := numpyexact.Moments(x, mean, d)
		m2, m3, m4, sx2 = s2/fn, s3/fn, s4/fn, sx
	}

	var autocorr float64
	if need&needLag != 0 && n > 1 && !constant {
		autocorr = numpyexact.LagSum(d, 1) / float64(float64(n-1)*m2)
	}

	var slope float64
	if need&needSlope != 0 && n > 1 {
		tbar := float64(n-1) / 2
		// sum((t-mean(t))^2) = w(w^2-1)/12
		slope = numpyexact.SlopeSum(d, -tbar) / (fn * (float64(fn*fn) - 1) / 12)
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
				v = numpyexact.Median(ws.sorted[:n])
			}
		case kQ25:
			v = math.NaN()
			if lo == lo {
				v = numpyexact.Quantile(ws.sorted[:n], 0.25)
			}
		case kQ75:
			v = math.NaN()
			if lo == lo {
				v = numpyexact.Quantile(ws.sorted[:n], 0.75)
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
			v = float64(numpyexact.MeanCrossings(x, mean))
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
	ws.plan(len(d)).Forward(d)
	return ws.spectrumOf(d)
}

// spectrumOf is spectrum on d already transformed.
func (ws *workspace) spectrumOf(d []float64) (peak, centroid float64) {
	n := len(d)
	nb := n/2 + 1
	mag := ws.mag[:nb]
	// numpyexact.Hypot(v, 0) is |v| exactly, so bin 0 and (for even n) bin n/2 are
	// exact already.
	mag[0] = math.Abs(d[0])
	top := numpyexact.FastMags(d, mag) // the fast maximum of mag[1:], ignoring NaN
	if n%2 == 0 {
		mag[nb-1] = math.Abs(d[n-1])
		top = max(top, mag[nb-1])
	}
	step := 1 / float64(n) // np.fft.rfftfreq: k * (1.0/n)
	// A NaN magnitude makes the sum NaN (magnitudes are >= 0, so no
	// infinities cancel), which sends the window to the exact path too.
	sum := numpyexact.Sum(mag)
	if top >= 0x1p-500 && top <= 0x1p500 && sum == sum {
		cut := top * (1 - 0x1p-46)
		first, count := numpyexact.CountAtLeast(mag[1:], cut)
		idx := 1 + first
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
		sum = numpyexact.Sum(mag)
	}
	fx := ws.tmp[:nb]
	numpyexact.CentroidTerms(mag, fx, step)
	centroid = numpyexact.Sum(fx) / sum
	return peak, centroid
}

// exactMag returns numpy's abs(rfft(d)[k]) for k >= 1, d being the FFT in
// FFTPACK's half-complex order.
func exactMag(d []float64, k int) float64 {
	if 2*k == len(d) {
		return numpyexact.Hypot(d[2*k-1], 0)
	}
	return numpyexact.Hypot(d[2*k-1], d[2*k])
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
