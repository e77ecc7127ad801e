package feature

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

func registerCWT() {
	tsfreshReg("cwt_coefficients",
		`pywt.cwt(x, widths, "mexh")[0][widths.index(w), coeff] (PyWavelets <= 1.8, wavelet sampled on 2^10 points); NaN if coeff >= n`,
		[]Param{
			{Name: "coeff", Kind: Int, Check: intAtLeast(0), Doc: "output sample >= 0"},
			{Name: "w", Kind: Int, Doc: "the scale, one of widths"},
			{Name: "widths", Kind: IntList, Check: func(v any) error {
				ws, _ := v.([]int)
				if len(ws) == 0 || slices.Min(ws) < 1 || slices.Max(ws) > specMaxScale {
					return errors.New("want scales 1..65536")
				}
				return nil
			}, Doc: "the scales of the transform, each 1..65536"},
		},
		func(p Values) (Func, error) {
			ws, a, c := p.Ints("widths"), p.Int("w"), p.Int("coeff")
			row := slices.Index(ws, a)
			if row < 0 {
				return nil, fmt.Errorf("w = %d is not one of widths", a)
			}
			sh := specMexhShared.For(fmt.Sprint(ws))
			kern, mul := specNewMexhKernel(a), -math.Sqrt(float64(a))
			return func(w *Window) float64 { return sh.Get(w).coef(w.Values(), row, kern, mul, c) }, nil
		})
}

// PyWavelets' Mexican hat, integrated, sampled on 2^10 points of [-8, 8].
const specMexhPoints = 1 << 10

var specMexhIntPsi, specMexhStep = specMexhIntegral()

// specMexhIntegral returns pywt's integrate_wavelet("mexh", 10):
// cumsum(psi)*step over grid = linspace(-8, 8, 1024), with psi evaluated
// in the C library's operation order, and step = grid[1]-grid[0].
func specMexhIntegral() ([]float64, float64) {
	const n = specMexhPoints
	grid := make([]float64, n)
	st := 16.0 / (n - 1)
	for i := range grid {
		grid[i] = float64(float64(i)*st) + -8
	}
	grid[n-1] = 8
	den := float64(math.Sqrt(3) * math.Sqrt(math.Sqrt(math.Pi)))
	out := make([]float64, n)
	s := 0.0
	for i, t := range grid {
		psi := float64(float64(float64(1-float64(t*t))*math.Exp(float64(-t*t)/2))*2) / den
		s += psi
		out[i] = s
	}
	step := grid[1] - grid[0]
	for i := range out {
		out[i] *= step
	}
	return out, step
}

// specMexhKernel is pywt's int_psi[j][::-1] for scale a, j =
// floor(arange(16a+1)/(a*step)) below 2^10, with each value split in two
// halves for specDot2.
type specMexhKernel struct {
	v, hi, lo []float64
}

func specNewMexhKernel(a int) *specMexhKernel {
	m := int(math.Ceil(float64(float64(a)*16) + 1))
	den := float64(a) * specMexhStep
	k := new(specMexhKernel)
	for i := range m {
		if j := int(float64(i) / den); j < specMexhPoints {
			k.v = append(k.v, specMexhIntPsi[j])
		}
	}
	slices.Reverse(k.v)
	k.hi, k.lo = make([]float64, len(k.v)), make([]float64, len(k.v))
	for i, v := range k.v {
		k.hi[i], k.lo[i] = specSplit(v)
	}
	return k
}

// specMexhRows caches, per window, the samples of the full convolutions
// conv(x, kern) that cwt_coefficients' features have asked for (one row
// per scale of one widths tuple), and x split for specDot2.
type specMexhRows struct {
	gen    uint64
	rows   [][]specConvAt // by row, by conv index - (m-2)/2
	nsplit int            // x[:nsplit] is split in xhi, xlo
	xhi    []float64
	xlo    []float64
}

type specConvAt struct {
	gen uint64
	v   float64
}

var specMexhShared = NewSharedBy(func(w *Window, _ string, r *specMexhRows) *specMexhRows {
	if r == nil {
		r = new(specMexhRows)
	}
	r.gen++
	r.nsplit = 0
	return r
})

// coef returns pywt's cwt row row, sample c: with m = len(kern) and
// d = (m-2)/2, mul*(conv[d+c+1] - conv[d+c]), mul = -sqrt(a).
//
// The difference cancels when x has a large offset, so that numpy's value
// carries the rounding of its BLAS dot products (implementation-defined
// order, FMA or not). We compute each conv value as the correctly rounded
// sum (specDot2), which differs from numpy's by at most numpy's own
// rounding error.
func (r *specMexhRows) coef(x []float64, row int, k *specMexhKernel, mul float64, c int) float64 {
	if c >= len(x) {
		return math.NaN()
	}
	for len(r.rows) <= row {
		r.rows = append(r.rows, nil)
	}
	if len(r.rows[row]) < c+2 {
		r.rows[row] = append(r.rows[row], make([]specConvAt, c+2-len(r.rows[row]))...)
	}
	cache := r.rows[row][c : c+2]
	d := (len(k.v) - 2) / 2
	for i := range cache {
		if cache[i].gen != r.gen {
			cache[i] = specConvAt{r.gen, r.conv(x, k, d+c+i)}
		}
	}
	return mul * (cache[1].v - cache[0].v)
}

// conv returns np.convolve(x, k)[t], correctly rounded but for
// non-finite products, where it is the plain sum (NaN or ±Inf as numpy).
func (r *specMexhRows) conv(x []float64, k *specMexhKernel, t int) float64 {
	lo, hi := max(0, t-len(k.v)+1), min(t, len(x)-1)
	if hi < lo {
		return 0
	}
	if r.nsplit <= hi {
		r.xhi = slices.Grow(r.xhi[:0], len(x))[:len(x)]
		r.xlo = slices.Grow(r.xlo[:0], len(x))[:len(x)]
		for i := r.nsplit; i <= hi; i++ {
			r.xhi[i], r.xlo[i] = specSplit(x[i])
		}
		r.nsplit = hi + 1
	}
	// terms x[i]*k[t-i], i = lo..hi
	n := hi - lo + 1
	kt := t - hi // k index of the last term
	v := specDot2(x[lo:hi+1], r.xhi[lo:hi+1], r.xlo[lo:hi+1], k.v[kt:kt+n], k.hi[kt:kt+n], k.lo[kt:kt+n])
	if math.IsNaN(v) || math.IsInf(v, 0) {
		v = 0
		for i := lo; i <= hi; i++ {
			v += float64(x[i] * k.v[t-i])
		}
	}
	return v
}

// specSplit is Dekker's split of v into a high half of 26 bits and the
// rest, v = hi + lo exactly (barring overflow).
func specSplit(v float64) (hi, lo float64) {
	const f = 1<<27 + 1
	t := float64(f * v)
	hi = t - (t - v)
	return hi, v - hi
}

// specDot2 returns sum a[i]*b[n-1-i] (b reversed) accurately as if
// computed in twice the precision and then rounded (Ogita, Rump and
// Oishi's Dot2, with Dekker's product), i.e. correctly rounded for all but
// astronomically ill-conditioned sums. ah/al and bh/bl are the splits of
// a and b.
func specDot2(a, ah, al, b, bh, bl []float64) float64 {
	n := len(a)
	b, bh, bl = b[:n], bh[:n], bl[:n]
	s, c := 0.0, 0.0
	for i := range n {
		j := n - 1 - i
		s, c = specDot2Step(s, c, a[i], ah[i], al[i], b[j], bh[j], bl[j])
	}
	return s + c
}

// specDot2Step adds a*b to the sum s with error term c: the product's
// error by Dekker (a = ah+al, b = bh+bl), the sum's by Knuth's TwoSum.
func specDot2Step(s, c, a, ah, al, b, bh, bl float64) (float64, float64) {
	p := float64(a * b)
	ep := float64(float64(float64(float64(ah*bh)-p)+float64(ah*bl))+float64(al*bh)) + float64(al*bl)
	t := s + p
	z := t - s
	es := (s - (t - z)) + (p - z)
	return t, c + (ep + es)
}
