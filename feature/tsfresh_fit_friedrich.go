package feature

import (
	"math"

	"github.com/featurize/featurize/internal/numpyexact"
)

// npLess is numpy's order of doubles (np.sort's, searchsorted's): NaN
// after everything.
func npLess(a, b float64) bool { return a < b || (b != b && a == a) }

// fitSearch is np.searchsorted(edges, keys, side="left") over a sequence
// of keys, with numpy's binsearch state: each search starts from where the
// previous key left it, which matters only for unsorted edges.
type fitSearch struct {
	edges    []float64
	min, max int
	last     float64
	started  bool
}

func (s *fitSearch) reset(edges []float64) {
	*s = fitSearch{edges: edges, max: len(edges)}
}

func (s *fitSearch) next(key float64) int {
	n := len(s.edges)
	if !s.started {
		s.started, s.last = true, key
	}
	if npLess(s.last, key) {
		s.max = n
	} else {
		s.min = 0
		if s.max < n {
			s.max++
		} else {
			s.max = n
		}
	}
	s.last = key
	for s.min < s.max {
		mid := s.min + (s.max-s.min)>>1
		if npLess(s.edges[mid], key) {
			s.min = mid + 1
		} else {
			s.max = mid
		}
	}
	return s.min
}

// fitQcutEdge is the edge of pandas >= 2 qcut at quantile q of the sorted
// non-NaN values: np.percentile(v, 100*q), i.e. np.quantile at (q*100)/100.
func fitQcutEdge(sorted []float64, q float64) float64 {
	return numpyexact.Quantile(sorted, float64(q*100)/100)
}

// fitNonNaN returns how many of the sorted values (NaNs last) are not NaN.
func fitNonNaN(sorted []float64) int {
	n := len(sorted)
	for n > 0 && sorted[n-1] != sorted[n-1] {
		n--
	}
	return n
}

// fitKahan is pandas' groupby mean accumulator: NaN skipped, Kahan
// compensated, the compensation reset when it turns NaN (pandas >= 2).
type fitKahan struct {
	s, c float64
	n    int
}

func (k *fitKahan) add(v float64) {
	if v != v {
		return
	}
	k.n++
	y := v - k.c
	t := k.s + y
	k.c = (t - k.s) - y
	if k.c != k.c {
		k.c = 0
	}
	k.s = t
}

func (k *fitKahan) mean() float64 {
	if k.n == 0 {
		return math.NaN()
	}
	return k.s / float64(k.n)
}

type fitFriedrichKey struct{ m, r int }

// fitFriedrich is tsfresh's _estimate_friedrich_coefficients(x, m, r):
// np.polyfit(deg m) of the per-bin means of (x[t], x[t+1]-x[t]) over the
// r quantile bins of pd.qcut(x[:-1], r); coef is NaN where tsfresh's is.
type fitFriedrich struct {
	coef   []float64
	edges  []float64
	uniq   []float64
	vals   []float64 // the sorted values without the one left out
	sx, sd []fitKahan
	xm, ym []float64
	search fitSearch
	poly   fitPolyfit
}

var fitFriedrichShared = NewSharedBy(func(w *Window, key fitFriedrichKey, f *fitFriedrich) *fitFriedrich {
	if f == nil {
		f = new(fitFriedrich)
	}
	f.compute(w, key.m, key.r)
	return f
})

func (f *fitFriedrich) compute(w *Window, m, r int) {
	f.coef = fitGrow(f.coef, m+1)
	for i := range f.coef {
		f.coef[i] = math.NaN()
	}
	x := w.Values()
	n := len(x)
	if n < 2 {
		return // qcut of an empty signal: IndexError
	}
	sorted := w.Sorted()
	sorted = sorted[:fitNonNaN(sorted)]
	if last := x[n-1]; last == last {
		// the signal is x[:-1]: leave one copy of x[n-1] out
		lo, hi := 0, len(sorted)
		for lo < hi {
			mid := (lo + hi) / 2
			if sorted[mid] < last {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		f.vals = append(append(f.vals[:0], sorted[:lo]...), sorted[lo+1:]...)
		sorted = f.vals
	}
	if len(sorted) == 0 {
		return
	}
	f.edges = fitGrow(f.edges, r+1)
	step := 1 / float64(r)
	for i := range r + 1 {
		q := float64(i) * step
		if i == r {
			q = 1
		}
		e := fitQcutEdge(sorted, q)
		if e != e {
			return // IntervalIndex of NaN edges: ValueError
		}
		f.edges[i] = e
	}
	if r+1 != 2 {
		f.uniq = append(f.uniq[:0], f.edges...)
		fitInsertionSort(f.uniq)
		for i := 1; i < len(f.uniq); i++ {
			if f.uniq[i] == f.uniq[i-1] {
				return // "Bin edges must be unique"
			}
		}
	}
	if cap(f.sx) < r {
		f.sx, f.sd = make([]fitKahan, r), make([]fitKahan, r)
	}
	f.sx, f.sd = f.sx[:r], f.sd[:r]
	clear(f.sx)
	clear(f.sd)
	f.search.reset(f.edges)
	sortedEdges := true
	for i := 1; i <= r; i++ {
		sortedEdges = sortedEdges && f.edges[i-1] < f.edges[i]
	}
	for i, v := range x[:n-1] {
		var id int
		if sortedEdges {
			if v != v {
				continue
			}
			lo, hi := 0, r+1
			for lo < hi {
				mid := int(uint(lo+hi) >> 1)
				if f.edges[mid] < v {
					lo = mid + 1
				} else {
					hi = mid
				}
			}
			id = lo
		} else {
			id = f.search.next(v)
		}
		if v == f.edges[0] {
			id = 1
		}
		if v != v || id == 0 || id == r+1 {
			continue
		}
		f.sx[id-1].add(v)
		f.sd[id-1].add(x[i+1] - v)
	}
	f.xm, f.ym = f.xm[:0], f.ym[:0]
	for b := range r {
		if f.sx[b].n == 0 {
			continue
		}
		a, d := f.sx[b].mean(), f.sd[b].mean()
		if a != a || d != d {
			continue
		}
		f.xm = append(f.xm, a)
		f.ym = append(f.ym, d)
	}
	if len(f.xm) == 0 {
		return // polyfit of nothing: TypeError (tsfresh would fail)
	}
	f.poly.fit(f.xm, f.ym, m, f.coef)
}

func fitInsertionSort(a []float64) {
	for i := 1; i < len(a); i++ {
		v := a[i]
		j := i
		for j > 0 && a[j-1] > v {
			a[j] = a[j-1]
			j--
		}
		a[j] = v
	}
}

// fitPolyfit is np.polyfit(x, y, deg): the Vandermonde columns (highest
// power first) scaled to unit norm, dgelsd with rcond = len(x)*eps
// (minimum norm, singular values <= rcond*max dropped), coefficients
// divided back by the scales. dgelsd reduces the matrix to an upper
// triangular or bidiagonal B by Householder reflections (bit for bit as
// LAPACK does: see tsfresh_fit_lapack.go), solves with B's SVD (here by
// Jacobi, accurate for B's graded rows) and transforms back.
type fitPolyfit struct {
	a, scale, z, tau, work []float64
	l, d, e, tauq, taup    []float64
	jac                    fitJacobi
}

func (p *fitPolyfit) fit(x, y []float64, deg int, coef []float64) {
	m, k := len(x), deg+1
	for _, v := range x {
		if v-v != 0 {
			return // LinAlgError
		}
	}
	for _, v := range y {
		if v-v != 0 {
			return
		}
	}
	p.a = fitGrow(p.a, m*k)
	p.scale = fitGrow(p.scale, k)
	for i, v := range x {
		// np.vander: x^p = x^(p-1) * x
		p.a[(k-1)*m+i] = 1
		pw := v
		for c := k - 2; c >= 0; c-- {
			p.a[c*m+i] = pw
			pw = float64(pw * v)
		}
	}
	for c := range k {
		col := p.a[c*m : (c+1)*m]
		s := 0.0
		for _, v := range col {
			s += float64(v * v)
		}
		s = math.Sqrt(s)
		if s == 0 || s-s != 0 {
			return // 0/0 in lhs /= scale, then LinAlgError
		}
		p.scale[c] = s
		for i := range col {
			col[i] /= s
		}
	}
	p.z = append(p.z[:0], y...)
	p.work = fitGrow(p.work, max(m, k))
	p.tau = fitGrow(p.tau, max(m, k))
	rcond := float64(m) * fitEps
	// ilaenv's crossover: reduce by QR (LQ) first when there are many
	// more rows (columns)
	mnthr := int(float32(float32(min(m, k)) * float32(1.6)))
	switch {
	case m >= k && m >= mnthr: // path 1a: QR, then R's SVD
		fitDgeqr2(p.a, m, k, p.tau, p.work)
		fitDorm2r(p.a, m, k, p.tau, p.z, p.work)
		p.jac.size(k, k)
		w := p.jac.w
		for i := range k {
			for j := range k {
				w[i*k+j] = 0
				if j >= i {
					w[i*k+j] = p.a[j*m+i]
				}
			}
		}
		p.jac.decompose(k, k)
		p.solveT(k, p.z[:k], rcond, coef)
	case m >= k: // path 1: bidiagonalize a
		p.bidiagSolve(p.a, m, m, k, p.z, rcond, coef)
	case k >= mnthr: // path 2a: a = L Q, bidiagonalize L
		fitDgelq2(p.a, m, k, p.tau, p.work)
		p.l = fitGrow(p.l, m*m)
		for j := range m {
			for i := range m {
				p.l[j*m+i] = 0
				if i >= j {
					p.l[j*m+i] = p.a[j*m+i]
				}
			}
		}
		p.bidiagSolve(p.l, m, m, m, p.z, rcond, coef)
		clear(coef[m:k])
		// x = Q^T [x_L; 0] = H(1) ... H(m) [x_L; 0]
		for i := m - 1; i >= 0; i-- {
			fitReflectStrided(coef[i:k], p.a[i*m+i+m:], m, p.tau[i])
		}
	default: // path 2b (deg > 3 only): bidiagonalize a, lower
		p.d = fitGrow(p.d, m)
		p.e = fitGrow(p.e, m)
		p.tauq = fitGrow(p.tauq, m)
		p.taup = fitGrow(p.taup, m)
		fitDgebd2(p.a, m, m, k, p.d, p.e, p.tauq, p.taup, p.work)
		for i := 0; i+1 < m; i++ {
			fitReflectStrided(p.z[i+1:m], p.a[i*m+min(i+2, m-1):], 1, p.tauq[i])
		}
		// B^T's columns are B's rows: e_{i-1} at i-1, d_i at i
		p.jac.size(m, m)
		w := p.jac.w[:m*m]
		clear(w)
		for i := range m {
			w[i*m+i] = p.d[i]
			if i > 0 {
				w[i*m+i-1] = p.e[i-1]
			}
		}
		p.jac.decompose(m, m)
		p.solveT(m, p.z[:m], rcond, coef)
		clear(coef[m:k])
		// x = P [w; 0] = G(1) ... G(m) [w; 0]
		for i := m - 1; i >= 0; i-- {
			fitReflectStrided(coef[i:k], p.a[min(i+1, k-1)*m+i:], m, p.taup[i])
		}
	}
	for c := range k {
		coef[c] /= p.scale[c]
	}
}

// bidiagSolve is dgelsd's path 1 on the mm×n (mm >= n) matrix a (leading
// dimension ld) against z: a = Q B P^T, then x = P B^+ (Q^T z)[:n], written
// to coef.
func (p *fitPolyfit) bidiagSolve(a []float64, ld, mm, n int, z []float64, rcond float64, coef []float64) {
	p.d = fitGrow(p.d, n)
	p.e = fitGrow(p.e, n)
	p.tauq = fitGrow(p.tauq, n)
	p.taup = fitGrow(p.taup, n)
	fitDgebd2(a, ld, mm, n, p.d, p.e, p.tauq, p.taup, p.work)
	for i := range n {
		fitReflectStrided(z[i:mm], a[i*ld+min(i+1, mm-1):], 1, p.tauq[i])
	}
	// B^T's columns are B's rows: d_i at i, e_i at i+1
	p.jac.size(n, n)
	w := p.jac.w[:n*n]
	clear(w)
	for i := range n {
		w[i*n+i] = p.d[i]
		if i+1 < n {
			w[i*n+i+1] = p.e[i]
		}
	}
	p.jac.decompose(n, n)
	p.solveT(n, z[:n], rcond, coef)
	// x = P w = G(1) ... G(n-1) w
	for i := n - 2; i >= 0; i-- {
		fitReflectStrided(coef[i+1:n], a[min(i+2, n-1)*ld+i:], ld, p.taup[i])
	}
}

// fitReflectStrided applies I - tau [1;v][1;v]^T to c, v's len(c)-1
// values spaced inc apart.
func fitReflectStrided(c, v []float64, inc int, tau float64) {
	if tau == 0 || len(c) == 0 {
		return
	}
	s := c[0]
	for i := 1; i < len(c); i++ {
		s += float64(v[(i-1)*inc] * c[i])
	}
	s = float64(s * tau)
	c[0] -= s
	for i := 1; i < len(c); i++ {
		c[i] -= float64(s * v[(i-1)*inc])
	}
}

// solveT writes the minimum-norm solution of B c = z from the Jacobi SVD
// of B^T (B^T V = W, so B = V W^T): c = sum_i w_i (v_i . z) / s_i^2 over
// the singular values above rcond*max.
func (p *fitPolyfit) solveT(k int, z []float64, rcond float64, coef []float64) {
	sv := p.jac.sv[:k]
	smax := 0.0
	for _, s := range sv {
		smax = max(smax, s)
	}
	clear(coef[:k])
	for i := range k {
		if !(sv[i] > rcond*smax) {
			continue
		}
		c := fitDot(p.jac.v[i*k:(i+1)*k], z)
		fitAxpy(c/(sv[i]*sv[i]), p.jac.w[i*k:(i+1)*k], coef[:k])
	}
}

// fitRoots computes max(real(np.roots(c))): leading zeros stripped,
// trailing zeros are roots at 0, the rest the eigenvalues of the
// companion matrix (numpy: LAPACK dgeev, balanced; here balanced and
// Francis double-shift QR, backward stable alike). NaN where numpy raises
// (NaN or Inf in the companion matrix, no convergence) or has no root
// (max of an empty array).
type fitRoots struct {
	a, wr, wi []float64
}

func (f *fitRoots) maxReal(c []float64) float64 {
	first, last := -1, -1
	for i, v := range c {
		if v != 0 {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return math.NaN()
	}
	for _, v := range c {
		if v != v {
			return math.NaN()
		}
	}
	trailing := len(c) - 1 - last
	p := c[first : last+1]
	best := math.Inf(-1)
	if trailing > 0 {
		best = 0
	}
	n := len(p) - 1
	if n == 0 {
		if trailing == 0 {
			return math.NaN()
		}
		return best
	}
	f.a = fitGrow(f.a, n*n)
	a := f.a
	clear(a)
	for j := range n {
		v := -p[j+1] / p[0]
		if v-v != 0 {
			return math.NaN() // eigvals of Inf: LinAlgError
		}
		a[j] = v // row 0 (row-major)
		if j+1 < n {
			a[(j+1)*n+j] = 1
		}
	}
	f.wr = fitGrow(f.wr, n)
	f.wi = fitGrow(f.wi, n)
	fitBalance(a, n)
	if !fitHQR(a, n, f.wr, f.wi) {
		return math.NaN() // eigenvalues did not converge
	}
	for _, v := range f.wr {
		best = max(best, v)
	}
	return best
}

// fitBalance scales rows and columns of the row-major n×n matrix a by
// powers of 2 until their off-diagonal norms are about equal (EISPACK's
// balanc without permutations: a companion matrix has nothing to isolate).
func fitBalance(a []float64, n int) {
	const radix = 2.0
	for {
		done := true
		for i := range n {
			var c, r float64
			for j := range n {
				if j != i {
					c += math.Abs(a[j*n+i])
					r += math.Abs(a[i*n+j])
				}
			}
			if c == 0 || r == 0 {
				continue
			}
			g, f, s := r/radix, 1.0, c+r
			for c < g {
				f *= radix
				c *= radix * radix
			}
			g = r * radix
			for c >= g {
				f /= radix
				c /= radix * radix
			}
			if (c+r)/f < 0.95*s {
				done = false
				g = 1 / f
				for j := range n {
					a[i*n+j] *= g
					a[j*n+i] *= f
				}
			}
		}
		if done {
			return
		}
	}
}

// fitHQR finds the eigenvalues (wr + i wi) of the row-major upper
// Hessenberg n×n matrix a by the Francis double-shift QR iteration,
// destroying a. It reports false if an eigenvalue takes more than 60
// iterations.
func fitHQR(a []float64, n int, wr, wi []float64) bool {
	at := func(i, j int) *float64 { return &a[i*n+j] }
	anorm := 0.0
	for i := range n {
		for j := max(i-1, 0); j < n; j++ {
			anorm += math.Abs(a[i*n+j])
		}
	}
	nn, t := n-1, 0.0
	for nn >= 0 {
		its, l := 0, 0
		for {
			// look for a single small subdiagonal element
			for l = nn; l >= 1; l-- {
				s := math.Abs(*at(l-1, l-1)) + math.Abs(*at(l, l))
				if s == 0 {
					s = anorm
				}
				if math.Abs(*at(l, l-1))+s == s {
					*at(l, l-1) = 0
					break
				}
			}
			x := *at(nn, nn)
			if l == nn { // one root
				wr[nn], wi[nn] = x+t, 0
				nn--
				break
			}
			y := *at(nn-1, nn-1)
			w := float64(*at(nn, nn-1) * *at(nn-1, nn))
			if l == nn-1 { // two roots
				p := float64(0.5 * (y - x))
				q := float64(p*p) + w
				z := math.Sqrt(math.Abs(q))
				x += t
				if q >= 0 {
					z = p + math.Copysign(z, p)
					wr[nn-1], wr[nn] = x+z, x+z
					if z != 0 {
						wr[nn] = x - w/z
					}
					wi[nn-1], wi[nn] = 0, 0
				} else {
					wr[nn-1], wr[nn] = x+p, x+p
					wi[nn-1], wi[nn] = -z, z
				}
				nn -= 2
				break
			}
			if its == 60 {
				return false
			}
			if its == 10 || its == 20 { // exceptional shift
				t += x
				for i := 0; i <= nn; i++ {
					*at(i, i) -= x
				}
				s := math.Abs(*at(nn, nn-1)) + math.Abs(*at(nn-1, nn-2))
				x = 0.75 * s
				y = x
				w = -0.4375 * float64(s*s)
			}
			its++
			// two consecutive small subdiagonal elements
			var m int
			var p, q, r float64
			for m = nn - 2; m >= l; m-- {
				z := *at(m, m)
				r = x - z
				s := y - z
				p = (float64(r*s)-w) / *at(m+1, m) + *at(m, m+1)
				q = *at(m+1, m+1) - z - r - s
				r = *at(m+2, m+1)
				s = math.Abs(p) + math.Abs(q) + math.Abs(r)
				p, q, r = p/s, q/s, r/s
				if m == l {
					break
				}
				u := float64(math.Abs(*at(m, m-1)) * (math.Abs(q) + math.Abs(r)))
				v := float64(math.Abs(p) * (math.Abs(*at(m-1, m-1)) + math.Abs(z) + math.Abs(*at(m+1, m+1))))
				if u+v == v {
					break
				}
			}
			for i := m + 2; i <= nn; i++ {
				*at(i, i-2) = 0
				if i != m+2 {
					*at(i, i-3) = 0
				}
			}
			// double QR step on rows l..nn, columns m..nn
			for k := m; k <= nn-1; k++ {
				if k != m {
					p = *at(k, k-1)
					q = *at(k+1, k-1)
					r = 0
					if k != nn-1 {
						r = *at(k+2, k-1)
					}
					if x = math.Abs(p) + math.Abs(q) + math.Abs(r); x != 0 {
						p, q, r = p/x, q/x, r/x
					}
				}
				s := math.Copysign(math.Sqrt(float64(p*p)+float64(q*q)+float64(r*r)), p)
				if s == 0 {
					continue
				}
				if k == m {
					if l != m {
						*at(k, k-1) = -*at(k, k-1)
					}
				} else {
					*at(k, k-1) = -s * x
				}
				p += s
				x, y = p/s, q/s
				z := r / s
				q, r = q/p, r/p
				for j := k; j <= nn; j++ {
					pp := *at(k, j) + float64(q**at(k+1, j))
					if k != nn-1 {
						pp += float64(r * *at(k+2, j))
						*at(k+2, j) -= float64(pp * z)
					}
					*at(k+1, j) -= float64(pp * y)
					*at(k, j) -= float64(pp * x)
				}
				for i := l; i <= min(nn, k+3); i++ {
					pp := float64(x**at(i, k)) + float64(y**at(i, k+1))
					if k != nn-1 {
						pp += float64(z * *at(i, k+2))
						*at(i, k+2) -= float64(pp * r)
					}
					*at(i, k+1) -= float64(pp * q)
					*at(i, k) -= pp
				}
			}
			if l >= nn-1 {
				break
			}
		}
	}
	return true
}
