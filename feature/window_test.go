package feature

import "testing"

func TestWindowStarts(t *testing.T) {
	tests := []struct {
		n, w, s int
		want    int
	}{
		{0, 0, 0, 0},   // empty file, whole-file window: none
		{5, 0, 0, 1},   // whole file
		{5, 0, 3, 1},   // stride ignored for whole-file windows
		{10, 3, 3, 3},  // rows 0-2, 3-5, 6-8; row 9 left over
		{9, 3, 3, 3},   // exact fit
		{10, 3, 0, 3},  // s <= 0 means s = w
		{10, 3, -2, 3}, //
		{10, 3, 1, 8},  // sliding by one
		{10, 3, 2, 4},  // starts 0, 2, 4, 6
		{10, 10, 1, 1}, // one window of all rows
		{10, 11, 1, 0}, // window longer than the file
		{0, 3, 1, 0},   // empty file
		{10, 1, 1, 10}, //
		{10, 3, 20, 1}, // stride longer than the file
	}
	for _, tt := range tests {
		if got := WindowStarts(tt.n, tt.w, tt.s); got != tt.want {
			t.Errorf("WindowStarts(%d, %d, %d) = %d; want %d", tt.n, tt.w, tt.s, got, tt.want)
		}
	}
}

// TestWindowSlidingView compares with a direct model of numpy's
// sliding_window_view(x, w)[::s]: windows start at 0, s, 2s, ... while
// start+w <= n.
func TestWindowSlidingView(t *testing.T) {
	for n := 0; n <= 30; n++ {
		for w := 1; w <= 12; w++ {
			for s := -1; s <= 13; s++ {
				step := s
				if step <= 0 {
					step = w
				}
				var starts []int
				for lo := 0; lo+w <= n; lo += step {
					starts = append(starts, lo)
				}
				count := WindowStarts(n, w, s)
				if count != len(starts) {
					t.Fatalf("WindowStarts(%d, %d, %d) = %d; want %d", n, w, s, count, len(starts))
				}
				for i, want := range starts {
					lo, hi := Window(i, n, w, s)
					if lo != want || hi != want+w {
						t.Fatalf("Window(%d, %d, %d, %d) = [%d, %d); want [%d, %d)", i, n, w, s, lo, hi, want, want+w)
					}
				}
			}
		}
	}
}

func TestWindowWholeFile(t *testing.T) {
	lo, hi := Window(0, 7, 0, 0)
	if lo != 0 || hi != 7 {
		t.Errorf("Window(0, 7, 0, 0) = [%d, %d); want [0, 7)", lo, hi)
	}
}

func TestWindowPanics(t *testing.T) {
	assertPanics(t, "feature: negative row count", func() { WindowStarts(-1, 3, 1) })
	assertPanics(t, "feature: negative window length", func() { WindowStarts(5, -1, 1) })
	assertPanics(t, "feature: window index out of range", func() { Window(3, 10, 3, 3) })
	assertPanics(t, "feature: window index out of range", func() { Window(-1, 10, 3, 3) })
	assertPanics(t, "feature: window index out of range", func() { Window(0, 0, 0, 0) })
}
