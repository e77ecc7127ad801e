// Package feature turns one input file into feature rows: it reads the file
// into columns, cuts them into windows and computes per-window statistics
// that equal what numpy and scipy compute.
//
// # Reading
//
// TableReader (and ReadTable) reads a CSV, whitespace-separated text or
// .npy file into a column-major Table. Every problem found in the input is
// returned as an error, positioned in a *ParseError where it has a position
// (file:line:col); nothing read from a file makes the package panic.
//
// # Windows
//
// WindowStarts(n, w, s) counts the windows of w rows that start at rows 0,
// s, 2s, ... and end within n rows, as numpy's
// sliding_window_view(x, w)[::s] makes them; w == 0 is one window of the
// whole file. Window(i, n, w, s) gives the rows of window i.
//
// # Features
//
// A Feature is one statistic (mean, std, ..., spectral_centroid; see
// features.md for the table). All returns the default list, ParseFeatures
// parses names, Names builds the "{column}__{feature}" output names.
// Workspace.Compute evaluates a list of features on one window into a dst
// slice, following gonum's convention: nil dst allocates, a dst of the
// wrong length panics, dst is returned. Workspace.ComputeWindows evaluates
// them on every window of a column (window i is x[i*s : i*s+w]) into rows
// of a caller's row-major buffer, with bit for bit Compute's values, and
// shares work between overlapping windows: each block of gcd(w, s) rows is
// sorted once, and a window's order statistics are selected from the
// union of its sorted blocks.
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
// the same keys). The reference
// values come from testdata/gen_features.py, which writes
// feature/testdata/golden.
//
// Constant windows (max == min exactly) get 0 rather than NaN for skew,
// kurtosis, autocorr_lag1, fft_peak_freq and spectral_centroid; NaN in a
// window propagates as it does in numpy (see Workspace.Compute).
//
// # Allocation and concurrency
//
// A Workspace holds a worker's scratch: sort keys, the deviations, the
// spectrum, up to four FFT plans, ComputeWindows' sorted blocks and its
// batch of four windows' transforms. Once
// warmed up on a window length (or after Reset), Compute allocates nothing
// per window, and ComputeWindows nothing per call once it has seen the
// window length and stride. A Workspace, like a TableReader, must not be
// shared between goroutines; give each worker its own.
//
// # Panics
//
// Only programmer mistakes panic, with a "feature: " message: a dst of the
// wrong length, an empty window, a value that is not a Feature, a negative
// row count or window length, or a window index out of range; for
// ComputeWindows, a window length or stride below 1, a negative window
// count, row stride or offset, or an input or dst too short for the
// windows.
package feature
