package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"gonum.org/v1/gonum/mat"

	"github.com/featurize/featurize/npyio"
)

// Dataset is a run's outputs in memory.
type Dataset struct {
	// X holds a row per window and a column per feature (Names); nil if
	// the run made no rows.
	X     *mat.Dense
	Names []string
	// The target of each row: Target (float64), or TargetInt when the
	// labels are all integers (exact to 2^63); both nil without a target.
	Target    []float64
	TargetInt []int64
	// Groups holds the index of the series each row came from.
	Groups   []int64
	Manifest *Manifest
}

// Collect runs cfg and returns the outputs in memory instead of files: a
// Go program's way to get features into gonum. It computes as Run does,
// with any engine, into a temporary folder (cfg.OutDir, Format, Shard and
// KeepParts are ignored) that it removes; memory holds the result once.
func Collect(ctx context.Context, cfg Config) (*Dataset, error) {
	dir, err := os.MkdirTemp("", "featurize-collect-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir) // made by this function, holds only its outputs
	cfg.OutDir, cfg.Format, cfg.Shard, cfg.KeepParts = dir, FormatNPY, nil, false
	res, err := Run(ctx, cfg)
	if err != nil {
		return nil, err
	}
	ds := &Dataset{Names: res.Manifest.FeatureNames, Manifest: res.Manifest}
	feat, err := npyio.ReadFile(filepath.Join(dir, "feature.npy"))
	if err != nil {
		return nil, err
	}
	if rows, cols := feat.Shape[0], feat.Shape[1]; rows > 0 && cols > 0 {
		data, ok := feat.Data.([]float64)
		if !ok {
			data = feat.Float64s() // float32 features
		}
		ds.X = mat.NewDense(rows, cols, data)
	}
	groups, err := npyio.ReadFile(filepath.Join(dir, "groups.npy"))
	if err != nil {
		return nil, err
	}
	ds.Groups, _ = groups.Data.([]int64)
	if res.Manifest.Target.Kind != "none" {
		target, err := npyio.ReadFile(filepath.Join(dir, "target.npy"))
		if err != nil {
			return nil, err
		}
		switch v := target.Data.(type) {
		case []int64:
			ds.TargetInt = v
		case []float64:
			ds.Target = v
		default:
			return nil, fmt.Errorf("pipeline: target of dtype %s", target.Descr)
		}
	}
	return ds, nil
}
