package feature

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/featurize/featurize/npyio"
)

// The tsfresh golden files are written by testdata/tsfresh/gen_tsfresh.py,
// our own implementation of tsfresh v0.21's calculators with numpy, scipy,
// statsmodels, pandas and PyWavelets (testdata/tsfresh/SPEC.md says what
// each computes); regenerate them with
//
//	/usr/bin/python3 testdata/tsfresh/gen_tsfresh.py feature/testdata/tsfresh

// tsfreshFits are the calculators whose tsfresh values come out of
// statsmodels' fits or np.polyfit: agreement within 1e-6 (relative to
// max(1, |want|)). The rest agree within rtol 1e-9, atol 1e-12.
var tsfreshFits = map[string]bool{
	"augmented_dickey_fuller": true, "ar_coefficient": true, "partial_autocorrelation": true,
	"friedrich_coefficients": true, "max_langevin_fixed_point": true,
}

type tsfreshGolden struct {
	names     []string
	cases     []string
	sensitive map[string]map[string]string
}

func loadTsfreshGolden(t testing.TB) *tsfreshGolden {
	t.Helper()
	dir := filepath.Join("testdata", "tsfresh", "golden")
	g := &tsfreshGolden{}
	var cases map[string]string
	for name, v := range map[string]any{"names.json": &g.names, "cases.json": &cases, "sensitive.json": &g.sensitive} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err == nil {
			err = json.Unmarshal(b, v)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	for c := range cases {
		g.cases = append(g.cases, c)
	}
	sort.Strings(g.cases)
	return g
}

func (g *tsfreshGolden) load(t testing.TB, c string) (x, want []float64) {
	t.Helper()
	dir := filepath.Join("testdata", "tsfresh", "golden")
	xa, err := npyio.ReadFile(filepath.Join(dir, c+".npy"))
	if err != nil {
		t.Fatal(err)
	}
	wa, err := npyio.ReadFile(filepath.Join(dir, c+".values.npy"))
	if err != nil {
		t.Fatal(err)
	}
	if len(wa.Float64s()) != len(g.names) {
		t.Fatalf("%s: %d values for %d names", c, len(wa.Float64s()), len(g.names))
	}
	return xa.Float64s(), wa.Float64s()
}

// tsfreshAgreement is how close one calculator came to the golden values.
type tsfreshAgreement struct {
	checked, sensitive int
	maxRel             float64 // |got-want|/|want| where |want| >= 1e-6
	maxScaled          float64 // |got-want|/max(1, |want|), the tolerances' scale
}

// tsfreshClose reports whether got agrees with want for calculator calc.
func tsfreshClose(calc string, got, want float64) bool {
	switch {
	case math.IsNaN(want) || math.IsNaN(got):
		return math.IsNaN(want) && math.IsNaN(got)
	case math.IsInf(want, 0) || math.IsInf(got, 0):
		return got == want
	case tsfreshFits[calc]:
		return math.Abs(got-want) <= 1e-6*max(1, math.Abs(want))
	}
	return math.Abs(got-want) <= 1e-12+1e-9*math.Abs(want)
}

// TestTsfreshGolden computes every registered feature of the tsfresh
// catalogue on the golden series, all at once as one Set (so that shared
// intermediates are shared), and compares with tsfresh's values: NaN where
// tsfresh gives NaN, the same infinities, and numbers within the
// tolerances of tsfreshClose. Values that tsfresh's own libraries cannot
// pin down (golden/sensitive.json: the angle of a zero coefficient, FFTs
// of NaN input, fits of exact sines) need only be finite or not as
// tsfresh's are. With -v it logs each calculator's agreement.
func TestTsfreshGolden(t *testing.T) {
	g := loadTsfreshGolden(t)
	var feats []Feature
	var idx []int
	for i, name := range g.names {
		f, err := Parse(name)
		if errors.Is(err, ErrUnknownFeature) {
			continue // not in the catalogue yet: TestTsfreshCatalogue holds the list
		}
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if f.Name() != name {
			t.Errorf("Parse(%q).Name() = %q", name, f.Name())
		}
		feats = append(feats, f)
		idx = append(idx, i)
	}
	if len(feats) == 0 {
		t.Fatal("no feature of the tsfresh catalogue is registered")
	}
	set, err := NewSet(feats)
	if err != nil {
		t.Fatal(err)
	}
	agree := map[string]*tsfreshAgreement{}
	for _, c := range g.cases {
		x, want := g.load(t, c)
		got := make([]float64, len(feats))
		set.NewEvaluator().Windows(got, len(feats), 0, x, len(x), 1, 1)
		for j, f := range feats {
			name, w, v := g.names[idx[j]], want[idx[j]], got[j]
			a := agree[f.Calc.Name]
			if a == nil {
				a = &tsfreshAgreement{}
				agree[f.Calc.Name] = a
			}
			if _, ok := g.sensitive[c][name]; ok {
				a.sensitive++
				if isFinite(v) != isFinite(w) {
					t.Errorf("%s %s = %v; tsfresh %v (a value tsfresh cannot pin down, but finite or not as tsfresh's)", c, name, v, w)
				}
				continue
			}
			a.checked++
			if !tsfreshClose(f.Calc.Name, v, w) {
				t.Errorf("%s %s = %v; tsfresh %v", c, name, v, w)
			}
			if isFinite(v) && isFinite(w) {
				d := math.Abs(v - w)
				if math.Abs(w) >= 1e-6 {
					a.maxRel = max(a.maxRel, d/math.Abs(w))
				}
				a.maxScaled = max(a.maxScaled, d/max(1, math.Abs(w)))
			}
		}
	}
	if testing.Verbose() {
		var calcs []string
		for c := range agree {
			calcs = append(calcs, c)
		}
		sort.Strings(calcs)
		var b strings.Builder
		fmt.Fprintf(&b, "| calculator | values checked | max relative error (|tsfresh| >= 1e-6) | max error / max(1, |tsfresh|) | finite-or-not only (sensitive) |\n|---|---:|---:|---:|---:|\n")
		for _, c := range calcs {
			a := agree[c]
			fmt.Fprintf(&b, "| %s | %d | %.2g | %.2g | %d |\n", c, a.checked, a.maxRel, a.maxScaled, a.sensitive)
		}
		t.Logf("agreement with tsfresh over %d series:\n%s", len(g.cases), b.String())
	}
}

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
