package feature

import (
	"math/rand/v2"
	"testing"

	"golang.org/x/sys/cpu"
)

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

// skipWithoutAVX2 skips a test of the assembly on a CPU that never runs it.
func skipWithoutAVX2(t *testing.T) {
	t.Helper()
	if !cpu.X86.HasAVX2 {
		t.Skip("this CPU has no AVX2, so the assembly is never used")
	}
}
