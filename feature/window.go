package feature

// WindowStarts returns how many windows of w rows, starting at rows 0, s,
// 2s, ..., fit in n rows; window i covers rows [i*s, i*s+w). A window that
// would run past row n is not made, as with numpy's
// sliding_window_view(x, w)[::s]:
//
//	count = (n-w)/s + 1 if n >= w, else 0
//
// w == 0 means one window of all n rows (none if n == 0). A stride s <= 0
// means s = w (windows that neither overlap nor leave gaps). It panics if n
// or w is negative.
func WindowStarts(n, w, s int) (count int) {
	if n < 0 {
		panic("feature: negative row count")
	}
	if w < 0 {
		panic("feature: negative window length")
	}
	if w == 0 {
		if n > 0 {
			return 1
		}
		return 0
	}
	if s <= 0 {
		s = w
	}
	if n < w {
		return 0
	}
	return (n-w)/s + 1
}

// Window returns the rows [lo, hi) of window i as WindowStarts(n, w, s)
// counts them: lo = i*s, hi = lo+w, or [0, n) when w == 0. It panics if i
// is not in [0, WindowStarts(n, w, s)).
func Window(i, n, w, s int) (lo, hi int) {
	if i < 0 || i >= WindowStarts(n, w, s) {
		panic("feature: window index out of range")
	}
	if w == 0 {
		return 0, n
	}
	if s <= 0 {
		s = w
	}
	lo = i * s
	return lo, lo + w
}
