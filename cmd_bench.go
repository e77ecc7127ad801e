package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"

	"github.com/urfave/cli/v2"

	"github.com/featurize/featurize/pipeline"

	"github.com/featurize/featurize/benchmarks"
)

func benchCommand() *cli.Command {
	return &cli.Command{
		Name:  "bench",
		Usage: "time featurize against the Python recipe (np.loadtxt and pandas) side by side, in alternating rounds",
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "n", Value: 1000, Usage: "files in the generated dataset"},
			&cli.IntFlag{Name: "rows", Value: 2000, Usage: "rows per file"},
			&cli.IntFlag{Name: "window", Value: 256, Usage: "rows per window"},
			&cli.IntFlag{Name: "stride", Value: 128, Usage: "rows between window starts"},
			&cli.IntFlag{Name: "workers", Value: runtime.NumCPU(), Usage: "workers for featurize and the recipe", DefaultText: "number of CPUs"},
			&cli.IntFlag{Name: "rounds", Value: 5, Usage: "alternating rounds; medians are reported"},
			&cli.StringFlag{Name: "data", Usage: "dataset directory (made with gen if missing)", DefaultText: "WORK/data-N-ROWS"},
			&cli.StringFlag{Name: "work", Value: filepath.Join(os.TempDir(), "featurize-bench"), Usage: "scratch directory"},
			&cli.StringFlag{Name: "python", Value: "/usr/bin/python3", Usage: "python with numpy, scipy and pandas"},
			&cli.StringFlag{Name: "chart", Usage: "also draw the results into this PNG file"},
			&cli.StringFlag{Name: "json", Usage: "also write the results as JSON"},
		},
		Action: func(c *cli.Context) error {
			exe, err := os.Executable()
			if err != nil {
				return err
			}
			o := benchmarks.Options{
				Featurize: exe, Python: c.String("python"), Data: c.String("data"),
				N: c.Int("n"), Rows: c.Int("rows"), Window: c.Int("window"), Stride: c.Int("stride"),
				Workers: c.Int("workers"), Rounds: c.Int("rounds"), Work: c.String("work"),
				ChartPath: c.String("chart"), JSONPath: c.String("json"),
			}
			if o.N < 1 || o.Rows < 1 || o.Workers < 1 || o.Rounds < 1 || o.Window < 1 || o.Stride < 1 {
				return pipeline.Usagef("bench: --n, --rows, --window, --stride, --workers and --rounds must be positive")
			}
			if o.Data == "" {
				o.Data = filepath.Join(o.Work, "data-"+strconv.Itoa(o.N)+"-"+strconv.Itoa(o.Rows))
			}
			_, err = benchmarks.Run(c.Context, o, c.App.Writer, c.App.ErrWriter)
			return err
		},
	}
}
