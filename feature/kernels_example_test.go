package feature_test

import (
	"fmt"
	"math"

	"github.com/featurize/featurize/feature"
)

func ExampleParseSet() {
	// The features of every window of one column; one Evaluator a worker.
	set, err := feature.ParseSet([]string{"mean", "std", "median", "q75", "mean_crossings", "fft_peak_freq", "skew"})
	if err != nil {
		fmt.Println(err)
		return
	}
	ev := set.NewEvaluator()
	dst := make([]float64, set.Len())

	x := []float64{1, 2, 4, 8, 4, 2, 1, 0} // one window of one column (numpy agrees)
	ev.Windows(dst, 0, 0, x, len(x), 1, 1)
	for i, name := range set.FeatureNames() {
		fmt.Printf("%-14s %.6g\n", name, dst[i])
	}

	// A constant window gets 0, not NaN, for skew and fft_peak_freq.
	c := []float64{0.1, 0.1, 0.1, 0.1}
	ev.Windows(dst, 0, 0, c, len(c), 1, 1)
	fmt.Println(dst[5], dst[6])
	// Output:
	// mean           2.75
	// std            2.38485
	// median         2
	// q75            4
	// mean_crossings 2
	// fft_peak_freq  0.125
	// skew           1.07132
	// 0 0
}

func ExampleEvaluator_Windows() {
	set, _ := feature.ParseSet([]string{"mean", "median", "max"})
	ev := set.NewEvaluator()
	// Two columns, windows of 4 rows every 2 rows: 3 windows each, laid out
	// as rows of 2*3 values (column a's features, then column b's).
	a := []float64{1, 5, 2, 8, 3, 9, 4, 7}
	b := []float64{0, 0, 1, 1, 0, 0, 1, 1}
	const w, s, count = 4, 2, 3
	width := 2 * set.Len()
	rows := make([]float64, count*width)
	ev.Windows(rows, width, 0, a, w, s, count)
	ev.Windows(rows, width, set.Len(), b, w, s, count)
	for i := range count {
		fmt.Println(rows[i*width : (i+1)*width])
	}
	fmt.Println(set.Names([]string{"a", "b"}))
	// Output:
	// [4 3.5 8 0.5 0.5 1]
	// [5.5 5.5 9 0.5 0.5 1]
	// [5.75 5.5 9 0.5 0.5 1]
	// [a__mean a__median a__max b__mean b__median b__max]
}

func ExampleRegister() {
	// A feature of one's own, with a parameter: the fraction of values
	// above mean + k*std. Register it before featurize runs (in init or
	// at the start of main).
	feature.Register(feature.Calculator{
		Name:   "share_above_k_std",
		Doc:    "fraction of values above mean + k*std",
		Params: []feature.Param{{Name: "k", Kind: feature.Float, Default: 1.0}},
		Bind: func(p feature.Values) (feature.Func, error) {
			k := p.Float("k")
			if math.IsNaN(k) {
				return nil, fmt.Errorf("k is NaN")
			}
			return func(w *feature.Window) float64 {
				cut, n := w.Mean()+k*w.Std(), 0
				for _, v := range w.Values() {
					if v > cut {
						n++
					}
				}
				return float64(n) / float64(w.Len())
			}, nil
		},
	})
	f, err := feature.Parse("share_above_k_std__k_0.5")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(f.Name(), f.Eval(feature.NewWindow([]float64{1, 2, 3, 4, 10})))
	// Output: share_above_k_std__k_0.5 0.2
}
