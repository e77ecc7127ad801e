package numpyexact

import "math/bits"

// MeanCrossings counts the i where x[i] > mean differs from x[i+1] > mean,
// as np.count_nonzero(np.diff(x > mean)).
func MeanCrossings(x []float64, mean float64) int {
	// No branches: the crossings of noisy data are unpredictable.
	c := 0
	above := boolInt(x[0] > mean)
	i := 1
	if useAVX2 && len(x) >= 64 {
		// Bit masks of x > mean, 64 values a word: a crossing is a bit
		// that differs from the one before it.
		var words [8]uint64
		prev := uint64(above)
		i = 0
		for len(x)-i >= 64 {
			k := min((len(x)-i)/64, len(words))
			gtMaskAVX2(&x[i], k, mean, &words)
			for _, w := range words[:k] {
				c += bits.OnesCount64(w ^ (w<<1 | prev))
				prev = w >> 63
			}
			i += 64 * k
		}
		above = int(prev)
	}
	for ; i+4 <= len(x); i += 4 {
		b := x[i : i+4 : i+4]
		a0, a1, a2, a3 := boolInt(b[0] > mean), boolInt(b[1] > mean), boolInt(b[2] > mean), boolInt(b[3] > mean)
		c += (above ^ a0) + (a0 ^ a1) + (a1 ^ a2) + (a2 ^ a3)
		above = a3
	}
	for ; i < len(x); i++ {
		a := boolInt(x[i] > mean)
		c += a ^ above
		above = a
	}
	return c
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
