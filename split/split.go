package split

import "fmt"

// Range is the half-open interval [Start, Stop) of file indices.
type Range struct {
	Start, Stop int
}

// Len returns the number of indices in r.
func (r Range) Len() int { return r.Stop - r.Start }

// String formats r as "first-last" (inclusive), or "empty" for no indices.
func (r Range) String() string {
	switch r.Len() {
	case 0:
		return "empty"
	case 1:
		return fmt.Sprint(r.Start)
	}
	return fmt.Sprintf("%d-%d", r.Start, r.Stop-1)
}

// ArraySplit splits the indices first, first+1, ..., first+n-1 into k chunks
// exactly as np.array_split(range(first, first+n), k) does:
//
//	size(i) = n/k + 1  for i < n%k
//	size(i) = n/k      otherwise
//
// It panics if k < 1 or n < 0.
func ArraySplit(first, n, k int) []Range {
	if k < 1 {
		panic("split: k must be positive")
	}
	if n < 0 {
		panic("split: n must not be negative")
	}
	chunks := make([]Range, k)
	base, extra := n/k, n%k
	start := first
	for i := range chunks {
		size := base
		if i < extra {
			size++
		}
		chunks[i] = Range{Start: start, Stop: start + size}
		start += size
	}
	return chunks
}
