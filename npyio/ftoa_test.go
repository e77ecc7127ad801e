package npyio

import (
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"testing"
)

func checkE18(t testing.TB, v float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return
	}
	got := string(appendE18(nil, v))
	if want := strconv.FormatFloat(v, 'e', 18, 64); got != want {
		t.Fatalf("appendE18(%v [%#016x]) = %s; want %s", v, math.Float64bits(v), got, want)
	}
}

func TestAppendE18(t *testing.T) {
	for _, v := range []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 0.5, 2.5, 1.5, 1e22, 1e23, 123456789.123,
		5e-324, -5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, math.MaxFloat64, -math.MaxFloat64,
		9.999999999999999e22, 1e19, 1e18, 9999999999999999999, 1.0000000000000002, 0.9999999999999999} {
		checkE18(t, v)
	}
	// Powers of ten and of two, halfway cases between 19-digit decimals.
	for e := -330; e <= 310; e++ {
		v := math.Pow(10, float64(e))
		checkE18(t, v)
		checkE18(t, math.Nextafter(v, 0))
		checkE18(t, math.Nextafter(v, math.Inf(1)))
	}
	for e := -1074; e <= 1023; e++ {
		checkE18(t, math.Ldexp(1, e))
		checkE18(t, math.Ldexp(3, e-1))
	}
	// Exact ties: n * 2^-j has j decimals ending in 5 when n is odd; pick
	// n so that it has exactly 20 significant digits.
	ties := 0
	for j := 1; j <= 80; j++ {
		five := math.Pow(5, float64(j))
		lo := uint64(math.Ceil(1e19 / five))
		hi := min(uint64(1e20/five), 1<<53)
		for n := lo | 1; n < hi && n < lo+1000; n += 2 {
			v := math.Ldexp(float64(n), -j)
			exact := new(big.Int).Mul(new(big.Int).SetUint64(n), new(big.Int).Exp(big.NewInt(5), big.NewInt(int64(j)), nil))
			if len(exact.String()) == 20 {
				ties++
			}
			checkE18(t, v)
			checkE18(t, -v)
		}
	}
	if ties < 500 {
		t.Errorf("only %d exact ties tested", ties)
	}
	for n := uint64(1); n < 1<<20; n += 7 {
		checkE18(t, float64(n)*0.5)
		checkE18(t, float64(n)/1024)
	}
	r := rand.New(rand.NewPCG(1, 1))
	n := 300_000
	if testing.Short() {
		n = 10_000
	}
	for range n {
		checkE18(t, math.Float64frombits(r.Uint64()&^(0x7ff<<52)|uint64(r.IntN(2047))<<52))
	}
	for range n / 5 {
		checkE18(t, r.NormFloat64()*math.Pow(10, float64(r.IntN(40)-20)))
		checkE18(t, float64(r.Int64N(1<<62))) // int64 columns
	}
}

func FuzzAppendE18(f *testing.F) {
	for _, v := range []float64{0, 1, 0.1, 5e-324, math.MaxFloat64, 2.5, 1e23} {
		f.Add(math.Float64bits(v))
	}
	f.Fuzz(func(t *testing.T, u uint64) {
		v := math.Float64frombits(u)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return
		}
		checkE18(t, v)
	})
}

func BenchmarkAppendE18(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	vals := make([]float64, 1024)
	for i := range vals {
		vals[i] = r.NormFloat64() * 100
	}
	buf := make([]byte, 0, 32)
	b.Run("appendE18", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			buf = appendE18(buf[:0], vals[i%len(vals)])
		}
	})
	b.Run("strconv", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			buf = strconv.AppendFloat(buf[:0], vals[i%len(vals)], 'e', 18, 64)
		}
	})
}
