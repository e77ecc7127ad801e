package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestInspectCommand(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join("..", "testdata", "npy", "data_f8_3x4_C.npy")
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	trunc := filepath.Join(dir, "trunc.npy")
	os.WriteFile(trunc, data[:len(data)-5], 0o644)
	trailing := filepath.Join(dir, "trailing.npy")
	os.WriteFile(trailing, append(append([]byte(nil), data...), 1, 2, 3), 0o644)
	broken := filepath.Join(dir, "broken.npy")
	os.WriteFile(broken, []byte("\x93NUMPY\x01\x00\x10\x00{'descr': '<f8'"), 0o644)

	code, out, stderr := featurize(t, nil, "inspect", good)
	if code != 0 {
		t.Fatalf("inspect good file: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"<f8", "(3, 4)", "order:           C", "data at offset 128"} {
		if !strings.Contains(out, want) {
			t.Errorf("inspect output lacks %q:\n%s", want, out)
		}
	}

	code, out, stderr = featurize(t, nil, "inspect", "--json", good, trunc, trailing, broken)
	if code != exitBadInput {
		t.Errorf("inspect with broken files: exit %d; want %d", code, exitBadInput)
	}
	for _, want := range []string{"trunc.npy: truncated body", "trailing.npy: 3 trailing bytes", "broken.npy"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	var infos []map[string]any
	if err := json.Unmarshal([]byte(out), &infos); err != nil {
		t.Fatalf("--json output is not JSON: %v\n%s", err, out)
	}
	if len(infos) != 3 || infos[0]["descr"] != "<f8" {
		t.Errorf("--json gave %d entries (first %v); want 3 readable files, descr <f8", len(infos), infos[0])
	}
}

// TestInspectSummary: --summary's counts and statistics are numpy's
// (np.isnan, np.isinf, np.nanmin, np.nanmean, np.nanmax), feature.npy
// beside a manifest is named by it, and an output folder is described.
func TestInspectSummary(t *testing.T) {
	if err := exec.Command("/usr/bin/python3", "-c", "import numpy").Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI needs /usr/bin/python3 with numpy: %v", err)
		}
		t.Skip("no numpy at /usr/bin/python3")
	}
	dir := t.TempDir()
	arr := filepath.Join(dir, "x.npy")
	makeArray := `
import sys, numpy as np
x = np.random.default_rng(3).normal(size=(50, 5))
x[3, 0] = np.nan; x[7, 0] = np.inf; x[:, 1] = 2.5; x[:, 2] = np.nan; x[9, 3] = -np.inf; x[10, 1] = np.nan
np.save(sys.argv[1], x)
`
	if out, err := exec.Command("/usr/bin/python3", "-c", makeArray, arr).CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	code, out, stderr := featurize(t, nil, "inspect", "--json", arr)
	if code != 0 {
		t.Fatalf("inspect --json: exit %d: %s", code, stderr)
	}
	check := `
import sys, json, numpy as np, warnings
warnings.simplefilter("ignore")
x = np.load(sys.argv[1]); s = json.loads(sys.argv[2])[0]["summary"]
f = lambda v: v if isinstance(v, (int, float)) else float(v)
for j, c in enumerate(s):
    col = x[:, j]
    assert c["nan"] == np.isnan(col).sum() and c["inf"] == np.isinf(col).sum(), (j, c)
    for k, fn in (("min", np.nanmin), ("mean", np.nanmean), ("max", np.nanmax)):
        want = fn(col)
        got = f(c[k])
        assert got == want or (np.isnan(want) and np.isnan(got)) or abs(got - want) <= 1e-12 * max(1, abs(want)), (j, k, c[k], want)
    vals = col[~np.isnan(col)]
    assert c["constant"] == (len(vals) > 0 and vals.min() == vals.max()), (j, c)
print("ok")
`
	if got, err := exec.Command("/usr/bin/python3", "-c", check, arr, out).CombinedOutput(); err != nil || strings.TrimSpace(string(got)) != "ok" {
		t.Errorf("numpy check: %v\n%s", err, got)
	}
	code, out, _ = featurize(t, nil, "inspect", "--summary", arr)
	if code != 0 || !strings.Contains(out, "5 columns: 3 with NaN, 2 with infinities, 1 constant") {
		t.Errorf("inspect --summary: exit %d:\n%s", code, out)
	}

	demo, _ := filepath.Abs(filepath.Join("..", "testdata", "demo"))
	outDir := filepath.Join(dir, "out")
	if code, _, stderr := featurize(t, nil, "run", demo, "--labels", filepath.Join(demo, "labels.csv"), "--window", "100", "--stride", "50", "-o", outDir, "--quiet"); code != 0 {
		t.Fatal(stderr)
	}
	code, out, _ = featurize(t, nil, "inspect", filepath.Join(outDir, "feature.npy"))
	if code != 0 || !strings.Contains(out, "ax__kurtosis_biased") || !regexp.MustCompile(`first 5 rows:\nrow +ax__mean +ax__std `).MatchString(out) {
		t.Errorf("inspect feature.npy beside its manifest lacks the feature names:\n%s", out)
	}
	code, out, _ = featurize(t, nil, "inspect", outDir)
	for _, want := range []string{"inputs:    40 series: " + demo + "/{}.csv", "windows:   100 rows every 50", "features:  54 a row: 3 columns (ax, ay, az) x 18 features", "array:     feature.npy <f8 (200, 54), 86.5 KB", "array:     groups.npy <i8 (200,), 1.7 KB", "skipped:   0"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("inspect OUT: exit %d, lacks %q:\n%s", code, want, out)
		}
	}
	os.Truncate(filepath.Join(outDir, "target.npy"), 100)
	if code, _, stderr := featurize(t, nil, "inspect", outDir); code != exitBadInput || !strings.Contains(stderr, "target.npy") {
		t.Errorf("inspect OUT with a cut target.npy: exit %d, %s", code, stderr)
	}
}
