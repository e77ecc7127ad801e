package pipeline_test

import (
	"context"
	"fmt"

	"github.com/featurize/featurize/feature"
	"github.com/featurize/featurize/pipeline"
)

func ExampleCollect() {
	feats, err := feature.Expand([]string{"mean", "std", "fft_peak_freq"})
	if err != nil {
		fmt.Println(err)
		return
	}
	ds, err := pipeline.Collect(context.Background(), pipeline.Config{
		InputDir: "../testdata/demo",
		Window:   100,
		Stride:   50,
		Features: feats,
		Labels:   "../testdata/demo/labels.csv",
		Engine:   pipeline.EngineThread, // or EngineProcess, if main calls pipeline.ServeWorkers
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	rows, cols := ds.X.Dims()
	fmt.Println(rows, cols, ds.Names[:3], len(ds.TargetInt), ds.Groups[0], ds.Groups[rows-1])
	// Output: 200 9 [ax__mean ax__std ax__fft_peak_freq] 200 1 40
}
