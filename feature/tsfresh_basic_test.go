package feature

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// basicCalcs are the calculators of tsfresh_basic*.go.
var basicCalcs = strings.Fields(`variance_larger_than_standard_deviation has_duplicate_max
	has_duplicate_min has_duplicate sum_values mean_abs_change mean_change
	mean_second_derivative_central length standard_deviation variance variation_coefficient
	skewness kurtosis root_mean_square absolute_sum_of_changes longest_strike_below_mean
	longest_strike_above_mean count_above_mean count_below_mean last_location_of_maximum
	first_location_of_maximum last_location_of_minimum first_location_of_minimum
	percentage_of_reoccurring_values_to_all_values
	percentage_of_reoccurring_datapoints_to_all_datapoints sum_of_reoccurring_values
	sum_of_reoccurring_data_points ratio_value_number_to_time_series_length maximum
	absolute_maximum minimum benford_correlation time_reversal_asymmetry_statistic c3 cid_ce
	symmetry_looking large_standard_deviation quantile number_peaks index_mass_quantile
	value_count range_count number_crossing_m energy_ratio_by_chunks ratio_beyond_r_sigma
	count_above count_below mean_n_absolute_max`)

// basicFeatures returns the comprehensive preset's features of basicCalcs.
func basicFeatures(t testing.TB) []Feature {
	mine := map[string]bool{}
	for _, c := range basicCalcs {
		mine[c] = true
	}
	var fs []Feature
	for _, name := range loadTsfreshGolden(t).names {
		calc, _, _ := strings.Cut(name, "__")
		if !mine[calc] {
			continue
		}
		f, err := Parse(name)
		if err != nil {
			t.Fatal(err)
		}
		fs = append(fs, f)
	}
	if len(fs) != 133 {
		t.Fatalf("%d features, want 133", len(fs))
	}
	return fs
}

// basicEval computes fs on x with a fresh evaluator.
func basicEval(t testing.TB, fs []Feature, x []float64) map[string]float64 {
	set, err := NewSet(fs)
	if err != nil {
		t.Fatal(err)
	}
	got := make([]float64, len(fs))
	set.NewEvaluator().Windows(got, len(fs), 0, x, len(x), 1, 1)
	out := map[string]float64{}
	for i, f := range fs {
		out[f.Name()] = got[i]
	}
	return out
}

// TestTsfreshBasicEdges: no panic for lengths 1..30 with NaN, ±Inf,
// constants and zeros, and the edge values SPEC.md gives.
func TestTsfreshBasicEdges(t *testing.T) {
	fs := basicFeatures(t)
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 1; n <= 30; n++ {
		for _, kind := range []string{"noise", "const", "zeros", "nan", "inf", "-inf", "allnan"} {
			x := make([]float64, n)
			for i := range x {
				switch kind {
				case "const":
					x[i] = 5
				case "zeros":
				case "allnan":
					x[i] = math.NaN()
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
			got := basicEval(t, fs, x)
			check := func(name string, want float64) {
				t.Helper()
				g, ok := got[name]
				if !ok {
					t.Fatalf("no feature %s", name)
				}
				if !(g == want || (math.IsNaN(g) && math.IsNaN(want))) {
					t.Errorf("n=%d %s: %s = %v, want %v", n, kind, name, g, want)
				}
			}
			nan := math.NaN()
			check("length", float64(n))
			if n == 1 {
				check("mean_abs_change", nan)
				check("mean_change", nan)
				check("absolute_sum_of_changes", 0)
				check("cid_ce__normalize_False", 0)
				check("cid_ce__normalize_True", 0)
			}
			if n <= 2 {
				check("mean_second_derivative_central", nan)
				check("skewness", nan)
			}
			if n <= 3 {
				check("kurtosis", nan)
			}
			if n <= 7 {
				check("mean_n_absolute_max__number_of_maxima_7", nan)
			}
			if n < 10 {
				for i := n; i < 10; i++ {
					want := 0.0
					if kind == "zeros" || kind == "nan" || kind == "allnan" {
						want = nan
					}
					check("energy_ratio_by_chunks__num_segments_10__segment_focus_"+strconv.Itoa(i), want)
				}
			}
			switch kind {
			case "const":
				check("variance_larger_than_standard_deviation", 0)
				check("has_duplicate", basicBool(n > 1))
				check("has_duplicate_max", basicBool(n > 1))
				check("symmetry_looking__r_0.5", 0)
				check("first_location_of_maximum", 0)
				check("last_location_of_maximum", 1)
				check("ratio_value_number_to_time_series_length", 1/float64(n))
				if n >= 3 {
					check("skewness", 0)
				}
				if n >= 4 {
					check("kurtosis", 0)
				}
				check("cid_ce__normalize_True", 0)
				check("count_above_mean", 0)
				check("longest_strike_below_mean", 0)
			case "zeros":
				check("index_mass_quantile__q_0.4", nan)
				check("variation_coefficient", nan)
				check("benford_correlation", nan)
			case "nan", "allnan":
				check("maximum", nan)
				check("minimum", nan)
				check("absolute_maximum", nan)
				check("quantile__q_0.1", nan)
				check("has_duplicate_max", 0)
				check("skewness", nan)
				check("sum_of_reoccurring_values", nan)
				check("variance_larger_than_standard_deviation", 0)
				check("ratio_beyond_r_sigma__r_1", 0)
				check("index_mass_quantile__q_0.1", 1/float64(n))
				first := n / 2
				if kind == "allnan" {
					first = 0
					check("has_duplicate", basicBool(n > 1))
					check("ratio_value_number_to_time_series_length", 1/float64(n))
					check("percentage_of_reoccurring_datapoints_to_all_datapoints", 0)
				}
				check("first_location_of_maximum", float64(first)/float64(n))
				check("first_location_of_minimum", float64(first)/float64(n))
			case "inf", "-inf":
				check("sum_of_reoccurring_values", nan)
				check("sum_of_reoccurring_data_points", nan)
				check("index_mass_quantile__q_0.1", 1/float64(n))
				check("absolute_maximum", math.Inf(1))
				check("variance_larger_than_standard_deviation", 0)
			}
		}
	}
	if f, err := Parse("value_count__value_nan"); err != nil {
		t.Error(err)
	} else if g := f.Eval(NewWindow([]float64{1, math.NaN(), 2, math.NaN()})); g != 2 || f.Name() != "value_count__value_nan" {
		t.Errorf("%s = %v, want 2", f.Name(), g)
	}
	// Examples from SPEC.md and tsfresh's docs.
	x := []float64{3, 0, 0, 4, 0, 0, 13}
	got := basicEval(t, fs, x)
	for name, want := range map[string]float64{
		"number_peaks__n_1": 1, "number_peaks__n_3": 0, "value_count__value_0": 4,
		"range_count__max_1__min_-1": 4, "count_above__t_0": 1, "count_below__t_0": 4.0 / 7,
		"number_crossing_m__m_0": 4, "has_duplicate": 1, "sum_of_reoccurring_values": 0,
		"percentage_of_reoccurring_datapoints_to_all_datapoints": 4.0 / 7,
	} {
		if got[name] != want {
			t.Errorf("%v: %s = %v, want %v", x, name, got[name], want)
		}
	}
}

// TestTsfreshBasicNoAlloc: after a warm-up, computing every feature of
// the group on a window allocates nothing.
func TestTsfreshBasicNoAlloc(t *testing.T) {
	set, err := NewSet(basicFeatures(t))
	if err != nil {
		t.Fatal(err)
	}
	ev := set.NewEvaluator()
	dst := make([]float64, set.Len())
	for _, x := range [][]float64{benchSignal(256), {1, math.NaN(), math.Inf(1), 5e-324, 2, 2}} {
		ev.Windows(dst, set.Len(), 0, x, len(x), 1, 1)
		if a := testing.AllocsPerRun(20, func() { ev.Windows(dst, set.Len(), 0, x, len(x), 1, 1) }); a != 0 {
			t.Errorf("%d values: %v allocations a window", len(x), a)
		}
	}
}

// TestTsfreshBasicFirstDigit checks the table lookup against formatting,
// on random doubles and on the neighbours of every k*10^p.
func TestTsfreshBasicFirstDigit(t *testing.T) {
	basicBenfordInit()
	ref := func(v float64) int {
		if v == 0 {
			return 0
		}
		return int(strconv.FormatFloat(v, 'e', -1, 64)[0] - '0')
	}
	try := func(v float64) {
		if v < 0 || math.IsInf(v, 0) || math.IsNaN(v) {
			return
		}
		if g, w := basicFirstDigit(v), ref(v); g != w {
			t.Fatalf("first digit of %v (%x): %d, want %d", v, math.Float64bits(v), g, w)
		}
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 200000 {
		try(math.Float64frombits(rng.Uint64() &^ (1 << 63)))
		try(math.Abs(rng.NormFloat64()) * math.Pow(10, float64(rng.IntN(40)-20)))
	}
	for p := -324; p <= 308; p++ {
		for k := 1; k <= 10; k++ {
			b, _ := strconv.ParseFloat(strconv.Itoa(k)+"e"+strconv.Itoa(p), 64)
			for _, v := range []float64{b, math.Nextafter(b, 0), math.Nextafter(b, math.Inf(1)),
				math.Nextafter(math.Nextafter(b, 0), 0), math.Nextafter(math.Nextafter(b, math.Inf(1)), math.Inf(1))} {
				try(v)
			}
		}
	}
	for _, v := range []float64{5e-324, 1e-323, math.SmallestNonzeroFloat64 * 3, 0x1p-1022, math.MaxFloat64, 1e23, 9.999999999999999e22} {
		try(v)
	}
}

// BenchmarkTsfreshBasic computes every feature of the group at once, as
// the comprehensive preset does, on one window an iteration.
func BenchmarkTsfreshBasic(b *testing.B) {
	fs := basicFeatures(b)
	for _, w := range []int{256, 1024} {
		b.Run("w="+strconv.Itoa(w), func(b *testing.B) { benchSet(b, fs, benchSignal(w)) })
	}
}

// TestTsfreshBasicNumberPeaks checks the monotone-stack count against
// the definition, on data with many ties.
func TestTsfreshBasicNumberPeaks(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	var fs []Feature
	for s := 1; s <= 8; s++ {
		f, err := New("number_peaks", Values{"n": s})
		if err != nil {
			t.Fatal(err)
		}
		fs = append(fs, f)
	}
	for trial := range 2000 {
		x := make([]float64, 1+rng.IntN(40))
		for i := range x {
			x[i] = float64(rng.IntN(1 + trial%6))
			if trial%7 == 0 {
				x[i] = rng.NormFloat64()
			}
		}
		got := basicEval(t, fs, x)
		for s := 1; s <= 8; s++ {
			want := 0
			for i := s; i < len(x)-s; i++ {
				peak := true
				for k := 1; k <= s; k++ {
					peak = peak && x[i] > x[i-k] && x[i] > x[i+k]
				}
				want += basicB2I(peak)
			}
			if g := got["number_peaks__n_"+strconv.Itoa(s)]; g != float64(want) {
				t.Fatalf("%v: number_peaks n=%d = %v, want %d", x, s, g, want)
			}
		}
	}
}

// TestTsfreshBasicWindows: sliding windows through one Evaluator (whose
// Shared values reuse their buffers) give what each window gives alone.
func TestTsfreshBasicWindows(t *testing.T) {
	fs := basicFeatures(t)
	set, err := NewSet(fs)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(9, 10))
	x := make([]float64, 400)
	for i := range x {
		x[i] = math.Round(rng.NormFloat64()*4) / 2
	}
	x[100], x[230], x[231] = math.NaN(), math.Inf(1), math.Inf(-1)
	for _, w := range []int{1, 9, 50} {
		stride := 7
		count := (len(x)-w)/stride + 1
		got := make([]float64, count*len(fs))
		set.NewEvaluator().Windows(got, len(fs), 0, x, w, stride, count)
		for i := range count {
			want := basicEval(t, fs, x[i*stride:i*stride+w])
			for j, f := range fs {
				g, v := got[i*len(fs)+j], want[f.Name()]
				if !(g == v || (math.IsNaN(g) && math.IsNaN(v))) {
					t.Fatalf("w=%d window %d: %s = %v alone, %v in a run", w, i, f.Name(), v, g)
				}
			}
		}
	}
}
