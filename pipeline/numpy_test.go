package pipeline

import (
	"github.com/featurize/featurize/npyio"

	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

const python = "/usr/bin/python3"

// needNumpy skips when Debian's numpy is missing, except in CI, where
// .ci/run installs it and the check must run.
func needNumpy(t *testing.T) {
	t.Helper()
	if err := exec.Command(python, "-c", "import numpy, scipy, pandas").Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("numpy/scipy/pandas missing in CI: %v", err)
		}
		t.Skipf("no numpy/scipy/pandas at %s: %v", python, err)
	}
}

func pyRun(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command(python, args...)
	cmd.Env = append(os.Environ(), "OPENBLAS_NUM_THREADS=1", "OMP_NUM_THREADS=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", python, args, err, out)
	}
	return string(out)
}

func repoFile(t *testing.T, rel string) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", rel)
}

// TestOutputsAreNpSaveBytes: every output array is byte-identical to what
// np.save writes for the same array.
func TestOutputsAreNpSaveBytes(t *testing.T) {
	needNumpy(t)
	in := t.TempDir()
	writeDataset(t, in, 5)
	for _, dtype := range []npyio.DType{npyio.Float64, npyio.Float32} {
		out := t.TempDir()
		opts := baseOptions(in, out)
		opts.DType = dtype
		opts.Labels = filepath.Join(in, "labels.csv")
		runOK(t, opts)
		script := `
import io, sys, numpy as np
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    buf = io.BytesIO()
    np.save(buf, np.load(path))
    if buf.getvalue() != data:
        print("differs:", path)
        sys.exit(1)
print("ok")
`
		var files []string
		for _, n := range []string{"feature.npy", "target.npy", "groups.npy"} {
			files = append(files, filepath.Join(out, n))
		}
		if got := pyRun(t, append([]string{"-c", script}, files...)...); strings.TrimSpace(got) != "ok" {
			t.Errorf("%s: %s", dtype, got)
		}
	}
}

// TestTextOutputIsSavetxt: --format txt writes what np.savetxt writes for
// the arrays of the npy run.
func TestTextOutputIsSavetxt(t *testing.T) {
	needNumpy(t)
	in, outNpy, outTxt := t.TempDir(), t.TempDir(), t.TempDir()
	writeDataset(t, in, 4)
	opts := baseOptions(in, outNpy)
	opts.TargetColumn = "speed"
	runOK(t, opts)
	opts = baseOptions(in, outTxt)
	opts.TargetColumn = "speed"
	opts.Format = FormatTXT
	runOK(t, opts)
	script := `
import io, sys, numpy as np
npy, txt = sys.argv[1], sys.argv[2]
for name in ["feature", "target", "groups"]:
    buf = io.BytesIO()
    np.savetxt(buf, np.load(f"{npy}/{name}.npy"))
    if buf.getvalue() != open(f"{txt}/{name}.txt", "rb").read():
        print("differs:", name)
        sys.exit(1)
print("ok")
`
	if got := pyRun(t, "-c", script, outNpy, outTxt); strings.TrimSpace(got) != "ok" {
		t.Error(got)
	}
}

// TestMatchesPythonRecipe: the arrays agree with the numpy recipe
// (benchmarks/python/recipe.py), with np.loadtxt and with pandas.
func TestMatchesPythonRecipe(t *testing.T) {
	needNumpy(t)
	in := t.TempDir()
	writeDataset(t, in, 6)
	recipe, compare := repoFile(t, "benchmarks/python/recipe.py"), repoFile(t, "benchmarks/python/compare.py")
	for _, tc := range []struct {
		name string
		args []string
		set  func(*Config)
	}{
		{"labels-loadtxt", []string{"--labels", filepath.Join(in, "labels.csv"), "--window", "16", "--stride", "8"},
			func(o *Config) { o.Labels = filepath.Join(in, "labels.csv") }},
		{"target-pandas", []string{"--reader", "pandas", "--target-column", "speed", "--horizon", "4", "--window", "16", "--stride", "5"},
			func(o *Config) { o.TargetColumn, o.Horizon, o.Stride = "speed", 4, 5 }},
		{"whole-file", []string{"--window", "0", "--columns", "ay"},
			func(o *Config) { o.Window, o.Stride, o.Columns = 0, 0, []string{"ay"} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			goOut, pyOut := t.TempDir(), t.TempDir()
			opts := baseOptions(in, goOut)
			tc.set(opts)
			runOK(t, opts)
			pyRun(t, append([]string{recipe, in, "--workers", "2", "-o", pyOut}, tc.args...)...)
			if got := pyRun(t, compare, goOut, pyOut); !strings.HasPrefix(got, "agree") {
				t.Error(got)
			}
		})
	}
}
