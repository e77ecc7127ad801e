package feature

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestFeatureString(t *testing.T) {
	tests := []struct {
		f    Feature
		want string
	}{
		{Mean, "mean"},
		{Std, "std"},
		{Q25, "q25"},
		{AbsEnergy, "abs_energy"},
		{MeanCrossings, "mean_crossings"},
		{AutocorrLag1, "autocorr_lag1"},
		{FFTPeakFreq, "fft_peak_freq"},
		{SpectralCentroid, "spectral_centroid"},
		{Feature(-1), "Feature(-1)"},
		{numFeatures, "Feature(18)"},
	}
	for _, tt := range tests {
		if got := tt.f.String(); got != tt.want {
			t.Errorf("Feature(%d).String() = %q; want %q", int(tt.f), got, tt.want)
		}
	}
}

func TestFeatureAll(t *testing.T) {
	want := []string{
		"mean", "std", "var", "min", "max", "ptp", "median", "q25", "q75",
		"skew", "kurtosis", "rms", "abs_energy", "slope", "mean_crossings",
		"autocorr_lag1", "fft_peak_freq", "spectral_centroid",
	}
	all := All()
	var got []string
	for i, f := range all {
		if int(f) != i {
			t.Errorf("All()[%d] = %d; want %d", i, f, i)
		}
		got = append(got, f.String())
	}
	if !slices.Equal(got, want) {
		t.Errorf("All() = %v; want %v", got, want)
	}
	all[0] = Std
	if All()[0] != Mean {
		t.Error("All() returns a shared slice")
	}
}

func TestParseFeatures(t *testing.T) {
	tests := []struct {
		name    string
		in      []string
		want    []Feature
		wantErr error
	}{
		{"one", []string{"mean"}, []Feature{Mean}, nil},
		{"order kept", []string{"fft_peak_freq", "mean", "q75"}, []Feature{FFTPeakFreq, Mean, Q75}, nil},
		{"spaces", []string{" std", "var "}, []Feature{Std, Var}, nil},
		{"all", strings.Split("mean,std,var,min,max,ptp,median,q25,q75,skew,kurtosis,rms,abs_energy,slope,mean_crossings,autocorr_lag1,fft_peak_freq,spectral_centroid", ","), All(), nil},
		{"unknown", []string{"mean", "avg"}, nil, ErrUnknownFeature},
		{"case", []string{"Mean"}, nil, ErrUnknownFeature},
		{"empty name", []string{""}, nil, ErrUnknownFeature},
		{"duplicate", []string{"mean", "std", "mean"}, nil, ErrDuplicateFeature},
		{"duplicate after trim", []string{"mean", " mean"}, nil, ErrDuplicateFeature},
		{"none", nil, nil, ErrNoFeatures},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseFeatures(tt.in)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ParseFeatures(%q) error = %v; want %v", tt.in, err, tt.wantErr)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("ParseFeatures(%q) = %v; want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseFeaturesMessage(t *testing.T) {
	_, err := ParseFeatures([]string{"avg"})
	msg := err.Error()
	for _, s := range []string{"feature: unknown feature", `"avg"`, "mean", "spectral_centroid"} {
		if !strings.Contains(msg, s) {
			t.Errorf("error %q does not mention %q", msg, s)
		}
	}
}

func TestFeatureNames(t *testing.T) {
	tests := []struct {
		cols  []string
		feats []Feature
		want  []string
	}{
		{[]string{"ax", "ay"}, []Feature{Mean, FFTPeakFreq}, []string{"ax__mean", "ax__fft_peak_freq", "ay__mean", "ay__fft_peak_freq"}},
		{[]string{"c0"}, []Feature{Q25}, []string{"c0__q25"}},
		{nil, []Feature{Mean}, []string{}},
		{[]string{"a"}, nil, []string{}},
	}
	for _, tt := range tests {
		if got := Names(tt.cols, tt.feats); !slices.Equal(got, tt.want) {
			t.Errorf("Names(%q, %v) = %q; want %q", tt.cols, tt.feats, got, tt.want)
		}
	}
	if got := len(Names([]string{"a", "b", "c"}, All())); got != 3*18 {
		t.Errorf("len(Names(3 columns, All())) = %d; want 54", got)
	}
	assertPanics(t, "feature: unknown feature", func() { Names([]string{"a"}, []Feature{numFeatures}) })
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
