package cli

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"

	urfave "github.com/urfave/cli/v2"

	"golang.org/x/sync/errgroup"

	"github.com/featurize/featurize/feature"
)

func genCommand() *urfave.Command {
	return &urfave.Command{
		Name:  "gen",
		Usage: "make a deterministic demo dataset: DIR/1.csv..N.csv (3-axis motion signals in 4 classes) and DIR/labels.csv",
		Flags: []urfave.Flag{
			&urfave.IntFlag{Name: "n", Value: 40, Usage: "number of files"},
			&urfave.IntFlag{Name: "rows", Value: 500, Usage: "rows per file"},
			&urfave.StringFlag{Name: "out", Aliases: []string{"o"}, Value: "data", Usage: "output directory"},
			&urfave.Uint64Flag{Name: "seed", Value: 1, Usage: "random seed"},
			&urfave.StringFlag{Name: "style", Value: "short", Usage: "how values are written: short (%.6f), repr (Python's repr and pandas' to_csv: up to 17 significant digits) or savetxt (np.savetxt's default %.18e)"},
			&urfave.BoolFlag{Name: "force", Usage: "replace the dataset (numbered .csv files and labels.csv) of a folder that is not empty"},
		},
		Action: func(c *urfave.Context) error {
			opts := genOptions{N: c.Int("n"), Rows: c.Int("rows"), Out: c.String("out"), Seed: c.Uint64("seed"), Style: c.String("style")}
			if opts.N < 1 || opts.Rows < 1 {
				return usagef("gen: --n and --rows must be positive")
			}
			if _, ok := genStyles[opts.Style]; !ok {
				return usagef("gen: --style %q: want short, repr or savetxt", opts.Style)
			}
			if err := clearGenFolder(opts.Out, c.Bool("force")); err != nil {
				return err
			}
			if err := runGen(opts); err != nil {
				return err
			}
			fmt.Fprintf(c.App.Writer, "featurize: wrote %d files of %d rows and labels.csv to %s\n", opts.N, opts.Rows, opts.Out)
			return nil
		},
	}
}

// genFile matches the files gen writes.
var genFileName = regexp.MustCompile(`^([0-9]+\.csv|labels\.csv)$`)

// clearGenFolder refuses a folder that holds anything unless force, which
// removes the dataset gen would write (and nothing else), so that no file
// of an earlier, larger dataset is left beside the new one.
func clearGenFolder(dir string, force bool) error {
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) == 0 {
		return nil // missing: made by runGen
	}
	if !force {
		return usagef("gen: %s is not empty (it holds %d entries, such as %s); pass --force to replace the dataset in it", dir, len(entries), entries[0].Name())
	}
	for _, e := range entries {
		if e.Type().IsRegular() && genFileName.MatchString(e.Name()) {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

type genOptions struct {
	N, Rows int
	Out     string
	Seed    uint64
	Style   string // a key of genStyles ("" is short)
}

// genStyles write a value as the tools users' data comes from do.
var genStyles = map[string]func([]byte, float64) []byte{
	"":      genShort,
	"short": genShort,
	"repr":  func(b []byte, v float64) []byte { return append(b, feature.PyFloat(v)...) },
	"savetxt": func(b []byte, v float64) []byte { // C's %.18e, as np.savetxt writes
		return strconv.AppendFloat(b, v, 'e', 18, 64)
	},
}

func genShort(b []byte, v float64) []byte { return strconv.AppendFloat(b, v, 'f', 6, 64) }

// Activity classes of the demo data: name, dominant frequency (Hz) and
// amplitude (g) of the motion.
var genClasses = []struct {
	name      string
	freq, amp float64
}{{"still", 0.3, 0.05}, {"walk", 1.8, 0.9}, {"run", 2.8, 2.2}, {"cycle", 1.2, 0.6}}

// runGen writes the files in parallel; each file's values depend only on
// the seed and its index, so the output is the same however it is run.
func runGen(opts genOptions) error {
	if err := os.MkdirAll(opts.Out, 0o755); err != nil {
		return err
	}
	labels := make([]int, opts.N+1)
	var g errgroup.Group
	g.SetLimit(runtime.NumCPU())
	for i := 1; i <= opts.N; i++ {
		rng := rand.New(rand.NewPCG(opts.Seed, uint64(i)))
		labels[i] = rng.IntN(len(genClasses))
		g.Go(func() error {
			return genFile(filepath.Join(opts.Out, strconv.Itoa(i)+".csv"), opts.Rows, labels[i], rng, genStyles[opts.Style])
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return writeWith(filepath.Join(opts.Out, "labels.csv"), func(w io.Writer) error {
		fmt.Fprintln(w, "index,label")
		for i := 1; i <= opts.N; i++ {
			fmt.Fprintf(w, "%d,%d\n", i, labels[i])
		}
		return nil
	})
}

func genFile(path string, rows, class int, rng *rand.Rand, format func([]byte, float64) []byte) error {
	c := genClasses[class]
	const rate = 50.0 // samples per second
	// Products are rounded before each sum (float64()), so that arm64,
	// whose compiler fuses multiply-adds, makes the same data as amd64.
	freq := c.freq * (0.9 + float64(0.2*rng.Float64()))
	phase := float64(2 * math.Pi * rng.Float64())
	return writeWith(path, func(w io.Writer) error {
		buf := make([]byte, 0, 64)
		fmt.Fprintln(w, "ax,ay,az")
		for r := 0; r < rows; r++ {
			t := float64(r) / rate
			arg := float64(2*math.Pi*freq*t) + phase
			s := math.Sin(arg)
			vals := [3]float64{
				float64(c.amp*s) + float64(0.08*rng.NormFloat64()),
				float64(0.5*c.amp*math.Cos(arg)) + float64(0.08*rng.NormFloat64()),
				1 + float64(0.3*c.amp*s*s) + float64(0.05*rng.NormFloat64()),
			}
			buf = buf[:0]
			for j, v := range vals {
				if j > 0 {
					buf = append(buf, ',')
				}
				buf = format(buf, v)
			}
			buf = append(buf, '\n')
			if _, err := w.Write(buf); err != nil {
				return err
			}
		}
		return nil
	})
}

// writeWith writes a file through a buffer, reporting the first error.
func writeWith(path string, fill func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 256<<10)
	err = fill(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
