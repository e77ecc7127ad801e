package numpyexact

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestKernelKeys checks that keys sort as the values do (-0 before +0) and
// map back to the same bits, and that NaN keys lie outside [-Inf, +Inf].
func TestKernelKeys(t *testing.T) {
	negZero := math.Copysign(0, -1)
	ordered := []float64{math.Inf(-1), -math.MaxFloat64, -1, -math.SmallestNonzeroFloat64, negZero, 0,
		math.SmallestNonzeroFloat64, 0x1p-1022, 1, math.Nextafter(1, 2), math.MaxFloat64, math.Inf(1)}
	for i, v := range ordered {
		k := FloatKey(v)
		if b := KeyFloat(k); math.Float64bits(b) != math.Float64bits(v) {
			t.Errorf("KeyFloat(FloatKey(%v)) = %v", v, b)
		}
		if i > 0 && !(FloatKey(ordered[i-1]) < k) {
			t.Errorf("FloatKey(%v) >= FloatKey(%v)", ordered[i-1], v)
		}
	}
	if FloatKey(math.Inf(1)) != posInfKey || FloatKey(math.Inf(-1)) != negInfKey {
		t.Error("posInfKey or negInfKey is not the key of an infinity")
	}
	for _, bits := range []uint64{0x7FF8000000000000, 0x7FF0000000000001, 0x7FFFFFFFFFFFFFFF, 0xFFF8000000000000, 0xFFF0000000000001, 0xFFFFFFFFFFFFFFFF} {
		if k := FloatKey(math.Float64frombits(bits)); negInfKey <= k && k <= posInfKey {
			t.Errorf("NaN %#x has key %#x within the keys of [-Inf, +Inf]", bits, k)
		}
	}
}

// TestKernelSortKeys checks sort8 by the 0-1 principle and SortBlock
// against slices.Sort, including its NaN report.
func TestKernelSortKeys(t *testing.T) {
	for m := 0; m < 256; m++ {
		var a [8]uint64
		for i := range a {
			a[i] = uint64(m >> i & 1)
		}
		sort8(&a)
		if !slices.IsSorted(a[:]) {
			t.Fatalf("sort8 of %08b = %v", m, a)
		}
	}
	rng := rand.New(rand.NewPCG(1, 1))
	tmp := make([]uint64, 2048)
	for iter := range 2000 {
		n := 1 + rng.IntN(300)
		if iter%10 == 0 {
			n = 1 + rng.IntN(2000)
		}
		x := make([]float64, n)
		for i := range x {
			switch iter % 3 {
			case 0:
				x[i] = rng.NormFloat64()
			case 1:
				x[i] = float64(rng.IntN(3)) * []float64{1, -1}[rng.IntN(2)] // ties, ±0
			default:
				x[i] = []float64{math.Inf(1), math.Inf(-1), 0, 1}[rng.IntN(4)]
			}
		}
		nan := iter%4 == 3
		if nan {
			x[rng.IntN(n)] = math.Float64frombits([]uint64{0x7FF8000000000001, 0xFFF8000000000000}[rng.IntN(2)])
		}
		dst := make([]uint64, SortedLen(n))
		keys, gotNaN := SortBlock(dst, tmp, x)
		if gotNaN != nan {
			t.Fatalf("iter %d: SortBlock reports NaN %v; want %v", iter, gotNaN, nan)
		}
		want := make([]uint64, n)
		for i, v := range x {
			want[i] = FloatKey(v)
		}
		slices.Sort(want)
		if !slices.Equal(keys, want) {
			t.Fatalf("iter %d, n=%d: SortBlock differs from slices.Sort", iter, n)
		}
	}
}

// TestKernelKthOfTwo checks KthOfTwo against a merge of the two arrays.
func TestKernelKthOfTwo(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for range 3000 {
		na, nb := rng.IntN(40), rng.IntN(40)
		if na+nb == 0 {
			continue
		}
		distinct := uint64(1 + rng.IntN(50))
		a, b := make([]uint64, na), make([]uint64, nb)
		for i := range a {
			a[i] = rng.Uint64N(distinct)
		}
		for i := range b {
			b[i] = rng.Uint64N(distinct)
		}
		slices.Sort(a)
		slices.Sort(b)
		all := slices.Sorted(slices.Values(append(slices.Clone(a), b...)))
		for k := range all {
			v, next := KthOfTwo(a, b, k)
			wantNext := MaxKey
			if k+1 < len(all) {
				wantNext = all[k+1]
			}
			if v != all[k] || next != wantNext {
				t.Fatalf("KthOfTwo(%v, %v, %d) = %d, %d; want %d, %d", a, b, k, v, next, all[k], wantNext)
			}
		}
	}
}
