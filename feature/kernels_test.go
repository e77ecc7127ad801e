package feature

import (
	"github.com/featurize/featurize/internal/numpyexact"

	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func kernelRandom(rng *rand.Rand, n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	return x
}

func kernelSame(a, b float64) bool {
	return a == b || math.IsNaN(a) && math.IsNaN(b)
}

// TestKernelFeatureSubsets checks that asking for one feature gives what
// asking for all of them gives: each feature's needs are complete.
func TestKernelFeatureSubsets(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	windows := [][]float64{
		{0.1},
		{0.1, 0.1, 0.1},
		{1, 2},
		{3, 3, 3, 3, 3, 3, 3, 3, 3, 4},
		{1, math.NaN(), 2, 3},
		{1, math.Inf(1), 2},
		kernelRandom(rng, 5),
		kernelRandom(rng, 211),
		kernelRandom(rng, 256),
	}
	for _, x := range windows {
		all := newWorkspace().Compute(nil, x, allKernels())
		ws := newWorkspace()
		for i, f := range allKernels() {
			got := ws.Compute(nil, x, []kernel{f})[0]
			if !kernelSame(got, all[i]) {
				t.Errorf("w=%d: %s alone = %v; with all features %v", len(x), f, got, all[i])
			}
		}
	}
}

func TestKernelConstantWindows(t *testing.T) {
	zeroed := []kernel{kSkew, kKurtosis, kAutocorrLag1, kFFTPeakFreq, kSpectralCentroid}
	for _, v := range []float64{0.1, 1.0 / 3, 3, 0, -2.5, 1e9, 1e300, math.Inf(1)} {
		for _, n := range []int{1, 2, 3, 8, 100, 1000} {
			x := make([]float64, n)
			for i := range x {
				x[i] = v
			}
			ws := newWorkspace()
			got := ws.Compute(nil, x, zeroed)
			for i, f := range zeroed {
				if got[i] != 0 {
					t.Errorf("constant %v, w=%d: %s = %v; want 0", v, n, f, got[i])
				}
			}
			// The range test without the sort (only skew asked for) agrees.
			if s := ws.Compute(nil, x, []kernel{kSkew})[0]; s != 0 {
				t.Errorf("constant %v, w=%d: skew alone = %v; want 0", v, n, s)
			}
			if m := ws.Compute(nil, x, []kernel{kMeanCrossings})[0]; m != 0 {
				t.Errorf("constant %v, w=%d: mean_crossings = %v; want 0", v, n, m)
			}
		}
	}
}

func TestKernelSmallWindows(t *testing.T) {
	feats := []kernel{kSlope, kAutocorrLag1, kFFTPeakFreq, kSpectralCentroid, kMedian, kQ25, kQ75, kMeanCrossings}
	tests := []struct {
		x    []float64
		want []float64
	}{
		// w = 1: slope, autocorr and peak are 0 by definition.
		{[]float64{5}, []float64{0, 0, 0, 0, 5, 5, 5, 0}},
		// w = 2: f = [0, 0.5]; X = [0, 1]; h = 0.25 for q25.
		{[]float64{1, 2}, []float64{1, -1, 0.5, 0.5, 1.5, 1.25, 1.75, 1}},
		// w = 3: d = [-1, 0, 1], lag sum -0... = 0; peak at f[1] = 1/3.
		{[]float64{1, 2, 3}, []float64{1, 0, 1.0 / 3, 1.0 / 3, 2, 1.5, 2.5, 1}},
	}
	for _, tt := range tests {
		got := newWorkspace().Compute(nil, tt.x, feats)
		for i, f := range feats {
			if math.Abs(got[i]-tt.want[i]) > 1e-15 {
				t.Errorf("%v: %s = %v; want %v", tt.x, f, got[i], tt.want[i])
			}
		}
	}
}

// TestKernelNaN pins the documented NaN behaviour: NaN everywhere except
// mean_crossings (0) and fft_peak_freq (f[1], numpy's argmax of all-NaN
// magnitudes is 0); for w == 1, the features defined as 0 stay 0.
func TestKernelNaN(t *testing.T) {
	nan := math.NaN()
	for _, x := range [][]float64{{nan}, {nan, 1}, {1, nan, 2, 3, 4}, {nan, nan, nan, nan}} {
		got := newWorkspace().Compute(nil, x, allKernels())
		w := len(x)
		for i, f := range allKernels() {
			want := nan
			switch {
			case f == kMeanCrossings:
				want = 0
			case f == kFFTPeakFreq && w > 1:
				want = 1 / float64(w)
			case w == 1 && (f == kSlope || f == kAutocorrLag1 || f == kFFTPeakFreq):
				want = 0
			}
			if !kernelSame(got[i], want) {
				t.Errorf("%v: %s = %v; want %v", x, f, got[i], want)
			}
		}
	}
}

func TestKernelArgmax(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		x    []float64
		want int
	}{
		{[]float64{1}, 0},
		{[]float64{1, 3, 3}, 1},
		{[]float64{2, 2}, 0},
		{[]float64{nan, 1}, 0},
		{[]float64{1, nan, 5}, 1},
		{[]float64{1, 5, nan, nan}, 2},
		{[]float64{-1, -0.5, -2}, 1},
	}
	for _, tt := range tests {
		if got := argmax(tt.x); got != tt.want {
			t.Errorf("argmax(%v) = %d; want %d", tt.x, got, tt.want)
		}
	}
}

func TestKernelPanics(t *testing.T) {
	ws := newWorkspace()
	x := []float64{1, 2, 3}
	assertPanics(t, "feature: destination length mismatch", func() { ws.Compute(make([]float64, 1), x, allKernels()) })
	assertPanics(t, "feature: destination length mismatch", func() { ws.Compute([]float64{}, x, []kernel{kMean}) })
	assertPanics(t, "feature: empty window", func() { ws.Compute(nil, nil, allKernels()) })
	assertPanics(t, "feature: unknown feature", func() { ws.Compute(nil, x, []kernel{kMean, numKernels}) })
	assertPanics(t, "feature: unknown feature", func() { ws.Compute(nil, x, []kernel{-1}) })
	assertPanics(t, "feature: window length must be positive", func() { ws.Reset(0) })
}

func TestKernelDst(t *testing.T) {
	ws := newWorkspace()
	dst := make([]float64, 2)
	got := ws.Compute(dst, []float64{1, 2, 3}, []kernel{kMax, kMean})
	if &got[0] != &dst[0] {
		t.Error("Compute did not return dst")
	}
	if got[0] != 3 || got[1] != 2 {
		t.Errorf("Compute = %v; want [3 2]", got)
	}
	if got := ws.Compute(nil, []float64{1}, nil); len(got) != 0 {
		t.Errorf("Compute with no features = %v; want []", got)
	}
}

// TestKernelWorkspaceReuse checks that one Workspace gives the same results
// as fresh ones across lengths, including after its FFT plans are evicted.
func TestKernelWorkspaceReuse(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	ws := newWorkspace()
	lengths := []int{4096, 8, 211, 256, 5, 100, 7, 4096, 8, 211}
	for _, n := range lengths {
		x := kernelRandom(rng, n)
		got := ws.Compute(nil, x, allKernels())
		want := newWorkspace().Compute(nil, x, allKernels())
		for i, f := range allKernels() {
			if !kernelSame(got[i], want[i]) {
				t.Errorf("w=%d: %s = %v with a reused workspace; want %v", n, f, got[i], want[i])
			}
		}
		if len(ws.plans) > maxPlans {
			t.Fatalf("%d FFT plans cached; want at most %d", len(ws.plans), maxPlans)
		}
		if ws.plans[0].Len() != n {
			t.Errorf("most recent plan has length %d; want %d", ws.plans[0].Len(), n)
		}
	}
}

func TestKernelAllocs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	feats := allKernels()
	dst := make([]float64, len(feats))
	for _, n := range []int{1, 8, 127, 211, 223, 256, 271, 4096, 20000} { // 127: general radix; 211, 223, 271: Bluestein with passes 3, 7, 5 and 11
		x := kernelRandom(rng, n)
		ws := newWorkspace()
		ws.Compute(dst, x, feats) // warm up
		if a := testing.AllocsPerRun(20, func() { ws.Compute(dst, x, feats) }); a != 0 {
			t.Errorf("w=%d: Compute allocates %v times per window; want 0", n, a)
		}
		// Reset makes the first window allocation-free too.
		ws = newWorkspace()
		ws.Reset(n)
		if a := testing.AllocsPerRun(1, func() { ws.Compute(dst, x, feats) }); a != 0 {
			t.Errorf("w=%d: first Compute after Reset allocates %v times; want 0", n, a)
		}
	}
}

// TestKernelMultiSelect checks multiSelect against a full sort on random
// and tie-heavy arrays and random sets of positions.
func TestKernelMultiSelect(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for iter := 0; iter < 3000; iter++ {
		n := 1 + rng.IntN(300)
		a := make([]float64, n)
		distinct := []int{2, 3, 10, n + 1}[rng.IntN(4)]
		for i := range a {
			switch iter % 3 {
			case 0:
				a[i] = float64(rng.IntN(distinct))
			case 1:
				a[i] = rng.NormFloat64()
			default: // sorted, reversed or organ-pipe inputs
				a[i] = float64([]int{i, n - i, min(i, n-i)}[iter%9/3])
			}
		}
		keys := make([]uint64, n)
		for i, v := range a {
			keys[i] = numpyexact.FloatKey(v)
		}
		sorted := slices.Clone(a)
		slices.Sort(sorted)
		var ks []int
		for k := range n {
			if rng.IntN(n) < 4 {
				ks = append(ks, k)
			}
		}
		depth := 2 * bitsLen(n)
		if iter%10 == 0 {
			depth = 1 // exercise the sort fallback
		}
		multiSelect(keys, 0, ks, depth)
		for _, k := range ks {
			if got := numpyexact.KeyFloat(keys[k]); got != sorted[k] {
				t.Fatalf("iter %d, n=%d: position %d holds %v; want %v", iter, n, k, got, sorted[k])
			}
		}
	}
}

// TestKernelPeakCandidates checks that spectrum, which takes exact
// magnitudes only for the bins near the fast maximum, picks the bin that
// argmax over every exact magnitude picks, on windows whose spectra tie
// (impulses, periodic patterns, few distinct values) and on scales where
// the fast magnitudes would lose precision (where every bin is exact).
func TestKernelPeakCandidates(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	ws := newWorkspace()
	checked, ties := 0, 0
	for iter := 0; iter < 20000; iter++ {
		n := 2 + rng.IntN(300)
		if iter%3 == 0 {
			n = []int{8, 16, 32, 64, 100, 128, 211, 256}[rng.IntN(8)]
		}
		x := make([]float64, n)
		switch iter % 5 {
		case 0: // impulses: a flat spectrum
			x[rng.IntN(n)] = 1 + float64(rng.IntN(3))
		case 1: // a short pattern repeated
			p := 1 + rng.IntN(6)
			for i := range x {
				x[i] = float64((i % p) * (i % p) % 3)
			}
		case 2: // few distinct values
			for i := range x {
				x[i] = float64(rng.IntN(3))
			}
		case 3:
			x = kernelRandom(rng, n)
		case 4: // a constant plus one step
			for i := n / 2; i < n; i++ {
				x[i] = 1
			}
		}
		scale := []float64{1, 1, 1, 1e-160, 1e160, 0x1p-520, 0x1p520, 3}[rng.IntN(8)]
		for i := range x {
			x[i] *= scale
		}
		lo, hi := minMax(x)
		if lo == hi {
			continue
		}
		mean := numpyexact.Sum(x) / float64(n)
		d := make([]float64, n)
		numpyexact.Moments(x, mean, d)
		e := slices.Clone(d)
		numpyexact.NewRFFT(n).Forward(e)
		mags := make([]float64, n/2)
		for k := range mags {
			mags[k] = exactMag(e, k+1)
		}
		want := float64(argmax(mags)+1) * (1 / float64(n))
		ws.grow(n)
		got, _ := ws.spectrum(d)
		if got != want {
			t.Fatalf("iter %d, w=%d, scale %g: peak %v; want %v (x = %v)", iter, n, scale, got, want, x)
		}
		checked++
		top, c := slices.Max(mags), 0
		for _, m := range mags {
			if m == top {
				c++
			}
		}
		if c > 1 {
			ties++
		}
	}
	t.Logf("%d windows, %d with tied exact maxima", checked, ties)
}
