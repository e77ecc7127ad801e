package main

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/featurize/featurize/npyio"
)

// TestHjorthMobility builds the example, runs it with the process engine
// (whose workers are the example again) on the demo data, and checks its
// column against the definition computed here, independently.
func TestHjorthMobility(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "featurize-custom")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	demo := filepath.Join("..", "..", "testdata", "demo")
	out := filepath.Join(dir, "out")
	cmd := exec.Command(bin, "run", demo, "--features", "mean,hjorth_mobility", "--window", "100", "--stride", "50",
		"--engine", "process", "--workers", "2", "-o", out, "--quiet")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("run: %v\n%s", err, msg)
	}
	var man struct {
		FeatureNames []string `json:"feature_names"`
	}
	data, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil || json.Unmarshal(data, &man) != nil {
		t.Fatalf("manifest: %v", err)
	}
	feat, err := npyio.ReadFile(filepath.Join(out, "feature.npy"))
	if err != nil {
		t.Fatal(err)
	}
	got, width := feat.Float64s(), feat.Shape[1]
	row, checked := 0, 0
	for i := 1; i <= 40; i++ {
		cols := readCSV(t, filepath.Join(demo, strconv.Itoa(i)+".csv"))
		n := len(cols["ax"])
		for start := 0; start+100 <= n; start += 50 {
			for j, name := range []string{"ax", "ay", "az"} {
				if man.FeatureNames[2*j+1] != name+"__hjorth_mobility" {
					t.Fatalf("feature %d is %q", 2*j+1, man.FeatureNames[2*j+1])
				}
				want := mobility(cols[name][start : start+100])
				if g := got[row*width+2*j+1]; math.Abs(g-want) > 1e-9*math.Abs(want) {
					t.Errorf("file %d window at %d, %s: %v; want %v", i, start, name, g, want)
				}
				checked++
			}
			row++
		}
	}
	if row != feat.Shape[0] || checked == 0 {
		t.Errorf("checked %d rows of %d", row, feat.Shape[0])
	}
}

// mobility is sqrt(var(diff(x)) / var(x)) with two-pass population
// variances; 0 for a constant x.
func mobility(x []float64) float64 {
	variance := func(v []float64) float64 {
		m := 0.0
		for _, e := range v {
			m += e
		}
		m /= float64(len(v))
		s := 0.0
		for _, e := range v {
			s += (e - m) * (e - m)
		}
		return s / float64(len(v))
	}
	d := make([]float64, len(x)-1)
	for i := range d {
		d[i] = x[i+1] - x[i]
	}
	vx := variance(x)
	if vx == 0 {
		return 0
	}
	return math.Sqrt(variance(d) / vx)
}

func readCSV(t *testing.T, path string) map[string][]float64 {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	cols := map[string][]float64{}
	for _, r := range recs[1:] {
		for j, name := range recs[0] {
			v, err := strconv.ParseFloat(r[j], 64)
			if err != nil {
				t.Fatal(err)
			}
			cols[name] = append(cols[name], v)
		}
	}
	return cols
}
