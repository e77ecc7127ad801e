package benchmarks

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		in   []float64
		want float64
	}{{[]float64{3, 1, 2}, 2}, {[]float64{4, 1, 3, 2}, 2.5}, {[]float64{7}, 7}} {
		if got := median(tc.in); got != tc.want {
			t.Errorf("median(%v) = %v; want %v", tc.in, got, tc.want)
		}
	}
}

// TestReportTableAndChart checks the ratios are computed from the right
// cases and that the chart renders a PNG.
func TestReportTableAndChart(t *testing.T) {
	r := &Report{Options: Options{N: 10, Rows: 100, Window: 8, Stride: 4, Workers: 2, Rounds: 2, Styles: []string{"repr"}}, Rows: 1000, CSVBytes: map[string]int64{"repr": 2e6}}
	for _, c := range []*Case{
		{Engine: "process", Workers: 2, Format: "npy", Times: []float64{0.1, 0.1}},
		{Engine: "thread", Workers: 2, Format: "npy", Times: []float64{0.08, 0.12}},
		{Engine: "process", Workers: 1, Format: "npy", Times: []float64{0.19, 0.19}},
		{Engine: "serial", Workers: 1, Format: "npy", Times: []float64{0.18, 0.18}},
		{Engine: "serial-twice", Workers: 1, Format: "npy", Times: []float64{0.2, 0.2}},
		{Engine: "thread", Workers: 1, Format: "npy", Times: []float64{0.2, 0.2}},
		{Engine: "process", Workers: 2, Format: "txt", Times: []float64{0.3, 0.3}},
		{Engine: "python-loadtxt", Workers: 2, Format: "npy", Times: []float64{1.6, 1.6}},
		{Engine: "python-pandas", Workers: 2, Format: "npy", Times: []float64{0.9, 0.9}},
		{Engine: "startup", Workers: 2, Format: "npy", Times: []float64{0.02, 0.03, 0.04}},
	} {
		c.Name, c.Style = c.Engine, "repr"
		r.Cases = append(r.Cases, c)
	}
	var b bytes.Buffer
	r.WriteTable(&b)
	for _, want := range []string{
		"| repr: python loadtxt recipe / featurize process | 16.0x |",
		"| repr: python pandas recipe / featurize process | 9.0x |",
		"| featurize process: 1 worker / 2 workers | 1.90x |",
		"| repr: featurize process / thread, 2 workers | 1.000 |",
		"| repr: machine speedup, 2 serial runs at once / 1 | 1.80x |",
		"| repr: featurize speedup, serial / process 2 workers | 1.80x (100% of the machine's) | >= 97% |",
		"| start-up, 3 small files (median ms) | 30.0 |",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
	path := t.TempDir() + "/chart.png"
	if p := os.Getenv("BENCH_CHART"); p != "" {
		path = p // to look at
	}
	if err := r.Chart(path); err != nil {
		t.Fatal(err)
	}
	png, err := os.ReadFile(path)
	if err != nil || len(png) < 1000 || !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("chart is not a PNG (%d bytes, err %v)", len(png), err)
	}
}
