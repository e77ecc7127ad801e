package feature

import (
	"fmt"
	"math"
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
			feats := allKernels()
			dst := make([]float64, len(feats))
			ws := newWorkspace()
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
			ws := newWorkspace()
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

// benchSignal is sensor-like data: a sine with noise, rounded to 6
// decimals as the demo CSV files hold it.
func benchSignal(n int) []float64 {
	rng := rand.New(rand.NewPCG(1, 1))
	x := make([]float64, n)
	for i := range x {
		v := 0.9*math.Sin(2*math.Pi*1.8*float64(i)/50+0.3) + 0.08*rng.NormFloat64()
		x[i] = math.Round(v*1e6) / 1e6
	}
	return x
}

// BenchmarkComputeWindows computes all features of 1000 windows of one
// column per iteration and reports the time per window.
func BenchmarkComputeWindows(b *testing.B) {
	for _, c := range []struct{ w, s int }{{256, 128}, {256, 256}, {64, 16}} {
		b.Run(fmt.Sprintf("w%ds%d", c.w, c.s), func(b *testing.B) {
			const count = 1000
			x := benchSignal((count-1)*c.s + c.w)
			feats := allKernels()
			dst := make([]float64, count*len(feats))
			ws := newWorkspace()
			ws.ComputeWindows(dst, len(feats), 0, x, c.w, c.s, count, feats) // warm up
			b.ReportAllocs()
			b.SetBytes(int64(8 * c.w * count))
			cpu0 := cpuTime()
			for b.Loop() {
				ws.ComputeWindows(dst, len(feats), 0, x, c.w, c.s, count, feats)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*count), "ns/window")
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N*count), "cpu-ns/window")
		})
	}
}
