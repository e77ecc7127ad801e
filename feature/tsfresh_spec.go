package feature

import (
	"math"
	"slices"

	"github.com/featurize/featurize/internal/numpyexact"
)

// The spectral tsfresh calculators (SPEC.md §5: 5.47, 5.49, 5.51, 5.52,
// 5.55, 5.56, 5.71): the rfft's coefficients and moments, the Welch PSD,
// binned entropies, the Mexican-hat CWT and the Ricker CWT peak count.
// The Welch PSD is in tsfresh_spec_welch.go, the CWTs in
// tsfresh_spec_cwt.go.

// The largest bins, CWT scale and number_cwt_peaks width accepted.
const (
	specMaxBins  = 1 << 20
	specMaxScale = 1 << 16
	specMaxWidth = 1 << 12
)

// specRadToDeg is numpy's 180/pi, the float64 division (np.angle(deg=True)).
const specRadToDeg = 180 / float64(math.Pi)

func registerSpectra() {
	tsfreshReg("fft_coefficient",
		`np.fft.rfft(x)[coeff] as attr "real", "imag", "abs" (hypot) or "angle" (degrees); NaN if coeff >= n//2+1`,
		[]Param{
			{Name: "attr", Kind: String, Check: oneOf("real", "imag", "abs", "angle"), Doc: `"real", "imag", "abs" or "angle"`},
			{Name: "coeff", Kind: Int, Check: intAtLeast(0), Doc: "coefficient index >= 0"},
		},
		func(p Values) (Func, error) {
			k := p.Int("coeff")
			var part func(re, im float64) float64
			switch p.String("attr") {
			case "real":
				part = func(re, _ float64) float64 { return re }
			case "imag":
				part = func(_, im float64) float64 { return im }
			case "abs":
				part = numpyexact.Hypot
			default:
				part = func(re, im float64) float64 { return math.Atan2(im, re) * specRadToDeg }
			}
			return func(w *Window) float64 {
				spec := w.RFFT()
				if k >= len(spec) {
					return math.NaN()
				}
				return part(real(spec[k]), imag(spec[k]))
			}, nil
		})

	tsfreshReg("fft_aggregated",
		`centroid, variance, skew or kurtosis of y = |rfft(x)| as a distribution over i = 0..n//2, M_k = (y . i^k)/sum(y); skew and kurtosis NaN if variance < 0.5; kurtosis ends in "- 3*M_1" as tsfresh writes it`,
		[]Param{{Name: "aggtype", Kind: String, Check: oneOf("centroid", "variance", "skew", "kurtosis"), Doc: `"centroid", "variance", "skew" or "kurtosis"`}},
		func(p Values) (Func, error) {
			agg := p.String("aggtype")
			return func(w *Window) float64 { return specFFTMomentsShared.Get(w).agg(agg) }, nil
		})

	tsfreshReg("binned_entropy",
		"-sum(p*ln p) over the nonzero p = np.histogram(x, bins=max_bins)[0]/n; NaN if x holds a NaN or ±Inf (tsfresh raises for ±Inf)",
		[]Param{{Name: "max_bins", Kind: Int, Check: intBetween(1, specMaxBins), Doc: "number of equal-width bins, 1..2^20"}},
		func(p Values) (Func, error) {
			bins := p.Int("max_bins")
			return func(w *Window) float64 {
				return specBinnedEntropy(w.Values(), w.Min(), w.Max(), bins, w.Scratch(2*bins+1))
			}, nil
		})
}

// specFFTMoments are fft_aggregated's moments of |rfft(x)|.
type specFFTMoments struct {
	m [5]float64 // m[k] = (y . i^k) / sum(y)
	y []float64  // |rfft(x)|
}

var specFFTMomentsShared = NewShared(func(w *Window, r *specFFTMoments) *specFFTMoments {
	if r == nil {
		r = new(specFFTMoments)
	}
	spec := w.RFFT()
	// sum(y) is numpy's pairwise sum; the dots (BLAS) are plain sums of
	// positive terms, whose order matters little.
	var d [5]float64
	r.y = slices.Grow(r.y[:0], len(spec))[:len(spec)]
	y := r.y
	for i, c := range spec {
		a := numpyexact.Hypot(real(c), imag(c))
		y[i] = a
		fi := float64(i)
		fi2 := fi * fi
		d[1] += float64(a * fi)
		d[2] += float64(a * fi2)
		d[3] += float64(a * float64(fi2*fi))
		d[4] += float64(a * float64(fi2*fi2))
	}
	s := numpyexact.Sum(y)
	for k := 1; k < 5; k++ {
		r.m[k] = d[k] / s
	}
	return r
})

func (r *specFFTMoments) agg(kind string) float64 {
	m1, m2, m3, m4 := r.m[1], r.m[2], r.m[3], r.m[4]
	v := m2 - float64(m1*m1)
	switch kind {
	case "centroid":
		return m1
	case "variance":
		return v
	}
	if v < 0.5 {
		return math.NaN()
	}
	if kind == "skew" {
		return (m3 - float64(float64(3*m1)*v) - math.Pow(m1, 3)) / math.Pow(v, 1.5)
	}
	return (m4 - float64(float64(4*m1)*m3) + float64(float64(6*m2)*float64(m1*m1)) - float64(3*m1)) / float64(v*v)
}

// specBinnedEntropy is tsfresh's binned entropy of v, whose min and max
// are lo and hi: np.histogram(v, bins) (numpy 1.24's uniform-bin path:
// an index from (v-lo)*bins/(hi-lo), then corrected by one against the
// linspace edges), p = count/n, -sum(p*ln p) pairwise. NaN for a NaN in v
// or a non-finite range (np.histogram raises). buf holds 2*bins+1
// values.
func specBinnedEntropy(v []float64, lo, hi float64, bins int, buf []float64) float64 {
	if lo != lo || hi != hi || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return math.NaN()
	}
	if lo == hi {
		lo, hi = lo-0.5, hi+0.5
	}
	counts, edges := buf[:bins], buf[bins:2*bins+1]
	clear(counts)
	// edges = np.linspace(lo, hi, bins+1)
	delta := hi - lo
	step := delta / float64(bins)
	for i := range edges {
		if step == 0 {
			edges[i] = float64(float64(i)/float64(bins)*delta) + lo
		} else {
			edges[i] = float64(float64(i)*step) + lo
		}
	}
	edges[bins] = hi
	norm := float64(bins) / delta
	for _, x := range v {
		if !(x >= lo && x <= hi) {
			continue // np.histogram's keep mask; only a NaN, checked above
		}
		i := bins - 1 // numpy: index == bins goes to the last bin
		if f := float64((x - lo) * norm); f < float64(bins) {
			i = int(f)
		}
		if i > 0 && x < edges[i] {
			i--
		}
		if i != bins-1 && x >= edges[i+1] {
			i++
		}
		counts[i]++
	}
	n := float64(len(v))
	for i, c := range counts {
		p := c / n
		if p == 0 {
			p = 1
		}
		counts[i] = p * math.Log(p)
	}
	return -numpyexact.Sum(counts)
}
