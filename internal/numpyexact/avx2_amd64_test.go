package numpyexact

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"golang.org/x/sys/cpu"
)

// TestForward4MatchesForward checks the four-lane FFT against four scalar
// transforms, bit for bit (NaN payloads aside), on lengths 4^k and values
// with IEEE corner cases (TestComputeWindowsBatchedSpectra checks the
// batches ComputeWindows makes of them).
func TestForward4MatchesForward(t *testing.T) {
	skipWithoutAVX2(t)
	rng := rand.New(rand.NewPCG(5, 6))
	for n := 4; n <= 4096; n *= 4 {
		p := NewRFFT(n)
		if !p.Batchable() {
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
				p.Forward(lanes[l])
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
		if NewRFFT(n).Batchable() {
			t.Errorf("n=%d has a radix other than 4 but is batchable", n)
		}
	}
}

// TestsortKeysAVX2 checks the bitonic network against slices.Sort on raw
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
// gives FloatKey's keys, sorted, on values with signed zeros, infinities,
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
				want[i] = FloatKey(v)
			}
			slices.Sort(want)
			got := make([]uint64, n)
			sortFloatsAVX2(got, x)
			if !slices.Equal(got, want) {
				t.Fatalf("n=%d kind=%d: keys differ from FloatKey's, sorted", n, kind)
			}
		}
	}
}

// skipWithoutAVX2 skips a test of the assembly on a CPU that never runs it.
func skipWithoutAVX2(t *testing.T) {
	t.Helper()
	if !cpu.X86.HasAVX2 {
		t.Skip("this CPU has no AVX2, so the assembly is never used")
	}
}
