package feature

import (
	"errors"
	"fmt"
	"strings"
)

// Errors returned by ParseFeatures; test for them with errors.Is.
var (
	ErrUnknownFeature   = errors.New("feature: unknown feature")
	ErrDuplicateFeature = errors.New("feature: duplicate feature")
	ErrNoFeatures       = errors.New("feature: no features selected")
)

// Feature is one per-window statistic. The constants are in the order of
// the table in features.md, which is also the default order (All).
type Feature int

// The features, in default order. Their exact definitions are in the doc
// comment of Workspace.Compute.
const (
	Mean Feature = iota
	Std
	Var
	Min
	Max
	Ptp
	Median
	Q25
	Q75
	Skew
	Kurtosis
	RMS
	AbsEnergy
	Slope
	MeanCrossings
	AutocorrLag1
	FFTPeakFreq
	SpectralCentroid

	numFeatures // number of features; keep last
)

var featureNames = [numFeatures]string{
	Mean:             "mean",
	Std:              "std",
	Var:              "var",
	Min:              "min",
	Max:              "max",
	Ptp:              "ptp",
	Median:           "median",
	Q25:              "q25",
	Q75:              "q75",
	Skew:             "skew",
	Kurtosis:         "kurtosis",
	RMS:              "rms",
	AbsEnergy:        "abs_energy",
	Slope:            "slope",
	MeanCrossings:    "mean_crossings",
	AutocorrLag1:     "autocorr_lag1",
	FFTPeakFreq:      "fft_peak_freq",
	SpectralCentroid: "spectral_centroid",
}

// String returns the feature's name as used in column names and on the
// command line ("mean", "fft_peak_freq"), or "Feature(N)" for a value that
// is not a feature.
func (f Feature) String() string {
	if f.valid() {
		return featureNames[f]
	}
	return fmt.Sprintf("Feature(%d)", int(f))
}

func (f Feature) valid() bool { return f >= 0 && f < numFeatures }

// All returns every feature in the default order. The slice is new on each
// call; the caller may modify it.
func All() []Feature {
	fs := make([]Feature, numFeatures)
	for i := range fs {
		fs[i] = Feature(i)
	}
	return fs
}

// ParseFeatures returns the features named by names, in the order given.
// Surrounding spaces are ignored; names are case-sensitive. An unknown name
// gives an error wrapping ErrUnknownFeature that lists the valid names, a
// repeated name one wrapping ErrDuplicateFeature, and an empty list
// ErrNoFeatures.
func ParseFeatures(names []string) ([]Feature, error) {
	if len(names) == 0 {
		return nil, ErrNoFeatures
	}
	fs := make([]Feature, 0, len(names))
	var seen [numFeatures]bool
	for _, name := range names {
		name = strings.TrimSpace(name)
		f, ok := lookupFeature(name)
		if !ok {
			return nil, fmt.Errorf("%w %q (valid: %s)", ErrUnknownFeature, name, strings.Join(featureNames[:], ", "))
		}
		if seen[f] {
			return nil, fmt.Errorf("%w %q", ErrDuplicateFeature, name)
		}
		seen[f] = true
		fs = append(fs, f)
	}
	return fs, nil
}

func lookupFeature(name string) (Feature, bool) {
	for i, s := range featureNames {
		if s == name {
			return Feature(i), true
		}
	}
	return 0, false
}

// Names returns the output column names for columns x feats, column-major
// as a feature row is laid out: for each column in order, each feature in
// order, named "{column}__{feature}" ("ax__mean") as tsfresh names them.
// It panics if a feature is not valid.
func Names(columns []string, feats []Feature) []string {
	size := 0
	for _, c := range columns {
		for _, f := range feats {
			if !f.valid() {
				panic("feature: unknown feature")
			}
			size += len(c) + 2 + len(featureNames[f])
		}
	}
	// One string holds them all: a million names are one allocation.
	var b strings.Builder
	b.Grow(size)
	for _, c := range columns {
		for _, f := range feats {
			b.WriteString(c)
			b.WriteString("__")
			b.WriteString(featureNames[f])
		}
	}
	all := b.String()
	names := make([]string, 0, len(columns)*len(feats))
	at := 0
	for _, c := range columns {
		for _, f := range feats {
			n := len(c) + 2 + len(featureNames[f])
			names = append(names, all[at:at+n])
			at += n
		}
	}
	return names
}
