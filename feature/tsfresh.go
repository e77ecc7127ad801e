package feature

import (
	"fmt"
	"slices"
)

// tsfreshReg registers one of tsfresh's calculators under its own name.
func tsfreshReg(name, doc string, params []Param, bind func(Values) (Func, error)) {
	Register(Calculator{Name: name, Tsfresh: name, Group: "tsfresh", Doc: doc, Params: params, Bind: bind})
}

// The checks of tsfresh's parameters.

func intAtLeast(lo int) func(any) error {
	return func(v any) error {
		if n, _ := v.(int); n < lo {
			return fmt.Errorf("want an int >= %d", lo)
		}
		return nil
	}
}

func intBetween(lo, hi int) func(any) error {
	return func(v any) error {
		if n, _ := v.(int); n < lo || n > hi {
			return fmt.Errorf("want an int in %d..%d", lo, hi)
		}
		return nil
	}
}

func oneOf(names ...string) func(any) error {
	return func(v any) error {
		if s, _ := v.(string); !slices.Contains(names, s) {
			return fmt.Errorf("want one of %q", names)
		}
		return nil
	}
}

// unitInterval checks a Float parameter, which an int may give.
func unitInterval(v any) error {
	if q := (Values{"q": v}).Float("q"); !(q >= 0 && q <= 1) {
		return fmt.Errorf("want a number in [0, 1]")
	}
	return nil
}

// The tsfresh catalogue registers in one init, its files' parts in a
// fixed order, so that the presets find every calculator.
func init() {
	registerBasicStats()
	registerBasicShapes()
	registerCorrelations()
	registerEntropies()
	registerSpectra()
	registerWelch()
	registerCWT()
	registerCWTPeaks()
	registerFits()
	for _, p := range []string{"minimal", "efficient", "comprehensive"} {
		registerPresetFunc(p, func() []string {
			var names []string
			for _, e := range tsfreshPreset(p) {
				f, err := New(e.calc, e.params)
				if err != nil {
					panic("feature: tsfresh preset " + p + ": " + err.Error()) // TestTsfreshCatalogue
				}
				names = append(names, f.Name())
			}
			return names
		})
	}
}

// tsfreshEntry is one feature of a tsfresh settings object: a calculator
// and its parameters (nil for none).
type tsfreshEntry struct {
	calc   string
	params Values
}

// tsfreshComprehensive returns tsfresh v0.21's ComprehensiveFCParameters
// as features, in tsfresh's order, less linear_trend_timewise (it needs a
// time index) and matrix_profile (an optional package): first the
// calculators without parameters, in the order feature_calculators.py
// defines them, then the parameter grids of settings.py.
func tsfreshComprehensive() []tsfreshEntry {
	var out []tsfreshEntry
	add := func(calc string, params Values) { out = append(out, tsfreshEntry{calc, params}) }
	for _, c := range []string{
		"variance_larger_than_standard_deviation", "has_duplicate_max", "has_duplicate_min",
		"has_duplicate", "sum_values", "abs_energy", "mean_abs_change", "mean_change",
		"mean_second_derivative_central", "median", "mean", "length", "standard_deviation",
		"variation_coefficient", "variance", "skewness", "kurtosis", "root_mean_square",
		"absolute_sum_of_changes", "longest_strike_below_mean", "longest_strike_above_mean",
		"count_above_mean", "count_below_mean", "last_location_of_maximum",
		"first_location_of_maximum", "last_location_of_minimum", "first_location_of_minimum",
		"percentage_of_reoccurring_values_to_all_values",
		"percentage_of_reoccurring_datapoints_to_all_datapoints", "sum_of_reoccurring_values",
		"sum_of_reoccurring_data_points", "ratio_value_number_to_time_series_length",
		"sample_entropy", "maximum", "absolute_maximum", "minimum", "benford_correlation",
	} {
		add(c, nil)
	}
	for lag := 1; lag <= 3; lag++ {
		add("time_reversal_asymmetry_statistic", Values{"lag": lag})
	}
	for lag := 1; lag <= 3; lag++ {
		add("c3", Values{"lag": lag})
	}
	add("cid_ce", Values{"normalize": true})
	add("cid_ce", Values{"normalize": false})
	for i := range 20 {
		add("symmetry_looking", Values{"r": float64(i) * 0.05}) // as Python's r * 0.05
	}
	for i := 1; i < 20; i++ {
		add("large_standard_deviation", Values{"r": float64(i) * 0.05})
	}
	deciles := []float64{.1, .2, .3, .4, .6, .7, .8, .9}
	for _, q := range deciles {
		add("quantile", Values{"q": q})
	}
	for lag := range 10 {
		add("autocorrelation", Values{"lag": lag})
	}
	for _, f := range []string{"mean", "median", "var"} {
		add("agg_autocorrelation", Values{"f_agg": f, "maxlag": 40})
	}
	for lag := range 10 {
		add("partial_autocorrelation", Values{"lag": lag})
	}
	for _, n := range []int{1, 5} {
		add("number_cwt_peaks", Values{"n": n})
	}
	for _, n := range []int{1, 3, 5, 10, 50} {
		add("number_peaks", Values{"n": n})
	}
	add("binned_entropy", Values{"max_bins": 10})
	for _, q := range deciles {
		add("index_mass_quantile", Values{"q": q})
	}
	widths := []int{2, 5, 10, 20}
	for coeff := range 15 {
		for _, w := range widths {
			add("cwt_coefficients", Values{"widths": widths, "coeff": coeff, "w": w})
		}
	}
	for _, c := range []int{2, 5, 8} {
		add("spkt_welch_density", Values{"coeff": c})
	}
	for coeff := range 11 {
		add("ar_coefficient", Values{"coeff": coeff, "k": 10})
	}
	for _, ql := range []float64{0, .2, .4, .6, .8} {
		for _, qh := range []float64{.2, .4, .6, .8, 1} {
			for _, isabs := range []bool{false, true} {
				for _, f := range []string{"mean", "var"} {
					if ql < qh {
						add("change_quantiles", Values{"ql": ql, "qh": qh, "isabs": isabs, "f_agg": f})
					}
				}
			}
		}
	}
	for _, attr := range []string{"real", "imag", "abs", "angle"} {
		for coeff := range 100 {
			add("fft_coefficient", Values{"coeff": coeff, "attr": attr})
		}
	}
	for _, a := range []string{"centroid", "variance", "skew", "kurtosis"} {
		add("fft_aggregated", Values{"aggtype": a})
	}
	for _, v := range []int{0, 1, -1} {
		add("value_count", Values{"value": v})
	}
	add("range_count", Values{"min": -1, "max": 1})
	add("range_count", Values{"min": -1e12, "max": 0})
	add("range_count", Values{"min": 0, "max": 1e12})
	for _, r := range []float64{.1, .3, .5, .7, .9} {
		add("approximate_entropy", Values{"m": 2, "r": r})
	}
	for coeff := range 4 {
		add("friedrich_coefficients", Values{"coeff": coeff, "m": 3, "r": 30})
	}
	add("max_langevin_fixed_point", Values{"m": 3, "r": 30})
	for _, attr := range []string{"pvalue", "rvalue", "intercept", "slope", "stderr"} {
		add("linear_trend", Values{"attr": attr})
	}
	for _, attr := range []string{"rvalue", "intercept", "slope", "stderr"} {
		for _, cl := range []int{5, 10, 50} {
			for _, f := range []string{"max", "min", "mean", "var"} {
				add("agg_linear_trend", Values{"attr": attr, "chunk_len": cl, "f_agg": f})
			}
		}
	}
	for _, attr := range []string{"teststat", "pvalue", "usedlag"} {
		add("augmented_dickey_fuller", Values{"attr": attr})
	}
	for _, m := range []int{0, -1, 1} {
		add("number_crossing_m", Values{"m": m})
	}
	for i := range 10 {
		add("energy_ratio_by_chunks", Values{"num_segments": 10, "segment_focus": i})
	}
	for _, r := range []any{0.5, 1, 1.5, 2, 2.5, 3, 5, 6, 7, 10} {
		add("ratio_beyond_r_sigma", Values{"r": r})
	}
	add("count_above", Values{"t": 0})
	add("count_below", Values{"t": 0})
	for _, b := range []int{2, 3, 5, 10, 100} {
		add("lempel_ziv_complexity", Values{"bins": b})
	}
	for _, b := range []int{2, 3, 5, 10, 100} {
		add("fourier_entropy", Values{"bins": b})
	}
	for d := 3; d <= 7; d++ {
		add("permutation_entropy", Values{"tau": 1, "dimension": d})
	}
	add("query_similarity_count", Values{"query": nil, "threshold": 0.0})
	// settings.py writes {"number_of_maxima": 3, "number_of_maxima": 5,
	// "number_of_maxima": 7}: one dict, the last key wins.
	add("mean_n_absolute_max", Values{"number_of_maxima": 7})
	return out
}

// tsfreshExpensive are the calculators tsfresh marks high_comp_cost: what
// EfficientFCParameters leaves out of the comprehensive set.
var tsfreshExpensive = map[string]bool{"sample_entropy": true, "approximate_entropy": true}

// tsfreshMinimalCalcs are the calculators tsfresh marks minimal: the
// MinimalFCParameters, in comprehensive order.
var tsfreshMinimalCalcs = map[string]bool{
	"sum_values": true, "median": true, "mean": true, "length": true, "standard_deviation": true,
	"variance": true, "root_mean_square": true, "maximum": true, "absolute_maximum": true, "minimum": true,
}

// tsfreshPreset returns the entries of tsfresh's minimal, efficient or
// comprehensive settings.
func tsfreshPreset(name string) []tsfreshEntry {
	var out []tsfreshEntry
	for _, e := range tsfreshComprehensive() {
		switch {
		case name == "minimal" && !tsfreshMinimalCalcs[e.calc]:
		case name == "efficient" && tsfreshExpensive[e.calc]:
		default:
			out = append(out, e)
		}
	}
	return out
}
