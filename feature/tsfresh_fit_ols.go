package feature

import (
	"math"
)

// Least squares as statsmodels' OLS computes it (method "pinv": the
// minimum-norm solution, singular values <= 1e-15*max treated as zero;
// rank = #singular values > k*eps*max), by a Householder QR of the design
// and, only when R shows (near) rank deficiency, a one-sided Jacobi SVD
// of the small R. X = QR gives the same singular values and the same
// minimum-norm solution as X itself.

// fitEps is np.finfo(float64).eps.
const fitEps = 0x1p-52

// fitCondMax bounds ||R||_F ||R^-1||_F (>= cond(R)) below which R is so far
// from rank deficiency that pinv keeps every singular value and counts
// them all in the rank: the QR solution is then the pinv solution.
const fitCondMax = 1e12

// fitQR holds a Householder QR of a column-major m×k matrix a (column j is
// a[j*m:(j+1)*m]) and of a right-hand side y: afterwards R is a's upper
// triangle, the reflectors are below it, and y holds Q^T y.
type fitQR struct {
	m, k int
	a    []float64
	tau  []float64
	y    []float64
	rinv []float64 // column-major k×k inverse of R (upper triangle)
}

// reset sizes the buffers for an m×k problem; a and y are left for the
// caller to fill.
func (q *fitQR) reset(m, k int) {
	q.m, q.k = m, k
	q.a = fitGrow(q.a, m*k)
	q.tau = fitGrow(q.tau, k)
	q.y = fitGrow(q.y, m)
	q.rinv = fitGrow(q.rinv, k*k)
}

func fitGrow(b []float64, n int) []float64 {
	if cap(b) < n {
		return make([]float64, n)
	}
	return b[:n]
}

// col returns column j of a.
func (q *fitQR) col(j int) []float64 { return q.a[j*q.m : (j+1)*q.m] }

// r returns R[i][j].
func (q *fitQR) r(i, j int) float64 { return q.a[j*q.m+i] }

// factor computes the QR of the first min(m,k) columns. Columns past m
// (k > m) are left unreduced: callers need m >= k.
func (q *fitQR) factor() {
	m := q.m
	for j := 0; j < q.k && j < m; j++ {
		cj := q.col(j)[j:]
		alpha := cj[0]
		v := cj[1:]
		xnorm := fitNorm(v)
		if xnorm == 0 {
			q.tau[j] = 0
			continue
		}
		beta := -math.Copysign(math.Hypot(alpha, xnorm), alpha)
		tau := (beta - alpha) / beta
		s := 1 / (alpha - beta)
		for i := range v {
			v[i] *= s
		}
		cj[0] = beta
		q.tau[j] = tau
		for c := j + 1; c < q.k; c++ {
			fitReflect(q.col(c)[j:], v, tau)
		}
		fitReflect(q.y[j:], v, tau)
	}
}

// fitReflect applies H = I - tau*[1;v][1;v]^T to c.
func fitReflect(c, v []float64, tau float64) {
	d := c[1:]
	d = d[:len(v)]
	s := c[0] + fitDot(v, d)
	s = float64(s * tau)
	c[0] -= s
	fitAxpy(-s, v, d)
}

// fitDot is sum(a*b): for long vectors in the order of gonum's SSE2
// kernel (two pairs of lanes, the tail into the first lane), in Go so that
// every platform adds the same way.
func fitDot(a, b []float64) float64 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += float64(a[i] * b[i])
		s1 += float64(a[i+1] * b[i+1])
		s2 += float64(a[i+2] * b[i+2])
		s3 += float64(a[i+3] * b[i+3])
	}
	for ; i < len(a); i++ {
		s0 += float64(a[i] * b[i])
	}
	if len(a) >= 16 {
		return (s0 + s2) + (s1 + s3)
	}
	return (s0 + s1) + (s2 + s3)
}

// fitAxpy is y += s*x.
func fitAxpy(s float64, x, y []float64) {
	y = y[:len(x)]
	for i, v := range x {
		y[i] += float64(s * v)
	}
}

// fitNorm is the 2-norm of v, scaled when the sum of squares would
// overflow or underflow.
func fitNorm(v []float64) float64 {
	s := fitDot(v, v)
	if s > 1e-290 && s < 1e290 {
		return math.Sqrt(s)
	}
	scale := 0.0
	for _, x := range v {
		scale = max(scale, math.Abs(x))
	}
	if scale == 0 || math.IsInf(scale, 0) || scale != scale {
		return scale
	}
	s = 0
	for _, x := range v {
		t := x / scale
		s += float64(t * t)
	}
	return scale * math.Sqrt(s)
}

// invertR writes the inverse of the leading k×k block of R to rinv and
// returns, for each prefix p = 1..k, an upper bound of cond(R_p) in
// conds[p-1] (Inf where R_p is singular).
func (q *fitQR) invertR(conds []float64) {
	k := min(q.k, q.m)
	ri := q.rinv
	rf, rif := 0.0, 0.0
	for j := range k {
		rjj := q.r(j, j)
		cj := ri[j*q.k : j*q.k+q.k]
		cj[j] = 1 / rjj
		rif += float64(cj[j] * cj[j])
		rf += float64(rjj * rjj)
		for i := j - 1; i >= 0; i-- {
			s := 0.0
			for l := i + 1; l <= j; l++ {
				s += float64(q.r(i, l) * cj[l])
			}
			cj[i] = -s / q.r(i, i)
			rif += float64(cj[i] * cj[i])
			rf += float64(q.r(i, j) * q.r(i, j))
		}
		c := math.Sqrt(rf) * math.Sqrt(rif)
		if c != c || rjj == 0 {
			c = math.Inf(1)
		}
		if j > 0 && conds[j-1] > c {
			c = conds[j-1] // a prefix of a singular R stays flagged
		}
		conds[j] = c
	}
}

// fitJacobi is a one-sided Jacobi SVD of a column-major r×c matrix: it
// rotates the columns of w until they are orthogonal (w = M V) and
// accumulates V (c×c, column-major) in v. The singular values are the
// column norms of w. Accurate for column-graded matrices, such as R^T of
// a graded R.
type fitJacobi struct {
	w, v, sv []float64
}

func (s *fitJacobi) decompose(r, c int) {
	w, v := s.w[:r*c], s.v[:c*c]
	clear(v)
	for i := range c {
		v[i*c+i] = 1
	}
	// a column below 1e-30 of the matrix is zero for every decision made
	// here (cut-offs near 1e-15), and rotating it only makes it tinier
	tiny := 1e-60 * fitDot(w, w)
	for sweep := 0; sweep < 80; sweep++ {
		rotated := false
		for p := 0; p < c-1; p++ {
			wp := w[p*r : (p+1)*r]
			for qq := p + 1; qq < c; qq++ {
				wq := w[qq*r : (qq+1)*r]
				alpha := fitDot(wp, wp)
				beta := fitDot(wq, wq)
				gamma := fitDot(wp, wq)
				if gamma == 0 || alpha <= tiny || beta <= tiny || math.Abs(gamma) <= fitEps*math.Sqrt(alpha)*math.Sqrt(beta) {
					continue
				}
				if gamma != gamma || math.IsInf(alpha, 0) || math.IsInf(beta, 0) {
					continue
				}
				rotated = true
				zeta := (beta - alpha) / (2 * gamma)
				var t float64
				if math.Abs(zeta) > 1e150 {
					t = 1 / (2 * zeta)
				} else {
					t = math.Copysign(1, zeta) / (math.Abs(zeta) + math.Sqrt(1+float64(zeta*zeta)))
				}
				cs := 1 / math.Sqrt(1+float64(t*t))
				sn := float64(cs * t)
				fitRotate(wp, wq, cs, sn)
				fitRotate(v[p*c:(p+1)*c], v[qq*c:(qq+1)*c], cs, sn)
			}
		}
		if !rotated {
			break
		}
	}
	s.sv = fitGrow(s.sv, c)
	for j := range c {
		s.sv[j] = fitNorm(w[j*r : (j+1)*r])
	}
}

func fitRotate(a, b []float64, cs, sn float64) {
	b = b[:len(a)]
	for i := range a {
		x, y := a[i], b[i]
		a[i] = float64(cs*x) - float64(sn*y)
		b[i] = float64(sn*x) + float64(cs*y)
	}
}

// size makes room for an r×c decomposition.
func (s *fitJacobi) size(r, c int) {
	s.w = fitGrow(s.w, r*c)
	s.v = fitGrow(s.v, c*c)
	s.sv = fitGrow(s.sv, c)
}

// fitLS is statsmodels' pinv solution of a prefix model y ~ X_p, X = QR
// from fitQR: pinv(X_p) = pinv(R_p) Q_p^T, formed explicitly and then
// multiplied by y as statsmodels does. Along a direction whose singular
// value is rounding noise (kept: it is above 1e-15*max) pinv is huge, and
// the rounding of that product is then what beta and the model's residual
// are made of: an exact-arithmetic solution would fit far better than
// statsmodels' does, and win the AIC comparison it loses.
type fitLS struct {
	jac        fitJacobi
	beta, pinv []float64
	row        []float64
}

// solveSVD sets beta (p values) and returns the rank as statsmodels counts
// it and the c-th diagonal entry of pinv pinv^T. The SVD is R_p's:
// R_p^T V = W gives R_p = V Σ U^T with U = W/σ.
func (s *fitLS) solveSVD(q *fitQR, p int, y []float64, c int, cutoff float64) (rank int, covc float64) {
	s.jac.size(p, p)
	w := s.jac.w[:p*p]
	for i := range p {
		for j := range p {
			if j >= i {
				w[i*p+j] = q.r(i, j)
			} else {
				w[i*p+j] = 0
			}
		}
	}
	s.jac.decompose(p, p)
	sv := s.jac.sv[:p]
	smax := 0.0
	for _, x := range sv {
		smax = max(smax, x)
	}
	// pinv(R_p) = U Σ^-1 V^T, row-major p×p
	s.pinv = fitGrow(s.pinv, p*p)
	clear(s.pinv)
	v := s.jac.v[:p*p]
	for i := range p {
		if sv[i] > float64(float64(p)*fitEps)*smax {
			rank++
		}
		if !(sv[i] > cutoff*smax) {
			continue
		}
		wi, vi := w[i*p:(i+1)*p], v[i*p:(i+1)*p]
		inv := 1 / sv[i]
		for j := range p {
			uj := float64(wi[j] * inv)
			row := s.pinv[j*p : (j+1)*p]
			for l := range p {
				row[l] += float64(uj * float64(vi[l]*inv))
			}
		}
		u := float64(wi[c] * inv)
		covc += float64(float64(u*inv) * float64(u*inv))
	}
	// row j of pinv(X_p) is Q_p applied to row j of pinv(R_p), padded
	s.beta = fitGrow(s.beta, p)
	s.row = fitGrow(s.row, q.m)
	for j := range p {
		row := s.row
		clear(row)
		copy(row, s.pinv[j*p:(j+1)*p])
		for h := p - 1; h >= 0; h-- {
			if t := q.tau[h]; t != 0 {
				fitReflect(row[h:], q.col(h)[h+1:], t)
			}
		}
		s.beta[j] = fitDot(row, y)
	}
	return rank, covc
}
