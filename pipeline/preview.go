package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/featurize/featurize/npyio"
)

// Preview is what a run of a Config would do, found without computing a
// feature or writing a file (featurize run --dry-run).
type Preview struct {
	Spec *Spec
	// Rows are the output rows: exact when Exact (every input was read),
	// else estimated from the first input's rows a byte.
	Rows  int
	Exact bool
	// Warnings are the plan's and each input's, as a run gives them; Extra
	// the inputs with columns the first one lacks; Failures the inputs a
	// run fails on (or leaves out with SkipBad).
	Warnings []string
	Extra    []ExtraColumns
	Failures []Skipped
	// Outputs are the arrays a run writes, with their sizes in bytes.
	Outputs []ArrayInfo
	Bytes   []int64
	// Workers are the workers the run starts (no more than its tasks).
	Workers int
}

// PreviewRun plans cfg and reads its inputs as a run would, if they hold
// at most readLimit bytes (a long table's series are counted exactly
// whatever their size).
func PreviewRun(ctx context.Context, cfg Config, readLimit int64) (*Preview, error) {
	cfg = cfg.withDefaults()
	spec, _, err := plan(cfg)
	if err != nil {
		return nil, err
	}
	tasks := groupTasks(spec, runChunks(spec, &cfg), maxTasks(spec, cfg.Workers))
	p := &Preview{Spec: spec, Warnings: append([]string{}, spec.Notes...), Workers: startedWorkers(&cfg, len(tasks))}
	if len(cfg.ExternalCommand) > 0 {
		p.Warnings = append(p.Warnings, "the worker command is not started in a preview: its features and rows are not counted")
	}
	comp, err := newComputer(spec)
	if err != nil {
		return nil, err
	}
	defer comp.reader.Release()
	switch {
	case spec.Long != nil:
		for i, s := range spec.Long.Index.Series {
			n, _, _, warn := spec.windows(spec.FilePath(i+1), s.Rows, spec.TargetColumn != "")
			p.Rows += n
			if warn != "" {
				p.Warnings = append(p.Warnings, warn)
			}
		}
		p.Exact = true
	case spec.InputBytes <= readLimit:
		for i := 1; i <= spec.N; i++ {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			path := spec.FilePath(i)
			lay, warn, extra, err := comp.layout(i, path)
			if len(extra) > 0 {
				p.Extra = append(p.Extra, ExtraColumns{Index: i, Columns: extra})
			}
			switch {
			case errors.Is(err, ErrInput):
				p.Failures = append(p.Failures, Skipped{Index: i, Error: err.Error()})
			case err != nil:
				return nil, err
			case warn != "":
				p.Warnings = append(p.Warnings, warn)
			}
			p.Rows += lay.windows
		}
		p.Exact = true
	default:
		if p.Rows, err = estimateRows(spec, comp); err != nil {
			return nil, err
		}
	}
	if w := extraColumnsWarning(spec, p.Extra, len(p.Extra)); w != "" {
		p.Warnings = append(p.Warnings, w)
	}
	fdt, _ := npyio.ParseDType(spec.DType)
	add := func(name, descr string, size int, shape ...int) {
		n := int64(size)
		for _, d := range shape {
			n *= int64(d)
		}
		p.Outputs = append(p.Outputs, ArrayInfo{Path: name, DType: descr, Shape: shape})
		p.Bytes = append(p.Bytes, n+128)
	}
	add("feature.npy", fdt.Descr(), fdt.Size(), p.Rows, spec.Width())
	if spec.HasTarget() {
		tdt, _ := npyio.ParseDType(spec.TargetDType)
		add("target.npy", tdt.Descr(), tdt.Size(), p.Rows)
	}
	add("groups.npy", "<i8", 8, p.Rows)
	add(SeriesRowsFile, "<i8", 8, spec.N+1)
	return p, nil
}

// estimateRows estimates the output rows from the first input: its rows a
// byte, times the average input's bytes, cut into windows, for each input.
func estimateRows(spec *Spec, comp *computer) (int, error) {
	for i := 1; i <= spec.N; i++ {
		path := spec.FilePath(i)
		st, err := os.Stat(spec.absFilePath(i))
		if err != nil || st.Size() == 0 {
			continue
		}
		tbl, err := readInput(comp.reader, spec, i)
		if err != nil {
			return 0, asInput(err)
		}
		avg := float64(tbl.Rows) * float64(spec.InputBytes) / float64(spec.N) / float64(st.Size())
		n, _, _, _ := spec.windows(path, int(avg+0.5), spec.TargetColumn != "")
		return n * spec.N, nil
	}
	return 0, fmt.Errorf("%w: no input to estimate from", ErrNoFiles)
}
