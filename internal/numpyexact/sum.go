package numpyexact

// numpy's reduction constants: pairwise_sum's block size and the ufunc
// buffer size by which a long reduction is cut into inner loops.
const (
	pwBlock   = 128
	reduceBuf = 8192
)

// Sum returns sum(x) exactly as np.sum computes it for a contiguous
// float64 array (numpy 1.x): 0 plus the pairwise sums of consecutive
// chunks of reduceBuf values, added in order.
//
// pairwise(x) adds fewer than 8 values in order; up to pwBlock values with
// 8 accumulators r[j] (r[j] = x[j] + x[j+8] + ...) combined as
// ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), then the remainder in order; and
// beyond that splits x at n/2 rounded down to a multiple of 8.
func Sum(x []float64) float64 {
	s := 0.0
	for len(x) > reduceBuf {
		s += pairwise(x[:reduceBuf])
		x = x[reduceBuf:]
	}
	return s + pairwise(x)
}

func pairwise(a []float64) float64 {
	n := len(a)
	if n < 8 {
		res := 0.0
		for _, v := range a {
			res += v
		}
		return res
	}
	if n <= pwBlock {
		if useAVX2 {
			var r [8]float64
			laneSumAVX2(&a[0], n-n%8, &r)
			res := sum8(&r)
			for _, v := range a[n-n%8:] {
				res += v
			}
			return res
		}
		r0, r1, r2, r3 := a[0], a[1], a[2], a[3]
		r4, r5, r6, r7 := a[4], a[5], a[6], a[7]
		i := 8
		for ; i < n-n%8; i += 8 {
			b := a[i : i+8 : i+8]
			r0 += b[0]
			r1 += b[1]
			r2 += b[2]
			r3 += b[3]
			r4 += b[4]
			r5 += b[5]
			r6 += b[6]
			r7 += b[7]
		}
		res := ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
		for ; i < n; i++ {
			res += a[i]
		}
		return res
	}
	n2 := n / 2
	n2 -= n2 % 8
	return pairwise(a[:n2]) + pairwise(a[n2:])
}

// LagSum returns Sum of the n-k products d[i]*d[i+k], n = len(d) >= k,
// without materialising them: the same products summed in the same order
// (np.sum(d[:n-k]*d[k:])).
func LagSum(d []float64, k int) float64 {
	s := 0.0
	for len(d)-k > reduceBuf {
		s += pairwiseLag(d[:reduceBuf+k], k)
		d = d[reduceBuf:]
	}
	return s + pairwiseLag(d, k)
}

// pairwiseLag is pairwise over the len(d)-k products d[i]*d[i+k].
func pairwiseLag(d []float64, k int) float64 {
	n := len(d) - k
	if n < 8 {
		res := 0.0
		for i := range n {
			res += float64(d[i] * d[i+k])
		}
		return res
	}
	if n <= pwBlock {
		if k == 1 && useAVX2 {
			var r [8]float64
			m := n - n%8
			_ = d[n] // the assembly reads d[:m+1]
			lagAVX2(&d[0], m, &r)
			res := sum8(&r)
			for i := m; i < n; i++ {
				res += float64(d[i] * d[i+1])
			}
			return res
		}
		a, b := d[:n:n], d[k:k+n:k+n]
		r0, r1, r2, r3 := float64(a[0]*b[0]), float64(a[1]*b[1]), float64(a[2]*b[2]), float64(a[3]*b[3])
		r4, r5, r6, r7 := float64(a[4]*b[4]), float64(a[5]*b[5]), float64(a[6]*b[6]), float64(a[7]*b[7])
		i := 8
		for ; i < n-n%8; i += 8 {
			x, y := a[i:i+8:i+8], b[i:i+8:i+8]
			r0 += float64(x[0] * y[0])
			r1 += float64(x[1] * y[1])
			r2 += float64(x[2] * y[2])
			r3 += float64(x[3] * y[3])
			r4 += float64(x[4] * y[4])
			r5 += float64(x[5] * y[5])
			r6 += float64(x[6] * y[6])
			r7 += float64(x[7] * y[7])
		}
		res := ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
		for ; i < n; i++ {
			res += float64(a[i] * b[i])
		}
		return res
	}
	n2 := n / 2
	n2 -= n2 % 8
	return pairwiseLag(d[:n2+k], k) + pairwiseLag(d[n2:], k)
}

// SlopeSum returns Sum of the products d[i]*(t0+i), i < len(d), without
// materialising them. t0+i must be exact (t0 a small multiple of 1/2, as
// -mean(t) is), so that it equals float64(i) - mean(t).
func SlopeSum(d []float64, t0 float64) float64 {
	s := 0.0
	for len(d) > reduceBuf {
		s += pairwiseSlope(d[:reduceBuf], t0)
		d, t0 = d[reduceBuf:], t0+reduceBuf
	}
	return s + pairwiseSlope(d, t0)
}

// pairwiseSlope is pairwise over the products d[i]*(t0+i).
func pairwiseSlope(d []float64, t0 float64) float64 {
	n := len(d)
	if n < 8 {
		res := 0.0
		for i, v := range d {
			res += float64(v * (t0 + float64(i)))
		}
		return res
	}
	if n <= pwBlock {
		// t0+i+j is exact, whichever way it is summed.
		if useAVX2 {
			t := [8]float64{t0, t0 + 1, t0 + 2, t0 + 3, t0 + 4, t0 + 5, t0 + 6, t0 + 7}
			var r [8]float64
			m := n - n%8
			slopeAVX2(&d[0], m, &t, &r)
			res := sum8(&r)
			for i := m; i < n; i++ {
				res += float64(d[i] * (t0 + float64(i)))
			}
			return res
		}
		r0, r1, r2, r3 := float64(d[0]*t0), float64(d[1]*(t0+1)), float64(d[2]*(t0+2)), float64(d[3]*(t0+3))
		r4, r5, r6, r7 := float64(d[4]*(t0+4)), float64(d[5]*(t0+5)), float64(d[6]*(t0+6)), float64(d[7]*(t0+7))
		i := 8
		for ; i < n-n%8; i += 8 {
			b := d[i : i+8 : i+8]
			t := t0 + float64(i)
			r0 += float64(b[0] * t)
			r1 += float64(b[1] * (t + 1))
			r2 += float64(b[2] * (t + 2))
			r3 += float64(b[3] * (t + 3))
			r4 += float64(b[4] * (t + 4))
			r5 += float64(b[5] * (t + 5))
			r6 += float64(b[6] * (t + 6))
			r7 += float64(b[7] * (t + 7))
		}
		res := ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
		for ; i < n; i++ {
			res += float64(d[i] * (t0 + float64(i)))
		}
		return res
	}
	n2 := n / 2
	n2 -= n2 % 8
	return pairwiseSlope(d[:n2], t0) + pairwiseSlope(d[n2:], t0+float64(n2))
}

// Moments writes d[i] = x[i] - mean and returns the sums of d^2,
// (d^2)*d, (d^2)^2 and x^2, each summed exactly as Sum would sum the
// materialised array (as np.var and scipy.stats' moments compute them),
// in one pass.
func Moments(x []float64, mean float64, d []float64) (s2, s3, s4, sx2 float64) {
	for len(x) > reduceBuf {
		a2, a3, a4, ax := pairwiseMoments(x[:reduceBuf], mean, d[:reduceBuf])
		s2, s3, s4, sx2 = s2+a2, s3+a3, s4+a4, sx2+ax
		x, d = x[reduceBuf:], d[reduceBuf:]
	}
	a2, a3, a4, ax := pairwiseMoments(x, mean, d)
	return s2 + a2, s3 + a3, s4 + a4, sx2 + ax
}

func pairwiseMoments(x []float64, mean float64, d []float64) (s2, s3, s4, sx2 float64) {
	n := len(x)
	d = d[:n]
	if n < 8 {
		return momentsInOrder(x, mean, d, 0, 0, 0, 0)
	}
	if n <= pwBlock && useAVX2 {
		var r [32]float64
		m := n - n%8
		momentsAVX2(&x[0], &d[0], m, mean, &r)
		return momentsInOrder(x[m:], mean, d[m:], sum8((*[8]float64)(r[0:8])), sum8((*[8]float64)(r[8:16])), sum8((*[8]float64)(r[16:24])), sum8((*[8]float64)(r[24:32])))
	}
	if n <= pwBlock {
		var r2, r3, r4, rx [8]float64
		for j := range 8 {
			v := x[j]
			e := v - mean
			d[j] = e
			q := float64(e * e)
			r2[j] = q
			r3[j] = float64(q * e)
			r4[j] = float64(q * q)
			rx[j] = float64(v * v)
		}
		i := 8
		for ; i < n-n%8; i += 8 {
			xb := x[i : i+8 : i+8]
			db := d[i : i+8 : i+8]
			for j := range 8 {
				v := xb[j]
				e := v - mean
				db[j] = e
				q := float64(e * e)
				r2[j] += q
				r3[j] += float64(q * e)
				r4[j] += float64(q * q)
				rx[j] += float64(v * v)
			}
		}
		return momentsInOrder(x[i:], mean, d[i:], sum8(&r2), sum8(&r3), sum8(&r4), sum8(&rx))
	}
	n2 := n / 2
	n2 -= n2 % 8
	a2, a3, a4, ax := pairwiseMoments(x[:n2], mean, d[:n2])
	b2, b3, b4, bx := pairwiseMoments(x[n2:], mean, d[n2:])
	return a2 + b2, a3 + b3, a4 + b4, ax + bx
}

// momentsInOrder sets d[i] = x[i] - mean and adds the terms of x to the
// sums s2, s3, s4 and sx2 one by one, in order: the short runs that
// numpy's pairwise sum adds sequentially.
func momentsInOrder(x []float64, mean float64, d []float64, s2, s3, s4, sx2 float64) (float64, float64, float64, float64) {
	d = d[:len(x)]
	for i, v := range x {
		e := v - mean
		d[i] = e
		q := float64(e * e)
		s2 += q
		s3 += float64(q * e)
		s4 += float64(q * q)
		sx2 += float64(v * v)
	}
	return s2, s3, s4, sx2
}

func sum8(r *[8]float64) float64 {
	return ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
}
