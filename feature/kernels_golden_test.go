package feature

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
)

// The golden files are written by testdata/gen_features.py with numpy and
// scipy; regenerate them with
//
//	/usr/bin/python3 testdata/gen_features.py
//
// They are the reference, so there is no -update flag: the Go code must
// match them, not the other way round.

const (
	goldenRtol = 1e-9
	goldenAtol = 1e-12
)

// exactFeatures must equal numpy's value exactly (see feature/doc.go).
var exactFeatures = map[kernel]bool{
	kMin: true, kMax: true, kPtp: true, kMedian: true, kMeanCrossings: true, kFFTPeakFreq: true,
	// Also exact by construction (same operations in the same order as
	// numpy); checked exactly so that a change of summation order shows.
	kMean: true, kQ25: true, kQ75: true,
}

type goldenFile struct {
	Generator string   `json:"generator"`
	Numpy     string   `json:"numpy"`
	Features  []string `json:"features"`
	Cases     []struct {
		Name string `json:"name"`
		X    string `json:"x"`
		Gen  *struct {
			Kind string `json:"kind"`
			Seed uint64 `json:"seed"`
			N    int    `json:"n"`
		} `json:"gen"`
		Check []string `json:"check"`
		Want  []string `json:"want"`
	} `json:"cases"`
}

func loadGolden(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "golden", name))
	if err != nil {
		t.Fatalf("%v (regenerate with /usr/bin/python3 testdata/gen_features.py)", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// goldenFloats decodes base64 of little-endian float64 values.
func goldenFloats(t *testing.T, s string) []float64 {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(b)%8 != 0 {
		t.Fatalf("bad float64 base64 (%d bytes): %v", len(b), err)
	}
	x := make([]float64, len(b)/8)
	for i := range x {
		x[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return x
}

func goldenFloat(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// goldenSplitmix64 returns n values in [0, 1) as gen_features.py's splitmix64.
func goldenSplitmix64(seed uint64, n int) []float64 {
	x := make([]float64, n)
	z := seed
	for i := range x {
		z += 0x9E3779B97F4A7C15
		r := z
		r = (r ^ (r >> 30)) * 0xBF58476D1CE4E5B9
		r = (r ^ (r >> 27)) * 0x94D049BB133111EB
		r ^= r >> 31
		x[i] = float64(r>>11) * 0x1p-53
	}
	return x
}

// goldenLong is gen_features.py's gen_long.
func goldenLong(t *testing.T, kind string, seed uint64, n int) []float64 {
	u := goldenSplitmix64(seed, n)
	for i, v := range u {
		switch kind {
		case "uniform":
			u[i] = (float64(2*v) - 1) * 1000
		case "square":
			u[i] = float64(v*v) * 100
		case "offset":
			u[i] = 1e6 + v
		default:
			t.Fatalf("unknown generator kind %q", kind)
		}
	}
	return u
}

// goldenRelErr is |got-want| / |want| (|got-want| when want is 0), 0 when both
// are the same NaN or infinity.
func goldenRelErr(got, want float64) float64 {
	switch {
	case math.IsNaN(got) && math.IsNaN(want), got == want:
		return 0
	case want == 0:
		return math.Abs(got - want)
	}
	return math.Abs(got-want) / math.Abs(want)
}

func goldenClose(got, want float64) bool {
	if math.IsNaN(got) || math.IsNaN(want) {
		return math.IsNaN(got) && math.IsNaN(want)
	}
	if got == want {
		return true
	}
	return math.Abs(got-want) <= goldenAtol+goldenRtol*math.Abs(want)
}

func TestGoldenFeatures(t *testing.T) {
	maxRel := make(map[kernel]float64)
	ws := newWorkspace()
	feats := allKernels()
	ncases := 0
	for _, file := range []string{"features_random.json", "features_long.json", "features_special.json"} {
		var g goldenFile
		loadGolden(t, file, &g)
		if len(g.Features) != len(feats) {
			t.Fatalf("%s: %d features; want %d", file, len(g.Features), len(feats))
		}
		for i, name := range g.Features {
			if feats[i].String() != name {
				t.Fatalf("%s: feature %d is %q; want %q", file, i, name, feats[i])
			}
		}
		for _, c := range g.Cases {
			var x []float64
			if c.Gen != nil {
				x = goldenLong(t, c.Gen.Kind, c.Gen.Seed, c.Gen.N)
				if got, want := x[0], goldenFloat(t, c.Check[0]); got != want {
					t.Fatalf("%s: generated x[0] = %v; want %v", c.Name, got, want)
				}
				if got, want := x[len(x)-1], goldenFloat(t, c.Check[1]); got != want {
					t.Fatalf("%s: generated x[-1] = %v; want %v", c.Name, got, want)
				}
			} else {
				x = goldenFloats(t, c.X)
			}
			got := ws.Compute(nil, x, feats)
			ncases++
			for i, f := range feats {
				want := goldenFloat(t, c.Want[i])
				if r := goldenRelErr(got[i], want); r > maxRel[f] && !math.IsInf(r, 0) {
					maxRel[f] = r
				}
				ok := goldenClose(got[i], want)
				if exactFeatures[f] {
					ok = got[i] == want || math.IsNaN(got[i]) && math.IsNaN(want)
				}
				if !ok {
					t.Errorf("%s %s (w=%d): %s = %v; want %v (rel err %.3g)", file, c.Name, len(x), f, got[i], want, goldenRelErr(got[i], want))
				}
			}
		}
	}
	var lines []string
	for _, f := range feats {
		lines = append(lines, fmt.Sprintf("%-18s %.3g", f, maxRel[f]))
	}
	sort.Strings(lines)
	t.Logf("%d golden windows; max relative error per feature:", ncases)
	for _, l := range lines {
		t.Log(l)
	}
}
