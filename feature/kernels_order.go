package feature

import (
	"github.com/featurize/featurize/internal/numpyexact"
	"math"
	"slices"
)

// Order statistics.
//
// The order statistics (min, max, median, q25, q75) are taken under the
// total order of float64 values in which -0 sorts before +0, the order of
// Go's min and max. Each value is mapped to a uint64 key that sorts as the
// value does,
//
//	key(v) = bits(v) ^ 0x8000000000000000  if the sign bit of v is clear
//	key(v) = ^bits(v)                      if it is set
//
// Keys compare as integers, which lets the sort below run without
// data-dependent branches (the compiler turns integer selects, not float
// ones, into conditional moves), and equal keys are equal bits, so the k-th
// smallest key of a multiset is one definite value whichever algorithm
// finds it: selecting from the union of sorted blocks of a window
// (ComputeWindows) gives bit for bit what selecting from the window gives
// (Compute). A window holding a NaN never gets here; its order statistics
// are NaN.

// orderStats sets ws.sorted[k] to the k-th smallest value of x (which holds
// no NaN) for the positions median, q25 and q75 read (see placeRanks).
//
// It sorts the two halves of x and selects from their union with numpyexact.KthOfTwo
// when that is faster than multiSelect (measured on the benchmark signal):
// for windows up to maxSortLen whose halves need little padding to a
// power of two. multiSelect branches on the data and mispredicts about
// every other comparison, which costs about as much as the sort's
// branch-free O(n log n) at those lengths; at awkward lengths (100, 200)
// the sort's padding tips the balance, at longer ones its log n does.
func (ws *workspace) orderStats(x []float64) {
	n := len(x)
	h := 0 // the first half; short windows are sorted whole
	if n >= 32 {
		h = n / 2
	}
	padded := numpyexact.SortedLen(n - h)
	if h > 0 {
		padded += numpyexact.SortedLen(h)
	}
	if n > maxSortLen || padded > n+n/8 {
		ws.selectRanks(x)
		return
	}
	tmp := ws.ktmp
	var a []uint64
	if h > 0 {
		a, _ = numpyexact.SortBlock(ws.keys[:numpyexact.SortedLen(h)], tmp, x[:h])
	}
	b, _ := numpyexact.SortBlock(ws.keys[len(ws.keys)/2:][:numpyexact.SortedLen(n-h)], tmp, x[h:])
	placeRanks(ws.sorted[:n], a, b)
}

const maxSortLen = 512

// placeRanks sets s[k] and s[k+1] (if k+1 < len(s)), for k = floor((n-1)*q)
// and q = 1/4, 1/2, 3/4, to the k-th and (k+1)-th smallest value of the
// union of the sorted keys a and b, len(a)+len(b) = n = len(s): the values
// np.quantile interpolates between (the median's one or two middles are
// among them).
func placeRanks(s []float64, a, b []uint64) {
	n := len(s)
	for _, q := range [...]float64{0.25, 0.5, 0.75} {
		k := int(math.Floor(float64(n-1) * q))
		v, next := numpyexact.KthOfTwo(a, b, k)
		s[k] = numpyexact.KeyFloat(v)
		if k+1 < n {
			s[k+1] = numpyexact.KeyFloat(next)
		}
	}
}

// selectRanks is orderStats for long windows: it copies the keys of x into
// ws.keys and moves the ranks placeRanks sets into their sorted positions
// with multiSelect.
func (ws *workspace) selectRanks(x []float64) {
	n := len(x)
	a := ws.keys[:n]
	for i, v := range x {
		a[i] = numpyexact.FloatKey(v)
	}
	// Positions floor(h) and floor(h)+1 for h = (n-1)*q, q = 1/4, 1/2,
	// 3/4, ascending, without duplicates or positions past the end.
	var ks [6]int
	m := 0
	for _, q := range [...]float64{0.25, 0.5, 0.75} {
		k := int(math.Floor(float64(n-1) * q))
		for _, p := range [...]int{k, k + 1} {
			if p < n && (m == 0 || ks[m-1] < p) {
				ks[m] = p
				m++
			}
		}
	}
	multiSelect(a, 0, ks[:m], 2*bitsLen(n))
	for _, k := range ks[:m] {
		ws.sorted[k] = numpyexact.KeyFloat(a[k])
	}
}

func bitsLen(n int) int {
	b := 0
	for ; n > 0; n >>= 1 {
		b++
	}
	return b
}

// multiSelect partially sorts a, which holds the sorted positions
// off..off+len(a)-1, so that a[k-off] holds the k-th smallest value for
// each k in ks (ascending, all within a's positions). It partitions as
// Hoare did, which splits runs of equal values evenly (tie-heavy windows
// stay O(n)), and after depth partitions sorts what is left, as introselect
// does.
func multiSelect(a []uint64, off int, ks []int, depth int) {
	for len(ks) > 0 {
		n := len(a)
		if n <= 16 {
			insertionSort(a)
			return
		}
		if depth == 0 {
			slices.Sort(a)
			return
		}
		depth--
		// Median of three as the pivot; it also guards the scans below.
		mid := n / 2
		if a[mid] < a[0] {
			a[mid], a[0] = a[0], a[mid]
		}
		if a[n-1] < a[mid] {
			a[n-1], a[mid] = a[mid], a[n-1]
			if a[mid] < a[0] {
				a[mid], a[0] = a[0], a[mid]
			}
		}
		pivot := a[mid]
		i, j := 0, n-1
		for i <= j {
			for a[i] < pivot {
				i++
			}
			for pivot < a[j] {
				j--
			}
			if i <= j {
				a[i], a[j] = a[j], a[i]
				i++
				j--
			}
		}
		// a[:j+1] <= pivot, a[i:] >= pivot, and a[j+1:i] == pivot.
		l := 0
		for l < len(ks) && ks[l]-off <= j {
			l++
		}
		r := l
		for r < len(ks) && ks[r]-off < i {
			r++
		}
		multiSelect(a[:j+1], off, ks[:l], depth)
		a, off, ks = a[i:], off+i, ks[r:]
	}
}

func insertionSort(a []uint64) {
	for i := 1; i < len(a); i++ {
		v := a[i]
		j := i
		for ; j > 0 && v < a[j-1]; j-- {
			a[j] = a[j-1]
		}
		a[j] = v
	}
}
