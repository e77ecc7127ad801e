package feature

import (
	"fmt"
	"slices"
)

// Set is an ordered list of features to compute on every window of every
// column. It is immutable and safe for concurrent use; each worker
// computes with an Evaluator of its own.
type Set struct {
	feats   []Feature
	kernels []kernel // the built-in features' kernels, in set order
	kpos    []int    // their positions in feats
	others  []int    // the positions of the other features
	inOrder bool     // every feature is a kernel, and kpos is 0, 1, 2, ...
}

// NewSet returns the set of feats, in order. A name given twice is an
// ErrDuplicateFeature, an empty list ErrNoFeatures.
func NewSet(feats []Feature) (*Set, error) {
	if len(feats) == 0 {
		return nil, ErrNoFeatures
	}
	s := &Set{feats: slices.Clone(feats), inOrder: true}
	seen := map[string]bool{}
	for i, f := range feats {
		if f.Calc == nil || f.fn == nil {
			return nil, fmt.Errorf("feature: NewSet: feature %d was not made by New or Parse", i)
		}
		if seen[f.name] {
			return nil, fmt.Errorf("%w %q", ErrDuplicateFeature, f.name)
		}
		seen[f.name] = true
		if k, ok := f.Calc.builtinKernel(); ok {
			s.inOrder = s.inOrder && len(s.kpos) == i
			s.kernels = append(s.kernels, k)
			s.kpos = append(s.kpos, i)
		} else {
			s.inOrder = false
			s.others = append(s.others, i)
		}
	}
	return s, nil
}

// ParseSet returns the set of the features and presets that specs name
// (see Expand).
func ParseSet(specs []string) (*Set, error) {
	fs, err := Expand(specs)
	if err != nil {
		return nil, err
	}
	return NewSet(fs)
}

// Len returns the number of features.
func (s *Set) Len() int { return len(s.feats) }

// Features returns the features, in order.
func (s *Set) Features() []Feature { return slices.Clone(s.feats) }

// FeatureNames returns the features' names, in order: what ParseSet takes
// back.
func (s *Set) FeatureNames() []string {
	names := make([]string, len(s.feats))
	for i, f := range s.feats {
		names[i] = f.name
	}
	return names
}

// Names returns the output column names for columns, as a row lays them
// out: for each column, each feature, "{column}__{feature}".
func (s *Set) Names(columns []string) []string { return Names(columns, s.feats) }

// builtinKernel returns the kernel of a built-in calculator.
func (c *Calculator) builtinKernel() (kernel, bool) {
	return c.kernel - 1, c.kernel > 0
}

// Evaluator computes a Set's features, reusing its scratch from window
// to window. It is not safe for concurrent use: give each worker its own.
type Evaluator struct {
	set *Set
	ws  *workspace
	win Window
	tmp []float64 // the kernels' rows when other features come between them
}

// NewEvaluator returns an Evaluator of s.
func (s *Set) NewEvaluator() *Evaluator {
	ws := newWorkspace()
	return &Evaluator{set: s, ws: ws, win: Window{ws: ws}}
}

// Windows computes the features for count windows of x, window i being
// x[i*stride : i*stride+w], and writes window i's values to
// dst[i*rowStride+off : i*rowStride+off+s.Len()]. It panics as
// Workspace.ComputeWindows does for bad arguments.
//
// The built-in features go through the Workspace's kernels, which share
// work between them and between overlapping windows; the others are
// called window by window with a Window that computes shared work once.
func (e *Evaluator) Windows(dst []float64, rowStride, off int, x []float64, w, stride, count int) {
	s := e.set
	if s.inOrder {
		e.ws.ComputeWindows(dst, rowStride, off, x, w, stride, count, s.kernels)
		return
	}
	if count == 0 {
		return
	}
	if (count-1)*rowStride+off+len(s.feats) > len(dst) {
		panic("feature: destination too short")
	}
	if nk := len(s.kernels); nk > 0 {
		if cap(e.tmp) < count*nk {
			e.tmp = make([]float64, count*nk)
		}
		tmp := e.tmp[:count*nk]
		e.ws.ComputeWindows(tmp, nk, 0, x, w, stride, count, s.kernels)
		for i := range count {
			row := dst[i*rowStride+off:]
			for j, pos := range s.kpos {
				row[pos] = tmp[i*nk+j]
			}
		}
	}
	if len(s.others) == 0 {
		return
	}
	if w < 1 || stride < 1 || (count-1)*stride+w > len(x) {
		panic("feature: bad window length, stride or input length")
	}
	for i := range count {
		e.win.reset(x[i*stride : i*stride+w])
		row := dst[i*rowStride+off:]
		for _, pos := range s.others {
			row[pos] = s.feats[pos].fn(&e.win)
		}
	}
}
