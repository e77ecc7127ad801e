package feature

import "math"

// fitAR is tsfresh's ar_coefficient for one k: the params of
// statsmodels' AutoReg(list(x), lags=k, trend="c").fit(), [const, lag 1,
// ..., lag k], or what tsfresh makes of its exceptions.
type fitAR struct {
	params []float64 // k+1 values when fitted
	failed bool      // ValueError, ZeroDivisionError, LinAlgError: [NaN]*k, so coeff k is 0
	qr     fitQR
	ls     fitLS
	conds  []float64
	u, t   []float64
}

var fitARShared = NewSharedBy(func(w *Window, k int, a *fitAR) *fitAR {
	if a == nil {
		a = new(fitAR)
	}
	a.compute(w.Values(), k)
	return a
})

// coeff is the value tsfresh reports for params[c].
func (a *fitAR) coeff(c, k int) float64 {
	switch {
	case c > k:
		return math.NaN()
	case a.failed && c == k:
		return 0 // [NaN]*k has no index k: IndexError -> 0
	case a.failed:
		return math.NaN()
	}
	return a.params[c]
}

func (a *fitAR) compute(x []float64, k int) {
	n := len(x)
	a.failed = false
	a.params = fitGrow(a.params, k+1)
	for i := range a.params {
		a.params[i] = math.NaN()
	}
	nobs := n - k
	if nobs < k+1 {
		a.failed = true // "The model specification cannot be estimated"
		return
	}
	if k == 0 {
		if n == 1 {
			a.failed = true // nobs/(nobs-1)
			return
		}
		// pinv of the constant column: 1/n each
		s := 0.0
		for _, v := range x {
			s += float64(v * (1 / float64(n)))
		}
		a.params[0] = s
		return
	}
	// OLS's MissingDataError: a lag column whose max is not finite. Every
	// x[:-1] is in some lag column.
	negInf := false
	for _, v := range x[:n-1] {
		if v-v != 0 {
			if v != v || v > 0 {
				return
			}
			negInf = true
		}
	}
	for j := 1; j <= k && negInf; j++ {
		all := true
		for _, v := range x[k-j : n-j] {
			all = all && math.IsInf(v, -1)
		}
		if all {
			return
		}
	}
	if nobs == k+1 || negInf {
		a.failed = true // nobs/(nobs-k_params): ZeroDivisionError; -Inf: the SVD fails
		return
	}
	m, p := nobs, k+1
	q := &a.qr
	q.reset(m, p)
	for i := range m {
		q.a[i] = 1
	}
	for j := 1; j <= k; j++ {
		copy(q.col(j), x[k-j:n-j])
	}
	copy(q.y, x[k:])
	q.factor()
	a.conds = fitGrow(a.conds, p)
	q.invertR(a.conds)
	full := a.conds[p-1] < fitCondMax
	if last := x[n-1]; last-last != 0 {
		// only y's last value is not finite: params = pinv[:, -1]*last + finite
		if last == last {
			a.pinvLastColumn(full, x)
			for i, c := range a.u[:p] {
				a.params[i] = c * last
			}
		}
		return
	}
	if full {
		for i := range p {
			s := 0.0
			for j := i; j < p; j++ {
				s += float64(q.rinv[j*p+i] * q.y[j])
			}
			a.params[i] = s
		}
		return
	}
	a.ls.solveSVD(q, p, x[k:], 0, 1e-15)
	copy(a.params, a.ls.beta[:p])
}

// pinvLastColumn writes column m-1 of pinv(X) to a.u: (X^T X)^+ X^T
// e_last = (R^T R)^+ r with r the design's last row.
func (a *fitAR) pinvLastColumn(full bool, x []float64) {
	q := &a.qr
	n, p := len(x), q.k
	a.u = fitGrow(a.u, 2*p)
	row, u := a.u[p:2*p], a.u[:p]
	row[0] = 1
	for j := 1; j < p; j++ {
		row[j] = x[n-1-j]
	}
	if full {
		// u = R^-1 R^-T row
		a.t = fitGrow(a.t, p)
		t := a.t
		for j := range p {
			s := 0.0
			for i := 0; i <= j; i++ {
				s += float64(q.rinv[j*p+i] * row[i])
			}
			t[j] = s
		}
		for i := range p {
			s := 0.0
			for j := i; j < p; j++ {
				s += float64(q.rinv[j*p+i] * t[j])
			}
			u[i] = s
		}
		return
	}
	// (R^T R)^+ = W S^-4 W^T over the kept singular values of R^T = W V^T
	ls := &a.ls
	ls.solveSVD(q, p, x[n-q.m:], 0, 1e-15)
	sv, w := ls.jac.sv[:p], ls.jac.w[:p*p]
	smax := 0.0
	for _, s := range sv {
		smax = max(smax, s)
	}
	clear(u)
	for i := range p {
		if !(sv[i] > 1e-15*smax) {
			continue
		}
		wi := w[i*p : (i+1)*p]
		s2 := float64(sv[i] * sv[i])
		fitAxpy(fitDot(wi, row)/float64(s2*s2), wi, u)
	}
}
