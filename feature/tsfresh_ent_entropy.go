package feature

import (
	"math"
	"math/bits"
	"slices"

	"github.com/featurize/featurize/internal/numpyexact"
)

// tsfresh's sample_entropy, approximate_entropy, permutation_entropy and
// lempel_ziv_complexity (SPEC.md 5.33, 5.59, 5.72, 5.70).

func registerEntropies() {
	Register(Calculator{
		Name:    "sample_entropy",
		Tsfresh: "sample_entropy",
		Group:   "tsfresh",
		Doc:     "-log(A/B), B (A) = number of ordered pairs i != j of length-2 (3) windows within max-distance 0.2*std(x); NaN if x holds a NaN",
		Bind:    func(Values) (Func, error) { return entSampleEntropy, nil },
	})
	Register(Calculator{
		Name:    "approximate_entropy",
		Tsfresh: "approximate_entropy",
		Group:   "tsfresh",
		Doc:     "|phi(m) - phi(m+1)|, phi(k) = mean over length-k windows of log(fraction of windows within max-distance r*std(x)); 0 if n <= m+1",
		Params: []Param{
			{Name: "m", Kind: Int, Doc: "window length, >= 1", Check: intAtLeast(1)},
			{Name: "r", Kind: Float, Doc: "tolerance in units of std(x); negative gives NaN (tsfresh raises)"},
		},
		Bind: func(p Values) (Func, error) {
			m, r := p.Int("m"), p.Float("r")
			return func(w *Window) float64 { return entApproximateEntropy(w, m, r) }, nil
		},
	})
	Register(Calculator{
		Name:    "permutation_entropy",
		Tsfresh: "permutation_entropy",
		Group:   "tsfresh",
		Doc:     "entropy of the rank patterns of x[i:i+dimension], i = 0, tau, 2tau, ... (ties ranked by position, NaN highest); NaN if n < dimension",
		Params: []Param{
			{Name: "tau", Kind: Int, Doc: "step between windows, >= 1", Check: intAtLeast(1)},
			{Name: "dimension", Kind: Int, Doc: "window length, 2..20", Check: intBetween(2, 20)},
		},
		Bind: func(p Values) (Func, error) {
			tau, dim := p.Int("tau"), p.Int("dimension")
			return func(w *Window) float64 { return entPermutationEntropy(w, tau, dim) }, nil
		},
	})
	Register(Calculator{
		Name:    "lempel_ziv_complexity",
		Tsfresh: "lempel_ziv_complexity",
		Group:   "tsfresh",
		Doc:     "number of words of the LZ78 parse of x binned by searchsorted(linspace(min, max, bins+1)[1:], x), divided by n",
		Params:  []Param{{Name: "bins", Kind: Int, Doc: "number of bins, 0..1000000", Check: intBetween(0, 1000000)}},
		Bind: func(p Values) (Func, error) {
			bins := p.Int("bins")
			return func(w *Window) float64 { return entLempelZiv(w, bins) }, nil
		},
	})
}

// entBufs are a window's reusable buffers for permutation_entropy and
// lempel_ziv_complexity (one Func at a time uses them).
type entBufs struct {
	counts []uint32  // pattern counts by Lehmer code
	seen   []uint64  // the codes counted, a bit each
	bits   []uint64  // matching positions along a diagonal
	cnt    []int32   // matches per window
	codes  []uint64  // Lehmer codes, for dimensions beyond the table
	sym    []int32   // symbols
	edges  []float64 // bin edges
	slots  []entSlot // LZ78 trie as a hash table
	gen    uint32    // slots with this gen are in use
}

// entSlot is one edge of the LZ78 trie: key = parent<<32 | symbol.
type entSlot struct {
	key   uint64
	gen   uint32
	child int32
}

var entPool = NewShared(func(_ *Window, r *entBufs) *entBufs {
	if r == nil {
		r = &entBufs{}
	}
	return r
})

// ---- sample_entropy ----

// A pair of windows (i, i+k) matches when |x[t]-x[t+k]| <= tol for every
// t of the window. One pass along each diagonal k sets bit t of a bitset
// e where the values match; the pairs of length-m windows that match are
// then the bits of e & e>>1 & ... & e>>(m-1), 64 at a time.

// entDiagonal sets e's bit t when |x[t]-x[t+k]| <= tol, t < n-k, and
// clears the other bits of e.
func entDiagonal(e []uint64, x []float64, k int, tol float64) {
	L := len(x) - k
	xs, ys := x[:L], x[k:]
	w := 0
	for base := 0; base < L; base += 64 {
		end := min(base+64, L)
		xb, yb := xs[base:end], ys[base:end]
		yb = yb[:len(xb)]
		var word uint64
		j := 0
		for ; j+8 <= len(xb); j += 8 {
			a, b := xb[j:j+8:j+8], yb[j:j+8:j+8]
			byte := entNear(a[0], b[0], tol) | entNear(a[1], b[1], tol)<<1 |
				entNear(a[2], b[2], tol)<<2 | entNear(a[3], b[3], tol)<<3 |
				entNear(a[4], b[4], tol)<<4 | entNear(a[5], b[5], tol)<<5 |
				entNear(a[6], b[6], tol)<<6 | entNear(a[7], b[7], tol)<<7
			word |= byte << (j & 63)
		}
		for ; j < len(xb); j++ {
			word |= entNear(xb[j], yb[j], tol) << (j & 63)
		}
		e[w] = word
		w++
	}
	clear(e[w:])
}

// entNear is 1 if |a-b| <= tol, else 0.
func entNear(a, b, tol float64) uint64 { return entBit(math.Abs(a-b) <= tol) }

func entBit(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// entShifted is word i of the bitset e shifted down by s bits.
func entShifted(e []uint64, i, s int) uint64 {
	i += s / 64
	s %= 64
	var lo, hi uint64
	if i < len(e) {
		lo = e[i]
	}
	if s == 0 {
		return lo
	}
	if i+1 < len(e) {
		hi = e[i+1]
	}
	return lo>>s | hi<<(64-s)
}

// bitset returns the pool's bitset for n values (one spare word).
func (b *entBufs) bitset(n int) []uint64 {
	words := (n+63)/64 + 1
	b.bits = slices.Grow(b.bits[:0], words)[:words]
	return b.bits
}

// entSampleEntropy is tsfresh's sample_entropy (SPEC 5.33).
func entSampleEntropy(w *Window) float64 {
	x := w.Values()
	n := len(x)
	for _, v := range x {
		if v != v {
			return math.NaN()
		}
	}
	tol := 0.2 * w.Std()
	if tol != tol {
		// ±Inf: nothing matches, not even a window itself; each row counts -1.
		b, a := -max(n-1, 0), -max(n-2, 0)
		return -math.Log(float64(a) / float64(b))
	}
	// Each window matches itself, which tsfresh subtracts: count(m) is
	// twice the matching pairs i < j.
	e := entPool.Get(w).bitset(n)
	var a, b int
	for k := 1; k < n-1; k++ {
		entDiagonal(e, x, k, tol)
		for i := range (n - k + 63) / 64 {
			w0, w1 := e[i], e[i+1]
			m2 := w0 & (w0>>1 | w1<<63)
			m3 := m2 & (w0>>2 | w1<<62)
			b += bits.OnesCount64(m2)
			a += bits.OnesCount64(m3)
		}
	}
	return -math.Log(float64(2*a) / float64(2*b))
}

// ---- approximate_entropy ----

// entApproximateEntropy is tsfresh's approximate_entropy (SPEC 5.59),
// counting each window's matches along the diagonals as
// entSampleEntropy does.
func entApproximateEntropy(w *Window, m int, r float64) float64 {
	x := w.Values()
	n := len(x)
	tol := r * w.Std()
	if tol < 0 {
		return math.NaN() // tsfresh raises
	}
	if n <= m+1 {
		return 0
	}
	if tol != tol {
		return math.NaN() // no window matches: log(0) - log(0)
	}
	pool := entPool.Get(w)
	e := pool.bitset(n)
	nm, nm1 := n-m+1, n-m // windows of length m and m+1
	pool.cnt = slices.Grow(pool.cnt[:0], nm+nm1)[:nm+nm1]
	cm, cm1 := pool.cnt[:nm], pool.cnt[nm:]
	for i := range pool.cnt {
		pool.cnt[i] = 1 // each window matches itself
	}
	for k := 1; k < nm; k++ {
		entDiagonal(e, x, k, tol)
		for i := range (n - k + 63) / 64 {
			mm := e[i]
			for s := 1; s < m && mm != 0; s++ {
				mm &= entShifted(e, i, s)
			}
			if mm == 0 {
				continue
			}
			m1 := mm & entShifted(e, i, m)
			for ; mm != 0; mm &= mm - 1 {
				t := i*64 + bits.TrailingZeros64(mm)
				cm[t]++
				cm[t+k]++
			}
			for ; m1 != 0; m1 &= m1 - 1 {
				t := i*64 + bits.TrailingZeros64(m1)
				cm1[t]++
				cm1[t+k]++
			}
		}
	}
	return math.Abs(entPhi(w, cm) - entPhi(w, cm1))
}

// entPhi is sum(log(c/len(c)))/len(c), the logs summed as np.sum.
func entPhi(w *Window, c []int32) float64 {
	nc := float64(len(c))
	logs := w.Scratch(len(c))
	for i, v := range c {
		logs[i] = math.Log(float64(v) / nc)
	}
	return numpyexact.Sum(logs) / nc
}

// ---- permutation_entropy ----

// entFact[d] = d!.
var entFact = [21]uint64{1, 1, 2, 6, 24, 120, 720, 5040, 40320, 362880, 3628800,
	39916800, 479001600, 6227020800, 87178291200, 1307674368000, 20922789888000,
	355687428096000, 6402373705728000, 121645100408832000, 2432902008176640000}

// entMaskSpan is the largest distance the masks compare: they serve the
// dimensions up to entMaskSpan+1, whose patterns are counted in a table.
const entMaskSpan = 6

// entMasks[i] has bit k-1 set when x[i+k] sorts before x[i], k = 1..6: the
// comparisons every window's rank pattern is made of.
type entMasks struct{ m []uint8 }

var entMasksShared = NewShared(func(w *Window, r *entMasks) *entMasks {
	if r == nil {
		r = &entMasks{}
	}
	x := w.Values()
	n := len(x)
	r.m = slices.Grow(r.m[:0], n)[:n]
	i := 0
	if lo := w.Min(); lo == lo { // no NaN: plain comparisons, without branches
		for ; i+entMaskSpan < n; i++ {
			v, y := x[i], x[i+1:i+7:i+7]
			r.m[i] = uint8(entBit(y[0] < v) | entBit(y[1] < v)<<1 | entBit(y[2] < v)<<2 |
				entBit(y[3] < v)<<3 | entBit(y[4] < v)<<4 | entBit(y[5] < v)<<5)
		}
	}
	for ; i < n; i++ {
		var b uint8
		for k := 1; k <= entMaskSpan && i+k < n; k++ {
			if npLess(x[i+k], x[i]) {
				b |= 1 << (k - 1)
			}
		}
		r.m[i] = b
	}
	return r
})

// entPermutationEntropy is tsfresh's permutation_entropy (SPEC 5.72). A
// window's rank pattern is encoded by its Lehmer code (digit a = how many
// later values sort before value a), whose order is the lexicographic
// order of the patterns, the order np.unique sums them in.
func entPermutationEntropy(w *Window, tau, dim int) float64 {
	x := w.Values()
	n := len(x)
	if n < dim {
		return math.NaN()
	}
	nw := (n-dim)/tau + 1
	b := entPool.Get(w)
	if dim > entMaskSpan+1 {
		return entPermutationSorted(w, b, tau, dim, nw)
	}
	masks := entMasksShared.Get(w).m
	size := int(entFact[dim])
	b.counts = slices.Grow(b.counts[:0], size)[:size]
	counts := b.counts
	var weight [entMaskSpan + 1]uint32
	var keep [entMaskSpan + 1]uint8
	for a := range dim - 1 {
		weight[a] = uint32(entFact[dim-1-a])
		keep[a] = uint8(1)<<(dim-1-a) - 1
	}
	words := (size + 63) / 64
	b.seen = slices.Grow(b.seen[:0], words)[:words]
	seen := b.seen
	for s := 0; s+dim <= n; s += tau {
		code := uint32(0)
		for a, mk := range masks[s : s+dim-1] {
			code += uint32(bits.OnesCount8(mk&keep[a])) * weight[a]
		}
		counts[code]++
		seen[code/64] |= 1 << (code % 64)
	}
	// The patterns seen, in code order; p*log(p) depends on the count only,
	// and most counts are small.
	terms := w.Scratch(min(size, nw))[:0]
	fw := float64(nw)
	var byCount [32]float64
	for i, word := range seen {
		for ; word != 0; word &= word - 1 {
			code := i*64 + bits.TrailingZeros64(word)
			c := counts[code]
			counts[code] = 0
			var t float64
			if c < uint32(len(byCount)) && byCount[c] != 0 {
				t = byCount[c]
			} else {
				p := float64(c) / fw
				t = float64(p * math.Log(p))
				if c < uint32(len(byCount)) {
					byCount[c] = t
				}
			}
			terms = append(terms, t)
		}
		seen[i] = 0
	}
	return -numpyexact.Sum(terms)
}

// entPermutationSorted counts the patterns of long windows by sorting
// their Lehmer codes.
func entPermutationSorted(w *Window, b *entBufs, tau, dim, nw int) float64 {
	x := w.Values()
	b.codes = slices.Grow(b.codes[:0], nw)[:0]
	for s := 0; s+dim <= len(x); s += tau {
		win := x[s : s+dim]
		code := uint64(0)
		for a, v := range win[:dim-1] {
			l := uint64(0)
			for _, u := range win[a+1:] {
				if npLess(u, v) {
					l++
				}
			}
			code += l * entFact[dim-1-a]
		}
		b.codes = append(b.codes, code)
	}
	slices.Sort(b.codes)
	terms := w.Scratch(nw)[:0]
	fw := float64(nw)
	for i := 0; i < nw; {
		j := i + 1
		for j < nw && b.codes[j] == b.codes[i] {
			j++
		}
		p := float64(j-i) / fw
		terms = append(terms, float64(p*math.Log(p)))
		i = j
	}
	return -numpyexact.Sum(terms)
}

// ---- lempel_ziv_complexity ----

// entLempelZiv is tsfresh's lempel_ziv_complexity (SPEC 5.70). Each new
// word of the parse is a known word plus one symbol, so the words form a
// trie, walked one symbol at a time.
func entLempelZiv(w *Window, bins int) float64 {
	n := w.Len()
	b := entPool.Get(w)
	sym := b.symbols(w, bins)
	return float64(b.lzWords(sym)) / float64(n)
}

// symbols returns np.searchsorted(linspace(min, max, bins+1)[1:], x).
func (b *entBufs) symbols(w *Window, bins int) []int32 {
	x := w.Values()
	n := len(x)
	b.sym = slices.Grow(b.sym[:0], n)[:n]
	sym := b.sym
	lo, hi := w.Min(), w.Max()
	// np.linspace(lo, hi, bins+1) without its first value (SPEC B3).
	b.edges = slices.Grow(b.edges[:0], bins)[:bins]
	edges := b.edges
	delta := hi - lo
	step := delta / float64(bins)
	for j := range edges {
		i := float64(j + 1)
		if step == 0 {
			edges[j] = float64(i/float64(bins)*delta) + lo
		} else {
			edges[j] = float64(i*step) + lo
		}
	}
	if bins > 0 {
		edges[bins-1] = hi
	}
	sorted := true
	for j, e := range edges {
		if e != e || (j > 0 && edges[j-1] > e) {
			sorted = false
			break
		}
	}
	if !sorted {
		entSearchSorted(edges, x, sym)
		return sym
	}
	// A lower bound in sorted edges is the number of edges below v: guess it
	// from the bin width and correct against the edges.
	fb := float64(bins)
	for i, v := range x {
		c := 0
		if step > 0 {
			if t := (v - lo) / step; t >= fb {
				c = bins
			} else if t > 0 {
				c = int(t)
			}
		}
		for c > 0 && !(edges[c-1] < v) {
			c--
		}
		for c < bins && edges[c] < v {
			c++
		}
		sym[i] = int32(c)
	}
	return sym
}

// entSearchSorted is np.searchsorted(edges, x, side="left") for edges that
// may be out of order (NaN or Inf bounds), by fitSearch.
func entSearchSorted(edges, x []float64, out []int32) {
	var s fitSearch
	s.reset(edges)
	for i, v := range x {
		out[i] = int32(s.next(v))
	}
}

// lzWords counts the words of the LZ78 parse of sym (a trailing
// incomplete word not counted).
func (b *entBufs) lzWords(sym []int32) int {
	n := len(sym)
	size := 16
	for size < 2*(n+1) {
		size <<= 1
	}
	if len(b.slots) < size {
		b.slots = make([]entSlot, size)
		b.gen = 0
	}
	slots := b.slots[:size]
	b.gen++
	if b.gen == 0 { // wrapped: forget every old entry
		clear(b.slots)
		b.gen = 1
	}
	gen := b.gen
	shift := 64 - uint(bits.TrailingZeros(uint(size)))
	mask := uint64(size - 1)
	words := 0
	node := int32(0) // the root: the empty word
	for i, l := 0, 1; i+l <= n; {
		key := uint64(node)<<32 | uint64(uint32(sym[i+l-1]))
		h := (key * 0x9e3779b97f4a7c15) >> shift
		for {
			s := &slots[h]
			if s.gen != gen {
				words++
				*s = entSlot{key: key, gen: gen, child: int32(words)}
				i += l
				l = 1
				node = 0
				break
			}
			if s.key == key {
				node = s.child
				l++
				break
			}
			h = (h + 1) & mask
		}
	}
	return words
}
