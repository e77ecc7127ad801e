package feature

import (
	"math"
	"strconv"
	"sync"

	"github.com/featurize/featurize/internal/numpyexact"
)

// benford_correlation needs the first digit of the shortest round-trip
// decimal of each |x| (numpy's format_float_scientific). Formatting every
// value costs ~100 ns; instead, a normal v has shortest digit k at decimal
// exponent p exactly when B(k,p) <= v < B(next), B(k,p) being the double
// nearest k*10^p and B(next) the next such bound: B(k,p) prints as "k"
// (one digit is as short as it gets), while a double above it and below
// B(next) lies strictly between the roundings of k*10^p and of the next
// k'*10^p', so no decimal at or outside them reads back as it. A binade
// [2^e, 2^(e+1)) holds at most five bounds; basicBinades lists them, with
// the digit that starts at each. Subnormals, where several k*10^p round to
// one double, are formatted.
type basicBinade struct {
	bound [6]float64 // ascending, +Inf past the last
	digit [7]uint8   // digit[j]: the first digit of v with j bounds <= v
}

const basicMinExp = -1022 // the smallest normal binade

var (
	basicBenfordOnce sync.Once
	basicBinades     []basicBinade // by binary exponent - basicMinExp
	basicBenfordLaw  [9]float64    // log10(1 + 1/d), d = 1..9
)

func basicBenfordInit() {
	basicBenfordOnce.Do(func() {
		basicBinades = make([]basicBinade, 1023-basicMinExp+1)
		for i := range basicBinades {
			for j := range basicBinades[i].bound {
				basicBinades[i].bound[j] = math.Inf(1)
			}
		}
		count := make([]int, len(basicBinades))
		digit := uint8(0) // the digit of the largest bound so far
		for p := -308; p <= 308; p++ {
			for k := 1; k <= 9; k++ {
				b, _ := strconv.ParseFloat(strconv.Itoa(k)+"e"+strconv.Itoa(p), 64)
				if b >= 0x1p-1022 && !math.IsInf(b, 0) {
					e := int(math.Float64bits(b)>>52&0x7ff) - 1023 - basicMinExp
					t := &basicBinades[e]
					if count[e] == 0 {
						t.digit[0] = digit
					}
					t.bound[count[e]] = b // five at most: k..2k-1 for k = 5
					count[e]++
					t.digit[count[e]] = uint8(k)
				}
				digit = uint8(k)
			}
		}
		digit = 0
		for i := range basicBinades {
			t := &basicBinades[i]
			if count[i] == 0 {
				t.digit[0] = digit
			}
			digit = t.digit[count[i]]
		}
		for d := 1; d <= 9; d++ {
			basicBenfordLaw[d-1] = math.Log10(1 + 1/float64(d))
		}
	})
}

// basicFirstDigit returns the first digit of the shortest decimal that
// reads back as v (0 for 0), for finite v >= 0. basicBenfordInit must have
// run.
func basicFirstDigit(v float64) int {
	if v < 0x1p-1022 {
		if v == 0 {
			return 0
		}
		var buf [32]byte
		return int(strconv.AppendFloat(buf[:0], v, 'e', -1, 64)[0] - '0')
	}
	t := &basicBinades[int(math.Float64bits(v)>>52&0x7ff)-1023-basicMinExp]
	// The digits are unpredictable: count without branches.
	j := basicB2I(v >= t.bound[0]) + basicB2I(v >= t.bound[1]) + basicB2I(v >= t.bound[2]) +
		basicB2I(v >= t.bound[3]) + basicB2I(v >= t.bound[4]) + basicB2I(v >= t.bound[5])
	return int(t.digit[j])
}

// basicBenford is np.corrcoef(benford, P)[0, 1], P[d-1] the share of first
// digits d.
func basicBenford(w *Window) float64 {
	x := w.Values()
	var count [10]int
	for _, v := range x {
		switch {
		case v != v:
			v = 0 // np.nan_to_num
		case math.IsInf(v, 0):
			v = math.MaxFloat64
		}
		count[basicFirstDigit(math.Abs(v))]++
	}
	var p [9]float64
	n := float64(len(x))
	for d := 1; d <= 9; d++ {
		p[d-1] = float64(count[d]) / n
	}
	mb := numpyexact.Sum(basicBenfordLaw[:]) / 9
	mp := numpyexact.Sum(p[:]) / 9
	var sbp, sbb, spp float64
	for i := range 9 {
		db, dp := basicBenfordLaw[i]-mb, p[i]-mp
		sbp += float64(db * dp)
		sbb += float64(db * db)
		spp += float64(dp * dp)
	}
	const f = 1.0 / 8 // np.cov's 1/(N-1)
	r := float64(sbp*f) / math.Sqrt(float64(sbb*f)) / math.Sqrt(float64(spp*f))
	if r > 1 {
		return 1
	}
	if r < -1 {
		return -1
	}
	return r
}
