// Command custom-feature is featurize with a feature of one's own:
// hjorth_mobility, the Hjorth mobility of a window,
//
//	sqrt(var(diff(x)) / var(x))
//
// with population variances (np.var), and 0 for a constant window or one
// of a single value. It works with every engine, retries, --resume,
// shards and merge: the process engine's workers are this program again,
// so they register the feature too.
//
//	go build -o featurize-custom ./examples/custom-feature
//	./featurize-custom run testdata/demo --features default,hjorth_mobility -o out
package main

import (
	"math"
	"os"

	"gonum.org/v1/gonum/stat"

	"github.com/featurize/featurize/cli"
	"github.com/featurize/featurize/feature"
)

func init() {
	feature.Register(feature.Calculator{
		Name:  "hjorth_mobility",
		Doc:   "sqrt(var(diff(x)) / var(x)), population variances; 0 for a constant window",
		Group: "example",
		Bind: func(feature.Values) (feature.Func, error) {
			return hjorthMobility, nil
		},
	})
}

func hjorthMobility(w *feature.Window) float64 {
	x := w.Values()
	if len(x) < 2 || w.Constant() {
		return 0
	}
	diff := w.Scratch(len(x) - 1)
	for i := range diff {
		diff[i] = x[i+1] - x[i]
	}
	_, varDiff := stat.PopMeanVariance(diff, nil)
	_, varX := stat.PopMeanVariance(x, nil)
	return math.Sqrt(varDiff / varX)
}

func main() { os.Exit(cli.Main(os.Args)) }
