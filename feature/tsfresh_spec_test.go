package feature

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// specNames are the spectral features of the comprehensive preset, plus
// a few other parameter values.
func specNames() []string {
	var names []string
	for _, a := range []string{"real", "imag", "abs", "angle"} {
		for k := range 100 {
			names = append(names, fmt.Sprintf(`fft_coefficient__attr_"%s"__coeff_%d`, a, k))
		}
	}
	for _, a := range []string{"centroid", "variance", "skew", "kurtosis"} {
		names = append(names, fmt.Sprintf(`fft_aggregated__aggtype_"%s"`, a))
	}
	for _, c := range []int{0, 1, 2, 5, 8, 200} {
		names = append(names, fmt.Sprintf("spkt_welch_density__coeff_%d", c))
	}
	for _, b := range []int{1, 2, 3, 5, 10, 100} {
		names = append(names, fmt.Sprintf("fourier_entropy__bins_%d", b))
	}
	names = append(names, "binned_entropy__max_bins_10", "binned_entropy__max_bins_1")
	for c := range 16 {
		for _, w := range []int{2, 5, 10, 20} {
			names = append(names, fmt.Sprintf("cwt_coefficients__coeff_%d__w_%d__widths_(2, 5, 10, 20)", c, w))
		}
	}
	names = append(names, "cwt_coefficients__coeff_3__w_1__widths_(1, 3)", "cwt_coefficients__coeff_40__w_3__widths_(1, 3)")
	for _, n := range []int{1, 2, 5, 12} {
		names = append(names, fmt.Sprintf("number_cwt_peaks__n_%d", n))
	}
	return names
}

func specSet(t testing.TB) (*Set, map[string]int) {
	t.Helper()
	set, err := ParseSet(specNames())
	if err != nil {
		t.Fatal(err)
	}
	pos := map[string]int{}
	for i, n := range set.FeatureNames() {
		pos[n] = i
	}
	return set, pos
}

// TestTsfreshSpecEdges computes every spectral feature on short, constant,
// NaN and ±Inf series of lengths 1..30 (no panic), and checks the edge
// values SPEC.md gives.
func TestTsfreshSpecEdges(t *testing.T) {
	set, pos := specSet(t)
	ev := set.NewEvaluator()
	rng := rand.New(rand.NewPCG(1, 1))
	get := func(x []float64) func(string) float64 {
		out := make([]float64, set.Len())
		ev.Windows(out, set.Len(), 0, x, len(x), 1, 1)
		return func(name string) float64 {
			i, ok := pos[name]
			if !ok {
				t.Fatalf("no feature %s", name)
			}
			return out[i]
		}
	}
	isNaN := math.IsNaN
	for n := 1; n <= 30; n++ {
		for _, kind := range []string{"noise", "const", "zeros", "nan", "inf", "-inf"} {
			x := make([]float64, n)
			for i := range x {
				switch kind {
				case "const":
					x[i] = 5
				case "zeros":
				default:
					x[i] = rng.NormFloat64()
				}
			}
			switch kind {
			case "nan":
				x[n/2] = math.NaN()
			case "inf":
				x[n/2] = math.Inf(1)
			case "-inf":
				x[n/2] = math.Inf(-1)
			}
			v := get(x)
			where := fmt.Sprintf("n=%d %s", n, kind)
			for k := n/2 + 1; k < 100; k++ {
				if f := v(fmt.Sprintf(`fft_coefficient__attr_"abs"__coeff_%d`, k)); !isNaN(f) {
					t.Errorf("%s: fft_coefficient abs coeff %d = %v; want NaN", where, k, f)
				}
			}
			for _, c := range []int{0, 1, 2, 5, 8, 200} {
				f := v(fmt.Sprintf("spkt_welch_density__coeff_%d", c))
				switch {
				case c >= min(n, 256)/2+1:
					if !isNaN(f) {
						t.Errorf("%s: spkt_welch_density coeff %d = %v; want NaN", where, c, f)
					}
				case kind == "const" || kind == "zeros":
					if f != 0 {
						t.Errorf("%s: spkt_welch_density coeff %d = %v; want 0", where, c, f)
					}
				}
			}
			for c := range 16 {
				f := v(fmt.Sprintf("cwt_coefficients__coeff_%d__w_5__widths_(2, 5, 10, 20)", c))
				if (c >= n) != isNaN(f) && kind != "nan" && kind != "inf" && kind != "-inf" {
					t.Errorf("%s: cwt_coefficients coeff %d = %v", where, c, f)
				}
			}
			be := v("binned_entropy__max_bins_10")
			fe := v("fourier_entropy__bins_10")
			switch kind {
			case "nan", "inf", "-inf":
				if !isNaN(be) {
					t.Errorf("%s: binned_entropy = %v; want NaN", where, be)
				}
			case "const", "zeros":
				if be != 0 || !isNaN(fe) {
					t.Errorf("%s: binned_entropy = %v, fourier_entropy = %v; want 0, NaN", where, be, fe)
				}
			}
			if n == 1 && (be != 0 && kind == "noise" || !isNaN(fe)) {
				t.Errorf("%s: binned_entropy = %v, fourier_entropy = %v; want 0, NaN", where, be, fe)
			}
			if n <= 2 {
				for _, w := range []int{1, 2, 5, 12} {
					if f := v(fmt.Sprintf("number_cwt_peaks__n_%d", w)); f != 0 {
						t.Errorf("%s: number_cwt_peaks n=%d = %v; want 0", where, w, f)
					}
				}
			}
			agg := func(a string) float64 { return v(fmt.Sprintf(`fft_aggregated__aggtype_"%s"`, a)) }
			if kind == "zeros" {
				for _, a := range []string{"centroid", "variance", "skew", "kurtosis"} {
					if f := agg(a); !isNaN(f) {
						t.Errorf("%s: fft_aggregated %s = %v; want NaN", where, a, f)
					}
				}
			}
			if n == 1 && (kind == "noise" || kind == "const") {
				if agg("centroid") != 0 || agg("variance") != 0 || !isNaN(agg("skew")) || !isNaN(agg("kurtosis")) {
					t.Errorf("%s: fft_aggregated = %v %v %v %v; want 0 0 NaN NaN", where, agg("centroid"), agg("variance"), agg("skew"), agg("kurtosis"))
				}
			}
		}
	}
}

// TestTsfreshSpecNoAlloc: after a window of each length, the spectral
// features allocate nothing per window.
func TestTsfreshSpecNoAlloc(t *testing.T) {
	set, _ := specSet(t)
	ev := set.NewEvaluator()
	rng := rand.New(rand.NewPCG(2, 2))
	for _, n := range []int{3, 37, 256, 1024} {
		x := make([]float64, 3*n)
		for i := range x {
			x[i] = rng.NormFloat64()
		}
		dst := make([]float64, 3*set.Len())
		ev.Windows(dst, set.Len(), 0, x, n, n, 3)
		if a := testing.AllocsPerRun(20, func() { ev.Windows(dst, set.Len(), 0, x, n, n, 3) }); a != 0 {
			t.Errorf("n=%d: %v allocations a call", n, a)
		}
	}
}

// TestTsfreshSpecParams: names round-trip, and bad parameters are refused.
func TestTsfreshSpecParams(t *testing.T) {
	for _, name := range []string{
		"cwt_coefficients__coeff_3__w_1__widths_(1, 3)",
		`fft_coefficient__attr_"angle"__coeff_250`,
		"number_cwt_peaks__n_12",
		"fourier_entropy__bins_1",
	} {
		f, err := Parse(name)
		if err != nil || f.Name() != name {
			t.Errorf("Parse(%q) = %q, %v", name, f.Name(), err)
		}
	}
	for _, name := range []string{
		"cwt_coefficients__coeff_3__w_4__widths_(1, 3)",
		"cwt_coefficients__coeff_-1__w_2__widths_(2, 5, 10, 20)",
		"cwt_coefficients__coeff_1__w_0__widths_(0, 5)",
		`fft_coefficient__attr_"phase"__coeff_2`,
		`fft_coefficient__attr_"abs"__coeff_-1`,
		`fft_aggregated__aggtype_"mean"`,
		"spkt_welch_density__coeff_-2",
		"fourier_entropy__bins_0",
		"binned_entropy__max_bins_0",
		"number_cwt_peaks__n_0",
		"number_cwt_peaks__n_5000",
		"fourier_entropy__bins_2000000",
		"cwt_coefficients__coeff_1__w_2__widths_(2, 100000)",
	} {
		if _, err := Parse(name); !errors.Is(err, ErrBadParam) {
			t.Errorf("Parse(%q): %v; want ErrBadParam", name, err)
		}
	}
}

// TestTsfreshSpecBinnedEntropy: values on the bin edges go where
// np.histogram puts them (the last bin closed).
func TestTsfreshSpecBinnedEntropy(t *testing.T) {
	x := make([]float64, 11)
	for i := range x {
		x[i] = float64(i) // edges 0, 1, ..., 10: one value a bin, two in the last
	}
	f, _ := Parse("binned_entropy__max_bins_10")
	p1, p2 := 1.0/11, 2.0/11
	want := -(9*p1*math.Log(p1) + p2*math.Log(p2))
	if got := f.Eval(NewWindow(x)); math.Abs(got-want) > 1e-15 {
		t.Errorf("binned_entropy(0..10) = %v; want %v", got, want)
	}
	if got := f.Eval(NewWindow([]float64{-3})); got != 0 {
		t.Errorf("binned_entropy of one value = %v; want 0", got)
	}
}

// TestTsfreshSpecWelch compares the Welch PSD with a direct evaluation of
// its definition (naive DFT): segment lengths odd and even, one segment
// and several, trailing samples left out.
func TestTsfreshSpecWelch(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	for _, n := range []int{1, 2, 5, 17, 256, 257, 511, 700} {
		x := make([]float64, n)
		for i := range x {
			x[i] = rng.NormFloat64() + 3
		}
		got := specWelchShared.Get(NewWindow(x)).p
		L := min(n, 256)
		step := L - L/2
		segs := (n - L/2) / step
		win := make([]float64, L)
		sw := 0.0
		for k := range win {
			win[k] = 0.5 - 0.5*math.Cos(2*math.Pi*float64(k)/float64(L))
			if L == 1 {
				win[k] = 1
			}
			sw += win[k] * win[k]
		}
		for f := range L/2 + 1 {
			want := 0.0
			for s := range segs {
				seg := x[s*step : s*step+L]
				mean := 0.0
				for _, v := range seg {
					mean += v / float64(L)
				}
				var re, im float64
				for m, v := range seg {
					a := -2 * math.Pi * float64(m*f) / float64(L)
					re += (v - mean) * win[m] * math.Cos(a)
					im += (v - mean) * win[m] * math.Sin(a)
				}
				p := (re*re + im*im) / sw
				if f > 0 && 2*f != L {
					p *= 2
				}
				want += p / float64(segs)
			}
			if math.Abs(got[f]-want) > 1e-12*max(1, math.Abs(want)) {
				t.Errorf("n=%d: PSD[%d] = %v; want %v", n, f, got[f], want)
			}
		}
	}
}

// TestTsfreshSpecRidgeLines checks number_cwt_peaks's ridge-line search
// (sorted nearest-line lookup, gap removal, selected noise floor) against
// a direct transcription of SPEC.md B17 on the same CWT rows, for noise,
// quantised and spiky data, short and long.
func TestTsfreshSpecRidgeLines(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	for trial := range 300 {
		n := 3 + rng.IntN(300)
		if trial%20 == 19 { // noise windows longer than specOrderMin
			n = 20*specOrderMin + rng.IntN(2000)
		}
		x := make([]float64, n)
		for i := range x {
			switch trial % 3 {
			case 0:
				x[i] = rng.NormFloat64()
			case 1:
				x[i] = float64(rng.IntN(4))
			default:
				if rng.IntN(8) == 0 {
					x[i] = float64(1 + rng.IntN(9))
				}
			}
		}
		if trial%7 == 3 {
			x[n/3] = math.NaN()
		}
		w := NewWindow(x)
		for _, nw := range []int{1, 2, 3, 5, 9} {
			r := specRickerShared.Get(w)
			got := r.peaks(x, nw)
			if want := specRidgeReference(r.rows[:nw], nw); got != want {
				t.Errorf("trial %d n=%d widths 1..%d: %d peaks; reference %d", trial, n, nw, got, want)
			}
		}
	}
}

// specRidgeReference is find_peaks_cwt's line search and filter written
// out as SPEC.md B17 states them, on the CWT rows M.
func specRidgeReference(M [][]float64, N int) int {
	n := len(M[0])
	type line struct{ rows, cols []int }
	var maxima [][]int
	for r := range N {
		var m []int
		for c := 1; c < n-1; c++ {
			if M[r][c] > M[r][c-1] && M[r][c] > M[r][c+1] {
				m = append(m, c)
			}
		}
		maxima = append(maxima, m)
	}
	start := -1
	for r := range N {
		if len(maxima[r]) > 0 {
			start = r
		}
	}
	if start < 0 {
		return 0
	}
	var lines, final []*line
	gaps := map[*line]int{}
	for _, c := range maxima[start] {
		lines = append(lines, &line{[]int{start}, []int{c}})
	}
	for row := start - 1; row >= 0; row-- {
		for _, l := range lines {
			gaps[l]++
		}
		var prev []int
		for _, l := range lines {
			prev = append(prev, l.cols[len(l.cols)-1])
		}
		for _, c := range maxima[row] {
			best := -1
			for k, p := range prev {
				if best < 0 || specAbsInt(c-p) < specAbsInt(c-prev[best]) {
					best = k
				}
			}
			if best >= 0 && float64(specAbsInt(c-prev[best])) <= float64(row+1)/4 {
				l := lines[best]
				l.rows, l.cols = append(l.rows, row), append(l.cols, c)
				gaps[l] = 0
				continue
			}
			l := &line{[]int{row}, []int{c}}
			lines = append(lines, l)
			gaps[l] = 0
		}
		for i := len(lines) - 1; i >= 0; i-- {
			if gaps[lines[i]] > 1 {
				final = append(final, lines[i])
				lines = slices.Delete(lines, i, i+1)
			}
		}
	}
	ws := int(math.Ceil(float64(n) / 20))
	hw, odd := ws/2, ws%2
	kept := 0
	for _, l := range append(final, lines...) {
		if float64(len(l.rows)) < math.Ceil(float64(N)/4) {
			continue
		}
		// scipy <= 1.17 permutes rows and cols by the inverse of their
		// stable argsort: the first point is then the last appended
		p := make([]int, len(l.rows))
		for i := range p {
			p[i] = i
		}
		slices.SortStableFunc(p, func(a, b int) int { return l.rows[a] - l.rows[b] })
		rows, cols := make([]int, len(p)), make([]int, len(p))
		for i := range p {
			rows[p[i]], cols[p[i]] = l.rows[i], l.cols[i]
		}
		r0, c0 := rows[0], cols[0]
		s := slices.Clone(M[0][max(c0-hw, 0):min(c0+hw+odd, n)])
		slices.SortFunc(s, func(a, b float64) int {
			switch {
			case npLess(a, b):
				return -1
			case npLess(b, a):
				return 1
			}
			return 0
		})
		idx := 0.1 * float64(len(s)-1)
		i := int(idx)
		noise := s[i]
		if float64(i) != idx {
			noise = (s[i]*(float64(i+1)-idx) + s[i+1]*(idx-float64(i))) / ((float64(i+1) - idx) + (idx - float64(i)))
		}
		if !(math.Abs(M[r0][c0]/noise) < 1) {
			kept++
		}
	}
	return kept
}

func specAbsInt(v int) int { return max(v, -v) }

// TestTsfreshSpecSmallest: the k smallest in np.sort's order, NaN last.
func TestTsfreshSpecSmallest(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	var r specRicker
	r.guess = math.NaN()
	for trial := range 2000 {
		v := make([]float64, 1+rng.IntN(60+trial%3*100))
		for i := range v {
			switch rng.IntN(10) {
			case 0:
				v[i] = math.NaN()
			case 1:
				v[i] = math.Inf(1 - 2*rng.IntN(2))
			default:
				v[i] = float64(rng.IntN(7)) + rng.Float64()*float64(trial%2)
			}
		}
		k := 1 + rng.IntN(len(v))
		want := slices.Clone(v)
		slices.SortFunc(want, func(a, b float64) int {
			switch {
			case npLess(a, b):
				return -1
			case npLess(b, a):
				return 1
			}
			return 0
		})
		got := r.smallest(v, k)
		for i := range k {
			if got[i] != want[i] && !(math.IsNaN(got[i]) && math.IsNaN(want[i])) {
				t.Fatalf("smallest(%v, %d) = %v; want %v", v, k, got, want[:k])
			}
		}
	}
}
