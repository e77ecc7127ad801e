package feature

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/lapack"
	"gonum.org/v1/gonum/lapack/gonum"
)

var fitCalcs = []string{
	"linear_trend", "agg_linear_trend", "ar_coefficient", "augmented_dickey_fuller",
	"friedrich_coefficients", "max_langevin_fixed_point", "change_quantiles",
}

// fitFeatures returns the comprehensive preset's features of this file's
// calculators, plus parameter values off the preset grid.
func fitFeatures(t testing.TB, extra bool) []Feature {
	t.Helper()
	g := loadTsfreshGolden(t)
	var names []string
	for _, n := range g.names {
		calc, _, _ := strings.Cut(n, "__")
		for _, c := range fitCalcs {
			if c == calc {
				names = append(names, n)
			}
		}
	}
	if extra {
		names = append(names,
			`linear_trend__attr_"intercept_stderr"`,
			`agg_linear_trend__attr_"pvalue"__chunk_len_3__f_agg_"std"`,
			`agg_linear_trend__attr_"slope"__chunk_len_1__f_agg_"sum"`,
			"ar_coefficient__coeff_0__k_0", "ar_coefficient__coeff_1__k_1", "ar_coefficient__coeff_3__k_3",
			"ar_coefficient__coeff_5__k_3",
			"friedrich_coefficients__coeff_0__m_1__r_1", "friedrich_coefficients__coeff_5__m_5__r_7",
			"max_langevin_fixed_point__m_5__r_7", "max_langevin_fixed_point__m_1__r_2",
			`change_quantiles__f_agg_"mean"__isabs_True__qh_0.2__ql_0.8`,
			`change_quantiles__f_agg_"var"__isabs_False__qh_1__ql_0`,
		)
	}
	var fs []Feature
	for _, n := range names {
		f, err := Parse(n)
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		if f.Name() != n {
			t.Fatalf("Parse(%q).Name() = %q", n, f.Name())
		}
		fs = append(fs, f)
	}
	return fs
}

// fitInputs are the edge cases: every length 1..30 of noise, a constant,
// zeros, a ramp, a sine, and noise with a NaN, +Inf or -Inf at the start,
// the middle or the end.
func fitInputs() map[string][]float64 {
	rng := rand.New(rand.NewPCG(3, 4))
	in := map[string][]float64{}
	for n := 1; n <= 30; n++ {
		noise := make([]float64, n)
		for i := range noise {
			noise[i] = rng.NormFloat64()
		}
		in[fmt.Sprintf("noise%d", n)] = noise
		mk := func(f func(i int) float64) []float64 {
			x := make([]float64, n)
			for i := range x {
				x[i] = f(i)
			}
			return x
		}
		in[fmt.Sprintf("const%d", n)] = mk(func(int) float64 { return 5 })
		in[fmt.Sprintf("zeros%d", n)] = mk(func(int) float64 { return 0 })
		in[fmt.Sprintf("ramp%d", n)] = mk(func(i int) float64 { return float64(i) })
		in[fmt.Sprintf("sine%d", n)] = mk(func(i int) float64 { return math.Sin(float64(i)) })
		for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
			for _, at := range []int{0, n / 2, n - 1} {
				x := append([]float64(nil), noise...)
				x[at] = bad
				in[fmt.Sprintf("noise%d_%v@%d", n, bad, at)] = x
			}
		}
	}
	return in
}

// TestFitEdgeCases computes every feature on every edge case (no panic)
// and checks the values SPEC.md gives for them.
func TestFitEdgeCases(t *testing.T) {
	fs := fitFeatures(t, true)
	set, err := NewSet(fs)
	if err != nil {
		t.Fatal(err)
	}
	ev := set.NewEvaluator()
	got := map[string]map[string]float64{}
	for name, x := range fitInputs() {
		row := make([]float64, len(fs))
		ev.Windows(row, len(fs), 0, x, len(x), 1, 1)
		got[name] = map[string]float64{}
		for i, f := range fs {
			got[name][f.Name()] = row[i]
			// a feature alone gives what it gives in the set
			if v := f.Eval(NewWindow(x)); !fitSame(v, row[i]) {
				t.Errorf("%s %s = %v alone, %v in the set", name, f.Name(), v, row[i])
			}
		}
	}
	nan := math.NaN()
	check := func(input, feature string, want float64) {
		t.Helper()
		v, ok := got[input][feature]
		if !ok {
			t.Fatalf("no %s on %s", feature, input)
		}
		if !fitSame(v, want) && !(math.Abs(v-want) <= 1e-12*max(1, math.Abs(want))) {
			t.Errorf("%s on %s = %v; want %v", feature, input, v, want)
		}
	}
	// linear_trend (SPEC 5.62)
	check("noise1", `linear_trend__attr_"rvalue"`, 0)
	for _, a := range []string{"pvalue", "slope", "intercept", "stderr"} {
		check("noise1", `linear_trend__attr_"`+a+`"`, nan)
	}
	check("noise2", `linear_trend__attr_"pvalue"`, 0)
	check("const2", `linear_trend__attr_"pvalue"`, 1)
	check("noise2", `linear_trend__attr_"stderr"`, 0)
	for _, n := range []int{3, 17, 30} {
		c := fmt.Sprintf("const%d", n)
		check(c, `linear_trend__attr_"rvalue"`, 0)
		check(c, `linear_trend__attr_"pvalue"`, 1)
		check(c, `linear_trend__attr_"slope"`, 0)
		check(c, `linear_trend__attr_"stderr"`, 0)
		check(c, `linear_trend__attr_"intercept"`, 5)
		check(fmt.Sprintf("ramp%d", n), `linear_trend__attr_"rvalue"`, 1)
		check(fmt.Sprintf("ramp%d", n), `linear_trend__attr_"slope"`, 1)
		check(fmt.Sprintf("noise%d_NaN@0", n), `linear_trend__attr_"slope"`, nan)
	}
	// agg_linear_trend (5.63): NaN when chunk_len >= n
	check("noise5", `agg_linear_trend__attr_"slope"__chunk_len_5__f_agg_"max"`, nan)
	check("noise6", `agg_linear_trend__attr_"stderr"__chunk_len_5__f_agg_"max"`, 0) // two chunks
	check("ramp30", `agg_linear_trend__attr_"slope"__chunk_len_10__f_agg_"mean"`, 10)
	// ar_coefficient (5.53)
	for _, n := range []int{1, 10, 21} {
		for _, in := range []string{"noise%d", "const%d", "noise%d_-Inf@0"} {
			c := fmt.Sprintf(in, n)
			check(c, "ar_coefficient__coeff_0__k_10", nan)
			check(c, "ar_coefficient__coeff_9__k_10", nan)
			check(c, "ar_coefficient__coeff_10__k_10", 0)
		}
	}
	check("noise21_NaN@0", "ar_coefficient__coeff_10__k_10", nan) // MissingDataError before the ZeroDivisionError
	check("noise21_NaN@20", "ar_coefficient__coeff_10__k_10", 0)  // y only
	for _, n := range []int{22, 30} {
		check(fmt.Sprintf("const%d", n), "ar_coefficient__coeff_0__k_10", 5.0/251)
		check(fmt.Sprintf("const%d", n), "ar_coefficient__coeff_3__k_10", 25.0/251)
		check(fmt.Sprintf("zeros%d", n), "ar_coefficient__coeff_0__k_10", 0)
		check(fmt.Sprintf("zeros%d", n), "ar_coefficient__coeff_4__k_10", 0)
		check(fmt.Sprintf("noise%d_NaN@%d", n, n/2), "ar_coefficient__coeff_10__k_10", nan)
		check(fmt.Sprintf("noise%d_+Inf@0", n), "ar_coefficient__coeff_10__k_10", nan)
		check(fmt.Sprintf("noise%d_-Inf@0", n), "ar_coefficient__coeff_10__k_10", 0)
		check(fmt.Sprintf("noise%d_-Inf@0", n), "ar_coefficient__coeff_2__k_10", nan)
		check(fmt.Sprintf("noise%d_NaN@%d", n, n-1), "ar_coefficient__coeff_2__k_10", nan)
		if v := got[fmt.Sprintf("noise%d_+Inf@%d", n, n-1)]["ar_coefficient__coeff_1__k_10"]; !math.IsInf(v, 0) {
			t.Errorf("ar_coefficient with x[-1] = +Inf: %v, want +-Inf", v)
		}
	}
	check("noise5", "ar_coefficient__coeff_5__k_3", nan)
	// augmented_dickey_fuller (5.64)
	for _, c := range []string{"noise1", "noise2", "noise3", "const10", "zeros30", "noise30_NaN@15", "noise30_+Inf@0", "noise30_-Inf@15"} {
		for _, a := range []string{"teststat", "pvalue", "usedlag"} {
			check(c, `augmented_dickey_fuller__attr_"`+a+`"__autolag_"AIC"`, nan)
		}
	}
	check("noise30_NaN@29", `augmented_dickey_fuller__attr_"usedlag"__autolag_"AIC"`, 0)
	check("noise30_NaN@29", `augmented_dickey_fuller__attr_"pvalue"__autolag_"AIC"`, nan)
	// friedrich_coefficients, max_langevin_fixed_point (5.60, 5.61)
	for _, c := range []string{"noise1", "noise2", "const30", "zeros30"} {
		check(c, "friedrich_coefficients__coeff_0__m_3__r_30", nan)
		check(c, "max_langevin_fixed_point__m_3__r_30", nan)
	}
	check("noise30", "friedrich_coefficients__coeff_5__m_5__r_7", got["noise30"]["friedrich_coefficients__coeff_5__m_5__r_7"])
	// change_quantiles (5.54)
	check("noise1", `change_quantiles__f_agg_"mean"__isabs_False__qh_1.0__ql_0.0`, 0)
	check("const20", `change_quantiles__f_agg_"var"__isabs_True__qh_1.0__ql_0.0`, 0)
	check("noise20", `change_quantiles__f_agg_"mean"__isabs_True__qh_0.2__ql_0.8`, 0)
	check("ramp20", `change_quantiles__f_agg_"mean"__isabs_False__qh_1.0__ql_0.0`, 1)
	check("ramp20", `change_quantiles__f_agg_"var"__isabs_False__qh_1.0__ql_0.0`, 0)
}

func fitSame(a, b float64) bool {
	return a == b || (a != a && b != b)
}

// TestFitNoAllocs: after a first window, computing more windows through an
// Evaluator allocates nothing.
func TestFitNoAllocs(t *testing.T) {
	fs := fitFeatures(t, true)
	set, err := NewSet(fs)
	if err != nil {
		t.Fatal(err)
	}
	ev := set.NewEvaluator()
	x := benchSignal(2048)
	for i := 0; i < 300; i += 37 {
		x[i] = 5 // a few ties
	}
	dst := make([]float64, 8*len(fs))
	run := func() {
		for _, w := range []int{1024, 256, 30, 5} {
			ev.Windows(dst, len(fs), 0, x, w, (len(x)-w)/7, 8)
		}
	}
	run()
	if a := testing.AllocsPerRun(5, run); a != 0 {
		t.Errorf("%v allocations per run", a)
	}
}

// TestFitNrm2 checks the x87 dnrm2 where it is not the correctly rounded
// norm (values from OpenBLAS 0.3.21).
func TestFitNrm2(t *testing.T) {
	for i, c := range []struct {
		x    []float64
		want float64
	}{
		{[]float64{0x1.9b8462e9527c8p-8, 0x1.1f2188b0af9d7p-6, 0x1.4a34bb3d311a3p-6, 0x1.2299fb5debb5fp-6, -0x1.265e54c6fdfa9p-7, 0x1.72cc7d332bcbap-9, 0x1.f59e63950bce1p-7, 0x1.ab7d31af76384p-10, 0x1.28b1f1ca51a73p-8, 0x1.02550abcd827ap-5, -0x1.0ab4007dcd9fbp-6, -0x1.c486abf23c2b0p-7, 0x1.2070beb873f88p-5, 0x1.55a933d568617p-6, 0x1.d3ffb011b4b4dp-9, -0x1.1b175f793d657p-8, -0x1.c5876a45389f9p-7, 0x1.30c54d5398a10p-10, 0x1.7fd3d4b30fa20p-8, -0x1.3db9e8c6ee86bp-6, -0x1.176b5fe964079p-6, 0x1.57b7ef7da18d9p-8, 0x1.4ac445b70a9efp-8, -0x1.82a0a34fc96dcp-11}, 0x1.303f143827092p-4},
		{[]float64{0x1.6e1bbf2274addp+0, -0x1.bd678f29bcdebp-1, -0x1.e1b145a4667adp+0, -0x1.ffcb6ac5ed238p-1, 0x1.b4aa82476c026p-2, 0x1.66cdc9e086646p-2, 0x1.0c44d35d25103p+0, -0x1.04aef13181055p+1, -0x1.b35825a9a72e7p-1, 0x1.2808c8467f656p+1, 0x1.715d3caced4fdp-1, -0x1.115dcf2f4bd81p-1, -0x1.5391bbf6faea0p+1, 0x1.0e2fba88a48f2p+0, -0x1.39f74caf8af4cp-2, -0x1.1cc93c210f772p+1, -0x1.70e95065992e2p+0, -0x1.8c60fa2ae0b31p-2, 0x1.1f68d50d8711cp+1, -0x1.8642092c332d1p+1, 0x1.7cfce0b199caap-1, 0x1.7ae2c21b06682p+1}, 0x1.eaf2616a47404p+2},
		{[]float64{-0x1.059730fc02779p+7, 0x1.c655351cfa776p+6, -0x1.a6d18074f76b0p+3, -0x1.942d4c6730833p+6, -0x1.096b5e3503a67p+8, 0x1.ebcc4df62cbf3p+6, 0x1.f75dc1a8d22c0p+7, -0x1.683698634411ep+7, 0x1.de756baca9d4bp+6, 0x1.5c78ab82c53ddp+2, 0x1.a04c69e2aea32p+5, 0x1.8172cdd45ed4dp+7, 0x1.931e7f254f180p+6, 0x1.43e5f625809e4p+7, 0x1.1d1544a40c591p+8, -0x1.2897eef1cc63dp+8, -0x1.7e74543a497a7p+7, 0x1.a2c3d7ae64f34p+7, 0x1.dd5b2ffb245c4p+4, 0x1.8900334c4a89dp+6, 0x1.3389fb01191adp+6, 0x1.abace01330782p+6, 0x1.c568dc3f6e692p+6, -0x1.080e81dfb1572p+8, 0x1.52cf48c571035p+7, -0x1.3b4a2b088f8b0p+7, 0x1.283c7c8ea9344p+5, 0x1.9273275f89aedp+6}, 0x1.ad610a720a33ap+9},
		{[]float64{3, 4}, 5},
		{nil, 0},
		{[]float64{0x1p-600, 0x1p-600}, 0x1p-600 * math.Sqrt2},
	} {
		if got := fitNrm2(c.x, 1, len(c.x)); got != c.want {
			t.Errorf("case %d: fitNrm2 = %x; want %x", i, got, c.want)
		}
	}
}

// fitOffsetX is 1e6 + 3 N(0,1), sorted: its cubic Vandermonde columns
// agree to about 1e-12 once scaled.
var fitOffsetX = []float64{0x1.e84747af3cd71p+19, 0x1.e84749071e199p+19, 0x1.e8475bef9197bp+19, 0x1.e84789dc3060cp+19, 0x1.e8479fdaaad7cp+19, 0x1.e847db892ab04p+19, 0x1.e8480b5eb2b55p+19, 0x1.e8480f40236e5p+19, 0x1.e8485a1018efdp+19}

// TestFitDgeqr2 checks the QR of np.polyfit's scaled Vandermonde matrix
// bit for bit against LAPACK's dgeqrf (OpenBLAS 0.3.21, x86-64).
func TestFitDgeqr2(t *testing.T) {
	x := fitOffsetX
	m := len(x)
	var p fitPolyfit
	coef := make([]float64, 4)
	// build the scaled matrix as fit does, without solving
	p.a = make([]float64, m*4)
	for i, v := range x {
		p.a[3*m+i], p.a[2*m+i], p.a[m+i], p.a[i] = 1, v, v*v, float64(v*v)*v
	}
	for c := range 4 {
		col := p.a[c*m : (c+1)*m]
		s := 0.0
		for _, v := range col {
			s += v * v
		}
		s = math.Sqrt(s)
		for i := range col {
			col[i] /= s
		}
	}
	tau, work := make([]float64, 4), make([]float64, 4)
	fitDgeqr2(p.a, m, 4, tau, work)
	wantA := []float64{-0x1.0000000000000p+0, 0x1.fffeffcde5f72p-3, 0x1.ffff3b489eecap-3, 0x1.ffffcbbfc6b48p-3, 0x1.00000877e3cc0p-2, 0x1.000066570549fp-2, 0x1.0000b193be88ap-2, 0x1.0000b7ae4e954p-2, 0x1.00012d5a1ea3bp-2, -0x1.fffffffff6ac8p-1, -0x1.86e7c23ee6f2bp-19, 0x1.62ba8fbe8ad47p-3, 0x1.78e553f84a509p-5, -0x1.e8998d0250401p-7, -0x1.71156fc43a4bep-3, -0x1.40368fa167221p-2, -0x1.4b38408cd5417p-2, -0x1.0fb493231ea4ap-1, -0x1.ffffffffdab1ap-1, -0x1.86e7b659db166p-18, 0x1.e7b930bc86c7ep-38, 0x1.5a0d367761ec0p-2, 0x1.b0333f4efef76p-2, 0x1.b3dfb09d2579cp-2, 0x1.8811c662a249ap-3, 0x1.4e3fcabdd16c4p-3, -0x1.4e426a653a414p-1, -0x1.ffffffffac0fap-1, -0x1.252dbfd7ad17ap-17, 0x1.6dcb64e87465fp-36, 0x1.09dc86fef67d9p-51, -0x1.cb1f68191220ep-9, -0x1.dd6ab2c91acf1p-5, 0x1.7c05342673916p-3, -0x1.5a9ede229f52cp-3, 0x1.8e4e841783663p-1}
	wantTau := []float64{0x1.55551b764b1acp+0, 0x1.4a91b1578b06bp+0, 0x1.04d22cc654fd8p+0, 0x1.32475a8fcf8bep+0}
	for i, w := range wantA {
		if p.a[i] != w {
			t.Errorf("a[%d] (row %d, column %d) = %x; want %x", i, i%m, i/m, p.a[i], w)
		}
	}
	for i, w := range wantTau {
		if tau[i] != w {
			t.Errorf("tau[%d] = %x; want %x", i, tau[i], w)
		}
	}

	// and np.polyfit end to end: its digits past the 4th depend on that QR
	y := []float64{0x1.aef4b287f393fp-2, -0x1.15cdf17b0a86fp+0, 0x1.6c3849831894bp+0, -0x1.795bc1a229892p-1, 0x1.88fb3dc9b4a50p+0, -0x1.09392f8aa5d0dp+1, -0x1.eeb19c6b43ed3p-1, 0x1.9dae7becd6c93p-2, 0x1.1a0d4636d29a9p-3}
	var q fitPolyfit
	q.fit(x, y, 3, coef)
	for i, w := range []float64{1.4655769134691344e-08, -0.01465572515888369, -14655.81407580051, 14655770099.58267} {
		if math.Abs(coef[i]-w) > 1e-9*math.Abs(w) {
			t.Errorf("polyfit coefficient %d = %v; numpy %v", i, coef[i], w)
		}
	}
}

// TestFitPolyfitDeg5 checks np.polyfit(deg=5) on data near 500 along
// dgelsd's three other paths: 5 points (fewer than coefficients, lower
// bidiagonal), 8 (bidiagonal) and 12 (QR), the last two with OpenBLAS's
// four-column gemv kernels.
func TestFitPolyfitDeg5(t *testing.T) {
	for _, c := range []struct{ x, y, want []float64 }{
		{[]float64{0x1.f26dd976ac4e9p+8, 0x1.f36feacf4c5dcp+8, 0x1.f40ac84082b52p+8, 0x1.f465fb92fd1b8p+8, 0x1.f496bde30a244p+8},
			[]float64{0x1.006c7218d86abp+0, -0x1.90e69f02b2bf7p-4, 0x1.3d56b6f62e7c0p-1, 0x1.d63aa1c195c7bp+0, 0x1.12df4e786f1dbp-2},
			[]float64{-0.009710987877228695, 14.553349725998217, -4845.2060290784, -2423477.9416757654, 1815391317.8399858, -302291406577.3681}},
		{[]float64{0x1.f28b113c7f2ffp+8, 0x1.f2d985a6b063cp+8, 0x1.f2ecef9eedcc1p+8, 0x1.f351ab5cbf406p+8, 0x1.f42b54e132cd6p+8, 0x1.f4437a9630194p+8, 0x1.f460115590cb5p+8, 0x1.f5044eba1c95cp+8},
			[]float64{0x1.1cc927abb3e39p-1, -0x1.8bab2dcbf1004p-1, -0x1.ec0550ccc3d60p-2, 0x1.16699d6a63180p-1, -0x1.4c847f8f6269fp+0, -0x1.c2a39ec54953dp-1, 0x1.e8619c7c54d01p-1, 0x1.5eb6c65b061e0p-4},
			[]float64{0.0007154357172876328, -1.0726963025697445, 357.4447176572159, 178582.10219757492, -133891151.22807351, 22305613102.67354}},
		{[]float64{0x1.f27ca1c6707a5p+8, 0x1.f295767ea46b4p+8, 0x1.f31eb79eb7d47p+8, 0x1.f3536e1fa0a62p+8, 0x1.f3d2be3a81065p+8, 0x1.f402e98619f0bp+8, 0x1.f49af3c8d675cp+8, 0x1.f4c23c7fc7d13p+8, 0x1.f4d0df8d636b6p+8, 0x1.f58b7471d87c6p+8, 0x1.f5b85ca776bd4p+8, 0x1.f5f0f4bdf2cbdp+8},
			[]float64{-0x1.b5902a98e536ap-3, 0x1.0e18c6a4173c2p-3, -0x1.403046579f727p-1, 0x1.692a6d1457e2fp-2, -0x1.099f61363dab1p+0, 0x1.279e7fea3fbcbp-1, -0x1.33e1c8bf50c2fp-2, -0x1.8fb6943480687p-5, 0x1.e26db72ea6154p-2, 0x1.da3d985e97a00p-1, -0x1.f7a6eab5d4476p-1, 0x1.94210e8bcfaf2p-1},
			[]float64{5.6915289350787166e-05, -0.08544556287602023, 28.513051606305446, 14254.591296891722, -10702626.21854815, 1785278721.7180552}},
	} {
		var p fitPolyfit
		coef := make([]float64, 6)
		p.fit(c.x, c.y, 5, coef)
		for i, w := range c.want {
			if math.Abs(coef[i]-w) > 1e-9*math.Abs(w) {
				t.Errorf("%d points: polyfit coefficient %d = %v; numpy %v", len(c.x), i, coef[i], w)
			}
		}
	}
}

// TestFitStudent checks linregress's p-value against scipy's 2*stdtr.
func TestFitStudent(t *testing.T) {
	for _, c := range []struct{ df, t, want float64 }{
		{3, -0.5, 0.651447964848151},
		{10, -2.5, 0.031446844236608776},
		{998, -49.9, 1.9730475949903245e-273},
		{50, -1e-3, 0.9992060947755017},
		{7, 30.0, 1.1788468880733126e-08},
	} {
		if got := fitStudentTwoSided(c.df, c.t); math.Abs(got-c.want) > 1e-12*c.want {
			t.Errorf("2*stdtr(%v, -|%v|) = %v; want %v", c.df, c.t, got, c.want)
		}
	}
}

// TestFitRoots compares the largest real part of a polynomial's roots
// with LAPACK's (gonum's dgeev) eigenvalues of the companion matrix.
func TestFitRoots(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var r fitRoots
	impl := gonum.Implementation{}
	for trial := range 2000 {
		deg := 1 + trial%7
		c := make([]float64, deg+1)
		for i := range c {
			c[i] = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(7)-3))
		}
		got := r.maxReal(c)
		n := deg
		a := make([]float64, n*n)
		for j := range n {
			a[j] = -c[j+1] / c[0]
			if j+1 < n {
				a[(j+1)*n+j] = 1
			}
		}
		wr, wi := make([]float64, n), make([]float64, n)
		work := make([]float64, 8*n+64)
		if impl.Dgeev(lapack.LeftEVNone, lapack.RightEVNone, n, a, n, wr, wi, nil, 1, nil, 1, work, len(work)) > 0 {
			continue
		}
		want := math.Inf(-1)
		for _, v := range wr {
			want = max(want, v)
		}
		// a polynomial's roots are as accurate as its conditioning allows
		if math.Abs(got-want) > 1e-7*max(1, math.Abs(want)) {
			t.Errorf("roots of %v: max real part %v; dgeev %v", c, got, want)
		}
	}
	for _, c := range []struct {
		p    []float64
		want float64
	}{
		{[]float64{0, 0, 0, 0}, math.NaN()},
		{[]float64{0, 0, 0, 5}, math.NaN()},
		{[]float64{5, 0, 0, 0}, 0},
		{[]float64{0, 1, -3, 2}, 2},
		{[]float64{1, 0, 1, 0}, 0},  // x^3 + x: 0, +-i
		{[]float64{1, -2, 5, 0}, 1}, // x (x^2 - 2x + 5): 1 +- 2i
		{[]float64{1, math.NaN(), 0, 0}, math.NaN()},
		{[]float64{1e-300, 1e300, 0, 1}, math.NaN()},
	} {
		if got := r.maxReal(c.p); !fitSame(got, c.want) && math.Abs(got-c.want) > 1e-12 {
			t.Errorf("max real root of %v = %v; want %v", c.p, got, c.want)
		}
	}
}

// BenchmarkFitAll computes all of this file's preset features together,
// as a preset does, on one window an iteration.
func BenchmarkFitAll(b *testing.B) {
	fs := fitFeatures(b, false)
	for _, w := range []int{256, 1024} {
		b.Run(fmt.Sprintf("w=%d", w), func(b *testing.B) { benchSet(b, fs, benchSignal(w)) })
	}
}
