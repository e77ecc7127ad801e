//go:build !amd64

package numpyexact

// Without assembly the Go twins run everywhere.
var (
	cpuHasAVX2 = false
	useAVX2    = false
)

func laneSumAVX2(x *float64, n int, out *[8]float64)                   { panic("unreachable") }
func momentsAVX2(x, d *float64, n int, mean float64, out *[32]float64) { panic("unreachable") }
func lagAVX2(d *float64, n int, out *[8]float64)                       { panic("unreachable") }
func slopeAVX2(d *float64, n int, t *[8]float64, out *[8]float64)      { panic("unreachable") }
func magsAVX2(c *float64, k int, out *float64) (top float64)           { panic("unreachable") }
func gtMaskAVX2(x *float64, words int, mean float64, out *[8]uint64)   { panic("unreachable") }
func radf4x4k0(ido, l1 int, cc, ch *float64)                           { panic("unreachable") }
func radf4x4kh(ido, l1 int, cc, ch *float64, hsqt2 float64)            { panic("unreachable") }
func radf4x4ki(ido, l1 int, cc, ch, wa *float64)                       { panic("unreachable") }
func transpose4(dst *float64, dstRow, dstStep int, src *float64, srcRow, srcStep, blocks int) {
	panic("unreachable")
}
func bitonic16(a *uint64, groups int, out uint64)                        { panic("unreachable") }
func bitonicFlip(a *uint64, runVecs, pairs int)                          { panic("unreachable") }
func bitonicHalf(a *uint64, dist, blocks int)                            { panic("unreachable") }
func bitonicFinal16(a *uint64, groups int, out uint64)                   { panic("unreachable") }
func bitonic16f(dst *uint64, x *float64, groups int, out uint64)         { panic("unreachable") }
func centroidTermsAVX2(mag, fx *float64, n int, step float64)            { panic("unreachable") }
func countAtLeastAVX2(x *float64, n int, cut float64) (first, count int) { panic("unreachable") }
