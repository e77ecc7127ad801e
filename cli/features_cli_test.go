package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestFeaturesFlags: --features takes names and presets; --features-file
// a JSON list or tsfresh's settings object, after --features.
func TestFeaturesFlags(t *testing.T) {
	data := t.TempDir()
	if code, _, stderr := featurize(t, nil, "gen", "--n", "2", "--rows", "40", "-o", data); code != 0 {
		t.Fatalf("gen: %s", stderr)
	}
	dir := t.TempDir()
	list := filepath.Join(dir, "list.json")
	os.WriteFile(list, []byte(`["q75", "ptp"]`), 0o644)
	settings := filepath.Join(dir, "settings.json")
	os.WriteFile(settings, []byte(`{"max": null, "min": null}`), 0o644)
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"max": 3}`), 0o644)
	for _, tc := range []struct {
		args []string
		want []string
		code int
	}{
		{[]string{"--features", "mean, median"}, []string{"mean", "median"}, 0},
		{[]string{"--features", "mean", "--features-file", list}, []string{"mean", "q75", "ptp"}, 0},
		{[]string{"--features-file", settings}, []string{"max", "min"}, 0},
		{[]string{"--features", "default"}, []string{"mean", "std", "var", "min", "max", "ptp", "median", "q25", "q75", "skew", "kurtosis_biased", "rms", "abs_energy", "slope", "mean_crossings", "autocorr_lag1", "fft_peak_freq", "spectral_centroid"}, 0},
		{[]string{"--features", "mean,mean"}, nil, exitUsage},
		{[]string{"--features-file", bad}, nil, exitUsage},
		{[]string{"--features-file", filepath.Join(dir, "missing.json")}, nil, exitUsage},
	} {
		out := filepath.Join(t.TempDir(), "o")
		code, _, stderr := featurize(t, nil, append([]string{"run", data, "-o", out, "--quiet", "--columns", "ax"}, tc.args...)...)
		if code != tc.code {
			t.Errorf("%v: exit %d (%s); want %d", tc.args, code, stderr, tc.code)
			continue
		}
		if code != 0 {
			continue
		}
		var man struct {
			Options struct{ Features []string } `json:"options"`
		}
		b, _ := os.ReadFile(filepath.Join(out, "manifest.json"))
		json.Unmarshal(b, &man)
		if !slices.Equal(man.Options.Features, tc.want) {
			t.Errorf("%v: features %v; want %v", tc.args, man.Options.Features, tc.want)
		}
	}
}

// TestInputFormatFlag: --input-format reads every file as it says,
// whatever its extension.
func TestInputFormatFlag(t *testing.T) {
	data := t.TempDir()
	for i := 1; i <= 2; i++ {
		os.WriteFile(filepath.Join(data, strconv.Itoa(i)+".dat"), []byte("a,b\n1,2\n3,4\n"), 0o644)
	}
	out := filepath.Join(t.TempDir(), "o")
	code, _, stderr := featurize(t, nil, "run", data, "--pattern", "{}.dat", "--input-format", "csv", "--features", "mean", "-o", out, "--quiet")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var man struct {
		FeatureNames []string `json:"feature_names"`
	}
	b, _ := os.ReadFile(filepath.Join(out, "manifest.json"))
	json.Unmarshal(b, &man)
	if !slices.Equal(man.FeatureNames, []string{"a__mean", "b__mean"}) {
		t.Errorf("names %v; want the CSV header's", man.FeatureNames)
	}
	// As text (the .dat default), the header is not a number.
	if code, _, stderr := featurize(t, nil, "run", data, "--pattern", "{}.dat", "-o", out, "--quiet"); code != exitBadInput || !strings.Contains(stderr, "1.dat:1:1") {
		t.Errorf("as text: exit %d, %q; want %d at 1.dat:1:1", code, stderr, exitBadInput)
	}
	if code, _, _ := featurize(t, nil, "run", data, "--input-format", "parquet", "-o", out); code != exitUsage {
		t.Errorf("--input-format parquet: exit %d; want %d", code, exitUsage)
	}
}

// TestPythonWorkerExample runs examples/python-worker with featurize and
// with the Python recipe it replaces: feature.npy is the same bytes.
func TestPythonWorkerExample(t *testing.T) {
	if err := exec.Command("/usr/bin/python3", "-c", "import numpy").Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI needs /usr/bin/python3 with numpy: %v", err)
		}
		t.Skip("no numpy at /usr/bin/python3")
	}
	demo, _ := filepath.Abs(filepath.Join("..", "testdata", "demo"))
	example, _ := filepath.Abs(filepath.Join("..", "examples", "python-worker"))
	out, rec := filepath.Join(t.TempDir(), "out"), filepath.Join(t.TempDir(), "rec")
	code, _, stderr := featurize(t, nil, "run", demo, "--worker-cmd", "/usr/bin/python3 "+filepath.Join(example, "feats.py"),
		"--features", "none", "--labels", filepath.Join(demo, "labels.csv"), "--workers", "2", "-o", out, "--quiet")
	if code != 0 {
		t.Fatalf("featurize: exit %d: %s", code, stderr)
	}
	cmd := exec.Command("/usr/bin/python3", filepath.Join(example, "recipe.py"), demo, "40", "--workers", "2", "-o", rec)
	cmd.Dir = example
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("recipe: %v\n%s", err, msg)
	}
	a, _ := os.ReadFile(filepath.Join(out, "feature.npy"))
	b, err := os.ReadFile(filepath.Join(rec, "feature.npy"))
	if err != nil || !bytes.Equal(a, b) {
		t.Errorf("feature.npy differs from the recipe's (%d vs %d bytes, %v)", len(a), len(b), err)
	}
}

// TestFeaturesCommand: features lists the calculators and presets, in
// text and JSON, describes a calculator, a feature and a preset, and
// refuses an unknown name.
func TestFeaturesCommand(t *testing.T) {
	code, out, _ := featurize(t, nil, "features")
	if code != 0 || !strings.Contains(out, "builtin:\n  mean\n      sum(x) / w\n") || !strings.Contains(out, "  default (18)\n") {
		t.Errorf("features: exit %d:\n%s", code, out)
	}
	code, out, _ = featurize(t, nil, "features", "--json")
	var cat struct {
		Calculators []struct{ Name, Group string }
		Presets     map[string][]string
	}
	if err := json.Unmarshal([]byte(out), &cat); err != nil || code != 0 || len(cat.Calculators) < 18 || cat.Calculators[0].Name != "mean" || len(cat.Presets["default"]) != 18 {
		t.Errorf("features --json: exit %d, %v: %.300s", code, err, out)
	}
	code, out, _ = featurize(t, nil, "features", "--preset", "default")
	if code != 0 || !strings.HasPrefix(out, "preset default: 18 features a column\n  mean\n  std\n") {
		t.Errorf("features --preset default: exit %d:\n%s", code, out)
	}
	code, out, _ = featurize(t, nil, "features", "q75")
	if code != 0 || !strings.Contains(out, "q75 (builtin)\n  np.quantile(x, 0.75), method linear\n") {
		t.Errorf("features q75: exit %d:\n%s", code, out)
	}
	code, out, _ = featurize(t, nil, "features", "fft_coefficient")
	if code != 0 || !strings.Contains(out, `in preset efficient: fft_coefficient__attr_"real"__coeff_0, fft_coefficient__attr_"real"__coeff_1, fft_coefficient__attr_"real"__coeff_2, ... (400 in all)`) {
		t.Errorf("features fft_coefficient: exit %d:\n%s", code, out)
	}
	if code, _, stderr := featurize(t, nil, "features", "no_such_feature"); code != exitUsage || !strings.Contains(stderr, `unknown feature "no_such_feature"`) {
		t.Errorf("features no_such_feature: exit %d, %s", code, stderr)
	}
}
