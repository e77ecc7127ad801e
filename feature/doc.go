// Package feature computes per-window features that equal what numpy,
// scipy and tsfresh compute, from a registry of named, parameterised
// calculators.
//
// # The registry
//
// A Calculator is a value: a name, typed parameters with defaults and
// checks, a definition, its tsfresh equivalent, and Bind, which turns
// parameter values into a Func computing one value from one *Window.
// Register adds one (built-ins in init functions, users' own at the start
// of main); Lookup, Calculators, RegisterPreset, Preset and Presets read
// the registry. A Feature is a calculator with its parameter values,
// made by New (from Go values) or Parse (from a name), and named as
// tsfresh names its columns after "{column}__":
//
//	mean
//	quantile__q_0.9
//	fft_coefficient__attr_"abs"__coeff_3
//
// the calculator's name, then "__{key}_{value}" for every parameter, keys
// sorted, strings in double quotes, numbers, booleans, None and tuples as
// Python's str() writes them (PyFloat). Parse reads such a name back,
// parameters in any order; Expand reads a list of names and presets,
// SplitList a comma-separated one.
//
// # Computing
//
// A Set is an ordered, immutable list of features (NewSet, ParseSet); Names
// gives the output columns "{column}__{feature}", column by column. Each
// worker computes with its own Evaluator: Windows(dst, rowStride, off, x,
// w, s, count) writes the features of window i = x[i*s : i*s+w] to
// dst[i*rowStride+off:]. A Func sees a *Window, which computes what
// several features share (moments, min and max, the sorted values, the
// spectrum) once, on first use, with numpy's arithmetic.
//
// # The built-in features
//
// The default preset is the 18 built-ins, in this order, computed together
// by the package's kernels. With w the window length, d = x - mean(x),
// m_k = mean(d^k), t = 0..w-1, X = |rfft(d)| and f = rfftfreq(w):
//
//	mean              sum(x) / w                              np.mean(x)
//	std, var          sqrt(m_2), m_2 (ddof=0)                 np.std(x), np.var(x)
//	min, max, ptp     smallest, largest, largest - smallest   np.min, np.max, np.ptp
//	median, q25, q75  np.quantile(x, 0.5 / 0.25 / 0.75), method linear
//	skew              m_3 / m_2^1.5                           scipy.stats.skew(x)
//	kurtosis_biased   m_4 / m_2^2 - 3                         scipy.stats.kurtosis(x)
//	rms, abs_energy   sqrt(mean(x^2)), sum(x^2)
//	slope             sum(d*(t-mean(t))) / sum((t-mean(t))^2) np.polyfit(t, x, 1)[0]
//	mean_crossings    count of i with (x[i] > mean) != (x[i+1] > mean)
//	autocorr_lag1     sum(d[:-1]*d[1:]) / ((w-1)*m_2)
//	fft_peak_freq     f[1 + argmax(X[1:])], the first maximum
//	spectral_centroid sum(f*X) / sum(X)
//
// A constant window (max == min exactly) gets 0 rather than NaN for skew,
// kurtosis_biased, autocorr_lag1, fft_peak_freq and spectral_centroid, so that a
// constant signal never puts NaN into a training set; w == 1 gives 0 for
// slope, autocorr_lag1 and fft_peak_freq. NaN in a window propagates as
// in numpy (see workspace.Compute).
//
// The kernels share work between overlapping windows: each block of
// gcd(w, s) rows is sorted once, and a window's order statistics are
// selected from the union of its sorted blocks.
//
// The results are numpy's, not merely close to them: mean, min, max, ptp,
// median, q25, q75, mean_crossings and fft_peak_freq are bit for bit what
// numpy 1.24 computes, and the other features agree within a few units in
// the last place (the contract is rtol 1e-9, atol 1e-12). To get there the
// kernels repeat numpy's own arithmetic: its pairwise summation (including
// the 8192-value chunks of a long reduction), np.quantile's interpolation,
// and np.fft.rfft itself — a port of the pocketfft C code numpy 1.17-1.26
// uses (3-clause BSD, Max-Planck-Society) together with glibc's hypot —
// because when two spectral bins tie, only bit-identical rounding picks the
// same peak as numpy's argmax. (The exact hypot is evaluated only for the
// bins whose fast magnitude sqrt(re*re+im*im) is within a proven margin of
// the largest, when two or more are; spectral_centroid uses the fast
// magnitudes.) On CPUs with AVX2 the hot loops run in assembly that does
// the same IEEE operations in the same order (no FMA): the pairwise sums,
// the magnitudes, pocketfft's radix-4 passes on four windows at once, and
// a bitonic sorting network for the blocks' keys (any correct sort gives
// the same keys). The reference values come from testdata/gen_features.py,
// which writes feature/testdata/golden.
//
// # Allocation and concurrency
//
// The registry is safe for concurrent use; register before featurize
// runs. A Set is immutable. An Evaluator holds one
// worker's scratch and must not be shared between goroutines; once it has
// computed windows of a given length and stride, the built-in kernels
// allocate nothing per window.
//
// # Panics
//
// Only programmer mistakes panic, with a "feature: " message: Register of
// an invalid calculator or a name taken, RegisterPreset of a bad list, a
// destination too short, a window length or stride below 1, or an input
// too short for the windows.
package feature
