package pipeline

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestClassLabels: labels that are class names give int64 codes in sorted
// order, as np.unique(labels, return_inverse=True) (and sklearn's
// LabelEncoder) give them, and the manifest lists the classes.
func TestClassLabels(t *testing.T) {
	needNumpy(t)
	in := t.TempDir()
	writeDataset(t, in, 9)
	names := []string{"walk", "run", "sit", "walk", "stairs up", "run", "Walk", "sit", "walk"}
	var b strings.Builder
	b.WriteString("index,activity\n")
	for i, n := range names {
		fmt.Fprintf(&b, "%d,\"%s\"\n", i+1, n)
	}
	writeFile(t, filepath.Join(in, "classes.csv"), b.String())
	opts := baseOptions(in, t.TempDir())
	opts.Window, opts.Stride = 0, 0
	opts.Labels, opts.LabelColumn = filepath.Join(in, "classes.csv"), "activity"
	res := runOK(t, opts)
	if want := []string{"Walk", "run", "sit", "stairs up", "walk"}; !slices.Equal(res.Manifest.Target.Classes, want) || res.Manifest.Target.DType != "int64" {
		t.Errorf("manifest target %+v; want classes %v, int64", res.Manifest.Target, want)
	}
	check := `
import sys, json, numpy as np
names = json.loads(sys.argv[2])
y = np.load(sys.argv[1] + "/target.npy")
classes, codes = np.unique(names, return_inverse=True)
assert y.dtype == np.int64 and np.array_equal(y, codes), (y, codes)
print("ok")
`
	if got := pyRun(t, "-c", check, opts.OutDir, `["`+strings.Join(names, `","`)+`"]`); strings.TrimSpace(got) != "ok" {
		t.Errorf("numpy check: %s", got)
	}
}
