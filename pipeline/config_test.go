package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/featurize/featurize/npyio"
)

// TestRunLeavesConfigAlone: Run and Plan change nothing of the caller's
// Config, not even its zero fields.
func TestRunLeavesConfigAlone(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 3)
	cfg := Config{InputDir: in, OutDir: t.TempDir(), Engine: EngineThread, Columns: []string{"ax"}, Features: mustFeatures(t, "mean")}
	before := cfg
	before.Columns = append([]string(nil), cfg.Columns...)
	before.Features = append(before.Features[:0:0], cfg.Features...)
	if _, err := Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	if _, err := Plan(cfg); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cfg.Columns, before.Columns) || cfg.Pattern != "" || cfg.Workers != 0 || cfg.Reporter != nil || len(cfg.Features) != 1 {
		t.Errorf("Config changed: %+v; was %+v", cfg, before)
	}
}

// TestProcessEngineNeedsServeWorkers: a program whose main does not serve
// workers gets a clear error, not a copy of itself running its own main.
func TestProcessEngineNeedsServeWorkers(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 2)
	_, err := Run(context.Background(), Config{InputDir: in, OutDir: t.TempDir()})
	if !errors.Is(err, ErrNoWorkerServe) || !strings.Contains(err.Error(), "pipeline.ServeWorkers()") {
		t.Errorf("Run with the process engine: %v; want ErrNoWorkerServe", err)
	}
}

// TestOptionErrorNames: a Config error names fields as Config does, or as
// the caller's names say.
func TestOptionErrorNames(t *testing.T) {
	_, err := Plan(Config{Stride: 4})
	var oe *OptionError
	if !errors.As(err, &oe) || !errors.Is(err, ErrUsage) || err.Error() != "Stride needs Window" {
		t.Fatalf("Plan: %v; want the OptionError \"Stride needs Window\"", err)
	}
	flags := map[string]string{"Stride": "--stride", "Window": "--window"}
	if got := oe.Format(func(f string) string { return flags[f] }); got != "--stride needs --window" {
		t.Errorf("Format = %q; want %q", got, "--stride needs --window")
	}
}

// TestCollect: the outputs in memory equal the files a run writes.
func TestCollect(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	writeDataset(t, in, 4)
	cfg := Config{InputDir: in, OutDir: out, Window: 16, Stride: 8, Engine: EngineThread, Labels: filepath.Join(in, "labels.csv")}
	res, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := Collect(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	feat, _ := npyio.ReadFile(filepath.Join(out, "feature.npy"))
	rows, cols := ds.X.Dims()
	if rows != feat.Shape[0] || cols != feat.Shape[1] || !slices.Equal(ds.X.RawMatrix().Data, feat.Float64s()) {
		t.Errorf("X is %dx%d and differs from feature.npy (%v)", rows, cols, feat.Shape)
	}
	target, _ := npyio.ReadFile(filepath.Join(out, "target.npy"))
	groups, _ := npyio.ReadFile(filepath.Join(out, "groups.npy"))
	if !slices.Equal(ds.TargetInt, target.Data.([]int64)) || ds.Target != nil || !slices.Equal(ds.Groups, groups.Data.([]int64)) {
		t.Errorf("target %v / groups %v differ from the files", ds.TargetInt, ds.Groups)
	}
	if !slices.Equal(ds.Names, res.Manifest.FeatureNames) {
		t.Errorf("names differ")
	}
	if _, err := os.Stat(filepath.Join(out, "feature.npy")); err != nil {
		t.Errorf("Collect touched OutDir: %v", err)
	}
}
