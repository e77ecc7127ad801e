package feature

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/featurize/featurize/internal/numpyexact"
)

// tsfresh's autocorrelation family and query_similarity_count (SPEC.md
// 5.44-5.46, 5.73); the entropies and lempel_ziv_complexity are in
// tsfresh_ent_entropy.go.

func registerCorrelations() {
	Register(Calculator{
		Name:    "autocorrelation",
		Tsfresh: "autocorrelation",
		Group:   "tsfresh",
		Doc:     "sum((x[:n-lag]-mean)*(x[lag:]-mean)) / ((n-lag)*var(x)); NaN if n < lag, lag == n or |var| <= 1e-8",
		Params:  []Param{{Name: "lag", Kind: Int, Doc: "lag >= 0", Check: intAtLeast(0)}},
		Bind: func(p Values) (Func, error) {
			lag := p.Int("lag")
			return func(w *Window) float64 { return entAutocorrelation(w, lag) }, nil
		},
	})
	Register(Calculator{
		Name:    "agg_autocorrelation",
		Tsfresh: "agg_autocorrelation",
		Group:   "tsfresh",
		Doc:     "np.<f_agg> of statsmodels acf(x, adjusted=True)[1:maxlag+1] (lags up to n-1); zeros(n)[:maxlag] if |var| < 1e-10 or n == 1",
		Params: []Param{
			{Name: "f_agg", Kind: String, Doc: `"mean", "median", "var", "std", "min", "max" or "sum"`, Check: func(v any) error {
				if entAggOf(v.(string)) < 0 {
					return errors.New(`want "mean", "median", "var", "std", "min", "max" or "sum"`)
				}
				return nil
			}},
			{Name: "maxlag", Kind: Int, Doc: "maxlag >= 0", Check: intAtLeast(0)},
		},
		Bind: func(p Values) (Func, error) {
			agg, maxlag := entAggOf(p.String("f_agg")), p.Int("maxlag")
			return func(w *Window) float64 { return entAggAutocorrelation(w, agg, maxlag) }, nil
		},
	})
	Register(Calculator{
		Name:    "partial_autocorrelation",
		Tsfresh: "partial_autocorrelation",
		Group:   "tsfresh",
		Doc:     `statsmodels pacf(x, method="ld") at lag (Levinson-Durbin on the adjusted autocovariances); NaN if lag >= n//2, lag 0 is 1.0 for n >= 4 (as in a grid with a lag >= 1), else NaN`,
		Params:  []Param{{Name: "lag", Kind: Int, Doc: "lag >= 0", Check: intAtLeast(0)}},
		Bind: func(p Values) (Func, error) {
			lag := p.Int("lag")
			return func(w *Window) float64 { return entPartialAutocorrelation(w, lag) }, nil
		},
	})
	Register(Calculator{
		Name:    "query_similarity_count",
		Tsfresh: "query_similarity_count",
		Group:   "tsfresh",
		Doc:     "with query None (the only query supported here) tsfresh's result is always NaN",
		Params: []Param{
			{Name: "query", Kind: IntList, Optional: true, Doc: "None only"},
			{Name: "threshold", Kind: Float, Default: 0.0, Doc: "distance threshold (unused with query None)"},
		},
		Bind: func(p Values) (Func, error) {
			if !p.IsNone("query") {
				return nil, fmt.Errorf("query = %s is not supported (only None, which gives NaN)", FormatValue(p["query"]))
			}
			return func(*Window) float64 { return math.NaN() }, nil
		},
	})
}

// entAutocorrelation is tsfresh's autocorrelation (SPEC 5.44): the lagged
// products of x - mean summed as np.sum sums them.
func entAutocorrelation(w *Window, lag int) float64 {
	n := w.Len()
	if n < lag {
		return math.NaN()
	}
	v := w.Var()
	if math.Abs(v) <= 1e-8 { // np.isclose(v, 0)
		return math.NaN()
	}
	s := numpyexact.LagSum(w.Centered(), lag)
	return s / (float64(n-lag) * v)
}

// entACF holds a window's adjusted autocovariances (SPEC B9), computed on
// demand up to the largest lag asked, and the partial autocorrelations
// derived from them.
type entACF struct {
	acov     []float64 // acov[k] = sum_t d[t+k]*d[t] / (n-k), k < len(acov)
	pacf     []float64 // pacf[k], k < len(pacf); pacf[0] unused
	phi, tmp []float64 // Levinson-Durbin rows
}

var entACFShared = NewShared(func(w *Window, r *entACF) *entACF {
	if r == nil {
		r = &entACF{}
	}
	r.acov, r.pacf = r.acov[:0], r.pacf[:0]
	return r
})

// upTo returns acov[0..min(L, n-1)].
func (a *entACF) upTo(w *Window, L int) []float64 {
	n := w.Len()
	L = min(L, n-1)
	if L < len(a.acov) {
		return a.acov[:L+1]
	}
	d := w.Centered()
	k := len(a.acov)
	a.acov = slices.Grow(a.acov, L+1-k)[:L+1]
	// Eight lags at a time, each summed in order of t as a dot product.
	for ; k+8 <= L+1; k += 8 {
		entLags8(d, k, a.acov[k:k+8])
	}
	for ; k <= L; k++ {
		s := 0.0
		for t, v := range d[k:] {
			s += float64(v * d[t])
		}
		a.acov[k] = s / float64(n-k)
	}
	return a.acov[:L+1]
}

// entLags8 writes out[j] = sum_t d[t+k+j]*d[t] / (n-k-j) for j < 8.
func entLags8(d []float64, k int, out []float64) {
	n := len(d)
	var s [8]float64
	t := 0
	if m := n - k - 7; m > 0 {
		var s0, s1, s2, s3, s4, s5, s6, s7 float64
		for ; t < m; t++ {
			v := d[t]
			e := d[t+k : t+k+8 : t+k+8]
			s0 += float64(v * e[0])
			s1 += float64(v * e[1])
			s2 += float64(v * e[2])
			s3 += float64(v * e[3])
			s4 += float64(v * e[4])
			s5 += float64(v * e[5])
			s6 += float64(v * e[6])
			s7 += float64(v * e[7])
		}
		s = [8]float64{s0, s1, s2, s3, s4, s5, s6, s7}
	}
	for j := range 8 {
		for u := t; u+k+j < n; u++ {
			s[j] += float64(d[u+k+j] * d[u])
		}
		out[j] = s[j] / float64(n-k-j)
	}
}

// The aggregates agg_autocorrelation takes by name (np.<f_agg>).
const (
	entAggMean = iota
	entAggMedian
	entAggVar
	entAggStd
	entAggMin
	entAggMax
	entAggSum
)

func entAggOf(name string) int {
	return slices.Index([]string{"mean", "median", "var", "std", "min", "max", "sum"}, name)
}

// entAggAutocorrelation is tsfresh's agg_autocorrelation (SPEC 5.45).
func entAggAutocorrelation(w *Window, agg, maxlag int) float64 {
	n := w.Len()
	v := w.Var()
	var a []float64
	if math.Abs(v) < 1e-10 || n == 1 {
		a = w.Scratch(min(n, maxlag))
		clear(a)
	} else {
		acov := entACFShared.Get(w).upTo(w, maxlag)
		a = w.Scratch(len(acov) - 1)
		for k := range a {
			a[k] = acov[k+1] / acov[0]
		}
	}
	return entAggregate(a, agg)
}

// entAggregate is np.<agg>(a); it may reorder or overwrite a.
func entAggregate(a []float64, agg int) float64 {
	m := len(a)
	switch agg {
	case entAggSum:
		return numpyexact.Sum(a)
	case entAggMean:
		return numpyexact.Sum(a) / float64(m)
	case entAggVar, entAggStd:
		mean := numpyexact.Sum(a) / float64(m)
		for i, v := range a {
			a[i] = float64((v - mean) * (v - mean))
		}
		v := numpyexact.Sum(a) / float64(m)
		if agg == entAggStd {
			return math.Sqrt(v)
		}
		return v
	}
	if m == 0 { // np.median warns and gives NaN; np.min and np.max raise
		return math.NaN()
	}
	for _, v := range a {
		if v != v {
			return math.NaN()
		}
	}
	switch agg {
	case entAggMin:
		return slices.Min(a)
	case entAggMax:
		return slices.Max(a)
	}
	slices.Sort(a)
	return numpyexact.Median(a)
}

// entPartialAutocorrelation is tsfresh's partial_autocorrelation (SPEC
// 5.46) at one lag. tsfresh computes the grid's largest lag L* and gives
// NaN for every lag when min(L*, n//2-1) <= 0; taken per lag, that makes
// lag 0 depend on the grid, so lag 0 is given as in any grid with L* >= 1.
func entPartialAutocorrelation(w *Window, lag int) float64 {
	n := w.Len()
	maxLag := n/2 - 1
	if n <= 1 || maxLag <= 0 || lag > maxLag {
		return math.NaN()
	}
	if lag == 0 {
		return 1
	}
	a := entACFShared.Get(w)
	if lag >= len(a.pacf) {
		a.levinson(a.upTo(w, lag))
	}
	return a.pacf[lag]
}

// levinson sets pacf[1..L] from acov[0..L] by the Levinson-Durbin
// recursion (SPEC B10).
func (a *entACF) levinson(acov []float64) {
	L := len(acov) - 1
	a.pacf = slices.Grow(a.pacf[:0], L+1)[:L+1]
	a.phi = slices.Grow(a.phi[:0], L+1)[:L+1] // phi[j] = phi[j, k-1]
	a.tmp = slices.Grow(a.tmp[:0], L+1)[:L+1]
	a.pacf[0] = 1
	phi, next := a.phi, a.tmp
	phi[1] = acov[1] / acov[0]
	sig := acov[0] - float64(phi[1]*acov[1])
	a.pacf[1] = phi[1]
	for k := 2; k <= L; k++ {
		dot := 0.0
		for j := 1; j < k; j++ {
			dot += float64(phi[j] * acov[k-j])
		}
		pk := (acov[k] - dot) / sig
		for j := 1; j < k; j++ {
			next[j] = phi[j] - float64(pk*phi[k-j])
		}
		next[k] = pk
		phi, next = next, phi
		sig *= 1 - float64(pk*pk)
		a.pacf[k] = pk
	}
}
