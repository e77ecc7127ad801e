// Package benchmarks runs featurize and the Python recipe it replaces side
// by side on the same data and cores, and reports medians and ratios.
//
// Every case is a separate process timed by wall clock, run in alternating
// rounds so that a noisy neighbour slows every case alike. The Python
// recipe (python/recipe.py, embedded) runs with Debian's numpy and pandas
// and BLAS threads pinned to 1.
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
	Data      string // dataset directory; made with featurize gen if missing
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
	Engine  string    `json:"engine"` // process, thread, serial, python-loadtxt, python-pandas, startup
	Workers int       `json:"workers"`
	Format  string    `json:"format"`
	Times   []float64 `json:"seconds"`
	argv    []string
	env     []string
	out     string
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
	Options   Options `json:"options"`
	Machine   string  `json:"machine"`
	CSVBytes  int64   `json:"csv_bytes"`
	Rows      int     `json:"rows"`
	Cases     []*Case `json:"cases"`
	Agreement string  `json:"agreement"`
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
	if err := ensureData(ctx, o.Featurize, o.Data, o.N, o.Rows, 1, logw); err != nil {
		return nil, err
	}
	small := filepath.Join(o.Work, "small")
	if err := ensureData(ctx, o.Featurize, small, 3, 200, 2, logw); err != nil {
		return nil, err
	}
	rep := &Report{Options: o, Machine: machine()}
	rep.CSVBytes = csvBytes(o.Data, o.N)

	labels := filepath.Join(o.Data, "labels.csv")
	common := []string{"--labels", labels, "--window", strconv.Itoa(o.Window), "--stride", strconv.Itoa(o.Stride), "--n", strconv.Itoa(o.N)}
	chunks := func(workers int) []string { return []string{"--chunks", strconv.Itoa(4 * workers)} }
	pyEnv := []string{"OPENBLAS_NUM_THREADS=1", "OMP_NUM_THREADS=1", "MKL_NUM_THREADS=1"}
	add := func(name, engine string, workers int, format string, argv, env []string) *Case {
		c := &Case{Name: name, Engine: engine, Workers: workers, Format: format, argv: argv, env: env}
		rep.Cases = append(rep.Cases, c)
		return c
	}
	fz := func(engine string, workers int, format string) *Case {
		out := filepath.Join(o.Work, fmt.Sprintf("out-%s-%d-%s", engine, workers, format))
		argv := append([]string{o.Featurize, "run", o.Data, "--engine", engine, "--workers", strconv.Itoa(workers), "--format", format, "-o", out, "--quiet"}, common...)
		c := add(fmt.Sprintf("featurize %s, %d worker(s), %s", engine, workers, format), engine, workers, format, append(argv, chunks(workers)...), nil)
		c.out = out
		return c
	}
	py := func(reader string, workers int) *Case {
		out := filepath.Join(o.Work, "out-python-"+reader)
		argv := append([]string{o.Python, recipe, o.Data, "--reader", reader, "--workers", strconv.Itoa(workers), "-o", out}, common...)
		c := add(fmt.Sprintf("python recipe (%s), %d worker(s)", reader, workers), "python-"+reader, workers, "npy", append(argv, chunks(workers)...), pyEnv)
		c.out = out
		return c
	}
	main := fz("process", o.Workers, "npy")
	fz("thread", o.Workers, "npy")
	fz("process", 1, "npy")
	fz("thread", 1, "npy")
	fz("serial", 1, "npy")
	fz("process", o.Workers, "txt")
	loadtxt := py("loadtxt", o.Workers)
	pandas := py("pandas", o.Workers)
	add("featurize start-up: 3 small files", "startup", o.Workers, "npy",
		[]string{o.Featurize, "run", small, "--labels", filepath.Join(small, "labels.csv"), "-o", filepath.Join(o.Work, "out-small"), "--quiet"}, nil)
	// The baseline build's cases, for a before/after comparison in one run.
	var baseline *Case
	if o.Baseline != "" {
		bfz := func(engine string, workers int) *Case {
			out := filepath.Join(o.Work, fmt.Sprintf("out-baseline-%s-%d", engine, workers))
			argv := append([]string{o.Baseline, "run", o.Data, "--engine", engine, "--workers", strconv.Itoa(workers), "-o", out, "--quiet"}, common...)
			c := add(fmt.Sprintf("baseline %s, %d worker(s), npy", engine, workers), "baseline-"+engine, workers, "npy", append(argv, chunks(workers)...), nil)
			c.out = out
			return c
		}
		baseline = bfz("process", o.Workers)
		bfz("thread", o.Workers)
		bfz("serial", 1)
		add("baseline start-up: 3 small files", "baseline-startup", o.Workers, "npy",
			[]string{o.Baseline, "run", small, "--labels", filepath.Join(small, "labels.csv"), "-o", filepath.Join(o.Work, "out-small-baseline"), "--quiet"}, nil)
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
				d, err := timeCommand(ctx, c.argv, c.env)
				if err != nil {
					return nil, fmt.Errorf("bench: %s: %w", c.Name, err)
				}
				c.Times = append(c.Times, d)
			}
		}
	}
	// The outputs must agree before their times mean anything.
	var agree []string
	for _, other := range []*Case{loadtxt, pandas} {
		out, err := exec.CommandContext(ctx, o.Python, compare, main.out, other.out).CombinedOutput()
		if err != nil {
			return nil, fmt.Errorf("bench: %s and %s disagree: %s", main.Name, other.Name, out)
		}
		agree = append(agree, strings.TrimSpace(string(out)))
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

// find returns the first case with the given engine, workers and format.
func (r *Report) find(engine string, workers int, format string) *Case {
	for _, c := range r.Cases {
		if c.Engine == engine && c.Workers == workers && c.Format == format {
			return c
		}
	}
	return nil
}

// WriteTable prints the medians and the ratios the targets are about.
func (r *Report) WriteTable(w io.Writer) {
	o := r.Options
	fmt.Fprintf(w, "data: %d files x %d rows (%.1f MB of CSV), --window %d --stride %d, %d output rows; %d alternating rounds\n",
		o.N, o.Rows, float64(r.CSVBytes)/1e6, o.Window, o.Stride, r.Rows, o.Rounds)
	fmt.Fprintf(w, "machine: %s\n\n", r.Machine)
	fmt.Fprintln(w, "| case | median s | min s | max s | rows/s | MB/s of CSV |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|")
	for _, c := range r.Cases {
		m := c.Median()
		if c.Engine == "startup" || c.Engine == "baseline-startup" {
			fmt.Fprintf(w, "| %s | %.4f | %.4f | %.4f | | |\n", c.Name, m, slices.Min(c.Times), slices.Max(c.Times))
			continue
		}
		fmt.Fprintf(w, "| %s | %.3f | %.3f | %.3f | %.0f | %.0f |\n", c.Name, m, slices.Min(c.Times), slices.Max(c.Times),
			float64(r.Rows)/m, float64(r.CSVBytes)/1e6/m)
	}
	W := o.Workers
	proc, thr := r.find("process", W, "npy"), r.find("thread", W, "npy")
	ratio := func(a, b *Case) float64 {
		if a == nil || b == nil || b.Median() == 0 {
			return 0
		}
		return a.Median() / b.Median()
	}
	fmt.Fprintln(w, "\n| ratio (medians) | value | target |")
	fmt.Fprintln(w, "|---|---:|---|")
	fmt.Fprintf(w, "| python loadtxt recipe / featurize process | %.1fx | >= 15x |\n", ratio(r.find("python-loadtxt", W, "npy"), proc))
	fmt.Fprintf(w, "| python pandas recipe / featurize process | %.1fx | >= 8x |\n", ratio(r.find("python-pandas", W, "npy"), proc))
	fmt.Fprintf(w, "| featurize process: 1 worker / %d workers | %.2fx | >= 1.85x |\n", W, ratio(r.find("process", 1, "npy"), proc))
	fmt.Fprintf(w, "| featurize thread: 1 worker / %d workers | %.2fx | |\n", W, ratio(r.find("thread", 1, "npy"), thr))
	fmt.Fprintf(w, "| featurize process / thread, %d workers | %.3f | <= 1.05 |\n", W, ratio(proc, thr))
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

// timeCommand runs argv and returns its wall time in seconds.
func timeCommand(ctx context.Context, argv, env []string) (float64, error) {
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	t0 := time.Now()
	err := cmd.Run()
	d := time.Since(t0).Seconds()
	if err != nil {
		return 0, fmt.Errorf("%v: %w\n%s", argv, err, stderr.String())
	}
	return d, nil
}

// ensureData makes the dataset with featurize gen unless it is there.
func ensureData(ctx context.Context, featurize, dir string, n, rows int, seed int, logw io.Writer) error {
	if _, err := os.Stat(filepath.Join(dir, strconv.Itoa(n)+".csv")); err == nil {
		if _, err := os.Stat(filepath.Join(dir, "labels.csv")); err == nil {
			return nil
		}
	}
	fmt.Fprintf(logw, "bench: making %d files x %d rows in %s\n", n, rows, dir)
	out, err := exec.CommandContext(ctx, featurize, "gen", "--n", strconv.Itoa(n), "--rows", strconv.Itoa(rows),
		"--out", dir, "--seed", strconv.Itoa(seed)).CombinedOutput()
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
