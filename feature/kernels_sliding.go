package feature

import "github.com/featurize/featurize/internal/numpyexact"

// Shared order statistics for overlapping windows.
//
// With g = gcd(w, s), every window of ComputeWindows is made of m = w/g
// whole blocks of g rows, and consecutive windows share m - s/g of them.
// Each block's keys are sorted once, when the first window that holds it
// comes up, and kept in a ring of m blocks. A window's order statistics
// are the k-th smallest keys of the union of its left half (its first
// m/2 blocks, merged into one sorted run) and its right half (the other
// blocks), which numpyexact.KthOfTwo finds by binary search; min and max are the ends
// of the two runs. When the window advances by one block (s == g) and m is
// even, a window's left half is the right half of the window m/2 earlier,
// so the right halves are kept in a second ring and each is merged once.
//
// The k-th smallest key of a multiset does not depend on how it is found
// (see kernels_order.go), so the values are bit for bit Compute's. Windows
// holding a NaN go to Compute.
//
// Sorted runs are stored framed, as [0, keys..., numpyexact.MaxKey]: key 0 (a NaN's)
// sorts before and numpyexact.MaxKey after every key of a NaN-free block, so the
// merges below need no bounds tests.

// windowScratch is the part of a Workspace that ComputeWindows uses.
type windowScratch struct {
	g, m    int        // block length and blocks per window
	blocks  [][]uint64 // ring of m framed sorted blocks, block j in slot j%m
	nan     []bool     // whether the block in each slot holds a NaN
	halves  [][]uint64 // ring of framed right halves (when reused), then two scratch runs
	p, q    []uint64   // merge rounds
	pending [][]uint64 // the framed runs of a merge round
}

// Blocks shorter than minBlock are not worth sorting: selecting from the
// window from scratch (Compute) costs about the same.
const minBlock = 8

// maxHalvesRing bounds, in keys, the ring of right halves kept for reuse.
const maxHalvesRing = 1 << 16

// ComputeWindows computes feats for count windows of x, window i being
// x[i*s : i*s+w], and writes window i's values to
// dst[i*rowStride+off : i*rowStride+off+len(feats)]. It panics if dst is
// too short, w < 1, s < 1, count, rowStride or off is negative, x is too
// short for count windows, or feats holds a value that is not a Feature.
//
// The values are bit for bit what Compute gives for each window. Where
// windows overlap (s < w) and the blocks of gcd(w, s) rows they are made
// of are long enough to be worth it, each block is sorted once for all
// the windows that hold it, and a window's median, q25, q75, min and max
// are selected from its sorted blocks instead of from scratch. A window
// holding a NaN is computed by Compute.
//
// Once the Workspace has computed windows of this w and s, ComputeWindows
// allocates nothing.
func (ws *workspace) ComputeWindows(dst []float64, rowStride, off int, x []float64, w, s, count int, feats []kernel) {
	switch {
	case w < 1:
		panic("feature: window length must be positive")
	case s < 1:
		panic("feature: stride must be positive")
	case count < 0 || rowStride < 0 || off < 0:
		panic("feature: negative window count, row stride or offset")
	}
	need := needsOf(feats)
	if count == 0 {
		return
	}
	nf := len(feats)
	if (count-1)*s+w > len(x) {
		panic("feature: input too short for the windows")
	}
	if (count-1)*rowStride+off+nf > len(dst) {
		panic("feature: destination too short")
	}
	ws.grow(w)
	// Batched spectra are written when their batch is full, so rows must
	// not overlap (a later window's values would be overwritten).
	if count > 1 && rowStride >= nf && ws.beginBatch(w, need, feats) {
		defer ws.endBatch()
	}
	g := gcd(w, s)
	if need&needOrder == 0 || s >= w || g < ws.minBlock {
		for i := range count {
			o := i*rowStride + off
			ws.Compute(dst[o:o+nf:o+nf], x[i*s:i*s+w], feats)
		}
		return
	}

	sc := &ws.win
	m, a := w/g, s/g // blocks per window, blocks per step
	h := m / 2       // blocks in the left half
	reuse := a == 1 && m%2 == 0 && h > 1 && (h+1)*(h*g+2) <= maxHalvesRing
	sc.grow(g, m, w, h, reuse)
	next := 0 // the next block to sort
	for i := range count {
		o := i*rowStride + off
		row := dst[o : o+nf : o+nf]
		win := x[i*s : i*s+w]
		first := i * a // the window's first block
		for ; next < first+m; next++ {
			slot := next % m
			sc.nan[slot] = sortFramed(sc.blocks[slot], ws.ktmp, x[next*g:next*g+g])
		}
		leftNaN, rightNaN := false, false
		for j := range m {
			if j < h {
				leftNaN = leftNaN || sc.nan[(first+j)%m]
			} else {
				rightNaN = rightNaN || sc.nan[(first+j)%m]
			}
		}
		if leftNaN || rightNaN {
			ws.Compute(row, win, feats)
			// A right half kept for reuse must still be made, unless it
			// holds the NaN too: then the window that would reuse it goes
			// to Compute as well. (A NaN's key may equal a frame's, so
			// such blocks are never merged.)
			if reuse && !rightNaN {
				sc.mergeHalf(sc.halves[i%(h+1)], first+h, m-h)
			}
			continue
		}
		var left, right []uint64
		switch {
		case h == 1:
			left = sc.blocks[first%m][:g+2]
		case reuse && i >= h:
			left = sc.halves[(i-h)%(h+1)][:h*g+2]
		default:
			left = sc.mergeHalf(sc.halves[len(sc.halves)-2], first, h)
		}
		switch {
		case m-h == 1:
			right = sc.blocks[(first+h)%m][:g+2]
		case reuse:
			right = sc.mergeHalf(sc.halves[i%(h+1)], first+h, m-h)
		default:
			right = sc.mergeHalf(sc.halves[len(sc.halves)-1], first+h, m-h)
		}
		left, right = left[1:len(left)-1], right[1:len(right)-1]
		lo := numpyexact.KeyFloat(min(left[0], right[0]))
		hi := numpyexact.KeyFloat(max(left[len(left)-1], right[len(right)-1]))
		placeRanks(ws.sorted[:w], left, right)
		ws.finish(row, win, feats, need, lo, hi)
	}
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// grow sizes the scratch for blocks of g rows, m to a window of w rows,
// and h blocks to a left half; reuse asks for a ring of h+1 right halves.
func (sc *windowScratch) grow(g, m, w, h int, reuse bool) {
	sc.g, sc.m = g, m
	bl := numpyexact.SortedLen(g) + 2
	if cap(sc.blocks) < m {
		sc.blocks = make([][]uint64, m)
		sc.nan = make([]bool, m)
	}
	sc.blocks, sc.nan = sc.blocks[:m], sc.nan[:m]
	for j := range sc.blocks {
		if cap(sc.blocks[j]) < bl {
			sc.blocks[j] = make([]uint64, bl)
		}
		sc.blocks[j] = sc.blocks[j][:bl]
	}
	// The ring of right halves (when reused) and two scratch runs.
	nh, hl := 2, w-h*g+2 // the right half is the longer one
	if reuse {
		nh += h + 1
	}
	if cap(sc.halves) < nh {
		sc.halves = append(sc.halves[:cap(sc.halves)], make([][]uint64, nh-cap(sc.halves))...)
	}
	sc.halves = sc.halves[:nh]
	for j := range sc.halves {
		if cap(sc.halves[j]) < hl {
			sc.halves[j] = make([]uint64, hl)
		}
		sc.halves[j] = sc.halves[j][:hl]
	}
	// A merge round holds at most the right half's blocks, each framed.
	if r := (m - h) * (g + 2); cap(sc.p) < r {
		sc.p, sc.q = make([]uint64, r), make([]uint64, r)
	}
	if cap(sc.pending) < m {
		sc.pending = make([][]uint64, 0, m)
	}
}

// sortFramed sorts the keys of x (len(x) = g) into the framed run
// dst[:g+2] (len(dst) = numpyexact.SortedLen(g)+2) and reports whether x holds a NaN.
func sortFramed(dst, tmp []uint64, x []float64) (nan bool) {
	g := len(x)
	dst[0] = 0
	_, nan = numpyexact.SortBlock(dst[1:1+numpyexact.SortedLen(g)], tmp, x)
	dst[g+1] = numpyexact.MaxKey
	return nan
}

// mergeHalf merges the c >= 2 sorted blocks first, ..., first+c-1 of the
// ring into the framed run out[:c*g+2] and returns it. It merges pairs of
// runs in rounds, the last round into out.
func (sc *windowScratch) mergeHalf(out []uint64, first, c int) []uint64 {
	g, m := sc.g, sc.m
	runs := sc.pending[:0]
	for j := range c {
		runs = append(runs, sc.blocks[(first+j)%m][:g+2])
	}
	buf, other := sc.p, sc.q
	for len(runs) > 2 {
		next := runs[:0]
		pos := 0
		for j := 0; j < len(runs); j += 2 {
			if j+1 == len(runs) { // an odd run out: copy it
				r := buf[pos : pos+len(runs[j])]
				copy(r, runs[j])
				next = append(next, r)
				break
			}
			n := len(runs[j]) + len(runs[j+1]) - 2
			r := buf[pos : pos+n]
			mergeFramed(r, runs[j], runs[j+1])
			next = append(next, r)
			pos += n
		}
		runs = next
		buf, other = other, buf
	}
	n := len(runs[0]) + len(runs[1]) - 2
	mergeFramed(out[:n], runs[0], runs[1])
	sc.pending = runs[:0]
	return out[:n]
}

// mergeFramed merges the framed sorted runs a and b into the framed run
// dst, len(dst) = len(a)+len(b)-2. It merges from both ends at once, as
// numpyexact.MergeKeys does; the frames stop either end from running past a run.
func mergeFramed(dst, a, b []uint64) {
	na, nb := len(a)-2, len(b)-2
	n := na + nb
	dst = dst[:n+2]
	dst[0], dst[n+1] = 0, numpyexact.MaxKey
	out := dst[1 : n+1]
	ia, ib := 1, 1   // next from the front
	ea, eb := na, nb // next from the back
	for k := range n / 2 {
		x, y := a[ia], b[ib]
		t := 0
		if y < x {
			x, t = y, 1
		}
		out[k] = x
		ib += t
		ia += 1 - t
		x, y = a[ea], b[eb]
		t = 0
		if y < x {
			y, t = x, 1
		}
		out[n-1-k] = y
		ea -= t
		eb -= 1 - t
	}
	if n%2 == 1 {
		out[n/2] = min(a[ia], b[ib])
	}
}
