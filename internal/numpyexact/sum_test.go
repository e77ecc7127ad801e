package numpyexact

import (
	"math/rand/v2"
	"testing"
)

// TestKernelPairwiseSum pins numpy's summation order with values whose sum
// depends on it (big + 1 == big, so the order decides whether a 1 is lost).
func TestKernelPairwiseSum(t *testing.T) {
	const big = 1e100
	at := func(n int, kv ...float64) []float64 { // at(n, i, v, j, w, ...)
		x := make([]float64, n)
		for k := 0; k < len(kv); k += 2 {
			x[int(kv[k])] = kv[k+1]
		}
		return x
	}
	tests := []struct {
		name string
		x    []float64
		want float64
	}{
		{"empty", nil, 0},
		// n < 8: in order, ((1+big)+1)-big.
		{"sequential", []float64{1, big, 1, -big}, 0},
		// n = 8: ((big+1)+(-big+1)) + 0 = 0; in order it would be 2.
		{"tree of 8", []float64{big, 1, -big, 1, 0, 0, 0, 0}, 0},
		// n = 16: r0 = big-big, r1 = 1; in order 0.
		{"8 accumulators", at(16, 0, big, 1, 1, 8, -big), 1},
		// n = 9: the 9th value is added after the tree, (big+1) - big = 0;
		// folding it into r0 would give (big-big) + 1 = 1.
		{"remainder after tree", at(9, 0, big, 1, 1, 8, -big), 0},
		// n = 129 splits at 64: [.., 1] + [big, .., -big] = 1 + 0; in order 0.
		{"split at n/2", at(129, 63, 1, 64, big, 128, -big), 1},
		// n = 8193: chunks of 8192 then 1: (0 + (big - big)) + 1 = 1; one
		// pairwise tree over all 8193 values gives big + (-big + 1) = 0.
		{"chunks of 8192", at(8193, 0, big, 8191, -big, 8192, 1), 1},
	}
	for _, tt := range tests {
		if got := Sum(tt.x); got != tt.want {
			t.Errorf("%s: Sum = %v; want %v", tt.name, got, tt.want)
		}
	}
}

// TestKernelMomentsMatchSum checks that the fused moment pass sums each
// quantity exactly as Sum sums the materialised array.
func TestKernelMomentsMatchSum(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for _, n := range []int{1, 2, 7, 8, 9, 10, 16, 17, 127, 128, 129, 130, 255, 256, 1000, 8192, 8193, 8194, 16385, 20000} {
		x := kernelRandom(rng, n)
		for i := range x {
			x[i] = x[i]*1e3 + 1e6
		}
		mean := Sum(x) / float64(n)
		d := make([]float64, n)
		s2, s3, s4, sx2 := Moments(x, mean, d)
		a2, a3, a4, ax := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
		for i, v := range x {
			e := v - mean
			if d[i] != e {
				t.Fatalf("n=%d: d[%d] = %v; want %v", n, i, d[i], e)
			}
			q := e * e
			a2[i], a3[i], a4[i], ax[i] = q, q*e, q*q, v*v
		}
		// The lag and slope products, fused into their sums.
		lag := make([]float64, n-1)
		for i := range lag {
			lag[i] = d[i] * d[i+1]
		}
		tbar := float64(n-1) / 2
		slope := make([]float64, n)
		for i := range slope {
			slope[i] = d[i] * (float64(i) - tbar)
		}
		for _, c := range []struct {
			name      string
			got, want float64
		}{
			{"d^2", s2, Sum(a2)}, {"d^3", s3, Sum(a3)}, {"d^4", s4, Sum(a4)}, {"x^2", sx2, Sum(ax)},
			{"d[i]*d[i+1]", LagSum(d, 1), Sum(lag)}, {"d[i]*(i-tbar)", SlopeSum(d, -tbar), Sum(slope)},
		} {
			if c.got != c.want {
				t.Errorf("n=%d: sum of %s = %v; want %v", n, c.name, c.got, c.want)
			}
		}
		for _, k := range []int{2, 3, 9} {
			if k > n {
				continue
			}
			lagk := make([]float64, n-k)
			for i := range lagk {
				lagk[i] = d[i] * d[i+k]
			}
			if got, want := LagSum(d, k), Sum(lagk); got != want {
				t.Errorf("n=%d: sum of d[i]*d[i+%d] = %v; want %v", n, k, got, want)
			}
		}
	}
}

func TestKernelMeanCrossings(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for n := 1; n < 40; n++ {
		for range 20 {
			x := make([]float64, n)
			for i := range x {
				x[i] = float64(rng.IntN(3))
			}
			mean := 1.0
			want := 0
			for i := 1; i < n; i++ {
				if (x[i] > mean) != (x[i-1] > mean) {
					want++
				}
			}
			if got := MeanCrossings(x, mean); got != want {
				t.Fatalf("MeanCrossings(%v, 1) = %d; want %d", x, got, want)
			}
		}
	}
}

func kernelRandom(rng *rand.Rand, n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	return x
}
