//go:build amd64

package feature

import (
	"math"
	"testing"
)

// The bits of the LAPACK paths below are OpenBLAS's on amd64, where the
// golden values were made; elsewhere (arm64) the fits agree with the
// golden values within their tolerance, not bit for bit.

// TestFitBidiag checks dgelsd's other reductions bit for bit against
// LAPACK (OpenBLAS 0.3.21, x86-64): dgebd2 of np.polyfit's scaled matrix
// for 5 points (fewer than ilaenv's crossover to QR) and dgelq2 for 3
// (fewer points than coefficients), and np.polyfit end to end, on data
// near 1e4 where the rounding of those reductions shows in the 4th digit.
func TestFitBidiag(t *testing.T) {
	scaled := func(x []float64) []float64 {
		m := len(x)
		a := make([]float64, m*4)
		for i, v := range x {
			a[3*m+i], a[2*m+i], a[m+i], a[i] = 1, v, v*v, float64(v*v)*v
		}
		for c := range 4 {
			col := a[c*m : (c+1)*m]
			s := 0.0
			for _, v := range col {
				s += v * v
			}
			s = math.Sqrt(s)
			for i := range col {
				col[i] /= s
			}
		}
		return a
	}
	same := func(what string, got, want []float64) {
		t.Helper()
		for i, w := range want {
			if got[i] != w {
				t.Errorf("%s[%d] = %x; want %x", what, i, got[i], w)
			}
		}
	}
	x5 := []float64{0x1.38636b2fefbedp+13, 0x1.387f3e304e940p+13, 0x1.3885bd892f60dp+13, 0x1.38982bbbf8149p+13, 0x1.389afc5e724b6p+13}
	a := scaled(x5)
	d, e, tq, tp, work := make([]float64, 4), make([]float64, 4), make([]float64, 4), make([]float64, 4), make([]float64, 5)
	fitDgebd2(a, 5, 5, 4, d, e, tq, tp, work)
	same("dgebd2 a", a, []float64{-0x1.fffffffffffffp-1, 0x1.3c7be098bbd3cp-2, 0x1.3c8f9eb63a535p-2, 0x1.3cc7a38615b57p-2, 0x1.3cd0327385a5ep-2, 0x1.bb67aa433ac12p+0, -0x1.c72beecbd6cffp-11, 0x1.c06d8e4409ed8p-3, 0x1.307f391c6edd4p-1, 0x1.4de45f21f7645p-1, 0x1.76cf5c85b257ep-2, -0x1.73b102018d204p-12, -0x1.12c604e0a90c9p-24, -0x1.4ad702c47b685p-2, -0x1.e6390412db1f2p-2, 0x1.76cf58aa1178dp-2, 0x1.88e378a18fc28p-1, 0x1.7cbbbe2d20012p-26, -0x1.ec68b966a1399p-41, 0x1.0275a5da8efdfp-3})
	same("d", d, []float64{-0x1.fffffffffffffp-1, -0x1.c72beecbd6cffp-11, -0x1.12c604e0a90c9p-24, -0x1.ec68b966a1399p-41})
	same("e", e, []float64{0x1.bb67aa433ac12p+0, -0x1.73b102018d204p-12, 0x1.7cbbbe2d20012p-26})
	same("tauq", tq, []float64{0x1.72571fcecb42dp+0, 0x1.18411128d2985p+0, 0x1.8101dc9685325p+0, 0x1.f7f92f3217774p+0})
	same("taup", tp, []float64{0x1.93cd3b4a137bdp+0, 0x1.423f4c0d35d2ep+0, 0, 0})

	x3 := []float64{0x1.3864e2109885ep+13, 0x1.3889585336230p+13, 0x1.388a366b67fadp+13}
	a = scaled(x3)
	tau := make([]float64, 3)
	fitDgelq2(a, 3, 4, tau, work)
	same("dgelq2 a", a, []float64{-0x1.27778deb859cbp+0, -0x1.27ab45e0bd951p+0, -0x1.27ac810022d52p+0, 0x1.555554730a5e0p-2, -0x1.34985775eb460p-11, -0x1.3bf0e95e98be6p-11, 0x1.5570374a13520p-2, -0x1.c9c6ddd57070ap-2, 0x1.919ed67b0b895p-29, 0x1.558b1a2162b6bp-2, -0x1.c9e576c6c1adep-1, 0x1.123195fece524p-3})
	same("tau", tau, []float64{0x1.7ff0e080aee53p+0, 0x1.000aa18515483p+0, 0x1.f6fbedb7d62adp+0})

	for _, c := range []struct{ x, y, want []float64 }{
		{x5, []float64{-0x1.9996cb02c887ap-1, -0x1.9b1d249b2e1fdp-1, -0x1.153376964a767p+0, -0x1.ca0693e218fc3p-3, 0x1.aaf2ddffa8180p-1},
			[]float64{0.07747519967733815, -2324.178079235777, 23241000.97816235, -77467401536.16225}},
		{x3, []float64{-0x1.922a92c6bd4eep+0, 0x1.8dc60b79febb3p+0, 0x1.f011be1c6b31ap-1},
			[]float64{-6.514126514310518e-05, 0.6513365362463731, 6513.440610514073, -65126788.67546071}},
	} {
		var p fitPolyfit
		coef := make([]float64, 4)
		p.fit(c.x, c.y, 3, coef)
		for i, w := range c.want {
			if math.Abs(coef[i]-w) > 1e-9*math.Abs(w) {
				t.Errorf("%d points: polyfit coefficient %d = %v; numpy %v", len(c.x), i, coef[i], w)
			}
		}
	}
}
