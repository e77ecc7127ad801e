package numpyexact

import "golang.org/x/sys/cpu"

// cpuHasAVX2 is whether this CPU runs the assembly; useAVX2 selects it
// (the equivalence tests turn it off to run the Go twins).
var (
	cpuHasAVX2 = cpu.X86.HasAVX2
	useAVX2    = cpuHasAVX2
)

//go:noescape
func laneSumAVX2(x *float64, n int, out *[8]float64)

//go:noescape
func momentsAVX2(x, d *float64, n int, mean float64, out *[32]float64)

//go:noescape
func lagAVX2(d *float64, n int, out *[8]float64)

//go:noescape
func slopeAVX2(d *float64, n int, t *[8]float64, out *[8]float64)

//go:noescape
func magsAVX2(c *float64, k int, out *float64) (top float64)

//go:noescape
func gtMaskAVX2(x *float64, words int, mean float64, out *[8]uint64)

//go:noescape
func radf4x4k0(ido, l1 int, cc, ch *float64)

//go:noescape
func radf4x4kh(ido, l1 int, cc, ch *float64, hsqt2 float64)

//go:noescape
func radf4x4ki(ido, l1 int, cc, ch, wa *float64)

//go:noescape
func transpose4(dst *float64, dstRow, dstStep int, src *float64, srcRow, srcStep, blocks int)

//go:noescape
func bitonic16(a *uint64, groups int, out uint64)

//go:noescape
func bitonicFlip(a *uint64, runVecs, pairs int)

//go:noescape
func bitonicHalf(a *uint64, dist, blocks int)

//go:noescape
func bitonicFinal16(a *uint64, groups int, out uint64)

//go:noescape
func bitonic16f(dst *uint64, x *float64, groups int, out uint64)

//go:noescape
func centroidTermsAVX2(mag, fx *float64, n int, step float64)

//go:noescape
func countAtLeastAVX2(x *float64, n int, cut float64) (first, count int)
