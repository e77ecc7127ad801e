package numpyexact

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// loadGolden reads testdata/name, written by testdata/gen_features.py.
func loadGolden(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
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

// TestGoldenRFFT checks the FFT port bit for bit against np.fft.rfft, and
// the magnitudes against np.abs.
func TestGoldenRFFT(t *testing.T) {
	var g struct {
		Cases []struct {
			N    int    `json:"n"`
			Kind string `json:"kind"`
			D    string `json:"d"`
			ReIm string `json:"re_im"`
		} `json:"cases"`
	}
	loadGolden(t, "rfft.json", &g)
	if len(g.Cases) == 0 {
		t.Fatal("no cases")
	}
	for _, c := range g.Cases {
		d := goldenFloats(t, c.D)
		want := goldenFloats(t, c.ReIm)
		if len(d) != c.N || len(want) != 2*(c.N/2+1) {
			t.Fatalf("n=%d: %d inputs, %d outputs", c.N, len(d), len(want))
		}
		p := NewRFFT(c.N)
		p.Forward(d)
		// Unpack FFTPACK's half-complex order the way numpy does.
		got := make([]float64, len(want))
		got[0] = d[0]
		copy(got[2:], d[1:])
		bad := 0
		for i := range got {
			if math.Float64bits(got[i]) != math.Float64bits(want[i]) && !(got[i] == 0 && want[i] == 0) {
				if bad < 3 {
					t.Errorf("rfft n=%d (%s, bluestein=%v) [%d] = %v; want %v", c.N, c.Kind, p.blue != nil, i, got[i], want[i])
				}
				bad++
			}
		}
		if bad > 0 {
			t.Errorf("rfft n=%d: %d of %d values differ", c.N, bad, len(got))
		}
	}
}

// TestGoldenHypot checks hypot bit for bit against np.hypot (glibc).
func TestGoldenHypot(t *testing.T) {
	var g struct {
		XY   string `json:"xy"`
		Want string `json:"want"`
	}
	loadGolden(t, "hypot.json", &g)
	xy := goldenFloats(t, g.XY)
	want := goldenFloats(t, g.Want)
	if len(xy) != 2*len(want) || len(want) == 0 {
		t.Fatalf("%d inputs for %d outputs", len(xy), len(want))
	}
	bad := 0
	for i, w := range want {
		x, y := xy[2*i], xy[2*i+1]
		got := Hypot(x, y)
		if math.Float64bits(got) != math.Float64bits(w) && !(math.IsNaN(got) && math.IsNaN(w)) {
			if bad < 5 {
				t.Errorf("Hypot(%v, %v) = %v; want %v", x, y, got, w)
			}
			bad++
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d hypot values differ", bad, len(want))
	}
}
