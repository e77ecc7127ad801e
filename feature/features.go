package feature

import (
	"fmt"
	"unsafe"
)

// kernel is one of the built-in statistics that the Workspace computes
// together, sharing work between them and between overlapping windows. The
// constants are in the default order.
type kernel int

// The kernels, in default order. Their exact definitions are in the doc
// comment of Workspace.Compute.
const (
	kMean kernel = iota
	kStd
	kVar
	kMin
	kMax
	kPtp
	kMedian
	kQ25
	kQ75
	kSkew
	kKurtosis
	kRMS
	kAbsEnergy
	kSlope
	kMeanCrossings
	kAutocorrLag1
	kFFTPeakFreq
	kSpectralCentroid

	numKernels // number of features; keep last
)

var kernelNames = [numKernels]string{
	kMean:             "mean",
	kStd:              "std",
	kVar:              "var",
	kMin:              "min",
	kMax:              "max",
	kPtp:              "ptp",
	kMedian:           "median",
	kQ25:              "q25",
	kQ75:              "q75",
	kSkew:             "skew",
	kKurtosis:         "kurtosis_biased",
	kRMS:              "rms",
	kAbsEnergy:        "abs_energy",
	kSlope:            "slope",
	kMeanCrossings:    "mean_crossings",
	kAutocorrLag1:     "autocorr_lag1",
	kFFTPeakFreq:      "fft_peak_freq",
	kSpectralCentroid: "spectral_centroid",
}

// String returns the feature's name as used in column names and on the
// command line ("mean", "fft_peak_freq"), or "Feature(N)" for a value that
// is not a feature.
func (f kernel) String() string {
	if f.valid() {
		return kernelNames[f]
	}
	return fmt.Sprintf("kernel(%d)", int(f))
}

func (f kernel) valid() bool { return f >= 0 && f < numKernels }

// allKernels returns every kernel in the default order.
func allKernels() []kernel {
	fs := make([]kernel, numKernels)
	for i := range fs {
		fs[i] = kernel(i)
	}
	return fs
}

// Names returns the output column names for columns x feats, column-major
// as a feature row is laid out: for each column in order, each feature in
// order, named "{column}__{feature}" ("ax__mean") as tsfresh names them.
func Names(columns []string, feats []Feature) []string {
	suffixes := make([]string, len(feats))
	size := 0
	for k, f := range feats {
		suffixes[k] = "__" + f.name
		size += len(suffixes[k])
	}
	size *= len(columns)
	for _, c := range columns {
		size += len(c) * len(feats)
	}
	// One buffer holds them all: a million names are one allocation, and
	// each name is a substring of it.
	all := make([]byte, 0, size)
	names := make([]string, len(columns)*len(feats))
	k := 0
	for _, c := range columns {
		for _, suf := range suffixes {
			at := len(all)
			all = append(all, c...)
			all = append(all, suf...)
			names[k] = unsafe.String(&all[at], len(all)-at)
			k++
		}
	}
	return names
}
