package feature

import (
	"errors"
	"math"

	"github.com/featurize/featurize/internal/numpyexact"
)

// The tsfresh calculators of the statistics, counts, locations and
// reoccurrences family (SPEC.md §5: 5.1-5.5, 5.7-5.32, 5.34-5.43, 5.48,
// 5.50, 5.57, 5.58, 5.65-5.69, 5.74). mean, median and abs_energy are the
// built-ins.

// basicFixed registers a calculator without parameters.
func basicFixed(name, doc string, f Func) {
	tsfreshReg(name, doc, nil, func(Values) (Func, error) { return f, nil })
}

func basicBool(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// basicHasNaN reports whether the window holds a NaN (np.max propagates it).
func basicHasNaN(w *Window) bool { return basicExtremaShared.Get(w).nan }

// The comparisons of basicCount.
const (
	basicEq = iota // x == t
	basicGE        // x >= t
	basicLE        // x <= t
)

// basicCount registers a count of the samples x with x op t, or their
// share if ratio.
func basicCount(name, doc, param, paramDoc string, ratio bool, op int) {
	tsfreshReg(name, doc, []Param{{Name: param, Kind: Float, Doc: paramDoc}}, func(p Values) (Func, error) {
		t := p.Float(param)
		return func(w *Window) float64 {
			c := 0
			switch x := w.Values(); op { // one loop per op: no call per sample
			case basicEq:
				if t != t { // value_count of NaN counts the NaNs
					for _, v := range x {
						c += basicB2I(v != v)
					}
					break
				}
				for _, v := range x {
					c += basicB2I(v == t)
				}
			case basicGE:
				for _, v := range x {
					c += basicB2I(v >= t)
				}
			case basicLE:
				for _, v := range x {
					c += basicB2I(v <= t)
				}
			}
			if ratio {
				return float64(c) / float64(w.Len())
			}
			return float64(c)
		}, nil
	})
}

func registerBasicStats() {
	basicFixed("variance_larger_than_standard_deviation", "var(x) > std(x), i.e. var > 1 (1 or 0; 0 with NaN/Inf)",
		func(w *Window) float64 { v := w.Var(); return basicBool(v > math.Sqrt(v)) })
	basicFixed("has_duplicate_max", "count(x == max(x)) >= 2 (1 or 0; 0 with NaN)",
		func(w *Window) float64 { return basicBool(basicExtremaShared.Get(w).nMax >= 2) })
	basicFixed("has_duplicate_min", "count(x == min(x)) >= 2 (1 or 0; 0 with NaN)",
		func(w *Window) float64 { return basicBool(basicExtremaShared.Get(w).nMin >= 2) })
	basicFixed("has_duplicate", "len(x) != len(np.unique(x)) (1 or 0; NaNs count as one value)",
		func(w *Window) float64 { return basicBool(basicUniqueShared.Get(w).n != w.Len()) })
	basicFixed("sum_values", "np.sum(x), numpy's pairwise sum",
		func(w *Window) float64 { return numpyexact.Sum(w.Values()) })
	basicFixed("mean_abs_change", "mean(|diff(x)|); NaN when n == 1",
		func(w *Window) float64 { return basicDiffsShared.Get(w).sumAbs / float64(w.Len()-1) })
	basicFixed("mean_change", "(x[n-1] - x[0]) / (n-1); NaN when n == 1",
		func(w *Window) float64 {
			x := w.Values()
			n := len(x)
			if n < 2 {
				return math.NaN()
			}
			return (x[n-1] - x[0]) / float64(n-1)
		})
	basicFixed("mean_second_derivative_central", "(x[n-1] - x[n-2] - x[1] + x[0]) / (2(n-2)); NaN when n <= 2",
		func(w *Window) float64 {
			x := w.Values()
			n := len(x)
			if n < 3 {
				return math.NaN()
			}
			return (x[n-1] - x[n-2] - x[1] + x[0]) / float64(2*(n-2))
		})
	basicFixed("length", "n, the number of values",
		func(w *Window) float64 { return float64(w.Len()) })
	basicFixed("standard_deviation", "np.std(x), population (ddof 0)",
		func(w *Window) float64 { return w.Std() })
	basicFixed("variation_coefficient", "std(x) / mean(x); NaN when the mean is 0",
		func(w *Window) float64 {
			m := w.Mean()
			if m == 0 {
				return math.NaN()
			}
			return w.Std() / m
		})
	basicFixed("variance", "np.var(x), population (ddof 0)",
		func(w *Window) float64 { return w.Var() })
	basicFixed("skewness", "pandas Series.skew(skipna=False): adjusted G1, sums under 1e-14 zeroed; 0 if constant, NaN if n < 3 or NaN in x",
		basicSkewness)
	basicFixed("kurtosis", "pandas Series.kurtosis(): adjusted G2 of the non-NaN values, terms under 1e-14 zeroed; 0 if constant, NaN if fewer than 4 values",
		basicKurtosis)
	basicFixed("root_mean_square", "sqrt(mean(x^2))",
		func(w *Window) float64 { return math.Sqrt(w.SumSquares() / float64(w.Len())) })
	basicFixed("absolute_sum_of_changes", "sum(|diff(x)|); 0 when n == 1",
		func(w *Window) float64 { return basicDiffsShared.Get(w).sumAbs })
	basicFixed("longest_strike_below_mean", "longest run of consecutive x < mean(x); 0 with NaN",
		func(w *Window) float64 { return float64(basicMeanRunsShared.Get(w).runBelow) })
	basicFixed("longest_strike_above_mean", "longest run of consecutive x > mean(x); 0 with NaN",
		func(w *Window) float64 { return float64(basicMeanRunsShared.Get(w).runAbove) })
	basicFixed("count_above_mean", "count(x > mean(x))",
		func(w *Window) float64 { return float64(basicMeanRunsShared.Get(w).above) })
	basicFixed("count_below_mean", "count(x < mean(x))",
		func(w *Window) float64 { return float64(basicMeanRunsShared.Get(w).below) })
	basicFixed("last_location_of_maximum", "1 - argmax(x[::-1])/n: one past the last maximum, relative (a NaN is the maximum)",
		func(w *Window) float64 {
			n := w.Len()
			return 1.0 - float64(n-1-basicExtremaShared.Get(w).lastMax)/float64(n)
		})
	basicFixed("first_location_of_maximum", "argmax(x)/n, the first maximum (a NaN is the maximum)",
		func(w *Window) float64 { return float64(basicExtremaShared.Get(w).firstMax) / float64(w.Len()) })
	basicFixed("last_location_of_minimum", "1 - argmin(x[::-1])/n: one past the last minimum, relative (a NaN is the minimum)",
		func(w *Window) float64 {
			n := w.Len()
			return 1.0 - float64(n-1-basicExtremaShared.Get(w).lastMin)/float64(n)
		})
	basicFixed("first_location_of_minimum", "argmin(x)/n, the first minimum (a NaN is the minimum)",
		func(w *Window) float64 { return float64(basicExtremaShared.Get(w).firstMin) / float64(w.Len()) })
	basicFixed("percentage_of_reoccurring_values_to_all_values", "share of the distinct values that occur more than once (NaNs are one value)",
		func(w *Window) float64 { u := basicUniqueShared.Get(w); return float64(u.recurring) / float64(u.n) })
	basicFixed("percentage_of_reoccurring_datapoints_to_all_datapoints", "share of the samples whose value occurs more than once (NaN samples never count)",
		func(w *Window) float64 { return float64(basicUniqueShared.Get(w).points) / float64(w.Len()) })
	basicFixed("sum_of_reoccurring_values", "sum of the distinct values that occur more than once; NaN if x holds ±Inf or NaN",
		func(w *Window) float64 { return basicUniqueShared.Get(w).sumValues })
	basicFixed("sum_of_reoccurring_data_points", "sum of the samples whose value occurs more than once; NaN if x holds ±Inf or NaN",
		func(w *Window) float64 { return basicUniqueShared.Get(w).sumPoints })
	basicFixed("ratio_value_number_to_time_series_length", "len(np.unique(x)) / n (NaNs are one value)",
		func(w *Window) float64 { return float64(basicUniqueShared.Get(w).n) / float64(w.Len()) })
	basicFixed("maximum", "np.max(x) (NaN if x holds a NaN)",
		func(w *Window) float64 { return basicExtremaShared.Get(w).hi })
	basicFixed("absolute_maximum", "np.max(|x|) (NaN if x holds a NaN)",
		func(w *Window) float64 { e := basicExtremaShared.Get(w); return max(math.Abs(e.lo), math.Abs(e.hi)) })
	basicFixed("minimum", "np.min(x) (NaN if x holds a NaN)",
		func(w *Window) float64 { return basicExtremaShared.Get(w).lo })
	tsfreshReg("benford_correlation", "Pearson correlation of the first-digit shares of |x| (shortest decimal, NaN as 0, ±Inf as the largest double) with Benford's log10(1+1/d); NaN when all shares are equal",
		nil, func(Values) (Func, error) { basicBenfordInit(); return basicBenford, nil })
}

// basicZeroOut is pandas' _zero_out_fperr: |v| < 1e-14 is taken as 0.
func basicZeroOut(v float64) float64 {
	if math.Abs(v) < 1e-14 {
		return 0
	}
	return v
}

// basicSkewness is pandas' nanskew with skipna=False.
func basicSkewness(w *Window) float64 {
	n := float64(w.Len())
	if n < 3 || basicHasNaN(w) {
		return math.NaN()
	}
	m2 := basicZeroOut(w.CentralMoment(2) * n)
	m3 := basicZeroOut(w.CentralMoment(3) * n)
	if m2 == 0 {
		return 0
	}
	return (n * math.Sqrt(n-1) / (n - 2)) * (m3 / math.Pow(m2, 1.5))
}

// basicKurtosis is pandas' nankurt with skipna=True: the NaN samples are
// left out of the count and count as 0 in the sums.
func basicKurtosis(w *Window) float64 {
	var n, m2, m4 float64
	if !basicHasNaN(w) {
		n = float64(w.Len())
		m2 = w.CentralMoment(2) * n
		m4 = w.CentralMoment(4) * n
	} else {
		x := w.Values()
		a := w.Scratch(len(x))
		k := 0
		for i, v := range x {
			if v != v {
				v = 0
			} else {
				k++
			}
			a[i] = v
		}
		n = float64(k)
		mean := numpyexact.Sum(a) / n
		for i, v := range x {
			if v != v {
				a[i] = 0
			} else {
				d := a[i] - mean
				a[i] = float64(d * d)
			}
		}
		m2 = numpyexact.Sum(a)
		for i, q := range a {
			a[i] = float64(q * q)
		}
		m4 = numpyexact.Sum(a)
	}
	if n < 4 {
		return math.NaN()
	}
	adj := 3 * ((n - 1) * (n - 1)) / ((n - 2) * (n - 3))
	num := basicZeroOut(n * (n + 1) * (n - 1) * m4)
	den := basicZeroOut((n - 2) * (n - 3) * (m2 * m2))
	if den == 0 {
		return 0
	}
	return num/den - adj
}

// basicLagProducts registers time_reversal_asymmetry_statistic (tras)
// and c3: the mean over a = x[2lag:], b = x[lag:n-lag], c = x[:n-2lag] of
// a*a*b - b*c*c, respectively a*b*c; 0 when 2lag >= n.
func basicLagProducts(name, doc string, tras bool) {
	tsfreshReg(name, doc, []Param{{Name: "lag", Kind: Int, Doc: "lag >= 0", Check: intAtLeast(0)}}, func(p Values) (Func, error) {
		lag := p.Int("lag")
		return func(w *Window) float64 {
			x := w.Values()
			n := len(x)
			if 2*lag >= n {
				return 0
			}
			m := n - 2*lag
			t := w.Scratch(m)
			a, b, c := x[2*lag:2*lag+m], x[lag:lag+m], x[:m]
			if tras {
				for i := range t {
					t[i] = float64(float64(a[i]*a[i])*b[i]) - float64(float64(b[i]*c[i])*c[i])
				}
			} else {
				for i := range t {
					t[i] = float64(a[i]*b[i]) * c[i]
				}
			}
			return numpyexact.Sum(t) / float64(m)
		}, nil
	})
}

func registerBasicShapes() {
	basicLagProducts("time_reversal_asymmetry_statistic", "mean(a*a*b - b*c*c), a = x[2lag:], b = x[lag:n-lag], c = x[:n-2lag]; 0 when 2*lag >= n", true)
	basicLagProducts("c3", "mean(a*b*c), a = x[2lag:], b = x[lag:n-lag], c = x[:n-2lag]; 0 when 2*lag >= n", false)

	tsfreshReg("cid_ce", "sqrt(sum(diff(z)^2)), z = (x - mean)/std if normalize (0 if std == 0) else x",
		[]Param{{Name: "normalize", Kind: Bool, Doc: "z-normalise x first"}}, func(p Values) (Func, error) {
			if !p.Bool("normalize") {
				return func(w *Window) float64 { return math.Sqrt(basicDiffsShared.Get(w).sumSq) }, nil
			}
			return func(w *Window) float64 {
				s := w.Std()
				if s == 0 {
					return 0
				}
				d := w.Centered()
				sq, prev := 0.0, d[0]/s
				for _, e := range d[1:] {
					z := e / s
					v := z - prev
					sq += float64(v * v)
					prev = z
				}
				return math.Sqrt(sq)
			}, nil
		})

	tsfreshReg("symmetry_looking", "|mean(x) - median(x)| < r*(max(x) - min(x)) (1 or 0)",
		[]Param{{Name: "r", Kind: Float, Doc: "share of the range"}}, func(p Values) (Func, error) {
			r := p.Float("r")
			return func(w *Window) float64 {
				if basicHasNaN(w) {
					return 0
				}
				e := basicExtremaShared.Get(w)
				d := math.Abs(w.Mean() - numpyexact.Median(w.Sorted()))
				return basicBool(d < r*(e.hi-e.lo))
			}, nil
		})
	tsfreshReg("large_standard_deviation", "std(x) > r*(max(x) - min(x)) (1 or 0)",
		[]Param{{Name: "r", Kind: Float, Doc: "share of the range"}}, func(p Values) (Func, error) {
			r := p.Float("r")
			return func(w *Window) float64 { e := basicExtremaShared.Get(w); return basicBool(w.Std() > r*(e.hi-e.lo)) }, nil
		})
	tsfreshReg("quantile", "np.quantile(x, q), method linear; NaN if x holds a NaN",
		[]Param{{Name: "q", Kind: Float, Doc: "0 <= q <= 1", Check: unitInterval}}, func(p Values) (Func, error) {
			q := p.Float("q")
			return func(w *Window) float64 {
				if basicHasNaN(w) {
					return math.NaN()
				}
				return numpyexact.Quantile(w.Sorted(), q)
			}, nil
		})
	tsfreshReg("number_peaks", "number of i with x[i] > x[i-k] and x[i] > x[i+k] for k = 1..n",
		[]Param{{Name: "n", Kind: Int, Doc: "support, n >= 1", Check: intAtLeast(1)}}, func(p Values) (Func, error) {
			support := p.Int("n")
			return func(w *Window) float64 {
				if !basicHasNaN(w) {
					pk := basicPeaksShared.Get(w)
					if support < len(pk.atLeast) {
						return float64(pk.atLeast[support])
					}
					return 0
				}
				x := w.Values()
				c := 0
				for i := support; i < len(x)-support; i++ {
					v := x[i]
					k := 1
					for k <= support && v > x[i-k] && v > x[i+k] {
						k++
					}
					if k > support {
						c++
					}
				}
				return float64(c)
			}, nil
		})
	tsfreshReg("index_mass_quantile", "(first i with cumsum(|x|)[i]/sum(|x|) >= q, or 0 if none) + 1, over n; NaN if sum(|x|) == 0",
		[]Param{{Name: "q", Kind: Float, Doc: "share of the mass"}}, func(p Values) (Func, error) {
			q := p.Float("q")
			return func(w *Window) float64 {
				m := basicMassShared.Get(w)
				n := float64(w.Len())
				switch {
				case m.s == 0:
					return math.NaN()
				case math.IsInf(m.s, 0) || m.s != m.s:
					// c is 0 then NaN: the first index, or none, either way argmax 0
					return 1 / n
				}
				// c rises: the running sum of values >= 0 over a positive s
				i, j := 0, len(m.c)
				for i < j {
					h := int(uint(i+j) >> 1)
					if m.c[h] >= q {
						j = h
					} else {
						i = h + 1
					}
				}
				if i == len(m.c) {
					i = 0
				}
				return float64(i+1) / n
			}, nil
		})

	basicCount("value_count", "count(x == value); of NaN, the number of NaNs", "value", "the value counted", false, basicEq)
	tsfreshReg("range_count", "count(min <= x < max)",
		[]Param{{Name: "max", Kind: Float, Doc: "upper bound, excluded"}, {Name: "min", Kind: Float, Doc: "lower bound, included"}},
		func(p Values) (Func, error) {
			lo, hi := p.Float("min"), p.Float("max")
			return func(w *Window) float64 {
				c := 0
				for _, v := range w.Values() {
					c += basicB2I(v >= lo && v < hi)
				}
				return float64(c)
			}, nil
		})
	tsfreshReg("number_crossing_m", "number of i with (x[i] > m) != (x[i+1] > m)",
		[]Param{{Name: "m", Kind: Float, Doc: "the level crossed"}}, func(p Values) (Func, error) {
			m := p.Float("m")
			return func(w *Window) float64 { return float64(numpyexact.MeanCrossings(w.Values(), m)) }, nil
		})
	tsfreshReg("energy_ratio_by_chunks", "sum(chunk^2)/sum(x^2) of chunk segment_focus of np.array_split(x, num_segments); NaN if sum(x^2) == 0",
		[]Param{
			{Name: "num_segments", Kind: Int, Doc: "number of chunks, >= 1", Check: intAtLeast(1)},
			{Name: "segment_focus", Kind: Int, Doc: "0 <= segment_focus < num_segments", Check: intAtLeast(0)},
		}, func(p Values) (Func, error) {
			k, i := p.Int("num_segments"), p.Int("segment_focus")
			if i >= k {
				return nil, errors.New("segment_focus must be below num_segments")
			}
			sh := basicChunksShared.For(k)
			return func(w *Window) float64 {
				e := w.SumSquares()
				if e == 0 {
					return math.NaN()
				}
				return sh.Get(w).e[i] / e
			}, nil
		})
	tsfreshReg("ratio_beyond_r_sigma", "count(|x - mean(x)| > r*std(x)) / n",
		[]Param{{Name: "r", Kind: Float, Doc: "multiple of the standard deviation"}}, func(p Values) (Func, error) {
			r := p.Float("r")
			return func(w *Window) float64 {
				d, t := w.Centered(), r*w.Std()
				c := 0
				for _, v := range d {
					c += basicB2I(math.Abs(v) > t)
				}
				return float64(c) / float64(len(d))
			}, nil
		})
	basicCount("count_above", "count(x >= t) / n", "t", "threshold, included", true, basicGE)
	basicCount("count_below", "count(x <= t) / n", "t", "threshold, included", true, basicLE)
	tsfreshReg("mean_n_absolute_max", "mean of the number_of_maxima largest |x|; NaN if n <= number_of_maxima or x holds a NaN",
		[]Param{{Name: "number_of_maxima", Kind: Int, Doc: ">= 1", Check: intAtLeast(1)}}, func(p Values) (Func, error) {
			k := p.Int("number_of_maxima")
			return func(w *Window) float64 {
				s := w.Sorted()
				n := len(s)
				if n <= k || s[n-1] != s[n-1] {
					return math.NaN()
				}
				// The largest |x| sit at the two ends of the sorted values.
				top := w.Scratch(k)
				i, j := 0, n-1
				for t := k - 1; t >= 0; t-- {
					if -s[i] > s[j] {
						top[t] = -s[i]
						i++
					} else {
						top[t] = math.Abs(s[j])
						j--
					}
				}
				return numpyexact.Sum(top) / float64(k)
			}, nil
		})
}
