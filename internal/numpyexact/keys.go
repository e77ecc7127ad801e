package numpyexact

import (
	"math"
	"unsafe"
)

// Sort keys. Each float64 maps to a uint64 key that sorts as the value
// does under the total order in which -0 sorts before +0 (the order of
// Go's min and max):
//
//	key(v) = bits(v) ^ 0x8000000000000000  if the sign bit of v is clear
//	key(v) = ^bits(v)                      if it is set
//
// Keys compare as integers, which lets the sorts run without data-dependent
// branches, and equal keys are equal bits, so the k-th smallest key of a
// multiset is one definite value whichever algorithm finds it.

const (
	MaxKey    = ^uint64(0)         // the key of a NaN; pads a block to a power of two
	posInfKey = 0xFFF0000000000000 // FloatKey(+Inf)
	negInfKey = 0x000FFFFFFFFFFFFF // FloatKey(-Inf)
)

func FloatKey(v float64) uint64 {
	b := math.Float64bits(v)
	return b ^ (uint64(int64(b)>>63) | 1<<63)
}

func KeyFloat(k uint64) float64 {
	return math.Float64frombits(k ^ (^uint64(int64(k)>>63) | 1<<63))
}

// SortedLen returns the length SortBlock needs for n values: the next power
// of two, at least 8.
func SortedLen(n int) int {
	p := 8
	for p < n {
		p <<= 1
	}
	return p
}

// SortBlock writes the keys of x, sorted, into dst[:len(x)] and returns that
// slice and whether x holds a NaN. len(dst) must be SortedLen(len(x)) and
// len(tmp) at least that; the rest of dst is padding.
func SortBlock(dst, tmp []uint64, x []float64) (keys []uint64, nan bool) {
	dst = dst[:SortedLen(len(x))]
	if useAVX2 && len(x) >= 16 && len(x) == len(dst) {
		sortFloatsAVX2(dst, x) // the keys are made in the first pass
	} else {
		for i, v := range x {
			dst[i] = FloatKey(v)
		}
		for i := len(x); i < len(dst); i++ {
			dst[i] = MaxKey
		}
		SortKeys(dst, tmp)
	}
	keys = dst[:len(x)]
	// The keys of NaNs sort below -Inf's (sign bit set) or above +Inf's.
	return keys, len(x) > 0 && (keys[0] < negInfKey || keys[len(x)-1] > posInfKey)
}

// SortKeys sorts a in place, using tmp (len(tmp) >= len(a)) as scratch.
// len(a) must be a power of two >= 8. With AVX2 (and len(a) >= 16) a
// bitonic network sorts it (sortKeysAVX2); otherwise runs of 8 are sorted
// by a sorting network, then merged in rounds of doubling length. No step
// branches on the data, so mispredictions cost nothing and the time is
// the same for every input.
func SortKeys(a, tmp []uint64) {
	n := len(a)
	if useAVX2 && n >= 16 {
		sortKeysAVX2(a)
		return
	}
	for i := 0; i+8 <= n; i += 8 {
		sort8((*[8]uint64)(a[i : i+8]))
	}
	src, dst := a, tmp[:n]
	for run := 8; run < n; run *= 2 {
		i := 0
		// Two merges at once: four chains of loads and compares in flight
		// instead of two.
		for ; i+4*run <= n; i += 4 * run {
			j := i + 2*run
			mergeKeys2(dst[i:i+2*run], src[i:i+run], src[i+run:i+2*run],
				dst[j:j+2*run], src[j:j+run], src[j+run:j+2*run])
		}
		for ; i < n; i += 2 * run {
			MergeKeys(dst[i:i+2*run], src[i:i+run], src[i+run:i+2*run])
		}
		src, dst = dst, src
	}
	if &src[0] != &a[0] {
		copy(a, src)
	}
}

// sort8 sorts 8 keys with an optimal 19-comparator network.
func sort8(a *[8]uint64) {
	a0, a1, a2, a3, a4, a5, a6, a7 := a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]
	a0, a2 = cx(a0, a2)
	a1, a3 = cx(a1, a3)
	a4, a6 = cx(a4, a6)
	a5, a7 = cx(a5, a7)
	a0, a4 = cx(a0, a4)
	a1, a5 = cx(a1, a5)
	a2, a6 = cx(a2, a6)
	a3, a7 = cx(a3, a7)
	a0, a1 = cx(a0, a1)
	a2, a3 = cx(a2, a3)
	a4, a5 = cx(a4, a5)
	a6, a7 = cx(a6, a7)
	a2, a4 = cx(a2, a4)
	a3, a5 = cx(a3, a5)
	a1, a4 = cx(a1, a4)
	a3, a6 = cx(a3, a6)
	a1, a2 = cx(a1, a2)
	a3, a4 = cx(a3, a4)
	a5, a6 = cx(a5, a6)
	a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7] = a0, a1, a2, a3, a4, a5, a6, a7
}

// cx returns a and b in order.
func cx(a, b uint64) (uint64, uint64) {
	lo, hi := a, b
	if b < a {
		lo, hi = b, a
	}
	return lo, hi
}

// MergeKeys merges the sorted runs a and b, of equal length, into dst
// (len(dst) = 2*len(a)), from both ends at once: the front takes the
// smaller head (a's on a tie), the back the larger tail (b's on a tie), so
// both compute the same stable merge, and after k < len(a) steps neither
// has taken more than k values from a run, so neither runs past its end.
//
// That bound is why the loop may index with unsafe.Add: bounds checks
// there cost half the loop's instructions (and spill registers), and this
// loop is a fifth of the kernels' time.
func MergeKeys(dst, a, b []uint64) {
	n := len(a)
	if n == 0 {
		return
	}
	_, _ = b[n-1], dst[2*n-1]
	pa, pb, pd := unsafe.Pointer(&a[0]), unsafe.Pointer(&b[0]), unsafe.Pointer(&dst[0])
	const w = 8                              // bytes per key
	ia, ib := uintptr(0), uintptr(0)         // next from the front
	ea, eb := uintptr(n-1)*w, uintptr(n-1)*w // next from the back
	for lo, hi := uintptr(0), uintptr(2*n-1)*w; lo < hi; lo, hi = lo+w, hi-w {
		// min, max and a 0/1 flag compile to CMOV and SETcc: no branch
		// for random data to mispredict.
		x, y := *(*uint64)(unsafe.Add(pa, ia)), *(*uint64)(unsafe.Add(pb, ib))
		t := lessBit(y, x) * w // b's head is taken
		*(*uint64)(unsafe.Add(pd, lo)) = min(x, y)
		ib += t
		ia += w - t
		x, y = *(*uint64)(unsafe.Add(pa, ea)), *(*uint64)(unsafe.Add(pb, eb))
		t = lessBit(y, x) * w // a's tail is taken
		*(*uint64)(unsafe.Add(pd, hi)) = max(x, y)
		ea -= t
		eb -= w - t
	}
}

// sortKeysAVX2 sorts a (len(a) a power of two >= 16) with a bitonic
// sorting network in AVX2 assembly (sort_amd64.s): groups of 16 are sorted
// in registers, then runs are merged in passes over memory, each merge a
// flip of the second run, half-cleaner steps down to a distance of 16
// keys, and a last pass within groups of 16. No step depends on the data.
func sortKeysAVX2(a []uint64) {
	n := len(a)
	bitonic16(&a[0], n/16, outMask(n == 16))
	bitonicMerges(a)
}

// sortFloatsAVX2 writes the sorted keys of x into a (len(a) = len(x), a
// power of two >= 16).
func sortFloatsAVX2(a []uint64, x []float64) {
	n := len(a)
	if len(x) != n {
		panic("numpyexact: sortFloatsAVX2 lengths differ")
	}
	bitonic16f(&a[0], &x[0], n/16, outMask(n == 16))
	bitonicMerges(a)
}

// outMask is what a pass of the network XORs into the keys it stores: the
// sign bit if it is the last pass, which turns the signed keys the network
// compares back into unsigned ones.
func outMask(last bool) uint64 {
	if last {
		return 1 << 63
	}
	return 0
}

// bitonicMerges merges the sorted runs of 16 signed keys of a into one
// sorted run of unsigned keys.
func bitonicMerges(a []uint64) {
	n := len(a)
	for run := 16; run < n; run *= 2 {
		bitonicFlip(&a[0], run/4, n/(2*run))
		for d := run / 2; d >= 16; d /= 2 {
			bitonicHalf(&a[0], d/4, n/(2*d))
		}
		bitonicFinal16(&a[0], n/16, outMask(2*run == n))
	}
}

// mergeKeys2 is MergeKeys on two pairs of runs of one length at once.
func mergeKeys2(dst, a, b, dst2, a2, b2 []uint64) {
	n := len(a)
	if n == 0 {
		return
	}
	_, _, _, _, _ = b[n-1], dst[2*n-1], a2[n-1], b2[n-1], dst2[2*n-1]
	pa, pb, pd := unsafe.Pointer(&a[0]), unsafe.Pointer(&b[0]), unsafe.Pointer(&dst[0])
	qa, qb, qd := unsafe.Pointer(&a2[0]), unsafe.Pointer(&b2[0]), unsafe.Pointer(&dst2[0])
	const w = 8
	ia, ib, ja, jb := uintptr(0), uintptr(0), uintptr(0), uintptr(0)
	ea, eb, fa, fb := uintptr(n-1)*w, uintptr(n-1)*w, uintptr(n-1)*w, uintptr(n-1)*w
	for lo, hi := uintptr(0), uintptr(2*n-1)*w; lo < hi; lo, hi = lo+w, hi-w {
		x, y := *(*uint64)(unsafe.Add(pa, ia)), *(*uint64)(unsafe.Add(pb, ib))
		u, v := *(*uint64)(unsafe.Add(qa, ja)), *(*uint64)(unsafe.Add(qb, jb))
		t := lessBit(y, x) * w
		r := lessBit(v, u) * w
		*(*uint64)(unsafe.Add(pd, lo)) = min(x, y)
		*(*uint64)(unsafe.Add(qd, lo)) = min(u, v)
		ib += t
		ia += w - t
		jb += r
		ja += w - r
		x, y = *(*uint64)(unsafe.Add(pa, ea)), *(*uint64)(unsafe.Add(pb, eb))
		u, v = *(*uint64)(unsafe.Add(qa, fa)), *(*uint64)(unsafe.Add(qb, fb))
		t = lessBit(y, x) * w
		r = lessBit(v, u) * w
		*(*uint64)(unsafe.Add(pd, hi)) = max(x, y)
		*(*uint64)(unsafe.Add(qd, hi)) = max(u, v)
		ea -= t
		eb -= w - t
		fa -= r
		fb -= w - r
	}
}

// lessBit returns 1 if x < y, else 0.
func lessBit(x, y uint64) uintptr {
	var b uintptr
	if x < y {
		b = 1
	}
	return b
}

// KthOfTwo returns the k-th and (k+1)-th smallest keys (counting from 0;
// the second is MaxKey if k+1 is past the end) of the union of the sorted
// keys a and b, 0 <= k < len(a)+len(b), by binary search in O(log n).
func KthOfTwo(a, b []uint64, k int) (v, next uint64) {
	na, nb := len(a), len(b)
	// The k+1 smallest are a[:i] and b[:k+1-i] for the smallest i with
	// i == na or a[i] >= b[k-i] (b[k-i] being the last one taken from b).
	lo, hi := max(0, k+1-nb), min(k+1, na)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if a[mid] < b[k-mid] {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	i, j := lo, k+1-lo
	if i > 0 {
		v = a[i-1]
	}
	if j > 0 {
		v = max(v, b[j-1])
	}
	next = MaxKey
	if i < na {
		next = a[i]
	}
	if j < nb {
		next = min(next, b[j])
	}
	return v, next
}
