package feature

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// slidingData returns n values of the given kind for the ComputeWindows
// tests.
func slidingData(rng *rand.Rand, kind string, n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		switch kind {
		case "random":
			x[i] = rng.NormFloat64()
		case "ties": // few distinct values, often repeated
			x[i] = float64(rng.IntN(3))
		case "zeros": // -0 and +0 mixed with a few other values
			x[i] = []float64{0, math.Copysign(0, -1), 0, math.Copysign(0, -1), 1, -1}[rng.IntN(6)]
		case "nan": // random with a NaN now and then, with the payloads whose keys are extreme
			x[i] = rng.NormFloat64()
			if rng.IntN(40) == 0 {
				x[i] = math.Float64frombits([]uint64{0x7FF8000000000001, 0x7FFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF, 0xFFF0000000000001}[rng.IntN(4)])
			}
		case "nanruns": // long runs of the NaNs whose keys are extreme
			x[i] = rng.NormFloat64()
			if r := i / 23; r%4 == 0 {
				x[i] = math.Float64frombits([]uint64{0x7FFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF}[r/4%2])
			}
		case "inf": // random with infinities now and then
			x[i] = rng.NormFloat64()
			if rng.IntN(30) == 0 {
				x[i] = math.Inf(1 - 2*rng.IntN(2))
			}
		case "offset": // large offset, small noise
			x[i] = 1e9 + float64(rng.IntN(5))*1e-3
		case "steps": // runs of constants: constant windows appear
			if i > 0 && rng.IntN(10) != 0 {
				x[i] = x[i-1]
			} else {
				x[i] = float64(rng.IntN(4))
			}
		}
	}
	return x
}

func sameBits(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || math.IsNaN(a) && math.IsNaN(b)
}

// sameFloats reports whether a and b hold the same bits, any NaN equal to
// any NaN.
func sameFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !sameBits(a[i], b[i]) {
			return false
		}
	}
	return true
}

// TestComputeWindowsMatchesCompute checks ComputeWindows bit for bit
// against Compute on every window, for strides below, at, above and not
// dividing the window length, and data that exercises ties, signed zeros,
// NaN and infinities.
func TestComputeWindowsMatchesCompute(t *testing.T) {
	for _, mb := range []int{minBlock, 1} {
		t.Run(fmt.Sprintf("minBlock=%d", mb), func(t *testing.T) {
			testComputeWindowsMatchesCompute(t, mb)
		})
	}
}

func testComputeWindowsMatchesCompute(t *testing.T, minBlock int) {
	rng := rand.New(rand.NewPCG(1, 1))
	kinds := []string{"random", "ties", "zeros", "nan", "nanruns", "inf", "offset", "steps"}
	type ws2 struct{ w, s int }
	var combos []ws2
	for _, w := range []int{1, 2, 3, 5, 8, 16, 17, 31, 32, 33, 64, 100, 128, 211, 256} {
		for _, s := range []int{1, 2, 3, w / 4, w / 3, w / 2, (w + 1) / 2, w - 1, w, w + 1, 2 * w, 3*w/2 + 1} {
			if s >= 1 {
				combos = append(combos, ws2{w, s})
			}
		}
	}
	combos = append(combos, ws2{2048, 1024}, ws2{2050, 1025}, ws2{4096, 2048}, ws2{300, 150}, ws2{1000, 500},
		// Blocks of gcd(w, s) rows: odd and even block counts, halves of
		// odd length, strides of several blocks, a ring of right halves
		// too large to keep.
		ws2{96, 32}, ws2{160, 32}, ws2{192, 32}, ws2{256, 96}, ws2{240, 48}, ws2{256, 16}, ws2{272, 16},
		ws2{120, 80}, ws2{512, 32}, ws2{1024, 16}, ws2{4096, 16}, ws2{100, 20}, ws2{90, 54})
	feats := allKernels()
	nf := len(feats)
	ws := newWorkspace() // one workspace throughout, as a worker uses it
	ws.minBlock = minBlock
	ref := newWorkspace()
	for _, c := range combos {
		for _, kind := range kinds {
			count := 1 + rng.IntN(12)
			if c.w <= 64 {
				count += 20
			}
			x := slidingData(rng, kind, (count-1)*c.s+c.w+rng.IntN(3))
			// A row stride wider than the features, with an offset, as a
			// caller that lays out several columns per row uses it.
			off := rng.IntN(3)
			stride := nf + off + rng.IntN(3)
			dst := make([]float64, (count-1)*stride+off+nf)
			for i := range dst {
				dst[i] = -12345
			}
			ws.ComputeWindows(dst, stride, off, x, c.w, c.s, count, feats)
			for i := range count {
				want := ref.Compute(nil, x[i*c.s:i*c.s+c.w], feats)
				got := dst[i*stride+off : i*stride+off+nf]
				for j, f := range feats {
					if !sameBits(got[j], want[j]) {
						t.Fatalf("w=%d s=%d %s, window %d of %d: %s = %v (%#x); Compute gives %v (%#x)",
							c.w, c.s, kind, i, count, f, got[j], math.Float64bits(got[j]), want[j], math.Float64bits(want[j]))
					}
				}
				// Nothing outside the window's values is written.
				for j := i * stride; j < i*stride+off; j++ {
					if dst[j] != -12345 {
						t.Fatalf("w=%d s=%d: dst[%d] written", c.w, c.s, j)
					}
				}
			}
		}
	}
}

// TestComputeWindowsFeatureSubsets checks the shared path with feature
// lists that need the order statistics without the range, and the range
// without the order statistics.
func TestComputeWindowsFeatureSubsets(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	x := slidingData(rng, "ties", 1000)
	lists := [][]kernel{{kMedian}, {kQ75, kMean}, {kMin, kMax}, {kQ25, kPtp, kFFTPeakFreq}, {kSkew}, {}}
	for _, feats := range lists {
		for _, c := range []struct{ w, s int }{{64, 32}, {64, 16}, {10, 3}} {
			count := (len(x)-c.w)/c.s + 1
			dst := make([]float64, count*len(feats))
			newWorkspace().ComputeWindows(dst, len(feats), 0, x, c.w, c.s, count, feats)
			ws := newWorkspace()
			for i := range count {
				want := ws.Compute(nil, x[i*c.s:i*c.s+c.w], feats)
				for j := range feats {
					if got := dst[i*len(feats)+j]; !sameBits(got, want[j]) {
						t.Fatalf("%v w=%d s=%d window %d: %s = %v; want %v", feats, c.w, c.s, i, feats[j], got, want[j])
					}
				}
			}
		}
	}
}

func TestComputeWindowsAllocs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	feats := allKernels()
	for _, c := range []struct{ w, s int }{{256, 128}, {256, 256}, {64, 16}, {100, 30}, {211, 1}, {8, 4}} {
		count := 50
		x := kernelRandom(rng, (count-1)*c.s+c.w)
		dst := make([]float64, count*len(feats))
		ws := newWorkspace()
		ws.ComputeWindows(dst, len(feats), 0, x, c.w, c.s, count, feats) // warm up
		if a := testing.AllocsPerRun(10, func() { ws.ComputeWindows(dst, len(feats), 0, x, c.w, c.s, count, feats) }); a != 0 {
			t.Errorf("w=%d s=%d: ComputeWindows allocates %v times per call; want 0", c.w, c.s, a)
		}
	}
}

func TestComputeWindowsPanics(t *testing.T) {
	ws := newWorkspace()
	x := make([]float64, 10)
	feats := []kernel{kMean, kMedian}
	dst := make([]float64, 8)
	assertPanics(t, "feature: window length must be positive", func() { ws.ComputeWindows(dst, 2, 0, x, 0, 1, 1, feats) })
	assertPanics(t, "feature: stride must be positive", func() { ws.ComputeWindows(dst, 2, 0, x, 4, 0, 1, feats) })
	assertPanics(t, "feature: negative window count, row stride or offset", func() { ws.ComputeWindows(dst, 2, 0, x, 4, 2, -1, feats) })
	assertPanics(t, "feature: negative window count, row stride or offset", func() { ws.ComputeWindows(dst, 2, -1, x, 4, 2, 1, feats) })
	assertPanics(t, "feature: input too short for the windows", func() { ws.ComputeWindows(dst, 2, 0, x, 4, 2, 5, feats) })
	assertPanics(t, "feature: destination too short", func() { ws.ComputeWindows(dst, 2, 0, x, 4, 2, 4, append(feats, kMax)) })
	assertPanics(t, "feature: destination too short", func() { ws.ComputeWindows(dst, 3, 1, x, 4, 2, 3, feats) })
	assertPanics(t, "feature: unknown feature", func() { ws.ComputeWindows(dst, 2, 0, x, 4, 2, 1, []kernel{numKernels}) })
	ws.ComputeWindows(nil, 2, 0, nil, 4, 2, 0, feats) // no windows: nothing to check
	ws.ComputeWindows(dst, 2, 0, x, 4, 2, 4, feats)   // exactly long enough
	ws.ComputeWindows(dst, 3, 1, x, 4, 2, 2, feats)   // rows 1..2, 4..5
}
