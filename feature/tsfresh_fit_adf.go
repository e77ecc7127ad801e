package feature

import (
	"math"

	"github.com/featurize/featurize/internal/numpyexact"
)

// fitADF is statsmodels' adfuller(x, autolag="AIC") as tsfresh calls it
// (regression "c", maxlag None), with statsmodels >= 0.14's refusal of a
// constant series: teststat, MacKinnon's p-value and the lag AIC chose.
//
// The lag search fits maxlag+1 nested OLS models (column prefixes of one
// design on the same rows), so one Householder QR of the full design
// gives each prefix's residual sum of squares (the squared tail of Q^T y);
// only a prefix whose R is near rank deficiency is solved again through
// an SVD, with pinv's cut-off and rank. The final regression on its
// longer sample reuses that QR: its rows are the search's plus
// maxlag-usedlag earlier ones, added to R by a small QR of [R; new rows].
type fitADF struct {
	stat, pvalue, usedlag float64
	d                     []float64
	qr, ref               fitQR
	ls                    fitLS
	conds, tail, resid    []float64
}

// directSSR is sum((y - X beta)^2) on rows t = t0..n-2 of the design
// [1 (if hasConst, first or last), x_t, d_{t-1}, ...] of len(beta)
// columns, computed from the data as statsmodels computes it. When beta
// is huge (pinv along a noise direction), its rounding is what makes the
// residual, and the AIC of such a model.
func (a *fitADF) directSSR(x []float64, t0 int, hasConst, constFirst bool, beta []float64) float64 {
	n, d := len(x), a.d
	a.resid = fitGrow(a.resid, n-1-t0)
	cx, lags, cc := 0, len(beta)-1, -1
	if hasConst {
		lags--
		if constFirst {
			cc, cx = 0, 1
		} else {
			cc = len(beta) - 1
		}
	}
	for i := range a.resid {
		t := t0 + i
		s := float64(x[t] * beta[cx])
		for j := 1; j <= lags; j++ {
			s += float64(d[t-j] * beta[cx+j])
		}
		if cc >= 0 {
			s += beta[cc]
		}
		r := d[t] - s
		a.resid[i] = float64(r * r)
	}
	return numpyexact.Sum(a.resid)
}

var fitADFShared = NewShared(func(w *Window, a *fitADF) *fitADF {
	if a == nil {
		a = new(fitADF)
	}
	a.compute(w.Values())
	return a
})

// fitConstNZ is add_trend's test of a column: constant and nonzero.
func fitConstNZ(c []float64) bool {
	for _, v := range c {
		if v != c[0] {
			return false
		}
	}
	return c[0] != 0
}

// fitAIC is statsmodels' OLS aic: -2 llf + 2 rank, llf the profile
// log-likelihood.
func fitAIC(ssr float64, nobs, rank int) float64 {
	nobs2 := float64(float64(nobs) / 2)
	a := float64(nobs2 * math.Log(2*math.Pi))
	b := float64(nobs2 * math.Log(ssr/float64(nobs)))
	llf := -a - b - nobs2
	return float64(-2*llf) + float64(2*float64(rank))
}

// fitMacKinnonP is statsmodels' mackinnonp(t, "c", N=1).
func fitMacKinnonP(t float64) float64 {
	switch {
	case t > 2.74:
		return 1
	case t < -18.83:
		return 0
	}
	var z float64
	if t <= -1.61 {
		// np.polyval: (c2*t + c1)*t + c0
		z = float64(float64(float64(0.038269000000000004*t)+1.4412)*t) + 2.1659
	} else {
		z = float64(float64(float64(float64(float64(-0.010368*t)+-0.12745)*t)+0.9320200000000001)*t) + 1.7339
	}
	return fitNormCDF(z)
}

// fitNormCDF is scipy's ndtr.
func fitNormCDF(a float64) float64 {
	x := a * (math.Sqrt2 / 2)
	z := math.Abs(x)
	if z < math.Sqrt2/2 {
		return 0.5 + float64(0.5*math.Erf(x))
	}
	y := float64(0.5 * math.Erfc(z))
	if x > 0 {
		return 1 - y
	}
	return y
}

func (a *fitADF) compute(x []float64) {
	nan := math.NaN()
	a.stat, a.pvalue, a.usedlag = nan, nan, nan
	n := len(x)
	if n < 4 {
		return // maxlag < 0: "sample size is too short"
	}
	lo, hi := x[0], x[0]
	for _, v := range x[:n-1] {
		if v-v != 0 {
			return // NaN, +Inf: MissingDataError; -Inf: the SVD fails
		}
		lo, hi = min(lo, v), max(hi, v)
	}
	if last := x[n-1]; last-last != 0 {
		// only the last difference is not finite: every AIC is NaN or
		// Inf, the first lag wins, and its t-value is NaN
		a.usedlag = 0
		return
	} else if lo == hi && last == lo {
		return // "Invalid input, x is constant"
	}
	maxlag := int(math.Ceil(12 * math.Sqrt(math.Sqrt(float64(n)/100))))
	maxlag = min(n/2-2, maxlag)
	a.d = fitGrow(a.d, n-1)
	d := a.d
	for t := range n - 1 {
		d[t] = x[t+1] - x[t]
	}

	// lag search: rows t = maxlag..n-2, columns [1, x_t, d_{t-1}..d_{t-maxlag}]
	m := n - 1 - maxlag
	hasConst := !fitConstNZ(x[maxlag : n-1])
	for j := 1; j <= maxlag && hasConst; j++ {
		hasConst = !fitConstNZ(d[maxlag-j : n-1-j])
	}
	c0 := 0
	if hasConst {
		c0 = 1
	}
	k := maxlag + 1 + c0
	q := &a.qr
	q.reset(m, k)
	if hasConst {
		for i := range m {
			q.a[i] = 1
		}
	}
	copy(q.col(c0), x[maxlag:n-1])
	for j := 1; j <= maxlag; j++ {
		copy(q.col(c0+j), d[maxlag-j:n-1-j])
	}
	copy(q.y, d[maxlag:n-1])
	q.factor()
	a.conds = fitGrow(a.conds, k)
	q.invertR(a.conds)
	a.tail = fitGrow(a.tail, k+1)
	s := 0.0
	for _, z := range q.y[k:] {
		s += float64(z * z)
	}
	a.tail[k] = s
	for j := k - 1; j >= 0; j-- {
		a.tail[j] = a.tail[j+1] + float64(q.y[j]*q.y[j])
	}
	start := 1 + c0
	best, bestAIC := -1, 0.0
	for p := start; p <= start+maxlag; p++ {
		rank, ssr := p, a.tail[p]
		if !(a.conds[p-1] < fitCondMax) {
			rank, _ = a.ls.solveSVD(q, p, d[maxlag:n-1], 0, 1e-15)
			ssr = a.directSSR(x, maxlag, hasConst, true, a.ls.beta[:p])
		}
		aic := fitAIC(ssr, m, rank)
		if best < 0 || aic < bestAIC {
			best, bestAIC = p, aic
		}
	}
	used := best - start
	a.usedlag = float64(used)

	// the regression with usedlag lags, rows t = used..n-2
	m2 := n - 1 - used
	hasConst2 := !fitConstNZ(x[used : n-1])
	for j := 1; j <= used && hasConst2; j++ {
		hasConst2 = !fitConstNZ(d[used-j : n-1-j])
	}
	r := &a.ref
	var ssr, beta, covc float64
	rank := 0
	if hasConst2 == hasConst {
		// [R_p; rows t = used..maxlag-1] against [z_p; d_t]
		p, extra := best, maxlag-used
		r.reset(p+extra, p)
		for c := range p {
			col := r.col(c)
			for i := range p {
				if i <= c {
					col[i] = q.r(i, c)
				} else {
					col[i] = 0
				}
			}
			for i := range extra {
				t := used + i
				switch {
				case hasConst && c == 0:
					col[p+i] = 1
				case c == c0:
					col[p+i] = x[t]
				default:
					col[p+i] = d[t-(c-c0)]
				}
			}
		}
		copy(r.y, q.y[:p])
		copy(r.y[p:], d[used:maxlag])
		r.factor()
		ssr = a.tail[p]
		for _, z := range r.y[p:] {
			ssr += float64(z * z)
		}
		rank, beta, covc = a.fullRank(c0)
		if ssr == 0 && beta != 0 {
			rank = 0
		}
	}
	if rank == 0 {
		// the design itself, in statsmodels' order [x_t, d_{t-1}.., 1]
		p := used + 1
		if hasConst2 {
			p++
		}
		r.reset(m2, p)
		copy(r.col(0), x[used:n-1])
		for j := 1; j <= used; j++ {
			copy(r.col(j), d[used-j:n-1-j])
		}
		if hasConst2 {
			col := r.col(p - 1)
			for i := range col {
				col[i] = 1
			}
		}
		copy(r.y, d[used:n-1])
		r.factor()
		ssr = 0
		for _, z := range r.y[p:] {
			ssr += float64(z * z)
		}
		// an exact fit (ssr 0) leaves statsmodels with the rounding of its
		// pinv, a huge but finite t: follow pinv there too
		if rank, beta, covc = a.fullRank(0); rank == 0 || (ssr == 0 && beta != 0) {
			rank, covc = a.ls.solveSVD(r, p, d[used:n-1], 0, 1e-15)
			beta = a.ls.beta[0]
			ssr = a.directSSR(x, used, hasConst2, false, a.ls.beta[:p])
		}
	}
	scale := ssr / float64(m2-rank)
	a.stat = beta / math.Sqrt(float64(covc*scale))
	a.pvalue = fitMacKinnonP(a.stat)
}

// fullRank returns, when the refit's R is far from rank deficiency, its
// rank, the coefficient of column xc and the xc-th diagonal entry of
// (X^T X)^-1; rank 0 otherwise.
func (a *fitADF) fullRank(xc int) (rank int, beta, covc float64) {
	r := &a.ref
	p := r.k
	a.conds = fitGrow(a.conds, max(len(a.conds), p))
	r.invertR(a.conds)
	if !(a.conds[p-1] < fitCondMax) {
		return 0, 0, 0
	}
	for j := xc; j < p; j++ {
		ri := r.rinv[j*p+xc]
		beta += float64(ri * r.y[j])
		covc += float64(ri * ri)
	}
	return p, beta, covc
}
