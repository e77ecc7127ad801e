package numpyexact

import "math"

// Median is np.median of a window whose order statistics s holds at their
// sorted positions (s[n/2], and s[n/2-1] for even n): the middle value,
// or the mean of the two middle values computed as numpy's mean of a
// two-element array, (0 + a + b) / 2.
func Median(s []float64) float64 {
	n := len(s)
	if n%2 == 1 {
		return 0 + s[n/2]
	}
	return (0 + s[n/2-1] + s[n/2]) / 2
}

// Quantile is np.quantile(x, q) (method "linear", numpy 1.22+) of a window
// whose order statistics s holds at the positions below:
//
//	h = (n-1)*q, lo = floor(h), a = s[lo], b = s[lo+1], t = h - lo
//	q = a + (b-a)*t      if t < 0.5
//	q = b - (b-a)*(1-t)  if t >= 0.5
//
// with numpy's clamp (lo = n-1 and t = h+1 when h >= n-1).
func Quantile(s []float64, q float64) float64 {
	n := len(s)
	h := float64(float64(n-1) * q)
	var a, b, t float64
	if h >= float64(n-1) {
		a, b = s[n-1], s[n-1]
		t = h - (-1) // numpy takes index -1 and computes gamma = h - (-1)
	} else {
		lo := math.Floor(h)
		i := int(lo)
		a, b = s[i], s[i+1]
		t = h - lo
	}
	diff := b - a
	if t >= 0.5 {
		return b - float64(diff*(1-t))
	}
	return a + float64(diff*t)
}
