package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	urfave "github.com/urfave/cli/v2"

	"github.com/featurize/featurize/npyio"
	"github.com/featurize/featurize/pipeline"
)

func inspectCommand() *urfave.Command {
	return &urfave.Command{
		Name:      "inspect",
		Usage:     "describe .npy files (version, dtype, shape, first rows, column statistics, problems) or a run's output folder",
		ArgsUsage: "FILE.npy... | OUT",
		Description: "Beside a featurize manifest.json, feature.npy's columns are named by it. OUT, a run's output\n" +
			"folder, is described from its manifest: options, inputs, shapes, warnings, timings and memory.",
		Flags: []urfave.Flag{
			&urfave.BoolFlag{Name: "json", Usage: "print JSON for scripts"},
			&urfave.BoolFlag{Name: "summary", Usage: "a table of each column's NaN and infinite counts, constant or not, min, mean and max"},
			&urfave.IntFlag{Name: "rows", Value: 5, Usage: "first rows to show"},
		},
		Action: func(c *urfave.Context) error {
			if c.NArg() == 0 {
				return usagef("inspect needs at least one FILE or an output folder")
			}
			args := c.Args().Slice()
			if len(args) == 1 {
				if st, err := os.Stat(args[0]); err == nil && st.IsDir() {
					return inspectRun(args[0], c.Int("rows"), c.Bool("summary"), c.Bool("json"), c.App.Writer, c.App.ErrWriter)
				}
			}
			return runInspect(args, c.Int("rows"), c.Bool("summary"), c.Bool("json"), c.App.Writer, c.App.ErrWriter)
		},
	}
}

// runInspect describes each file; broken files are reported on stderr and
// make the command fail after the others are shown.
func runInspect(paths []string, rows int, summary, asJSON bool, stdout, stderr io.Writer) error {
	infos := []*npyio.Info{}
	bad := 0
	for _, p := range paths {
		info, err := npyio.Inspect(p, rows)
		if err != nil {
			bad++
			fmt.Fprintln(stderr, "featurize:", err)
			continue
		}
		info.Names = featureNames(p, info)
		if len(info.Problems) > 0 {
			bad++
			fmt.Fprintf(stderr, "featurize: %s: %s\n", p, strings.Join(info.Problems, "; "))
		}
		if asJSON {
			infos = append(infos, info)
			continue
		}
		write := info.WriteText
		if summary {
			write = info.WriteSummary
		}
		if err := write(stdout); err != nil {
			return err
		}
	}
	if asJSON {
		if err := writeJSON(stdout, infos); err != nil {
			return err
		}
	}
	if bad > 0 {
		return silentInput{fmt.Errorf("%w: inspect: %d of %d files are broken or inconsistent", pipeline.ErrInput, bad, len(paths))}
	}
	return nil
}

// featureNames returns the feature names of the manifest beside path, if
// path is the feature array it lists and its width matches.
func featureNames(path string, info *npyio.Info) []string {
	man, err := readManifest(filepath.Dir(path))
	if err != nil || len(info.Shape) != 2 {
		return nil
	}
	if a, ok := man.Arrays["feature"]; !ok || a.Path != filepath.Base(path) || info.Shape[1] != len(man.FeatureNames) {
		return nil
	}
	return man.FeatureNames
}

func readManifest(dir string) (*pipeline.Manifest, error) {
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return nil, err
	}
	var man pipeline.Manifest
	if err := json.Unmarshal(data, &man); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "manifest.json"), err)
	}
	if man.Tool != "featurize" {
		return nil, fmt.Errorf("%s: not a featurize manifest", filepath.Join(dir, "manifest.json"))
	}
	return &man, nil
}

// inspectRun describes a run from its output folder: the manifest's
// options, inputs, arrays (checked against their headers), series,
// warnings, timings and memory; with summary, the per-feature table too.
func inspectRun(dir string, rows int, summary, asJSON bool, stdout, stderr io.Writer) error {
	man, err := readManifest(dir)
	if err != nil {
		return fmt.Errorf("%w: inspect %s: %w (an output folder of featurize run holds one)", pipeline.ErrInput, dir, err)
	}
	infos := map[string]*npyio.Info{}
	var problems []string
	for name, a := range man.Arrays {
		info, err := npyio.Inspect(filepath.Join(dir, a.Path), rows)
		switch {
		case err != nil:
			problems = append(problems, err.Error())
			continue
		case info.Descr != a.DType || npyio.ShapeString(info.Shape) != npyio.ShapeString(a.Shape):
			problems = append(problems, fmt.Sprintf("%s: %s %s; the manifest says %s %s", a.Path, info.Descr, npyio.ShapeString(info.Shape), a.DType, npyio.ShapeString(a.Shape)))
		}
		problems = append(problems, info.Problems...)
		if name == "feature" {
			info.Names = featureNames(filepath.Join(dir, a.Path), info)
		}
		infos[name] = info
	}
	if asJSON {
		if err := writeJSON(stdout, map[string]any{"manifest": man, "arrays": infos, "problems": problems}); err != nil {
			return err
		}
	} else {
		writeRun(stdout, dir, man, infos)
		if f := infos["feature"]; summary && f != nil {
			fmt.Fprintln(stdout)
			if err := f.WriteSummary(stdout); err != nil {
				return err
			}
		}
	}
	for _, p := range problems {
		fmt.Fprintln(stderr, "featurize:", p)
	}
	if len(problems) > 0 {
		return silentInput{fmt.Errorf("%w: inspect: %d problems in %s", pipeline.ErrInput, len(problems), dir)}
	}
	return nil
}

// writeRun prints what a person wants to know of a run.
func writeRun(w io.Writer, dir string, m *pipeline.Manifest, infos map[string]*npyio.Info) {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	in := m.Input
	source := filepath.Join(in.Dir, in.Pattern)
	switch {
	case in.Table != "":
		source = fmt.Sprintf("%s (long table, id column %s)", in.Table, in.Long.ID)
	case in.Glob != "":
		source = fmt.Sprintf("%s under %s", in.Glob, in.Dir)
	case in.Listed:
		source = fmt.Sprintf("a list of files under %s", in.Dir)
	}
	fmt.Fprintf(tw, "run:\t%s, featurize %s, %s\n", dir, m.Version, m.Created)
	fmt.Fprintf(tw, "inputs:\t%d series: %s\n", m.Series.Count, source)
	o := m.Options
	win := "whole series"
	if o.Window > 0 {
		win = fmt.Sprintf("%d rows every %d", o.Window, o.Stride)
	}
	fmt.Fprintf(tw, "windows:\t%s\n", win)
	fmt.Fprintf(tw, "features:\t%d a row: %d columns (%s) x %d features\n", len(m.FeatureNames), len(o.Columns), strings.Join(o.Columns, ", "), len(o.Features))
	target := m.Target.Kind
	switch m.Target.Kind {
	case "labels":
		target = "labels from " + m.Target.Labels
		if len(m.Target.Classes) > 0 {
			target += fmt.Sprintf(" (%d classes: %s)", len(m.Target.Classes), strings.Join(m.Target.Classes[:min(len(m.Target.Classes), 8)], ", "))
		}
	case "column":
		target = fmt.Sprintf("column %s, horizon %d", m.Target.Column, m.Target.Horizon)
	}
	fmt.Fprintf(tw, "target:\t%s\n", target)
	fmt.Fprintf(tw, "engine:\t%s, %d workers, %d chunks, %s output", o.Engine, o.Workers, o.Chunks, o.Format)
	if len(m.Shards) > 0 {
		fmt.Fprintf(tw, ", merged from %d shards", len(m.Shards))
	}
	fmt.Fprintln(tw)
	names := make([]string, 0, len(m.Arrays))
	for n := range m.Arrays {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		a := m.Arrays[n]
		size := ""
		if info := infos[n]; info != nil {
			size = ", " + humanBytes(info.FileSize)
		}
		fmt.Fprintf(tw, "array:\t%s %s %s%s\n", a.Path, a.DType, npyio.ShapeString(a.Shape), size)
	}
	for _, f := range m.Sidecars {
		fmt.Fprintf(tw, "file:\t%s\n", f)
	}
	fmt.Fprintf(tw, "skipped:\t%d\n", m.SkippedCount)
	for _, s := range m.Skipped[:min(len(m.Skipped), 3)] {
		fmt.Fprintf(tw, "\t%d: %s\n", s.Index, firstLine(s.Error))
	}
	fmt.Fprintf(tw, "warnings:\t%d\n", m.WarningsCount)
	for _, s := range m.Warnings[:min(len(m.Warnings), 3)] {
		fmt.Fprintf(tw, "\t%s\n", firstLine(s))
	}
	t := m.Timings
	fmt.Fprintf(tw, "timings:\tplan %.3f s, compute %.3f s, merge %.3f s, total %.3f s\n", t.Plan, t.Compute, t.Merge, t.Total)
	fmt.Fprintf(tw, "memory:\tparent %.1f MiB, largest worker %.1f MiB\n", float64(m.Memory.ParentMaxRSSKiB)/1024, float64(m.Memory.WorkerMaxRSSKiB)/1024)
	tw.Flush()
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
