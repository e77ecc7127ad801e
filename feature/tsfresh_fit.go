package feature

import (
	"fmt"
	"math"

	"github.com/featurize/featurize/internal/numpyexact"
	"gonum.org/v1/gonum/mathext"
)

// The tsfresh calculators that fit something: linear_trend,
// agg_linear_trend, ar_coefficient, augmented_dickey_fuller,
// friedrich_coefficients, max_langevin_fixed_point and change_quantiles
// (testdata/tsfresh/SPEC.md §5.53, 5.54, 5.60-5.64).

func registerFits() {
	tsfreshReg("linear_trend",
		`scipy.stats.linregress(range(n), x).attr (scipy <= 1.15); n = 1: rvalue 0, the rest NaN; n = 2: pvalue 0 or 1, stderr 0`,
		[]Param{fitAttrParam(fitLinregAttrs)},
		func(p Values) (Func, error) {
			get := fitLinregAttr(p.String("attr"))
			return func(w *Window) float64 { return get(fitLinearTrendShared.Get(w)) }, nil
		})

	tsfreshReg("agg_linear_trend",
		`linregress(range(K), agg).attr of the f_agg (ndarray method) of the K = ceil(n/chunk_len) chunks; NaN if chunk_len >= n`,
		[]Param{
			fitAttrParam(fitLinregAttrs),
			{Name: "chunk_len", Kind: Int, Doc: "chunk length, >= 1", Check: intAtLeast(1)},
			{Name: "f_agg", Kind: String, Doc: `"max", "min", "mean", "var", "std" or "sum"`, Check: oneOf(fitAggNames...)},
		},
		func(p Values) (Func, error) {
			get := fitLinregAttr(p.String("attr"))
			cl := p.Int("chunk_len")
			s := fitAggTrendShared.For(fitAggKey{cl, p.String("f_agg")})
			return func(w *Window) float64 {
				if cl >= w.Len() {
					return math.NaN()
				}
				return get(&s.Get(w).lr)
			}, nil
		})

	tsfreshReg("ar_coefficient",
		`AutoReg(x, lags=k, trend="c").fit().params[coeff] (statsmodels, OLS by pinv: minimum-norm if rank deficient); `+
			`coeff > k: NaN; n <= 2k+1 or -Inf: NaN, but 0 for coeff == k; NaN or +Inf in x[:-1]: NaN`,
		[]Param{
			{Name: "coeff", Kind: Int, Doc: "0 = the constant, i = lag i", Check: intAtLeast(0)},
			{Name: "k", Kind: Int, Doc: "number of lags", Check: intAtLeast(0)},
		},
		func(p Values) (Func, error) {
			c, k := p.Int("coeff"), p.Int("k")
			s := fitARShared.For(k)
			return func(w *Window) float64 { return s.Get(w).coeff(c, k) }, nil
		})

	tsfreshReg("augmented_dickey_fuller",
		`adfuller(x, autolag="AIC")[teststat, pvalue, usedlag] (statsmodels >= 0.14, regression "c"); `+
			`NaN for n <= 3, a constant x or a non-finite x[:-1]`,
		[]Param{
			fitAttrParam([]string{"teststat", "pvalue", "usedlag"}),
			{Name: "autolag", Kind: String, Default: "AIC", Doc: `"AIC" (the only one supported)`, Check: oneOf("AIC")},
		},
		func(p Values) (Func, error) {
			attr := p.String("attr")
			return func(w *Window) float64 {
				a := fitADFShared.Get(w)
				switch attr {
				case "teststat":
					return a.stat
				case "pvalue":
					return a.pvalue
				}
				return a.usedlag
			}, nil
		})

	friedrichParams := []Param{
		{Name: "m", Kind: Int, Doc: "polynomial order, >= 1", Check: intAtLeast(1)},
		{Name: "r", Kind: Int, Doc: "number of quantile bins, >= 1", Check: intAtLeast(1)},
	}
	tsfreshReg("friedrich_coefficients",
		`np.polyfit(deg=m) of the means of (x[t], x[t+1]-x[t]) in the r bins of pd.qcut(x[:-1], r) (pandas >= 2), `+
			`coefficient coeff (0 = x^m); NaN if the bin edges are not unique or coeff > m`,
		append([]Param{{Name: "coeff", Kind: Int, Doc: "0 = the highest power", Check: intAtLeast(0)}}, friedrichParams...),
		func(p Values) (Func, error) {
			c, m := p.Int("coeff"), p.Int("m")
			s := fitFriedrichShared.For(fitFriedrichKey{m, p.Int("r")})
			return func(w *Window) float64 {
				if c > m {
					return math.NaN()
				}
				return s.Get(w).coef[c]
			}, nil
		})

	tsfreshReg("max_langevin_fixed_point",
		`max(real(np.roots(friedrich coefficients))) of friedrich_coefficients(m, r); NaN where they are NaN or there is no root`,
		friedrichParams,
		func(p Values) (Func, error) {
			m := p.Int("m")
			s := fitFriedrichShared.For(fitFriedrichKey{m, p.Int("r")})
			return func(w *Window) float64 {
				coef := s.Get(w).coef
				// the roots' buffers come from the window's scratch
				n := m * m
				sc := w.Scratch(n + 2*m)
				r := fitRoots{a: sc[:n:n], wr: sc[n : n+m : n+m], wi: sc[n+m : n+2*m : n+2*m]}
				return r.maxReal(coef)
			}, nil
		})

	tsfreshReg("change_quantiles",
		`f_agg ("mean" or "var") of the changes x[i+1]-x[i] (|.| if isabs) that start and end inside the `+
			`pd.qcut(x, [ql, qh]) corridor (pandas >= 2 edges); 0 if there are none or ql >= qh`,
		[]Param{
			{Name: "ql", Kind: Float, Doc: "lower quantile, 0 <= ql <= 1", Check: unitInterval},
			{Name: "qh", Kind: Float, Doc: "upper quantile, 0 <= qh <= 1", Check: unitInterval},
			{Name: "isabs", Kind: Bool, Doc: "take absolute changes"},
			{Name: "f_agg", Kind: String, Doc: `"mean" or "var"`, Check: oneOf("mean", "var")},
		},
		func(p Values) (Func, error) {
			ql, qh := p.Float("ql"), p.Float("qh")
			if ql >= qh {
				return func(*Window) float64 { return 0 }, nil
			}
			abs, useVar := p.Bool("isabs"), p.String("f_agg") == "var"
			s := fitCorridorShared.For([2]float64{ql, qh})
			return func(w *Window) float64 { return s.Get(w).value(abs, useVar) }, nil
		})
}

func fitAttrParam(attrs []string) Param {
	return Param{Name: "attr", Kind: String, Doc: fmt.Sprintf("one of %q", attrs), Check: oneOf(attrs...)}
}

// fitLinreg is scipy.stats.linregress(range(n), y) (scipy <= 1.15). The
// p-value, 2*stdtr(df, -|t|), is computed only when asked for.
type fitLinreg struct {
	r, slope, intercept, stderr, istderr float64
	t, df, p                             float64 // p set only for n = 2 (df = 0)
}

func (l *fitLinreg) pvalue() float64 {
	if l.df == 0 {
		return l.p
	}
	return fitStudentTwoSided(l.df, l.t)
}

var fitLinregAttrs = []string{"pvalue", "rvalue", "intercept", "slope", "stderr", "intercept_stderr"}

func fitLinregAttr(attr string) func(*fitLinreg) float64 {
	switch attr {
	case "pvalue":
		return (*fitLinreg).pvalue
	case "rvalue":
		return func(l *fitLinreg) float64 { return l.r }
	case "intercept":
		return func(l *fitLinreg) float64 { return l.intercept }
	case "slope":
		return func(l *fitLinreg) float64 { return l.slope }
	case "stderr":
		return func(l *fitLinreg) float64 { return l.stderr }
	}
	return func(l *fitLinreg) float64 { return l.istderr }
}

// fitLinregress fits y against 0..n-1 from dev = y - mean(y) and
// ssym = sum(dev^2)/n: np.cov(x, y, bias=1)'s entries are sums of
// products times 1/n.
func fitLinregress(n int, ymean float64, dev []float64, ssym, y0, y1 float64) fitLinreg {
	fn := float64(n)
	inv := 1 / fn
	xmean := float64(n-1) / 2
	ssxm := float64(float64(fn*(float64(fn*fn)-1)) / 12 * inv)
	ssxym := numpyexact.SlopeSum(dev, -xmean) * inv
	var l fitLinreg
	if ssxm != 0 && ssym != 0 {
		l.r = ssxym / math.Sqrt(float64(ssxm*ssym))
		l.r = max(-1, min(1, l.r)) // NaN stays NaN
	}
	l.slope = ssxym / ssxm
	l.intercept = ymean - float64(l.slope*xmean)
	if n == 2 {
		if y0 == y1 {
			l.p = 1
		}
		return l
	}
	df := float64(n - 2)
	r := l.r
	const tiny = 1e-20
	l.df = df
	l.t = r * math.Sqrt(df/float64((1-r+tiny)*(1+r+tiny)))
	l.stderr = math.Sqrt(float64(float64(1-float64(r*r))*ssym) / ssxm / df)
	l.istderr = l.stderr * math.Sqrt(ssxm+float64(xmean*xmean))
	return l
}

// fitStudentTwoSided is 2*stdtr(df, -|t|) = I_x(df/2, 1/2) with
// x = df/(df+t^2); when that is above 1/2 (small t, x near 1), it is
// 1 - I_y(1/2, df/2) with y = 1-x = t^2/(df+t^2) computed directly, as
// scipy's cdflib keeps both.
func fitStudentTwoSided(df, t float64) float64 {
	if t != t || !(df > 0) {
		return math.NaN()
	}
	if t == 0 {
		return 1
	}
	if math.IsInf(t, 0) {
		return 0
	}
	tt := float64(t * t)
	x, y := df/(df+tt), tt/(df+tt)
	if p := mathext.RegIncBeta(df/2, 0.5, x); p <= 0.5 {
		return p
	}
	return 1 - mathext.RegIncBeta(0.5, df/2, y)
}

var fitLinearTrendShared = NewShared(func(w *Window, l *fitLinreg) *fitLinreg {
	if l == nil {
		l = new(fitLinreg)
	}
	x := w.Values()
	if len(x) == 0 {
		*l = fitLinreg{r: math.NaN(), slope: math.NaN(), intercept: math.NaN(), p: math.NaN(), stderr: math.NaN(), istderr: math.NaN()}
		return l
	}
	y1 := math.NaN()
	if len(x) > 1 {
		y1 = x[1]
	}
	*l = fitLinregress(len(x), w.Mean(), w.Centered(), w.Var(), x[0], y1)
	return l
})

type fitAggKey struct {
	chunkLen int
	agg      string
}

var fitAggNames = []string{"max", "min", "mean", "var", "std", "sum"}

// fitAggTrend is agg_linear_trend's fit for one chunk length and
// aggregate.
type fitAggTrend struct {
	lr       fitLinreg
	agg, dev []float64
}

var fitAggTrendShared = NewSharedBy(func(w *Window, key fitAggKey, a *fitAggTrend) *fitAggTrend {
	if a == nil {
		a = new(fitAggTrend)
	}
	x := w.Values()
	n, cl := len(x), key.chunkLen
	if cl >= n {
		return a
	}
	k := (n + cl - 1) / cl
	a.agg = fitGrow(a.agg, k)
	a.dev = fitGrow(a.dev, max(k, cl))
	for i := range k {
		a.agg[i] = fitAggregate(x[i*cl:min(n, (i+1)*cl)], key.agg, a.dev)
	}
	mean := numpyexact.Sum(a.agg) / float64(k)
	dev := a.dev[:k]
	for i, v := range a.agg {
		d := v - mean
		dev[i] = float64(d * d)
	}
	ssym := numpyexact.Sum(dev) * (1 / float64(k))
	for i, v := range a.agg {
		dev[i] = v - mean
	}
	a.lr = fitLinregress(k, mean, dev, ssym, a.agg[0], a.agg[1])
	return a
})

// fitAggregate is the ndarray method f of chunk c (numpy's sums; max and
// min propagate NaN); tmp holds len(c) values.
func fitAggregate(c []float64, f string, tmp []float64) float64 {
	switch f {
	case "max", "min":
		r := c[0]
		for _, v := range c {
			switch {
			case v != v:
				return v
			case f == "max" && v > r, f == "min" && v < r:
				r = v
			}
		}
		return r
	case "sum":
		return numpyexact.Sum(c)
	case "mean":
		return numpyexact.Sum(c) / float64(len(c))
	}
	mean := numpyexact.Sum(c) / float64(len(c))
	t := tmp[:len(c)]
	for i, v := range c {
		d := v - mean
		t[i] = float64(d * d)
	}
	v := numpyexact.Sum(t) / float64(len(c))
	if f == "std" {
		return math.Sqrt(v)
	}
	return v
}

// fitCorridor is change_quantiles' selection for one (ql, qh): the
// changes that start and end inside pd.qcut(x, [ql, qh])'s bin 0, and
// their mean and variance, plain and absolute.
type fitCorridor struct {
	count                int
	mean, vr, amean, avr float64
	sel, abs, tmp        []float64
	search               fitSearch
	edges                [2]float64
}

var fitCorridorShared = NewSharedBy(func(w *Window, q [2]float64, c *fitCorridor) *fitCorridor {
	if c == nil {
		c = new(fitCorridor)
	}
	c.compute(w, q[0], q[1])
	return c
})

func (c *fitCorridor) value(abs, useVar bool) float64 {
	switch {
	case c.count == 0:
		return 0
	case abs && useVar:
		return c.avr
	case abs:
		return c.amean
	case useVar:
		return c.vr
	}
	return c.mean
}

func (c *fitCorridor) compute(w *Window, ql, qh float64) {
	c.count = 0
	x := w.Values()
	n := len(x)
	sorted := w.Sorted()
	sorted = sorted[:fitNonNaN(sorted)]
	if len(sorted) == 0 || n < 2 {
		return // no edges (pandas 2: NaN, so nothing inside), or no change
	}
	c.edges = [2]float64{fitQcutEdge(sorted, ql), fitQcutEdge(sorted, qh)}
	c.sel = fitGrow(c.sel, n-1)[:0]
	e0, e1 := c.edges[0], c.edges[1]
	if e0 <= e1 {
		// sorted edges: bin 0 is [e0, e1]
		prevIn := e0 <= x[0] && x[0] <= e1
		for i := 1; i < n; i++ {
			v := x[i]
			in := e0 <= v && v <= e1
			if in && prevIn {
				c.sel = append(c.sel, v-x[i-1])
			}
			prevIn = in
		}
	} else {
		// NaN edges (from +-Inf data): numpy's search, key by key
		c.search.reset(c.edges[:])
		prevIn := false
		for i, v := range x {
			id := c.search.next(v)
			if v == e0 {
				id = 1
			}
			in := v == v && id == 1
			if in && prevIn {
				c.sel = append(c.sel, v-x[i-1])
			}
			prevIn = in
		}
	}
	c.count = len(c.sel)
	if c.count == 0 {
		return
	}
	c.abs = fitGrow(c.abs, c.count)
	for i, d := range c.sel {
		c.abs[i] = math.Abs(d)
	}
	c.tmp = fitGrow(c.tmp, c.count)
	c.mean, c.vr = fitMeanVar(c.sel, c.tmp)
	c.amean, c.avr = fitMeanVar(c.abs, c.tmp)
}

// fitMeanVar is np.mean(v), np.var(v).
func fitMeanVar(v, tmp []float64) (mean, vr float64) {
	fn := float64(len(v))
	mean = numpyexact.Sum(v) / fn
	t := tmp[:len(v)]
	for i, x := range v {
		d := x - mean
		t[i] = float64(d * d)
	}
	return mean, numpyexact.Sum(t) / fn
}
