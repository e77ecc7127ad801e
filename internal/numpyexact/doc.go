// Package numpyexact computes what numpy computes, bit for bit: the
// arithmetic the built-in features need to equal numpy's values, not
// merely to be close to them.
//
//   - Sum, Moments, LagSum and SlopeSum: np.sum's pairwise summation
//     (8 accumulators, blocks of 128, the 8192-value chunks of a long
//     reduction), of x and of the terms of the moments, lag products and
//     slope products, without materialising them.
//   - Median and Quantile: np.median's mean of the two middles and
//     np.quantile's linear interpolation, from the order statistics.
//   - RFFT: np.fft.rfft, a port of the pocketfft C code numpy 1.17-1.26
//     uses (3-clause BSD, Max-Planck-Society), and Hypot, glibc's hypot,
//     which np.abs of a complex uses.
//   - FloatKey, SortBlock, SortKeys, MergeKeys and KthOfTwo: sort keys of
//     float64 values, branch-free sorts and selection on them.
//   - MeanCrossings, FastMags, CountAtLeast, CentroidTerms: the loops of
//     the built-in mean_crossings, fft_peak_freq and spectral_centroid.
//
// On CPUs with AVX2 the hot loops run in assembly (kernels_amd64.s,
// fft4_amd64.s, sort_amd64.s) that does the same IEEE operations in the
// same order, without FMA, as its pure-Go twin, which runs everywhere else;
// the equivalence tests compare the two bit for bit. Products are wrapped
// in float64() so that no compiler fuses a multiply and an add.
//
// Nothing here allocates except NewRFFT; a RFFT plan holds scratch and
// must not be shared between goroutines. Only programmer mistakes panic
// (slices too short), with a "numpyexact: " message.
package numpyexact
