package numpyexact

import "math"

// Kernels of the built-in spectral features, each an AVX2 loop with a Go
// twin that computes the same bits.

// FastMags sets mag[k] = sqrt(re*re + im*im) for the bins k = 1 ..
// (n+1)/2-1 of the half-complex transform d (n = len(d); re = d[2k-1],
// im = d[2k]) and returns the largest, ignoring NaN (0 if none is larger).
// Bin 0 and, for even n, bin n/2 are left to the caller.
func FastMags(d, mag []float64) (top float64) {
	n := len(d)
	k := 1
	if useAVX2 {
		if c := ((n+1)/2 - 1) &^ 3; c > 0 {
			top = magsAVX2(&d[1], c, &mag[1]) // max(0, the magnitudes), NaN ignored
			k += c
		}
	}
	for ; k < (n+1)/2; k++ {
		re, im := d[2*k-1], d[2*k]
		m := math.Sqrt(float64(re*re) + float64(im*im))
		mag[k] = m
		if m > top {
			top = m
		}
	}
	return top
}

// CountAtLeast returns how many x[i] >= cut and the first such i (0 if
// none).
func CountAtLeast(x []float64, cut float64) (first, count int) {
	k := 0
	if useAVX2 {
		if c := len(x) &^ 3; c > 0 {
			first, count = countAtLeastAVX2(&x[0], c, cut)
			k = c
		}
	}
	for ; k < len(x); k++ {
		if x[k] >= cut {
			if count == 0 {
				first = k
			}
			count++
		}
	}
	if count == 0 {
		first = 0
	}
	return first, count
}

// CentroidTerms sets fx[j] = (j*step) * mag[j] for every j < len(mag),
// the terms of the spectral centroid's numerator.
func CentroidTerms(mag, fx []float64, step float64) {
	nb := len(mag)
	j := 0
	if useAVX2 {
		if c := nb &^ 3; c > 0 {
			centroidTermsAVX2(&mag[0], &fx[0], c, step)
			j = c
		}
	}
	for ; j < nb; j++ {
		fx[j] = float64(float64(j)*step) * mag[j]
	}
}
