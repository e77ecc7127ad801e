package feature

import (
	"math"
	"math/bits"
	"slices"
)

func registerCWTPeaks() {
	tsfreshReg("number_cwt_peaks",
		"len(scipy.signal.find_peaks_cwt(x, widths=1..n, wavelet=ricker)): ridge lines of the relative maxima of the Ricker CWT (scipy <= 1.17 line order), kept if at least ceil(n/4) rows long and with SNR >= 1 against the 10th percentile of the width-1 row",
		[]Param{{Name: "n", Kind: Int, Check: intBetween(1, specMaxWidth), Doc: "largest width, 1..4096"}},
		func(p Values) (Func, error) {
			n := p.Int("n")
			return func(w *Window) float64 { return float64(specRickerShared.Get(w).peaks(w.Values(), n)) }, nil
		})
}

// specRicker holds, for one window, the rows of scipy's Ricker CWT
// computed so far (width r+1 in row r, as many rows as the largest n
// asked), their relative maxima and the noise floor of row 0, so that
// number_cwt_peaks for n = 1 and n = 5 share them; and the scratch of the
// ridge-line search.
type specRicker struct {
	kn    int         // the window length kerns are for
	kerns [][]float64 // kerns[r] = ricker(min(10(r+1), kn), r+1)

	nrows  int         // rows computed for this window
	rows   [][]float64 // the CWT: rows[r][c]
	maxima [][]int     // the relative maxima's columns, ascending, per row

	gen      uint64    // this window, for noiseGen
	noise    []float64 // 10th percentile of row 0 around column c
	noiseGen []uint64  // noise[c] is of this window if noiseGen[c] == gen
	sel      []float64 // the smallest values of a noise window
	guess    float64   // the k-th smallest of the last noise window, or NaN

	lines []specRidge
	prev  []specRidgeEnd
	order specOrderWindow // the noise windows of long series
}

// specRidge is a ridge line: the last point appended (the point scipy <=
// 1.17 scores a line by, after its inverse-permutation "sort"), its number
// of points and the rows since it last grew.
type specRidge struct {
	row, col, length, gap int
}

// specRidgeEnd is a line's last column before the current row, with the
// line's index.
type specRidgeEnd struct{ col, idx int }

var specRickerShared = NewShared(func(w *Window, r *specRicker) *specRicker {
	if r == nil {
		r = new(specRicker)
	}
	r.nrows = 0
	r.gen++
	r.order.n = 0
	r.guess = math.NaN()
	return r
})

// specRickerKernel is tsfresh's _ricker(points, a), scipy's old
// ricker: A*(1 - t²/a²)*exp(-t²/(2a²)), A = 2/(sqrt(3a)*pi^0.25),
// t = k - (points-1)/2.
func specRickerKernel(points, a int) []float64 {
	fa := float64(a)
	amp := 2 / float64(math.Sqrt(3*fa)*math.Pow(math.Pi, 0.25))
	wsq := float64(fa * fa)
	out := make([]float64, points)
	for k := range out {
		t := float64(k) - float64(float64(points-1)/2)
		t2 := float64(t * t)
		out[k] = float64(amp*(1-t2/wsq)) * math.Exp(-t2/float64(2*wsq))
	}
	return out
}

// ensure computes rows 0..nr-1 of the CWT of x and their maxima.
func (r *specRicker) ensure(x []float64, nr int) {
	n := len(x)
	if r.kn != n {
		r.kn, r.kerns = n, r.kerns[:0]
	}
	for len(r.kerns) < nr {
		w := len(r.kerns) + 1
		r.kerns = append(r.kerns, specRickerKernel(min(10*w, n), w))
	}
	for len(r.rows) < nr {
		r.rows = append(r.rows, nil)
		r.maxima = append(r.maxima, nil)
	}
	for ; r.nrows < nr; r.nrows++ {
		row := slices.Grow(r.rows[r.nrows][:0], n)[:n]
		r.rows[r.nrows] = row
		specConvSame(row, x, r.kerns[r.nrows])
		m := r.maxima[r.nrows][:0]
		for c := 1; c < n-1; c++ {
			if row[c] > row[c-1] && row[c] > row[c+1] {
				m = append(m, c)
			}
		}
		r.maxima[r.nrows] = m
	}
}

// specConvSame sets out = np.convolve(x, k, 'same') for len(k) <= len(x):
// out[c] = sum over i ascending of x[i]*k[c+h-i], h = (len(k)-1)/2, each
// a plain sum in numpy's order. Eight outputs go at a time where the
// kernel overlaps x fully.
func specConvSame(out, x, k []float64) {
	n, L := len(x), len(k)
	h := (L - 1) / 2
	one := func(c int) {
		t := c + h
		s := 0.0
		for i := max(0, t-L+1); i <= min(t, n-1); i++ {
			s += float64(x[i] * k[t-i])
		}
		out[c] = s
	}
	lo, hi := L-1-h, n-1-h // full overlap for lo <= c <= hi
	if lo > hi {
		for c := range n {
			one(c)
		}
		return
	}
	for c := 0; c < lo; c++ {
		one(c)
	}
	c := lo
	for ; c+7 <= hi; c += 8 {
		xs := x[c+h-L+1 : c+h+8]
		var s0, s1, s2, s3, s4, s5, s6, s7 float64
		for j, kv := range k { // k[L-1-j]: k is a palindrome, bit for bit
			v := xs[j : j+8 : j+8]
			s0 += float64(v[0] * kv)
			s1 += float64(v[1] * kv)
			s2 += float64(v[2] * kv)
			s3 += float64(v[3] * kv)
			s4 += float64(v[4] * kv)
			s5 += float64(v[5] * kv)
			s6 += float64(v[6] * kv)
			s7 += float64(v[7] * kv)
		}
		o := out[c : c+8 : c+8]
		o[0], o[1], o[2], o[3], o[4], o[5], o[6], o[7] = s0, s1, s2, s3, s4, s5, s6, s7
	}
	for ; c < n; c++ {
		one(c)
	}
}

// peaks returns len(find_peaks_cwt(x, widths=1..nw)), SPEC.md B17.
func (r *specRicker) peaks(x []float64, nw int) int {
	r.ensure(x, nw)
	start := -1
	for row := nw - 1; row >= 0; row-- {
		if len(r.maxima[row]) > 0 {
			start = row
			break
		}
	}
	if start < 0 {
		return 0
	}
	minLen := math.Ceil(float64(nw) / 4)
	kept := 0
	keep := func(l specRidge) {
		if float64(l.length) < minLen {
			return
		}
		if snr := math.Abs(r.rows[l.row][l.col] / r.noiseAt(x, l.col)); !(snr < 1) {
			kept++
		}
	}
	lines := r.lines[:0]
	for _, c := range r.maxima[start] {
		lines = append(lines, specRidge{row: start, col: c, length: 1})
	}
	for row := start - 1; row >= 0; row-- {
		prev := r.prev[:0]
		for i := range lines {
			lines[i].gap++
			prev = append(prev, specRidgeEnd{lines[i].col, i})
		}
		slices.SortFunc(prev, func(a, b specRidgeEnd) int {
			if a.col != b.col {
				return a.col - b.col
			}
			return a.idx - b.idx
		})
		r.prev = prev
		maxDist := float64(row+1) / 4
		for _, c := range r.maxima[row] {
			if k, d := specClosest(prev, c); k >= 0 && float64(d) <= maxDist {
				l := &lines[k]
				l.row, l.col, l.length, l.gap = row, c, l.length+1, 0
				continue
			}
			lines = append(lines, specRidge{row: row, col: c, length: 1})
		}
		// lines with a gap over gap_thresh = 1 are final; the rest keep
		// their order
		j := 0
		for _, l := range lines {
			if l.gap > 1 {
				keep(l)
				continue
			}
			lines[j] = l
			j++
		}
		lines = lines[:j]
	}
	for _, l := range lines {
		keep(l)
	}
	r.lines = lines
	return kept
}

// specClosest returns the index of the first line (in line order) whose
// end column is closest to c, and the distance; prev is sorted by column,
// then index. It returns -1 if prev is empty.
func specClosest(prev []specRidgeEnd, c int) (idx, dist int) {
	if len(prev) == 0 {
		return -1, 0
	}
	p, _ := slices.BinarySearchFunc(prev, c, func(e specRidgeEnd, c int) int { return e.col - c })
	idx, dist = -1, math.MaxInt
	if p < len(prev) { // the first entry at the smallest col >= c
		idx, dist = prev[p].idx, prev[p].col-c
	}
	if p > 0 { // the first entry at the largest col < c
		col := prev[p-1].col
		q := p - 1
		for q > 0 && prev[q-1].col == col {
			q--
		}
		if d := c - col; d < dist || (d == dist && prev[q].idx < idx) {
			idx, dist = prev[q].idx, d
		}
	}
	return idx, dist
}

// noiseAt returns scipy's noise floor at column c:
// scoreatpercentile(row0[max(c-hw, 0) : min(c+hw+odd, n)], 10) with hw,
// odd = divmod(ceil(n/20), 2).
func (r *specRicker) noiseAt(x []float64, c int) float64 {
	n := len(x)
	if len(r.noise) != n {
		r.noise = make([]float64, n)
		r.noiseGen = make([]uint64, n)
	}
	if r.noiseGen[c] == r.gen {
		return r.noise[c]
	}
	ws := (n + 19) / 20
	hw, odd := ws/2, ws%2
	win := r.rows[0][max(c-hw, 0):min(c+hw+odd, n)]
	idx := float64(0.1 * float64(len(win)-1))
	i := int(idx)
	frac := float64(i) != idx
	k := i + 1
	if frac {
		k++
	}
	var si, sj float64 // the i-th and (i+1)-th smallest
	if len(win) > specOrderMin {
		lo := max(c-hw, 0)
		si = r.order.kth(r.rows[0], lo, lo+len(win), i)
		if frac {
			sj = r.order.kth(r.rows[0], lo, lo+len(win), i+1)
		}
	} else {
		s := r.smallest(win, k)
		si = s[i]
		if frac {
			sj = s[i+1]
		}
	}
	v := si
	if frac {
		w1, w2 := float64(i+1)-idx, idx-float64(i)
		v = (float64(si*w1) + float64(sj*w2)) / (w1 + w2)
	}
	r.noise[c], r.noiseGen[c] = v, r.gen
	return v
}

// smallest returns the k smallest of win, sorted as np.sort (NaN last).
// Noise windows of nearby columns overlap, so the last window's k-th
// smallest is a good threshold: if at least k values are <= it, the k
// smallest are among those few.
func (r *specRicker) smallest(win []float64, k int) []float64 {
	if t := r.guess; t == t {
		buf := r.sel[:0]
		for _, x := range win {
			if x <= t {
				buf = append(buf, x)
			}
		}
		r.sel = buf
		if len(buf) >= k && len(buf) <= 2*k+8 {
			slices.Sort(buf) // no NaN: x <= t
			r.guess = buf[k-1]
			return buf[:k]
		}
	}
	r.sel = specSmallest(r.sel[:0], win, k)
	r.guess = r.sel[k-1]
	return r.sel
}

// specSmallest returns the k <= len(v) smallest of v in np.sort's order
// (NaN last), in buf.
func specSmallest(buf, v []float64, k int) []float64 {
	if k > 16 { // insertion would cost k a value: sort all
		buf = append(buf[:0], v...)
		j := 0
		for i, x := range buf {
			if x == x {
				buf[i], buf[j] = buf[j], x
				j++
			}
		}
		slices.Sort(buf[:j])
		return buf[:k]
	}
	buf = append(buf[:0], v[:k]...)
	for i := 1; i < k; i++ {
		x, j := buf[i], i
		for ; j > 0 && npLess(x, buf[j-1]); j-- {
			buf[j] = buf[j-1]
		}
		buf[j] = x
	}
	top := buf[k-1]
	for _, x := range v[k:] {
		if !(x < top) && (top == top || x != x) {
			continue // not smaller than the k-th smallest so far
		}
		j := k - 1
		for ; j > 0 && npLess(x, buf[j-1]); j-- {
			buf[j] = buf[j-1]
		}
		buf[j] = x
		top = buf[k-1]
	}
	return buf
}

// specOrderMin is the noise window length above which order statistics
// come from specOrderWindow rather than a selection of each window.
const specOrderMin = 64

// specOrderWindow gives the k-th smallest of v[lo:hi] (np.sort's order)
// for windows that slide along v: v is ranked once, and a Fenwick tree
// counts the ranks inside the current window, so that moving the window
// by d and selecting cost O((d+1) log n).
type specOrderWindow struct {
	n      int     // len(v) ranked; 0: not yet for this window
	byRank []int32 // indices of v, sorted by value (NaN last), then index
	rank   []int32 // rank of v[i]
	tree   []int32 // Fenwick tree over ranks 1..n
	lo, hi int     // the window counted in tree
}

func (o *specOrderWindow) kth(v []float64, lo, hi, k int) float64 {
	n := len(v)
	if o.n != n {
		o.n = n
		o.byRank = slices.Grow(o.byRank[:0], n)[:n]
		o.rank = slices.Grow(o.rank[:0], n)[:n]
		o.tree = slices.Grow(o.tree[:0], n+1)[:n+1]
		for i := range o.byRank {
			o.byRank[i] = int32(i)
		}
		slices.SortFunc(o.byRank, func(a, b int32) int {
			switch {
			case npLess(v[a], v[b]):
				return -1
			case npLess(v[b], v[a]):
				return 1
			}
			return int(a - b)
		})
		for r, i := range o.byRank {
			o.rank[i] = int32(r)
		}
		clear(o.tree)
		o.lo, o.hi = 0, 0
	}
	if hi <= o.lo || lo >= o.hi { // disjoint: start over
		for i := o.lo; i < o.hi; i++ {
			o.add(i, -1)
		}
		o.lo, o.hi = lo, lo
	}
	for ; o.lo < lo; o.lo++ {
		o.add(o.lo, -1)
	}
	for o.lo > lo {
		o.lo--
		o.add(o.lo, 1)
	}
	for ; o.hi < hi; o.hi++ {
		o.add(o.hi, 1)
	}
	for o.hi > hi {
		o.hi--
		o.add(o.hi, -1)
	}
	// the smallest rank r with count(ranks <= r) = k+1
	pos, left := 0, int32(k+1)
	for step := 1 << (bits.Len(uint(n)) - 1); step > 0; step >>= 1 {
		if p := pos + step; p <= n && o.tree[p] < left {
			pos, left = p, left-o.tree[p]
		}
	}
	return v[o.byRank[pos]]
}

func (o *specOrderWindow) add(i int, d int32) {
	for p := int(o.rank[i]) + 1; p <= o.n; p += p & -p {
		o.tree[p] += d
	}
}
