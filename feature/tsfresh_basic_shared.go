package feature

import (
	"math"

	"github.com/featurize/featurize/internal/numpyexact"
)

// basicExtrema is what one pass over a window gives the extreme-value
// calculators: np.min, np.max and where they are.
type basicExtrema struct {
	lo, hi                               float64 // NaN if x holds a NaN
	nan                                  bool
	firstMax, lastMax, firstMin, lastMin int // np.argmax/argmin semantics: a NaN is the extreme
	nMax, nMin                           int // count(x == max), count(x == min)
}

var basicExtremaShared = NewShared(func(w *Window, e *basicExtrema) *basicExtrema {
	if e == nil {
		e = new(basicExtrema)
	}
	*e = basicExtrema{lo: math.Inf(1), hi: math.Inf(-1)}
	x := w.Values()
	for i, v := range x {
		if v >= e.hi {
			if v > e.hi {
				e.hi, e.firstMax, e.nMax = v, i, 0
			}
			e.lastMax = i
			e.nMax++
		}
		if v <= e.lo {
			if v < e.lo {
				e.lo, e.firstMin, e.nMin = v, i, 0
			}
			e.lastMin = i
			e.nMin++
		}
		if v != v {
			e.nan = true
		}
	}
	if e.nan {
		// np.argmax and np.argmin both stop at the first NaN; on the
		// reversed array at the last one. x == NaN is never true.
		e.lo, e.hi, e.nMax, e.nMin = math.NaN(), math.NaN(), 0, 0
		e.firstMax = -1
		for i, v := range x {
			if v != v {
				if e.firstMax < 0 {
					e.firstMax = i
				}
				e.lastMax = i
			}
		}
		e.firstMin, e.lastMin = e.firstMax, e.lastMax
	}
	return e
})

// basicB2I is 1 for true, 0 for false, without a branch.
func basicB2I(b bool) int {
	var i int
	if b {
		i = 1
	}
	return i
}

// basicMeanRuns compares x with its mean.
type basicMeanRuns struct {
	above, below       int // count(x > mean), count(x < mean)
	runAbove, runBelow int // longest runs of x > mean, x < mean
}

var basicMeanRunsShared = NewShared(func(w *Window, r *basicMeanRuns) *basicMeanRuns {
	if r == nil {
		r = new(basicMeanRuns)
	}
	*r = basicMeanRuns{}
	m := w.Mean()
	ra, rb := 0, 0
	for _, v := range w.Values() {
		a, b := basicB2I(v > m), basicB2I(v < m)
		r.above += a
		r.below += b
		ra, rb = (ra+1)*a, (rb+1)*b
		r.runAbove, r.runBelow = max(r.runAbove, ra), max(r.runBelow, rb)
	}
	return r
})

// basicDiffs holds the sums over diff(x).
type basicDiffs struct {
	absd   []float64 // |x[i+1] - x[i]|
	sumAbs float64   // np.sum(np.abs(np.diff(x)))
	sumSq  float64   // np.dot(diff, diff), summed in order
}

var basicDiffsShared = NewShared(func(w *Window, d *basicDiffs) *basicDiffs {
	if d == nil {
		d = new(basicDiffs)
	}
	x := w.Values()
	m := len(x) - 1
	if cap(d.absd) < m {
		d.absd = make([]float64, m)
	}
	d.absd = d.absd[:m]
	sq := 0.0
	for i := range m {
		v := x[i+1] - x[i]
		d.absd[i] = math.Abs(v)
		sq += float64(v * v)
	}
	d.sumAbs = numpyexact.Sum(d.absd)
	d.sumSq = sq
	return d
})

// basicUnique is np.unique(x, return_counts=True) boiled down to what the
// reoccurrence calculators need: NaNs are one value, -0.0 is 0.0.
type basicUnique struct {
	n         int       // number of distinct values
	recurring int       // distinct values seen more than once
	points    int       // non-NaN samples whose value recurs (pandas value_counts drops NaN)
	values    []float64 // (count > 1) * u, per distinct u
	weighted  []float64 // (count > 1 ? count : 0) * u
	sumValues float64   // np.sum(values)
	sumPoints float64   // np.sum(weighted)
}

var basicUniqueShared = NewShared(func(w *Window, u *basicUnique) *basicUnique {
	if u == nil {
		u = new(basicUnique)
	}
	s := w.Sorted()
	n := len(s)
	u.n, u.recurring, u.points = 0, 0, 0
	u.values, u.weighted = u.values[:0], u.weighted[:0]
	for i := 0; i < n; {
		v := s[i]
		j := i + 1
		if v != v {
			j = n // NaNs sort last and collapse into one value
		} else {
			for j < n && s[j] == v {
				j++
			}
		}
		c := j - i
		u.n++
		if c > 1 {
			u.recurring++
			if v == v {
				u.points += c
			}
			u.values = append(u.values, 1*v)
			u.weighted = append(u.weighted, float64(c)*v)
		} else {
			u.values = append(u.values, 0*v) // NaN for ±Inf and NaN, as numpy's product
			u.weighted = append(u.weighted, 0*v)
		}
		i = j
	}
	u.sumValues = numpyexact.Sum(u.values)
	u.sumPoints = numpyexact.Sum(u.weighted)
	return u
})

// basicMass is np.cumsum(|x|) / np.sum(|x|), for index_mass_quantile.
type basicMass struct {
	c []float64
	s float64
}

var basicMassShared = NewShared(func(w *Window, m *basicMass) *basicMass {
	if m == nil {
		m = new(basicMass)
	}
	x := w.Values()
	if cap(m.c) < len(x) {
		m.c = make([]float64, len(x))
	}
	m.c = m.c[:len(x)]
	for i, v := range x {
		m.c[i] = math.Abs(v)
	}
	m.s = numpyexact.Sum(m.c)
	run := 0.0
	for i, a := range m.c {
		run += a
		m.c[i] = run / m.s
	}
	return m
})

// basicChunks are the energies of np.array_split(x, k) and of x, for
// energy_ratio_by_chunks with num_segments k.
type basicChunks struct {
	sq []float64 // x**2
	e  []float64 // np.sum(chunk**2) per chunk
}

var basicChunksShared = NewSharedBy(func(w *Window, k int, c *basicChunks) *basicChunks {
	if c == nil {
		c = &basicChunks{e: make([]float64, k)}
	}
	x := w.Values()
	n := len(x)
	if cap(c.sq) < n {
		c.sq = make([]float64, n)
	}
	c.sq = c.sq[:n]
	for i, v := range x {
		c.sq[i] = float64(v * v)
	}
	base, extra := n/k, n%k
	start := 0
	for i := range k {
		stop := start + base
		if i < extra {
			stop++
		}
		c.e[i] = numpyexact.Sum(c.sq[start:stop])
		start = stop
	}
	return c
})

// basicPeaks counts peaks of every support at once: x[i] is a peak of
// support n exactly when the n values on each side are below it, i.e.
// when min(left[i], right[i]) >= n, with left[i] the number of values
// just before i that are below x[i] (up to the previous value >= x[i],
// found with a monotone stack) and right[i] likewise after it. With a NaN
// the comparisons are not an order: the Func counts directly then.
type basicPeaks struct {
	stack   []int
	left    []int
	atLeast []int // atLeast[n] = number of peaks of support n
}

var basicPeaksShared = NewShared(func(w *Window, p *basicPeaks) *basicPeaks {
	if p == nil {
		p = new(basicPeaks)
	}
	x := w.Values()
	n := len(x)
	if cap(p.left) < n {
		p.left = make([]int, n)
		p.stack = make([]int, 0, n)
	}
	p.left = p.left[:n]
	m := n/2 + 1
	if cap(p.atLeast) < m {
		p.atLeast = make([]int, m)
	}
	p.atLeast = p.atLeast[:m]
	clear(p.atLeast)
	st := p.stack[:0]
	for i, v := range x {
		for len(st) > 0 && x[st[len(st)-1]] < v {
			st = st[:len(st)-1]
		}
		prev := -1
		if len(st) > 0 {
			prev = st[len(st)-1]
		}
		p.left[i] = i - prev - 1
		st = append(st, i)
	}
	st = st[:0]
	for i := n - 1; i >= 0; i-- {
		v := x[i]
		for len(st) > 0 && x[st[len(st)-1]] < v {
			st = st[:len(st)-1]
		}
		next := n
		if len(st) > 0 {
			next = st[len(st)-1]
		}
		st = append(st, i)
		p.atLeast[min(p.left[i], next-i-1)]++ // at most (n-1)/2
	}
	p.stack = st
	for s := m - 2; s >= 0; s-- {
		p.atLeast[s] += p.atLeast[s+1]
	}
	return p
})
