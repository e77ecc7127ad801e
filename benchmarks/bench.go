package benchmarks

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

//go:embed python/recipe.py
var recipeScript []byte

//go:embed python/compare.py
var compareScript []byte

// Options configure a benchmark run.
type Options struct {
	Featurize string // path of the featurize binary
	Baseline  string // another featurize build to time beside it, if set
	Python    string // /usr/bin/python3 with numpy, scipy, pandas
	Data      string // dataset directory of the first style; made with featurize gen if missing
	// Styles are the number styles of the datasets (featurize gen
	// --style): every case runs on the first; the main ones on the others.
	Styles    []string
	N, Rows   int
	Window    int
	Stride    int
	Workers   int
	Rounds    int
	Work      string // scratch directory for outputs
	ChartPath string // PNG of the results, if set
	JSONPath  string // results as JSON, if set
}

// Case is one command timed in every round.
type Case struct {
	Name    string    `json:"name"`
	Engine  string    `json:"engine"` // process, thread, serial, serial-twice, python-loadtxt, python-pandas, startup
	Workers int       `json:"workers"`
	Format  string    `json:"format"`
	Style   string    `json:"style"`
	Times   []float64 `json:"seconds"`
	argv    []string
	env     []string
	out     string
	// twice runs argv and a second copy (writing to out2) at once: the
	// machine's own speedup on two independent jobs.
	twice []string
}

// Median returns the median of the case's times.
func (c *Case) Median() float64 { return median(c.Times) }

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// Report is a finished benchmark.
type Report struct {
	Options   Options          `json:"options"`
	Machine   string           `json:"machine"`
	CSVBytes  map[string]int64 `json:"csv_bytes"` // by style
	Rows      int              `json:"rows"`
	Cases     []*Case          `json:"cases"`
	Agreement string           `json:"agreement"`
}

// dataDir is the dataset of a style: Data for the first.
func (o Options) dataDir(style string) string {
	if style == o.Styles[0] {
		return o.Data
	}
	return o.Data + "-" + style
}

// Run benchmarks featurize against the recipe and writes a table to w.
func Run(ctx context.Context, o Options, w, logw io.Writer) (*Report, error) {
	if err := os.MkdirAll(o.Work, 0o755); err != nil {
		return nil, err
	}
	if _, err := exec.Command(o.Python, "-c", "import numpy, scipy, pandas").CombinedOutput(); err != nil {
		return nil, fmt.Errorf("bench: %s cannot import numpy, scipy and pandas (apt-get install python3-numpy python3-scipy python3-pandas): %w", o.Python, err)
	}
	recipe, compare := filepath.Join(o.Work, "recipe.py"), filepath.Join(o.Work, "compare.py")
	if err := os.WriteFile(recipe, recipeScript, 0o644); err != nil {
		return nil, err
	}
	if err := os.WriteFile(compare, compareScript, 0o644); err != nil {
		return nil, err
	}
	rep := &Report{Options: o, Machine: machine(), CSVBytes: map[string]int64{}}
	for _, style := range o.Styles {
		if err := ensureData(ctx, o.Featurize, o.dataDir(style), o.N, o.Rows, 1, style, logw); err != nil {
			return nil, err
		}
		rep.CSVBytes[style] = csvBytes(o.dataDir(style), o.N)
	}
	small := filepath.Join(o.Work, "small")
	if err := ensureData(ctx, o.Featurize, small, 3, 200, 2, "short", logw); err != nil {
		return nil, err
	}

	chunks := func(workers int) []string { return []string{"--chunks", strconv.Itoa(4 * workers)} }
	pyEnv := []string{"OPENBLAS_NUM_THREADS=1", "OMP_NUM_THREADS=1", "MKL_NUM_THREADS=1"}
	var style string // the style of the cases being added
	common := func() []string {
		return []string{"--labels", filepath.Join(o.dataDir(style), "labels.csv"), "--window", strconv.Itoa(o.Window), "--stride", strconv.Itoa(o.Stride), "--n", strconv.Itoa(o.N)}
	}
	add := func(name, engine string, workers int, format string, argv, env []string) *Case {
		if style != o.Styles[0] || len(o.Styles) > 1 && engine != "startup" && engine != "baseline-startup" {
			name += ", " + style
		}
		c := &Case{Name: name, Engine: engine, Workers: workers, Format: format, Style: style, argv: argv, env: env}
		rep.Cases = append(rep.Cases, c)
		return c
	}
	fzArgv := func(bin, engine string, workers int, format, out string) []string {
		argv := append([]string{bin, "run", o.dataDir(style), "--engine", engine, "--workers", strconv.Itoa(workers), "--format", format, "-o", out, "--quiet"}, common()...)
		return append(argv, chunks(workers)...)
	}
	fz := func(engine string, workers int, format string) *Case {
		out := filepath.Join(o.Work, fmt.Sprintf("out-%s-%s-%d-%s", style, engine, workers, format))
		c := add(fmt.Sprintf("featurize %s, %d worker(s), %s", engine, workers, format), engine, workers, format, fzArgv(o.Featurize, engine, workers, format, out), nil)
		c.out = out
		return c
	}
	py := func(reader string, workers int) *Case {
		out := filepath.Join(o.Work, fmt.Sprintf("out-%s-python-%s", style, reader))
		argv := append([]string{o.Python, recipe, o.dataDir(style), "--reader", reader, "--workers", strconv.Itoa(workers), "-o", out}, common()...)
		c := add(fmt.Sprintf("python recipe (%s), %d worker(s)", reader, workers), "python-"+reader, workers, "npy", append(argv, chunks(workers)...), pyEnv)
		c.out = out
		return c
	}
	type pair struct{ fz, loadtxt, pandas *Case }
	var checks []pair
	var main, baseline *Case
	for k, st := range o.Styles {
		style = st
		p := pair{fz: fz("process", o.Workers, "npy")}
		fz("thread", o.Workers, "npy")
		fz("serial", 1, "npy")
		// Two serial runs at once: the machine's own speedup on two jobs.
		out := filepath.Join(o.Work, "out-"+style+"-serial-twice")
		c := add("two serial runs at once (the machine's speedup)", "serial-twice", 1, "npy", fzArgv(o.Featurize, "serial", 1, "npy", out+"-a"), nil)
		c.twice = fzArgv(o.Featurize, "serial", 1, "npy", out+"-b")
		p.loadtxt, p.pandas = py("loadtxt", o.Workers), py("pandas", o.Workers)
		checks = append(checks, p)
		if k > 0 {
			continue
		}
		main = p.fz
		fz("process", 1, "npy")
		fz("thread", 1, "npy")
		fz("process", o.Workers, "txt")
		add("featurize start-up: 3 small files", "startup", o.Workers, "npy",
			[]string{o.Featurize, "run", small, "--labels", filepath.Join(small, "labels.csv"), "-o", filepath.Join(o.Work, "out-small"), "--quiet"}, nil)
		// The baseline build's cases, for a before/after comparison in one run.
		if o.Baseline != "" {
			bfz := func(engine string, workers int) *Case {
				out := filepath.Join(o.Work, fmt.Sprintf("out-%s-baseline-%s-%d", style, engine, workers))
				c := add(fmt.Sprintf("baseline %s, %d worker(s), npy", engine, workers), "baseline-"+engine, workers, "npy", fzArgv(o.Baseline, engine, workers, "npy", out), nil)
				c.out = out
				return c
			}
			baseline = bfz("process", o.Workers)
			bfz("thread", o.Workers)
			bfz("serial", 1)
			add("baseline start-up: 3 small files", "baseline-startup", o.Workers, "npy",
				[]string{o.Baseline, "run", small, "--labels", filepath.Join(small, "labels.csv"), "-o", filepath.Join(o.Work, "out-small-baseline"), "--quiet"}, nil)
		}
	}

	// Each round runs the cases in a new order (fixed by the seed): on a
	// shared machine a case that always followed the same one (the recipe,
	// say) would carry what that one leaves behind.
	rng := rand.New(rand.NewPCG(1, 2))
	order := slices.Clone(rep.Cases)
	for round := 1; round <= o.Rounds; round++ {
		fmt.Fprintf(logw, "bench: round %d of %d\n", round, o.Rounds)
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, c := range order {
			reps := 1
			if c.Engine == "startup" || c.Engine == "baseline-startup" {
				reps = 5 // short: several runs per round
			}
			for range reps {
				d, err := timeCommand(ctx, c.argv, c.twice, c.env)
				if err != nil {
					return nil, fmt.Errorf("bench: %s: %w", c.Name, err)
				}
				c.Times = append(c.Times, d)
			}
		}
	}
	// The outputs must agree before their times mean anything.
	var agree []string
	for _, p := range checks {
		for _, other := range []*Case{p.loadtxt, p.pandas} {
			out, err := exec.CommandContext(ctx, o.Python, compare, p.fz.out, other.out).CombinedOutput()
			if err != nil {
				return nil, fmt.Errorf("bench: %s and %s disagree: %s", p.fz.Name, other.Name, out)
			}
			agree = append(agree, strings.TrimSpace(string(out)))
		}
	}
	if baseline != nil {
		for _, name := range []string{"feature.npy", "target.npy", "groups.npy"} {
			a, err1 := os.ReadFile(filepath.Join(main.out, name))
			b, err2 := os.ReadFile(filepath.Join(baseline.out, name))
			if err1 != nil || err2 != nil || !bytes.Equal(a, b) {
				return nil, fmt.Errorf("bench: %s differs between the baseline and this build", name)
			}
		}
		agree = append(agree, "baseline: byte-identical outputs")
	}
	rep.Agreement = strings.Join(agree, "; ")
	if n, err := featureRows(filepath.Join(main.out, "manifest.json")); err == nil {
		rep.Rows = n
	}
	rep.WriteTable(w)
	if o.JSONPath != "" {
		data, _ := json.MarshalIndent(rep, "", "  ")
		if err := os.WriteFile(o.JSONPath, append(data, '\n'), 0o644); err != nil {
			return nil, err
		}
	}
	if o.ChartPath != "" {
		if err := rep.Chart(o.ChartPath); err != nil {
			return nil, err
		}
		fmt.Fprintf(w, "\nchart: %s\n", o.ChartPath)
	}
	return rep, nil
}

// find returns the case of the given engine, workers and format on the
// first style's data.
func (r *Report) find(engine string, workers int, format string) *Case {
	return r.findStyle(r.Options.Styles[0], engine, workers, format)
}

func (r *Report) findStyle(style, engine string, workers int, format string) *Case {
	for _, c := range r.Cases {
		if c.Engine == engine && c.Workers == workers && c.Format == format && (c.Style == style || c.Style == "") {
			return c
		}
	}
	return nil
}

// WriteTable prints the medians and the ratios the targets are about.
func (r *Report) WriteTable(w io.Writer) {
	o := r.Options
	fmt.Fprintf(w, "data: %d files x %d rows x 3 columns, --window %d --stride %d, %d output rows; %d alternating rounds\n",
		o.N, o.Rows, o.Window, o.Stride, r.Rows, o.Rounds)
	for _, st := range o.Styles {
		fmt.Fprintf(w, "  %s numbers: %.1f MB of CSV\n", st, float64(r.CSVBytes[st])/1e6)
	}
	fmt.Fprintf(w, "machine: %s\n\n", r.Machine)
	fmt.Fprintln(w, "| case | median s | min s | max s | rows/s | MB/s of CSV |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|")
	for _, c := range r.Cases {
		m := c.Median()
		if c.Engine == "startup" || c.Engine == "baseline-startup" {
			fmt.Fprintf(w, "| %s | %.4f | %.4f | %.4f | | |\n", c.Name, m, slices.Min(c.Times), slices.Max(c.Times))
			continue
		}
		rows, bytes := float64(r.Rows), float64(r.CSVBytes[c.Style])
		if c.twice != nil || c.Engine == "serial-twice" {
			rows, bytes = 2*rows, 2*bytes
		}
		fmt.Fprintf(w, "| %s | %.3f | %.3f | %.3f | %.0f | %.0f |\n", c.Name, m, slices.Min(c.Times), slices.Max(c.Times),
			rows/m, bytes/1e6/m)
	}
	W := o.Workers
	ratio := func(a, b *Case) float64 {
		if a == nil || b == nil || b.Median() == 0 {
			return 0
		}
		return a.Median() / b.Median()
	}
	fmt.Fprintln(w, "\n| ratio (medians) | value | target |")
	fmt.Fprintln(w, "|---|---:|---|")
	for _, st := range o.Styles {
		proc, thr, serial := r.findStyle(st, "process", W, "npy"), r.findStyle(st, "thread", W, "npy"), r.findStyle(st, "serial", 1, "npy")
		fmt.Fprintf(w, "| %s: python loadtxt recipe / featurize process | %.1fx | >= 15x |\n", st, ratio(r.findStyle(st, "python-loadtxt", W, "npy"), proc))
		fmt.Fprintf(w, "| %s: python pandas recipe / featurize process | %.1fx | >= 8x |\n", st, ratio(r.findStyle(st, "python-pandas", W, "npy"), proc))
		// The machine's speedup on two jobs: two serial runs at once
		// against one; featurize's: one serial run against W workers.
		if twice := r.findStyle(st, "serial-twice", 1, "npy"); twice != nil && serial != nil && W == 2 {
			machine := 2 * serial.Median() / twice.Median()
			fz := ratio(serial, proc)
			fmt.Fprintf(w, "| %s: machine speedup, 2 serial runs at once / 1 | %.2fx | |\n", st, machine)
			fmt.Fprintf(w, "| %s: featurize speedup, serial / process %d workers | %.2fx (%.0f%% of the machine's) | >= 97%% |\n", st, W, fz, 100*fz/machine)
		}
		fmt.Fprintf(w, "| %s: featurize process / thread, %d workers | %.3f | <= 1.05 |\n", st, W, ratio(proc, thr))
	}
	proc, thr := r.find("process", W, "npy"), r.find("thread", W, "npy")
	fmt.Fprintf(w, "| featurize process: 1 worker / %d workers | %.2fx | |\n", W, ratio(r.find("process", 1, "npy"), proc))
	fmt.Fprintf(w, "| featurize thread: 1 worker / %d workers | %.2fx | |\n", W, ratio(r.find("thread", 1, "npy"), thr))
	fmt.Fprintf(w, "| featurize txt / npy output, process | %.2fx | |\n", ratio(r.find("process", W, "txt"), proc))
	if s := r.find("startup", W, "npy"); s != nil {
		fmt.Fprintf(w, "| start-up, 3 small files (median ms) | %.1f | < 50 ms |\n", s.Median()*1000)
	}
	if b := r.find("baseline-process", W, "npy"); b != nil {
		fmt.Fprintf(w, "| this build / baseline, process %d workers | %.3f | ~1 |\n", W, ratio(proc, b))
		fmt.Fprintf(w, "| this build / baseline, thread %d workers | %.3f | ~1 |\n", W, ratio(thr, r.find("baseline-thread", W, "npy")))
		fmt.Fprintf(w, "| this build / baseline, serial | %.3f | ~1 |\n", ratio(r.find("serial", 1, "npy"), r.find("baseline-serial", 1, "npy")))
		fmt.Fprintf(w, "| this build / baseline, start-up | %.3f | ~1 |\n", ratio(r.find("startup", W, "npy"), r.find("baseline-startup", W, "npy")))
	}
	fmt.Fprintf(w, "\nagreement (np.allclose rtol 1e-9): %s\n", r.Agreement)
}

// timeCommand runs argv (and twice, if set, at the same time) and returns
// the wall time in seconds until both end.
func timeCommand(ctx context.Context, argv, twice, env []string) (float64, error) {
	start := func(argv []string) (*exec.Cmd, *bytes.Buffer, error) {
		cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
		cmd.Env = append(os.Environ(), env...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		return cmd, &stderr, cmd.Start()
	}
	t0 := time.Now()
	cmds := [][]string{argv}
	if twice != nil {
		cmds = append(cmds, twice)
	}
	type run struct {
		cmd    *exec.Cmd
		stderr *bytes.Buffer
	}
	var runs []run
	for _, a := range cmds {
		cmd, stderr, err := start(a)
		if err != nil {
			return 0, fmt.Errorf("%v: %w", a, err)
		}
		runs = append(runs, run{cmd, stderr})
	}
	var first error
	for k, r := range runs {
		if err := r.cmd.Wait(); err != nil && first == nil {
			first = fmt.Errorf("%v: %w\n%s", cmds[k], err, r.stderr.String())
		}
	}
	return time.Since(t0).Seconds(), first
}

// ensureData makes the dataset with featurize gen unless it is there.
func ensureData(ctx context.Context, featurize, dir string, n, rows int, seed int, style string, logw io.Writer) error {
	if _, err := os.Stat(filepath.Join(dir, strconv.Itoa(n)+".csv")); err == nil {
		if _, err := os.Stat(filepath.Join(dir, "labels.csv")); err == nil {
			return nil
		}
	}
	fmt.Fprintf(logw, "bench: making %d files x %d rows (%s numbers) in %s\n", n, rows, style, dir)
	out, err := exec.CommandContext(ctx, featurize, "gen", "--n", strconv.Itoa(n), "--rows", strconv.Itoa(rows),
		"--out", dir, "--seed", strconv.Itoa(seed), "--style", style, "--force").CombinedOutput()
	if err != nil {
		return fmt.Errorf("bench: gen: %w\n%s", err, out)
	}
	return nil
}

func csvBytes(dir string, n int) int64 {
	var total int64
	for i := 1; i <= n; i++ {
		if fi, err := os.Stat(filepath.Join(dir, strconv.Itoa(i)+".csv")); err == nil {
			total += fi.Size()
		}
	}
	return total
}

func featureRows(manifest string) (int, error) {
	data, err := os.ReadFile(manifest)
	if err != nil {
		return 0, err
	}
	var m struct {
		Arrays map[string]struct {
			Shape []int `json:"shape"`
		} `json:"arrays"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return 0, err
	}
	f, ok := m.Arrays["feature"]
	if !ok || len(f.Shape) == 0 {
		return 0, errors.New("bench: manifest has no feature shape")
	}
	return f.Shape[0], nil
}

// machine describes the CPU: count and model.
func machine() string {
	model := "unknown CPU"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	out, _ := exec.Command("nproc").Output()
	return fmt.Sprintf("nproc %s, %s", strings.TrimSpace(string(out)), model)
}
