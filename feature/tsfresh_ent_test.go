package feature

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
)

// entNames are features of every calculator of tsfresh_ent*.go, the
// preset's grid and beyond it.
var entNames = []string{
	"autocorrelation__lag_0", "autocorrelation__lag_1", "autocorrelation__lag_9", "autocorrelation__lag_40",
	`agg_autocorrelation__f_agg_"mean"__maxlag_40`, `agg_autocorrelation__f_agg_"median"__maxlag_40`,
	`agg_autocorrelation__f_agg_"var"__maxlag_40`, `agg_autocorrelation__f_agg_"std"__maxlag_5`,
	`agg_autocorrelation__f_agg_"min"__maxlag_3`, `agg_autocorrelation__f_agg_"max"__maxlag_60`,
	`agg_autocorrelation__f_agg_"sum"__maxlag_0`, `agg_autocorrelation__f_agg_"mean"__maxlag_0`,
	"partial_autocorrelation__lag_0", "partial_autocorrelation__lag_1", "partial_autocorrelation__lag_9",
	"partial_autocorrelation__lag_12",
	"sample_entropy",
	"approximate_entropy__m_2__r_0.1", "approximate_entropy__m_2__r_0.9", "approximate_entropy__m_1__r_0.5",
	"approximate_entropy__m_4__r_0.3",
	"permutation_entropy__dimension_3__tau_1", "permutation_entropy__dimension_7__tau_1",
	"permutation_entropy__dimension_2__tau_3", "permutation_entropy__dimension_9__tau_1",
	"permutation_entropy__dimension_5__tau_2",
	"lempel_ziv_complexity__bins_0", "lempel_ziv_complexity__bins_1", "lempel_ziv_complexity__bins_2",
	"lempel_ziv_complexity__bins_100",
	"query_similarity_count__query_None__threshold_0.0",
}

func entSet(t testing.TB) (*Set, []string) {
	t.Helper()
	var feats []Feature
	for _, name := range entNames {
		f, err := Parse(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if f.Name() != name {
			t.Fatalf("Parse(%q).Name() = %q", name, f.Name())
		}
		feats = append(feats, f)
	}
	set, err := NewSet(feats)
	if err != nil {
		t.Fatal(err)
	}
	return set, entNames
}

// entEval computes every entNames feature of x.
func entEval(t testing.TB, x []float64) map[string]float64 {
	t.Helper()
	set, names := entSet(t)
	got := make([]float64, len(names))
	set.NewEvaluator().Windows(got, len(names), 0, x, len(x), 1, 1)
	out := map[string]float64{}
	for i, n := range names {
		out[n] = got[i]
	}
	return out
}

// TestEntEdges: no panic on short, constant and non-finite inputs, and
// the edge values SPEC.md gives.
func TestEntEdges(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 1; n <= 30; n++ {
		for _, kind := range []string{"random", "const", "nan", "inf", "-inf", "both", "ties"} {
			x := make([]float64, n)
			for i := range x {
				switch kind {
				case "const":
					x[i] = 2.5
				case "ties":
					x[i] = float64(rng.IntN(3))
				default:
					x[i] = rng.NormFloat64()
				}
			}
			switch kind {
			case "nan":
				x[n/2] = math.NaN()
			case "inf":
				x[n/3] = math.Inf(1)
			case "-inf":
				x[n-1] = math.Inf(-1)
			case "both":
				x[0] = math.Inf(1)
				x[n-1] = math.Inf(-1)
			}
			v := entEval(t, x)
			check := func(name string, want float64) {
				t.Helper()
				got := v[name]
				if !(got == want || (math.IsNaN(got) && math.IsNaN(want)) || math.Abs(got-want) <= 1e-12*math.Abs(want)) {
					t.Errorf("n=%d %s: %s = %v, want %v", n, kind, name, got, want)
				}
			}
			nan := math.NaN()
			check("query_similarity_count__query_None__threshold_0.0", nan)
			check("autocorrelation__lag_40", nan)
			// partial_autocorrelation: lag 0 is 1 once n >= 4, lags >= n//2 NaN.
			if n < 4 {
				check("partial_autocorrelation__lag_0", nan)
			} else {
				check("partial_autocorrelation__lag_0", 1)
			}
			if 9 >= n/2 {
				check("partial_autocorrelation__lag_9", nan)
			}
			if n < 3 {
				check("permutation_entropy__dimension_3__tau_1", nan)
			}
			if n <= 3 {
				check("approximate_entropy__m_2__r_0.1", 0)
			}
			finite := kind == "random" || kind == "const" || kind == "ties"
			k := 0 // the LZ words of a constant sequence: 0, 00, 000, ...
			for (k+1)*(k+2)/2 <= n {
				k++
			}
			switch {
			case kind == "const":
				for _, lag := range []string{"0", "1", "9"} {
					check("autocorrelation__lag_"+lag, nan)
				}
				check(`agg_autocorrelation__f_agg_"mean"__maxlag_40`, 0)
				check(`agg_autocorrelation__f_agg_"median"__maxlag_40`, 0)
				check(`agg_autocorrelation__f_agg_"var"__maxlag_40`, 0)
				if n >= 4 {
					check("partial_autocorrelation__lag_1", nan)
				}
				if n >= 2 { // n = 1 has no windows: 0/0
					check("sample_entropy", -math.Log(float64((n-2)*(n-3))/float64((n-1)*(n-2))))
				}
				if n > 3 {
					check("approximate_entropy__m_2__r_0.1", 0)
				}
				if n >= 3 {
					check("permutation_entropy__dimension_3__tau_1", math.Copysign(0, -1))
				}
				check("lempel_ziv_complexity__bins_100", float64(k)/float64(n))
			case !finite:
				if n > 1 { // n = 1 gives zeros(1) whatever its value
					check(`agg_autocorrelation__f_agg_"mean"__maxlag_40`, nan)
					check(`agg_autocorrelation__f_agg_"var"__maxlag_40`, nan)
				}
				check("autocorrelation__lag_1", nan)
				check("lempel_ziv_complexity__bins_2", float64(k)/float64(n))
				check("lempel_ziv_complexity__bins_100", float64(k)/float64(n))
				if kind == "nan" {
					check("sample_entropy", nan)
				} else if n >= 3 {
					check("sample_entropy", -math.Log(float64(n-2)/float64(n-1)))
				}
				if n > 3 {
					check("approximate_entropy__m_2__r_0.1", nan)
				}
			case kind == "random":
				if n == 1 {
					check(`agg_autocorrelation__f_agg_"mean"__maxlag_40`, 0)
				}
				if n == 2 {
					check(`agg_autocorrelation__f_agg_"mean"__maxlag_40`, -1)
					check(`agg_autocorrelation__f_agg_"median"__maxlag_40`, -1)
					check(`agg_autocorrelation__f_agg_"var"__maxlag_40`, 0)
				}
				check(`agg_autocorrelation__f_agg_"sum"__maxlag_0`, 0)
				check(`agg_autocorrelation__f_agg_"mean"__maxlag_0`, nan)
			}
		}
	}
}

// TestEntQuery: query_similarity_count takes only query None.
func TestEntQuery(t *testing.T) {
	f, err := Parse("query_similarity_count")
	if err != nil || f.Name() != "query_similarity_count__query_None__threshold_0.0" {
		t.Fatalf("%v %v", f.Name(), err)
	}
	_, err = Parse("query_similarity_count__query_(1, 2, 3)__threshold_0.0")
	if !errors.Is(err, ErrBadParam) || !strings.Contains(err.Error(), "not supported") {
		t.Errorf("a query: %v", err)
	}
}

// TestEntNoAlloc: computing the features allocates nothing per window.
func TestEntNoAlloc(t *testing.T) {
	set, names := entSet(t)
	ev := set.NewEvaluator()
	x := make([]float64, 300)
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	dst := make([]float64, 60*len(names))
	ev.Windows(dst, len(names), 0, x, 241, 1, 60)
	if a := testing.AllocsPerRun(5, func() { ev.Windows(dst, len(names), 0, x, 241, 1, 60) }); a != 0 {
		t.Errorf("%v allocations per run", a)
	}
}

// TestEntReference compares with direct implementations of the
// definitions on random series with ties, NaN and Inf.
func TestEntReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := range 300 {
		n := 1 + rng.IntN(120)
		x := make([]float64, n)
		levels := 1 + rng.IntN(6)
		for i := range x {
			if trial%2 == 0 {
				x[i] = float64(rng.IntN(levels))
			} else {
				x[i] = rng.NormFloat64()
			}
		}
		if trial%10 == 1 {
			x[rng.IntN(n)] = math.NaN()
		}
		w := NewWindow(x)
		for _, dim := range []int{2, 3, 5, 7, 8, 10} {
			for _, tau := range []int{1, 2, 3} {
				got, want := entPermutationEntropy(w, tau, dim), entRefPermutation(x, tau, dim)
				if !entSame(got, want, 1e-12) {
					t.Errorf("trial %d permutation dim %d tau %d: %v, want %v", trial, dim, tau, got, want)
				}
			}
		}
		for _, bins := range []int{0, 1, 2, 3, 10, 100} {
			got, want := entLempelZiv(w, bins), entRefLZ(x, bins)
			if got != want {
				t.Errorf("trial %d lz bins %d: %v, want %v", trial, bins, got, want)
			}
		}
		if got, want := entSampleEntropy(w), entRefSampleEntropy(x, 0.2*w.Std()); !entSame(got, want, 1e-12) {
			t.Errorf("trial %d sample_entropy: %v, want %v", trial, got, want)
		}
		for _, m := range []int{1, 2, 3, 70} {
			for _, r := range []float64{0.1, 0.5, 2} {
				got, want := entApproximateEntropy(w, m, r), entRefApEn(x, m, r*w.Std())
				if !entSame(got, want, 1e-9) {
					t.Errorf("trial %d approximate_entropy m %d r %v: %v, want %v", trial, m, r, got, want)
				}
			}
		}
	}
}

// TestEntSearchSorted: numpy's searchsorted on edges out of order
// (values from numpy 1.24), and the ordinary lower bound on ordered ones.
func TestEntSearchSorted(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	for _, c := range []struct {
		edges, x []float64
		want     []int32
	}{
		// x = [-1e308, 1e308, 0, 5], bins = 2: max - min overflows.
		{[]float64{inf, 1e308}, []float64{-1e308, 1e308, 0, 5}, []int32{0, 0, 0, 0}},
		{[]float64{4, 2.5, -inf, inf, nan, 0, inf}, []float64{4, 0, 2}, []int32{3, 3, 6}},
		{[]float64{4, -inf, 2.5, 4, 0, inf}, []float64{2, 2, 1, 1, 2.5, 3, 0}, []int32{2, 2, 2, 2, 5, 5, 2}},
		{[]float64{inf, nan, nan, -inf, 3, 2.5, -inf}, []float64{3, 3, inf, 2.5, 0, 0, 2, 3, 1}, []int32{7, 7, 7, 4, 0, 0, 4, 7, 4}},
		{[]float64{-inf, 2.5, 4, -inf, 2.5, 2}, []float64{0, 1, 0, 3, 0, 2, 2, inf, 2}, []int32{4, 4, 1, 6, 4, 4, 1, 6, 4}},
	} {
		got := make([]int32, len(c.x))
		entSearchSorted(c.edges, c.x, got)
		if !slices.Equal(got, c.want) {
			t.Errorf("searchsorted(%v, %v) = %v, want %v", c.edges, c.x, got, c.want)
		}
	}
	edges := []float64{1, 2, 2, 3, 10}
	x := []float64{0, 1, 1.5, 2, 2.5, 3, 11, 10, 2, 0}
	got := make([]int32, len(x))
	entSearchSorted(edges, x, got)
	for i, v := range x {
		if want := int32(sort.SearchFloat64s(edges, v)); got[i] != want {
			t.Errorf("searchsorted(%v) = %d, want %d", v, got[i], want)
		}
	}
}

func entSame(got, want, tol float64) bool {
	if math.IsNaN(got) || math.IsNaN(want) {
		return math.IsNaN(got) && math.IsNaN(want)
	}
	if math.IsInf(got, 0) || math.IsInf(want, 0) {
		return got == want
	}
	return math.Abs(got-want) <= tol*max(1, math.Abs(want))
}

// entRefPermutation ranks each window by a stable sort and counts the
// patterns in a map.
func entRefPermutation(x []float64, tau, dim int) float64 {
	counts := map[string]int{}
	total := 0
	for s := 0; s+dim <= len(x); s += tau {
		idx := make([]int, dim)
		for i := range idx {
			idx[i] = i
		}
		win := x[s : s+dim]
		sort.SliceStable(idx, func(a, b int) bool { return npLess(win[idx[a]], win[idx[b]]) })
		rank := make([]byte, dim)
		for r, i := range idx {
			rank[i] = byte(r)
		}
		counts[string(rank)]++
		total++
	}
	if total == 0 {
		return math.NaN()
	}
	var keys []string
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	h := 0.0
	for _, k := range keys {
		p := float64(counts[k]) / float64(total)
		h += p * math.Log(p)
	}
	return -h
}

// entRefLZ parses with a map of words, after a linear-search binning.
func entRefLZ(x []float64, bins int) float64 {
	lo, hi := slices.Min(x), slices.Max(x)
	for _, v := range x {
		if v != v {
			lo, hi = v, v
		}
	}
	edges := make([]float64, bins)
	step := (hi - lo) / float64(bins)
	for j := range edges {
		if step == 0 {
			edges[j] = float64(j+1)/float64(bins)*(hi-lo) + lo
		} else {
			edges[j] = float64(j+1)*step + lo
		}
	}
	if bins > 0 {
		edges[bins-1] = hi
	}
	sym := make([]byte, len(x))
	for i, v := range x {
		c := 0
		for c < bins && npLess(edges[c], v) {
			c++
		}
		sym[i] = byte(c)
	}
	seen := map[string]bool{}
	for i, l := 0, 1; i+l <= len(sym); {
		if w := string(sym[i : i+l]); seen[w] {
			l++
		} else {
			seen[w] = true
			i += l
			l = 1
		}
	}
	return float64(len(seen)) / float64(len(x))
}

func entRefDist(x []float64, i, j, m int) float64 {
	d := 0.0
	for k := range m {
		a := math.Abs(x[i+k] - x[j+k])
		if a > d || a != a {
			d = a
		}
	}
	return d
}

func entRefSampleEntropy(x []float64, tol float64) float64 {
	for _, v := range x {
		if v != v {
			return math.NaN()
		}
	}
	count := func(m int) int {
		c := 0
		for i := 0; i+m <= len(x); i++ {
			for j := 0; j+m <= len(x); j++ {
				if entRefDist(x, i, j, m) <= tol {
					c++
				}
			}
			c--
		}
		return c
	}
	return -math.Log(float64(count(3)) / float64(count(2)))
}

func entRefApEn(x []float64, m int, tol float64) float64 {
	n := len(x)
	if n <= m+1 {
		return 0
	}
	phi := func(m int) float64 {
		nw := n - m + 1
		s := 0.0
		for i := range nw {
			c := 0
			for j := range nw {
				if entRefDist(x, i, j, m) <= tol {
					c++
				}
			}
			s += math.Log(float64(c) / float64(nw))
		}
		return s / float64(nw)
	}
	return math.Abs(phi(m) - phi(m+1))
}
