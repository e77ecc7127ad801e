package feature

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// BenchmarkCompute computes all features of one window per iteration, with
// a warmed-up Workspace; SetBytes counts the window's float64 values.
func BenchmarkCompute(b *testing.B) {
	for _, w := range []int{8, 256, 4096} {
		b.Run(fmt.Sprintf("w=%d", w), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(1, 1))
			x := kernelRandom(rng, w)
			feats := All()
			dst := make([]float64, len(feats))
			ws := NewWorkspace()
			ws.Reset(w)
			b.ReportAllocs()
			b.SetBytes(int64(8 * w))
			for b.Loop() {
				ws.Compute(dst, x, feats)
			}
		})
	}
}

// BenchmarkKernelFFT is the rfft and magnitudes alone, the part of Compute
// that fft_peak_freq and spectral_centroid add.
func BenchmarkKernelFFT(b *testing.B) {
	for _, w := range []int{8, 256, 4096} {
		b.Run(fmt.Sprintf("w=%d", w), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(1, 1))
			x := kernelRandom(rng, w)
			d := make([]float64, w)
			ws := NewWorkspace()
			ws.Reset(w)
			b.ReportAllocs()
			b.SetBytes(int64(8 * w))
			for b.Loop() {
				copy(d, x)
				ws.spectrum(d)
			}
		})
	}
}
