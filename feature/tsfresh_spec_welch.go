package feature

import (
	"math"
	"slices"

	"github.com/featurize/featurize/internal/numpyexact"
)

// specWelchSeg is tsfresh's Welch segment length cap (nperseg=min(n, 256)).
const specWelchSeg = 256

func registerWelch() {
	tsfreshReg("spkt_welch_density",
		"scipy.signal.welch(x, nperseg=min(n, 256))[1][coeff]: Hann window, half overlap, constant detrend, density scaling, mean over segments; NaN if coeff >= min(n,256)//2+1",
		[]Param{{Name: "coeff", Kind: Int, Check: intAtLeast(0), Doc: "frequency bin >= 0"}},
		func(p Values) (Func, error) {
			k := p.Int("coeff")
			return func(w *Window) float64 {
				psd := specWelchShared.Get(w).p
				if k >= len(psd) {
					return math.NaN()
				}
				return psd[k]
			}, nil
		})

	tsfreshReg("fourier_entropy",
		"binned_entropy(P/max(P), bins) of the Welch PSD P = welch(x, nperseg=min(n, 256)); NaN if P holds a NaN or is all 0 (constant x)",
		[]Param{{Name: "bins", Kind: Int, Check: intBetween(1, specMaxBins), Doc: "number of equal-width bins, 1..2^20"}},
		func(p Values) (Func, error) {
			bins := p.Int("bins")
			return func(w *Window) float64 {
				s := specWelchShared.Get(w)
				return specBinnedEntropy(s.norm, s.lo, s.hi, bins, w.Scratch(2*bins+1))
			}, nil
		})
}

// specWelch is the Welch PSD of a window, as scipy.signal.welch(x,
// nperseg=L) with L = min(n, 256) computes it:
//
//	segments x[s*step : s*step+L], step = L - L//2, s = 0..(n-L//2)//step - 1
//	seg = (seg - mean(seg)) * hann; S = rfft(seg)
//	P = (re² + im²) / sum(hann²), doubled except at DC (and Nyquist for even L)
//	PSD = mean of P over the segments
//
// norm = PSD/max(PSD), with its min and max, is fourier_entropy's input.
type specWelch struct {
	p, norm []float64
	lo, hi  float64 // min and max of norm

	plan  *numpyexact.RFFT
	win   []float64 // periodic Hann window of length plan.Len()
	scale float64   // 1/sum(win²)
	seg   []float64
}

var specWelchShared = NewShared(func(w *Window, r *specWelch) *specWelch {
	if r == nil {
		r = new(specWelch)
	}
	r.compute(w.Values())
	return r
})

// setLen makes the plan and window for segments of length L.
func (r *specWelch) setLen(L int) {
	if r.plan != nil && r.plan.Len() == L {
		return
	}
	r.plan = numpyexact.NewRFFT(L)
	r.win = make([]float64, L)
	r.seg = make([]float64, L)
	if L == 1 {
		r.win[0] = 1
	} else {
		// scipy: 0.5 + 0.5*cos(linspace(-pi, pi, L+1)[:L])
		step := 2 * math.Pi / float64(L)
		for k := range r.win {
			r.win[k] = 0.5 + float64(0.5*math.Cos(float64(float64(k)*step)+-math.Pi))
		}
	}
	sq := make([]float64, L)
	for k, v := range r.win {
		sq[k] = v * v
	}
	r.scale = 1 / numpyexact.Sum(sq)
}

func (r *specWelch) compute(x []float64) {
	n := len(x)
	L := min(n, specWelchSeg)
	r.setLen(L)
	nb := L/2 + 1
	r.p = slices.Grow(r.p[:0], nb)[:nb]
	r.norm = slices.Grow(r.norm[:0], nb)[:nb]
	clear(r.p)
	step := L - L/2
	segs := (n - L/2) / step
	seg := r.seg
	for s := range segs {
		src := x[s*step : s*step+L]
		mean := numpyexact.Sum(src) / float64(L)
		for k, v := range src {
			seg[k] = float64(r.win[k] * (v - mean))
		}
		r.plan.Forward(seg)
		// seg is in FFTPACK order: re0, re1, im1, ..., [re(L/2)]
		for k := range nb {
			var re, im float64
			switch {
			case k == 0:
				re = seg[0]
			case 2*k == L:
				re = seg[L-1]
			default:
				re, im = seg[2*k-1], seg[2*k]
			}
			v := float64(float64(float64(re*re)+float64(im*im)) * r.scale)
			if k > 0 && 2*k != L {
				v *= 2
			}
			if s == 0 {
				r.p[k] = v
			} else {
				r.p[k] += v
			}
		}
	}
	if segs > 1 {
		for k := range r.p {
			r.p[k] /= float64(segs)
		}
	}
	// fourier_entropy's P/np.max(P) (np.max propagates NaN)
	top := r.p[0]
	for _, v := range r.p[1:] {
		if v > top || v != v {
			top = v
			if v != v {
				break
			}
		}
	}
	r.lo, r.hi = math.Inf(1), math.Inf(-1)
	for k, v := range r.p {
		q := v / top
		r.norm[k] = q
		r.lo, r.hi = min(r.lo, q), max(r.hi, q)
	}
}
