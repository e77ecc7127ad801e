package feature

import "testing"

// TestShared: a Shared value is computed once per window whatever the
// number of features asking, again for the next window, with the earlier
// value to reuse; SharedBy gives one Shared per key.
func TestShared(t *testing.T) {
	calls := 0
	var lastReuse *[]float64
	sum := NewShared(func(w *Window, reuse *[]float64) *[]float64 {
		calls++
		lastReuse = reuse
		if reuse == nil {
			reuse = new([]float64)
		}
		*reuse = append((*reuse)[:0], w.Values()[0]+w.Values()[1])
		return reuse
	})
	w := NewWindow([]float64{1, 2})
	a, b := sum.Get(w), sum.Get(w)
	if calls != 1 || a != b || (*a)[0] != 3 || lastReuse != nil {
		t.Fatalf("first window: %d calls, %v", calls, *a)
	}
	w.reset([]float64{5, 6})
	if c := sum.Get(w); calls != 2 || (*c)[0] != 11 || lastReuse != a {
		t.Fatalf("second window: %d calls, %v, reuse %p want %p", calls, *c, lastReuse, a)
	}
	w2 := NewWindow([]float64{0, 1}) // another Window has its own values
	if d := sum.Get(w2); calls != 3 || (*d)[0] != 1 {
		t.Fatalf("other window: %d calls, %v", calls, *d)
	}

	scaled := NewSharedBy(func(w *Window, k float64, _ float64) float64 { calls++; return k * w.Values()[0] })
	s2, s3 := scaled.For(2), scaled.For(3)
	if scaled.For(2) != s2 || s2 == s3 {
		t.Fatal("For does not give one Shared per key")
	}
	calls = 0
	if s2.Get(w) != 10 || s3.Get(w) != 15 || s2.Get(w) != 10 || calls != 2 {
		t.Errorf("SharedBy values %v %v after %d calls", s2.Get(w), s3.Get(w), calls)
	}
}
