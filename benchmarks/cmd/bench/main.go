// Command bench times featurize against the Python recipe (np.loadtxt and
// pandas) side by side, in alternating rounds, and can draw the results.
// It lives apart from featurize so that featurize does not link the
// charting library: every featurize process, and every worker, starts
// faster for it.
//
//	go build -o featurize . && go run ./benchmarks/cmd/bench --rounds 15 --chart benchmarks/bench.png
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/featurize/featurize/benchmarks"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := newApp().RunContext(ctx, os.Args); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		stop()
		os.Exit(1)
	}
}

func newApp() *cli.App {
	return &cli.App{
		Name:            "bench",
		Usage:           "time featurize against the Python recipe (np.loadtxt and pandas) side by side, in alternating rounds",
		HideHelpCommand: true,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "featurize", Value: "./featurize", Usage: "the featurize binary to time (go build -o featurize . first)"},
			&cli.StringFlag{Name: "baseline", Usage: "another featurize binary to time beside it (a before/after comparison; its outputs must be byte-identical)"},
			&cli.IntFlag{Name: "n", Value: 1000, Usage: "files in the generated dataset"},
			&cli.IntFlag{Name: "rows", Value: 2000, Usage: "rows per file"},
			&cli.IntFlag{Name: "window", Value: 256, Usage: "rows per window"},
			&cli.IntFlag{Name: "stride", Value: 128, Usage: "rows between window starts"},
			&cli.IntFlag{Name: "workers", Value: runtime.NumCPU(), Usage: "workers for featurize and the recipe", DefaultText: "number of CPUs"},
			&cli.IntFlag{Name: "rounds", Value: 5, Usage: "alternating rounds; medians are reported"},
			&cli.StringFlag{Name: "styles", Value: "repr,short", Usage: "number styles of the datasets (featurize gen --style), comma-separated: every case runs on the first, the main ones on the others"},
			&cli.StringFlag{Name: "data", Usage: "dataset directory of the first style (made with featurize gen if missing; the others' beside it, DATA-STYLE)", DefaultText: "WORK/data-N-ROWS-STYLE"},
			&cli.StringFlag{Name: "work", Value: filepath.Join(os.TempDir(), "featurize-bench"), Usage: "scratch directory"},
			&cli.StringFlag{Name: "python", Value: "/usr/bin/python3", Usage: "python with numpy, scipy and pandas"},
			&cli.StringFlag{Name: "chart", Usage: "also draw the results into this PNG file"},
			&cli.StringFlag{Name: "json", Usage: "also write the results as JSON"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return fmt.Errorf("unexpected argument %q", c.Args().First())
			}
			exe, err := exec.LookPath(c.String("featurize"))
			if err != nil {
				return fmt.Errorf("--featurize: %w (build it first: go build -o featurize .)", err)
			}
			if exe, err = filepath.Abs(exe); err != nil {
				return err
			}
			o := benchmarks.Options{
				Featurize: exe, Baseline: c.String("baseline"), Python: c.String("python"), Data: c.String("data"),
				N: c.Int("n"), Rows: c.Int("rows"), Window: c.Int("window"), Stride: c.Int("stride"),
				Workers: c.Int("workers"), Rounds: c.Int("rounds"), Work: c.String("work"),
				ChartPath: c.String("chart"), JSONPath: c.String("json"), Styles: strings.Split(c.String("styles"), ","),
			}
			if o.N < 1 || o.Rows < 1 || o.Workers < 1 || o.Rounds < 1 || o.Window < 1 || o.Stride < 1 {
				return errors.New("--n, --rows, --window, --stride, --workers and --rounds must be positive")
			}
			if o.Data == "" {
				o.Data = filepath.Join(o.Work, "data-"+strconv.Itoa(o.N)+"-"+strconv.Itoa(o.Rows)+"-"+o.Styles[0])
			}
			_, err = benchmarks.Run(c.Context, o, c.App.Writer, c.App.ErrWriter)
			return err
		},
	}
}
