package feature

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestKernelString(t *testing.T) {
	tests := []struct {
		f    kernel
		want string
	}{
		{kMean, "mean"},
		{kQ25, "q25"},
		{kSpectralCentroid, "spectral_centroid"},
		{kernel(-1), "kernel(-1)"},
		{numKernels, "kernel(18)"},
	}
	for _, tt := range tests {
		if got := tt.f.String(); got != tt.want {
			t.Errorf("kernel(%d).String() = %q; want %q", int(tt.f), got, tt.want)
		}
	}
}

// TestDefaultPreset: the default preset is the 18 built-ins in their
// order, each a registered calculator computed by its kernel.
func TestDefaultPreset(t *testing.T) {
	want := []string{
		"mean", "std", "var", "min", "max", "ptp", "median", "q25", "q75",
		"skew", "kurtosis_biased", "rms", "abs_energy", "slope", "mean_crossings",
		"autocorr_lag1", "fft_peak_freq", "spectral_centroid",
	}
	fs, ok := Preset("default")
	if !ok {
		t.Fatal("no default preset")
	}
	var got []string
	for i, f := range fs {
		got = append(got, f.Name())
		if k, ok := f.Calc.builtinKernel(); !ok || int(k) != i {
			t.Errorf("%s: kernel %v, %v; want %d", f.Name(), k, ok, i)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("default preset %v; want %v", got, want)
	}
}

func TestExpand(t *testing.T) {
	tests := []struct {
		name    string
		in      []string
		want    []string
		wantErr error
	}{
		{"one", []string{"mean"}, []string{"mean"}, nil},
		{"order kept", []string{"fft_peak_freq", "mean", "q75"}, []string{"fft_peak_freq", "mean", "q75"}, nil},
		{"spaces", []string{" std", "var "}, []string{"std", "var"}, nil},
		{"preset", []string{"default"}, strings.Split("mean,std,var,min,max,ptp,median,q25,q75,skew,kurtosis_biased,rms,abs_energy,slope,mean_crossings,autocorr_lag1,fft_peak_freq,spectral_centroid", ","), nil},
		{"unknown", []string{"mean", "avg"}, nil, ErrUnknownFeature},
		{"case", []string{"Mean"}, nil, ErrUnknownFeature},
		{"empty name", []string{""}, nil, ErrUnknownFeature},
		{"duplicate", []string{"mean", "std", "mean"}, nil, ErrDuplicateFeature},
		{"duplicate through a preset", []string{"mean", "default"}, nil, ErrDuplicateFeature},
		{"a parameter it lacks", []string{"mean__q_3"}, nil, ErrBadParam},
		{"a tuple without its (", []string{"cwt_coefficients__coeff_0__w_2__widths_2, 5, 10, 20)"}, nil, ErrBadParam},
		{"a tuple without its )", []string{"cwt_coefficients__coeff_0__w_2__widths_(2, 5, 10, 20"}, nil, ErrBadParam},
		{"none", nil, nil, ErrNoFeatures},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs, err := Expand(tt.in)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Expand(%q) error = %v; want %v", tt.in, err, tt.wantErr)
			}
			var got []string
			for _, f := range fs {
				got = append(got, f.Name())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Expand(%q) = %v; want %v", tt.in, got, tt.want)
			}
		})
	}
	_, err := Expand([]string{"avg"})
	if msg := err.Error(); !strings.Contains(msg, `"avg"`) || !strings.Contains(msg, "featurize features") {
		t.Errorf("error %q does not name the feature and where to find them", msg)
	}
}

// testCalc registers, once, a calculator with every kind of parameter.
var testCalc = func() *Calculator {
	Register(Calculator{
		Name: "test_params",
		Params: []Param{
			{Name: "attr", Kind: String, Default: "abs"},
			{Name: "coeff", Kind: Int, Check: func(v any) error {
				if v.(int) < 0 {
					return errors.New("must not be negative")
				}
				return nil
			}},
			{Name: "r", Kind: Float, Default: 0.5},
			{Name: "isabs", Kind: Bool, Default: false},
			{Name: "widths", Kind: IntList, Default: []int{2, 5, 10, 20}},
			{Name: "f_agg", Kind: String, Optional: true},
		},
		Bind: func(p Values) (Func, error) {
			return func(w *Window) float64 { return float64(p.Int("coeff")) * p.Float("r") }, nil
		},
	})
	c, _ := Lookup("test_params")
	return c
}()

// TestNames: names are tsfresh's, keys sorted, values as Python writes
// them; Parse reads them back in any order.
func TestNames(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		err      error
	}{
		{"test_params__coeff_3", `test_params__attr_"abs"__coeff_3__f_agg_None__isabs_False__r_0.5__widths_(2, 5, 10, 20)`, nil},
		{`test_params__widths_(1, 2)__coeff_0__r_1__isabs_True__attr_"real"__f_agg_"max"`, `test_params__attr_"real"__coeff_0__f_agg_"max"__isabs_True__r_1__widths_(1, 2)`, nil},
		{"test_params__coeff_1__r_1e-05", `test_params__attr_"abs"__coeff_1__f_agg_None__isabs_False__r_1e-05__widths_(2, 5, 10, 20)`, nil},
		{"test_params__coeff_1__r_0.15000000000000002", `test_params__attr_"abs"__coeff_1__f_agg_None__isabs_False__r_0.15000000000000002__widths_(2, 5, 10, 20)`, nil},
		{"test_params", "", ErrBadParam},           // coeff is required
		{"test_params__coeff_-1", "", ErrBadParam}, // Check
		{"test_params__coeff_x", "", ErrBadParam},  // not an int
		{"test_params__nope_1", "", ErrBadParam},   // no such parameter
		{"test_params__attr_abs", "", ErrBadParam}, // a string without quotes
		{"test_params__coeff_1__coeff_2", "", ErrBadParam},
	} {
		f, err := Parse(tc.in)
		if !errors.Is(err, tc.err) {
			t.Errorf("Parse(%q) error %v; want %v", tc.in, err, tc.err)
			continue
		}
		if err == nil && f.Name() != tc.want {
			t.Errorf("Parse(%q).Name() = %q; want %q", tc.in, f.Name(), tc.want)
		}
		if err == nil {
			back, err := Parse(f.Name())
			if err != nil || back.Name() != f.Name() {
				t.Errorf("Parse(%q) = %q, %v; want it back", f.Name(), back.Name(), err)
			}
		}
	}
	f, err := New("test_params", Values{"coeff": 4, "r": 0.25})
	if err != nil || f.Eval(NewWindow([]float64{1})) != 1 {
		t.Errorf("New: %v, %v; want a feature worth 4*0.25", f.Name(), err)
	}
	_ = testCalc
}

func TestPyFloat(t *testing.T) {
	a, b := 0.1, 0.2
	point3 := a + b // not folded to 0.3 as a constant
	for _, tc := range []struct {
		v    float64
		want string
	}{
		{0, "0.0"}, {math.Copysign(0, -1), "-0.0"}, {1, "1.0"}, {0.1, "0.1"}, {-1e12, "-1000000000000.0"},
		{1e15, "1000000000000000.0"}, {1e16, "1e+16"}, {1.5e16, "1.5e+16"}, {1e-4, "0.0001"}, {1e-5, "1e-05"},
		{1.25e-7, "1.25e-07"}, {123.456, "123.456"}, {point3, "0.30000000000000004"}, {1e300, "1e+300"},
		{math.NaN(), "nan"}, {math.Inf(1), "inf"}, {math.Inf(-1), "-inf"}, {5e-324, "5e-324"},
	} {
		if got := PyFloat(tc.v); got != tc.want {
			t.Errorf("PyFloat(%v) = %q; want %q", tc.v, got, tc.want)
		}
	}
}

func TestSplitList(t *testing.T) {
	got := SplitList(`mean, cwt_coefficients__coeff_0__w_2__widths_(2, 5, 10, 20),fft_coefficient__attr_"a,b"__coeff_1,,default `)
	want := []string{"mean", "cwt_coefficients__coeff_0__w_2__widths_(2, 5, 10, 20)", `fft_coefficient__attr_"a,b"__coeff_1`, "default"}
	if !slices.Equal(got, want) {
		t.Errorf("SplitList = %q; want %q", got, want)
	}
}

// TestSetMixed: built-in features between others come out as the
// kernels compute them, and the others as their Funcs on each window.
func TestSetMixed(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	x := make([]float64, 300)
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	mixed, err := ParseSet([]string{"median", "test_params__coeff_2", "mean", "fft_peak_freq"})
	if err != nil {
		t.Fatal(err)
	}
	kernels, _ := ParseSet([]string{"median", "mean", "fft_peak_freq"})
	const w, s, count = 64, 16, 10
	got := make([]float64, count*4)
	mixed.NewEvaluator().Windows(got, 4, 0, x, w, s, count)
	want := make([]float64, count*3)
	kernels.NewEvaluator().Windows(want, 3, 0, x, w, s, count)
	for i := range count {
		row := got[i*4 : i*4+4]
		if !sameBits(row[0], want[i*3]) || row[1] != 1 || !sameBits(row[2], want[i*3+1]) || !sameBits(row[3], want[i*3+2]) {
			t.Errorf("window %d: %v; want [%v 1 %v %v]", i, row, want[i*3], want[i*3+1], want[i*3+2])
		}
	}
	if names := mixed.Names([]string{"a"}); names[1] != `a__test_params__attr_"abs"__coeff_2__f_agg_None__isabs_False__r_0.5__widths_(2, 5, 10, 20)` {
		t.Errorf("names %q", names)
	}
}

// TestWindowIntermediates: a Window's shared values equal numpy's
// definitions (and the kernels' own).
func TestWindowIntermediates(t *testing.T) {
	x := []float64{3, 1, 4, 1, 5, 9, 2, 6}
	w := NewWindow(x)
	k := newWorkspace().Compute(nil, x, allKernels())
	if w.Mean() != k[kMean] || w.Var() != k[kVar] || w.Std() != k[kStd] || w.Min() != 1 || w.Max() != 9 || w.Constant() {
		t.Errorf("mean %v var %v std %v min %v max %v", w.Mean(), w.Var(), w.Std(), w.Min(), w.Max())
	}
	if got := w.Sorted(); !slices.Equal(got, []float64{1, 1, 2, 3, 4, 5, 6, 9}) {
		t.Errorf("Sorted() = %v", got)
	}
	// np.fft.rfft([3,1,4,1,5,9,2,6]), bit for bit.
	want := []complex128{31, complex(-4.121320343559643, 7.1923881554251174), complex(2, -3), complex(0.12132034355964283, 11.192388155425117), -3}
	if got := w.RFFT(); !slices.Equal(got, want) {
		t.Errorf("RFFT() = %v; want %v", got, want)
	}
	negNaN := math.Float64frombits(math.Float64bits(math.NaN()) | 1<<63)
	got := NewWindow([]float64{negNaN, 3, math.Inf(-1), math.NaN(), 0, 1, math.Inf(1)}).Sorted()
	if fmt.Sprint(got) != "[-Inf 0 1 3 +Inf NaN NaN]" {
		t.Errorf("Sorted() with NaNs of both signs = %v; want NaNs last", got)
	}
	if nw := NewWindow([]float64{math.NaN(), 1}); !math.IsNaN(nw.Sorted()[1]) || nw.Constant() {
		t.Errorf("NaN sorts last: %v", nw.Sorted())
	}
}

// assertPanics checks that fn panics with message want.
func assertPanics(t *testing.T, want string, fn func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		if r == nil {
			t.Errorf("no panic; want %q", want)
			return
		}
		if s, _ := r.(string); s != want {
			t.Errorf("panic %v; want %q", r, want)
		}
	}()
	fn()
}
