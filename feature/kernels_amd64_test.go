package feature

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"golang.org/x/sys/cpu"
)

// TestAVX2MatchesGo checks that the assembly loops give bit for bit what
// the Go loops give (NaN payloads aside: where two different NaNs meet,
// which one survives depends on operand order, which the Go compiler may
// swap; every NaN stays a NaN), on every window length up to 300 (and a few longer), on values that
// test IEEE corner cases (signed zeros, infinities, NaN, huge and tiny).
func TestAVX2MatchesGo(t *testing.T) {
	skipWithoutAVX2(t)
	defer func(v bool) { useAVX2 = v }(useAVX2)
	rng := rand.New(rand.NewPCG(3, 4))
	feats := allKernels()
	on, off := newWorkspace(), newWorkspace()
	lengths := []int{511, 512, 513, 640, 1025, 4100, 9000}
	for n := 1; n <= 300; n++ {
		lengths = append(lengths, n)
	}
	for _, n := range lengths {
		for kind := range 4 {
			x := make([]float64, n)
			for i := range x {
				switch kind {
				case 0:
					x[i] = rng.NormFloat64()
				case 1:
					x[i] = 1e3 + float64(rng.IntN(5))*0.1 // ties, offset
				case 2:
					x[i] = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(40)-20))
				case 3:
					x[i] = rng.NormFloat64()
					if rng.IntN(16) == 0 {
						x[i] = ieeeSpecials[rng.IntN(len(ieeeSpecials))]
					}
				}
			}
			useAVX2 = true
			got := on.Compute(nil, x, feats)
			s1, l1, sl1 := pwSum(x), pwLagSum(x), pwSlopeSum(x, -float64(n-1)/2)
			d1 := make([]float64, n)
			a2, a3, a4, ax := pwMoments(x, 0.5, d1)
			useAVX2 = false
			want := off.Compute(nil, x, feats)
			s2, l2, sl2 := pwSum(x), pwLagSum(x), pwSlopeSum(x, -float64(n-1)/2)
			d2 := make([]float64, n)
			b2, b3, b4, bx := pwMoments(x, 0.5, d2)
			if !sameFloats(got, want) {
				t.Fatalf("n=%d kind=%d: Compute with AVX2 %v; without %v", n, kind, got, want)
			}
			if !sameFloats([]float64{s1, l1, sl1, a2, a3, a4, ax}, []float64{s2, l2, sl2, b2, b3, b4, bx}) || !sameFloats(d1, d2) {
				t.Fatalf("n=%d kind=%d: sums with AVX2 %v; without %v", n, kind,
					[]float64{s1, l1, sl1, a2, a3, a4, ax}, []float64{s2, l2, sl2, b2, b3, b4, bx})
			}
		}
	}
}

// TestForward4MatchesForward checks the four-lane FFT against four scalar
// transforms, bit for bit (NaN payloads aside), on lengths 4^k and values
// with IEEE corner cases (TestComputeWindowsBatchedSpectra checks the
// batches ComputeWindows makes of them).
func TestForward4MatchesForward(t *testing.T) {
	skipWithoutAVX2(t)
	rng := rand.New(rand.NewPCG(5, 6))
	for n := 4; n <= 4096; n *= 4 {
		p := newRFFTPlan(n)
		if !p.batchable() {
			t.Fatalf("n=%d: plan not batchable", n)
		}
		for kind := range 3 {
			lanes := make([][]float64, 4)
			c := make([]float64, 4*n)
			for l := range lanes {
				lanes[l] = make([]float64, n)
				for e := range n {
					v := rng.NormFloat64() * math.Pow(10, float64(rng.IntN(20)-10))
					if kind == 1 && rng.IntN(16) == 0 {
						v = ieeeSpecials[rng.IntN(len(ieeeSpecials))]
					}
					if kind == 2 {
						v = float64(rng.IntN(3)) // ties in the spectrum
					}
					lanes[l][e] = v
					c[4*e+l] = v
				}
				p.forward(lanes[l])
			}
			p.forward4(c, make([]float64, 4*n))
			for l := range lanes {
				for e := range n {
					if !sameBits(c[4*e+l], lanes[l][e]) {
						t.Fatalf("n=%d kind=%d lane %d: element %d = %v; scalar %v", n, kind, l, e, c[4*e+l], lanes[l][e])
					}
				}
			}
		}
	}
	for _, n := range []int{128, 512, 100} {
		if newRFFTPlan(n).batchable() {
			t.Errorf("n=%d has a radix other than 4 but is batchable", n)
		}
	}
}

// TestSortKeysAVX2 checks the bitonic network against slices.Sort on raw
// keys of every power-of-two length it takes, with keys at both ends and
// on both sides of the sign bit, which the network flips to compare.
func TestSortKeysAVX2(t *testing.T) {
	skipWithoutAVX2(t)
	rng := rand.New(rand.NewPCG(7, 8))
	edges := []uint64{0, 1, 1<<63 - 1, 1 << 63, 1<<63 + 1, ^uint64(0), ^uint64(0) - 1}
	for n := 16; n <= 8192; n *= 2 {
		for kind := range 4 {
			a := make([]uint64, n)
			for i := range a {
				switch kind {
				case 0:
					a[i] = rng.Uint64()
				case 1:
					a[i] = edges[rng.IntN(len(edges))]
				case 2:
					a[i] = uint64(rng.IntN(3)) << 62 // many ties
				case 3:
					a[i] = uint64(n - i) // descending
				}
			}
			want := slices.Clone(a)
			slices.Sort(want)
			sortKeysAVX2(a)
			if !slices.Equal(a, want) {
				t.Fatalf("n=%d kind=%d: not sorted like slices.Sort", n, kind)
			}
		}
	}
}

// TestSortFloatsAVX2 checks that the network's own float-to-key step
// gives floatKey's keys, sorted, on values with signed zeros, infinities,
// NaNs of either sign and subnormals.
func TestSortFloatsAVX2(t *testing.T) {
	skipWithoutAVX2(t)
	rng := rand.New(rand.NewPCG(9, 10))
	specials := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(),
		math.Float64frombits(0xFFF8000000000001), 5e-324, -5e-324, math.MaxFloat64, -math.MaxFloat64}
	for n := 16; n <= 4096; n *= 2 {
		for kind := range 3 {
			x := make([]float64, n)
			for i := range x {
				switch kind {
				case 0:
					x[i] = rng.NormFloat64()
				case 1:
					x[i] = specials[rng.IntN(len(specials))]
				case 2:
					x[i] = float64(rng.IntN(3) - 1)
				}
			}
			want := make([]uint64, n)
			for i, v := range x {
				want[i] = floatKey(v)
			}
			slices.Sort(want)
			got := make([]uint64, n)
			sortFloatsAVX2(got, x)
			if !slices.Equal(got, want) {
				t.Fatalf("n=%d kind=%d: keys differ from floatKey's, sorted", n, kind)
			}
		}
	}
}

// TestComputeWindowsBatchedSpectra: windows whose spectra are batched
// agree bit for bit with Compute for overlapping and disjoint windows,
// counts that leave 1 to 3 windows in the last batch, NaN, infinite and
// constant windows, and rows that overlap (a row stride of 0 keeps the
// last window's values).
func TestComputeWindowsBatchedSpectra(t *testing.T) {
	skipWithoutAVX2(t)
	rng := rand.New(rand.NewPCG(11, 12))
	feats := allKernels()
	nf := len(feats)
	ws, ref := newWorkspace(), newWorkspace()
	for _, w := range []int{16, 64, 256} {
		for _, s := range []int{w / 4, w / 2, w, w + 3} {
			for _, kind := range []string{"random", "nan", "inf", "steps"} {
				for count := 1; count <= 9; count++ {
					x := slidingData(rng, kind, (count-1)*s+w)
					for _, stride := range []int{nf, 0} {
						dst := make([]float64, (count-1)*stride+nf)
						ws.ComputeWindows(dst, stride, 0, x, w, s, count, feats)
						for i := range count {
							if stride == 0 && i < count-1 {
								continue
							}
							want := ref.Compute(nil, x[i*s:i*s+w], feats)
							if got := dst[i*stride : i*stride+nf]; !sameFloats(got, want) {
								t.Fatalf("w=%d s=%d %s count=%d row stride %d, window %d: %v; Compute %v", w, s, kind, count, stride, i, got, want)
							}
						}
					}
				}
			}
		}
	}
	if ws.batch.on || ws.batch.queued != 0 {
		t.Errorf("batching left on after ComputeWindows: on %v, %d queued", ws.batch.on, ws.batch.queued)
	}
}

// ieeeSpecials are values the AVX2 kernels must treat as the Go loops do.
var ieeeSpecials = []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), 1e300, -1e-300, 5e-324}

// skipWithoutAVX2 skips a test of the assembly on a CPU that never runs it.
func skipWithoutAVX2(t *testing.T) {
	t.Helper()
	if !cpu.X86.HasAVX2 {
		t.Skip("this CPU has no AVX2, so the assembly is never used")
	}
}
