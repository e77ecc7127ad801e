package numpyexact

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// The equivalence harness: each AVX2 kernel gives bit for bit what its
// pure-Go twin gives (NaN payloads aside: where two different NaNs meet,
// which one survives depends on operand order, which the Go compiler may
// swap; every NaN stays a NaN), on every length up to 300 and a few
// longer, on values that test IEEE corner cases: signed zeros,
// infinities, NaN, huge and tiny values, ties. On a CPU without AVX2 both
// runs take the Go path and the harness checks nothing but determinism.

// ieeeSpecials are values the AVX2 kernels must treat as the Go loops do.
var ieeeSpecials = []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), 1e300, -1e-300, 5e-324}

// equivData returns n values of one of four kinds.
func equivData(rng *rand.Rand, kind, n int) []float64 {
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
	return x
}

// bothWays runs f with the assembly on, then off, and returns both results.
func bothWays[T any](f func() T) (avx, golang T) {
	defer func(v bool) { useAVX2 = v }(useAVX2)
	useAVX2 = cpuHasAVX2
	avx = f()
	useAVX2 = false
	return avx, f()
}

func TestAVX2MatchesGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	lengths := []int{511, 512, 513, 640, 1025, 4100, 9000}
	for n := 1; n <= 300; n++ {
		lengths = append(lengths, n)
	}
	for _, n := range lengths {
		for kind := range 4 {
			x := equivData(rng, kind, n)
			check := func(what string, f func() []float64) {
				t.Helper()
				if a, b := bothWays(f); !sameFloats(a, b) {
					t.Fatalf("n=%d kind=%d %s: AVX2 %v; Go %v", n, kind, what, a, b)
				}
			}
			check("sums", func() []float64 {
				return []float64{Sum(x), LagSum(x, 1), SlopeSum(x, -float64(n-1)/2)}
			})
			check("moments", func() []float64 {
				d := make([]float64, n)
				s2, s3, s4, sx := Moments(x, 0.5, d)
				return append(d, s2, s3, s4, sx)
			})
			check("mean crossings", func() []float64 {
				return []float64{float64(MeanCrossings(x, Sum(x)/float64(n)))}
			})
			check("magnitudes", func() []float64 {
				mag := make([]float64, n/2+1)
				top := FastMags(x, mag)
				return append(mag, top)
			})
			cut := math.Abs(x[n/2])
			check("count at least", func() []float64 {
				first, count := CountAtLeast(x, cut)
				return []float64{float64(first), float64(count)}
			})
			check("centroid terms", func() []float64 {
				fx := make([]float64, n)
				CentroidTerms(x, fx, 1/float64(n))
				return fx
			})
			if p := SortedLen(n); p == n {
				keys := func() []float64 {
					dst, tmp := make([]uint64, p), make([]uint64, p)
					k, nan := SortBlock(dst, tmp, x)
					out := make([]float64, 0, n+1)
					for _, v := range k {
						out = append(out, math.Float64frombits(v))
					}
					return append(out, map[bool]float64{true: 1}[nan])
				}
				a, b := bothWays(keys)
				if !slices.EqualFunc(a, b, func(u, v float64) bool { return math.Float64bits(u) == math.Float64bits(v) }) {
					t.Fatalf("n=%d kind=%d: sorted keys differ", n, kind)
				}
			}
		}
	}
}

// sameBits reports whether a and b are the same bits, or both NaN.
func sameBits(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || math.IsNaN(a) && math.IsNaN(b)
}

// sameFloats is sameBits for slices.
func sameFloats(a, b []float64) bool {
	return slices.EqualFunc(a, b, sameBits)
}
