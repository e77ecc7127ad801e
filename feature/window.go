package feature

import (
	"math"
	"sync"
	"sync/atomic"

	"github.com/featurize/featurize/internal/numpyexact"
)

// Window is one window of one column, as a feature's Func sees it. What
// several features need (the moments, the sorted values, the spectrum)
// is computed once, on first use, with numpy's arithmetic, however many
// features ask for it. A Window is valid only during the Func call that
// receives it; its slices must not be kept or modified.
type Window struct {
	x    []float64
	ws   *workspace
	have uint

	mean, m2, m3, m4, sx2 float64
	lo, hi                float64
	d                     []float64 // x - mean
	sorted                []float64
	keys, keyTmp          []uint64 // Sorted's sort keys
	spec                  []complex128
	fft                   []float64
	kern                  [numKernels]float64
	scratch               []float64

	gen  uint64     // which window this is, for memo
	memo []memoSlot // Shared values, by Shared id
}

type memoSlot struct {
	gen uint64 // the window the value is of (0: none)
	v   any
}

// What a Window has computed.
const (
	haveMean = 1 << iota
	haveMoments
	haveRange
	haveSorted
	haveSpectrum
	haveKernels
)

// NewWindow returns a Window over x, with its own scratch, for computing
// features outside an Evaluator (tests, one-off values).
func NewWindow(x []float64) *Window {
	w := &Window{ws: newWorkspace()}
	w.reset(x)
	return w
}

// reset points the window at x and forgets what it computed.
func (w *Window) reset(x []float64) {
	w.x, w.have = x, 0
	w.gen++
}

// Scratch returns a buffer of n float64s for a Func's own work, reused
// from window to window (its contents are left from before). Funcs are
// shared by every worker of a run, so they keep no state of their own;
// each worker's Window has its own scratch.
func (w *Window) Scratch(n int) []float64 {
	if cap(w.scratch) < n {
		w.scratch = make([]float64, n)
	}
	return w.scratch[:n]
}

// Values returns the window's values.
func (w *Window) Values() []float64 { return w.x }

// Len returns the number of values.
func (w *Window) Len() int { return len(w.x) }

// Mean is np.mean(x): numpy's pairwise sum divided by the length.
func (w *Window) Mean() float64 {
	if w.have&haveMean == 0 {
		w.mean = numpyexact.Sum(w.x) / float64(len(w.x))
		w.have |= haveMean
	}
	return w.mean
}

func (w *Window) moments() {
	if w.have&haveMoments != 0 {
		return
	}
	n := len(w.x)
	if cap(w.d) < n {
		w.d = make([]float64, n)
	}
	w.d = w.d[:n]
	fn := float64(n)
	s2, s3, s4, sx := numpyexact.Moments(w.x, w.Mean(), w.d)
	w.m2, w.m3, w.m4, w.sx2 = s2/fn, s3/fn, s4/fn, sx
	w.have |= haveMoments
}

// Var is np.var(x): the population variance mean((x - mean)^2).
func (w *Window) Var() float64 { w.moments(); return w.m2 }

// Std is np.std(x): sqrt(Var()).
func (w *Window) Std() float64 { return math.Sqrt(w.Var()) }

// CentralMoment returns mean((x - mean)^k) for k = 2, 3 or 4, summed as
// numpy sums (scipy.stats' moments). It panics for another k.
func (w *Window) CentralMoment(k int) float64 {
	w.moments()
	switch k {
	case 2:
		return w.m2
	case 3:
		return w.m3
	case 4:
		return w.m4
	}
	panic("feature: CentralMoment of order other than 2, 3 or 4")
}

// SumSquares is np.sum(x**2).
func (w *Window) SumSquares() float64 { w.moments(); return w.sx2 }

// Centered returns x - mean(x).
func (w *Window) Centered() []float64 { w.moments(); return w.d }

func (w *Window) minMax() {
	if w.have&haveRange == 0 {
		w.lo, w.hi = minMax(w.x)
		w.have |= haveRange
	}
}

// Min is np.min(x) (NaN if x holds a NaN).
func (w *Window) Min() float64 { w.minMax(); return w.lo }

// Max is np.max(x) (NaN if x holds a NaN).
func (w *Window) Max() float64 { w.minMax(); return w.hi }

// Constant reports whether every value equals the first (max == min,
// exactly; false if x holds a NaN).
func (w *Window) Constant() bool { w.minMax(); return w.lo == w.hi }

// Sorted returns the values in ascending order, NaNs last, as np.sort.
func (w *Window) Sorted() []float64 {
	if w.have&haveSorted == 0 {
		n := len(w.x)
		m := numpyexact.SortedLen(n)
		if cap(w.keys) < m {
			w.keys, w.keyTmp = make([]uint64, m), make([]uint64, m)
		}
		keys, nan := numpyexact.SortBlock(w.keys[:m], w.keyTmp[:m], w.x)
		if cap(w.sorted) < n {
			w.sorted = make([]float64, n)
		}
		w.sorted = w.sorted[:n]
		// Keys order NaNs with the sign bit first: np.sort puts every NaN
		// last.
		lead := 0
		if nan {
			for lead < n && numpyexact.KeyFloat(keys[lead]) != numpyexact.KeyFloat(keys[lead]) {
				lead++
			}
		}
		for i, k := range keys[lead:] {
			w.sorted[i] = numpyexact.KeyFloat(k)
		}
		for i, k := range keys[:lead] {
			w.sorted[n-lead+i] = numpyexact.KeyFloat(k)
		}
		w.have |= haveSorted
	}
	return w.sorted
}

// RFFT returns np.fft.rfft(x): n/2+1 complex values, computed by the same
// pocketfft arithmetic as numpy.
func (w *Window) RFFT() []complex128 {
	if w.have&haveSpectrum == 0 {
		n := len(w.x)
		w.fft = append(w.fft[:0], w.x...)
		if n > 1 {
			w.ws.plan(n).Forward(w.fft)
		}
		nb := n/2 + 1
		if cap(w.spec) < nb {
			w.spec = make([]complex128, nb)
		}
		w.spec = w.spec[:nb]
		w.spec[0] = complex(w.fft[0], 0)
		for k := 1; k < (n+1)/2; k++ {
			w.spec[k] = complex(w.fft[2*k-1], w.fft[2*k])
		}
		if n%2 == 0 && n > 1 {
			w.spec[nb-1] = complex(w.fft[n-1], 0)
		}
		w.have |= haveSpectrum
	}
	return w.spec
}

// builtin returns the value of a built-in kernel, computing all of them
// on first use (the Workspace shares their work).
func (w *Window) builtin(k kernel) float64 {
	if w.have&haveKernels == 0 {
		w.ws.Compute(w.kern[:], w.x, allKernels())
		w.have |= haveKernels
	}
	return w.kern[k]
}

// Shared is an intermediate result that several features use (a
// spectrum, a fit, a histogram): Get computes it on a window's first call
// and returns the same value for the rest of that window, whichever
// features ask. Declare one with NewShared, at package level or once per
// parameter value with SharedBy.
type Shared[T any] struct {
	id      int
	compute func(w *Window, reuse T) T
}

var sharedIDs atomic.Int64

// NewShared declares a shared intermediate computed by compute. compute
// gets the value it returned for an earlier window of the same Window (the
// zero T the first time) so that it can reuse its buffers; T is best a
// pointer type.
func NewShared[T any](compute func(w *Window, reuse T) T) *Shared[T] {
	return &Shared[T]{id: int(sharedIDs.Add(1) - 1), compute: compute}
}

// Get returns the value for w, computing it if no feature has yet.
func (s *Shared[T]) Get(w *Window) T {
	if s.id >= len(w.memo) {
		w.memo = append(w.memo, make([]memoSlot, s.id+1-len(w.memo))...)
	}
	m := &w.memo[s.id]
	if m.gen == w.gen {
		return m.v.(T)
	}
	var reuse T
	if m.v != nil {
		reuse = m.v.(T)
	}
	v := s.compute(w, reuse)
	// compute may have grown w.memo (a Shared of its own): index again.
	w.memo[s.id] = memoSlot{gen: w.gen, v: v}
	return v
}

// SharedBy is a family of Shared values, one per key: the intermediate of
// a parameter value (the chunk aggregates of agg_linear_trend for one
// chunk length and aggregate).
type SharedBy[K comparable, T any] struct {
	mu      sync.Mutex
	byKey   map[K]*Shared[T]
	compute func(w *Window, key K, reuse T) T
}

// NewSharedBy declares a family of shared intermediates.
func NewSharedBy[K comparable, T any](compute func(w *Window, key K, reuse T) T) *SharedBy[K, T] {
	return &SharedBy[K, T]{byKey: map[K]*Shared[T]{}, compute: compute}
}

// For returns the Shared of key, the same one each call: call it from a
// calculator's Bind, not per window.
func (f *SharedBy[K, T]) For(key K) *Shared[T] {
	f.mu.Lock()
	defer f.mu.Unlock()
	s, ok := f.byKey[key]
	if !ok {
		s = NewShared(func(w *Window, reuse T) T { return f.compute(w, key, reuse) })
		f.byKey[key] = s
	}
	return s
}
