package feature_test

import (
	"fmt"

	"github.com/featurize/featurize/feature"
)

func ExampleWorkspace_Compute() {
	// One worker's workspace, reused for every window it computes.
	ws := feature.NewWorkspace()
	feats := []feature.Feature{
		feature.Mean, feature.Std, feature.Median, feature.Q75,
		feature.MeanCrossings, feature.FFTPeakFreq, feature.Skew,
	}
	dst := make([]float64, len(feats))

	x := []float64{1, 2, 4, 8, 4, 2, 1, 0} // one window of one column (numpy agrees)
	ws.Compute(dst, x, feats)
	for i, f := range feats {
		fmt.Printf("%-14s %.6g\n", f, dst[i])
	}

	// A constant window gets 0, not NaN, for skew and fft_peak_freq.
	ws.Compute(dst, []float64{0.1, 0.1, 0.1, 0.1}, feats)
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

func ExampleNames() {
	feats, err := feature.ParseFeatures([]string{"mean", "fft_peak_freq"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(feature.Names([]string{"ax", "ay"}, feats))
	// Output: [ax__mean ax__fft_peak_freq ay__mean ay__fft_peak_freq]
}

func ExampleWindowStarts() {
	// 10 rows, windows of 4 rows every 3 rows: rows 0-3, 3-6, 6-9.
	n := feature.WindowStarts(10, 4, 3)
	for i := range n {
		lo, hi := feature.Window(i, 10, 4, 3)
		fmt.Println(i, lo, hi)
	}
	// Output:
	// 0 0 4
	// 1 3 7
	// 2 6 10
}

func ExampleWorkspace_ComputeWindows() {
	ws := feature.NewWorkspace()
	feats := []feature.Feature{feature.Mean, feature.Median, feature.Max}
	// Two columns, windows of 4 rows every 2 rows: 3 windows each, laid out
	// as rows of 2*3 values (column a's features, then column b's).
	a := []float64{1, 5, 2, 8, 3, 9, 4, 7}
	b := []float64{0, 0, 1, 1, 0, 0, 1, 1}
	const w, s, count = 4, 2, 3
	width := 2 * len(feats)
	rows := make([]float64, count*width)
	ws.ComputeWindows(rows, width, 0, a, w, s, count, feats)
	ws.ComputeWindows(rows, width, len(feats), b, w, s, count, feats)
	for i := range count {
		fmt.Println(rows[i*width : (i+1)*width])
	}
	// Output:
	// [4 3.5 8 0.5 0.5 1]
	// [5.5 5.5 9 0.5 0.5 1]
	// [5.75 5.5 9 0.5 0.5 1]
}
