package numparse

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
)

// pyCase is one line of testdata/read/numbers.json: an input and the bits
// of float(input) as hex, or nil when float() rejects it.
type pyCase [2]*string

func loadNumbers(t *testing.T) (cases, deviations []pyCase) {
	t.Helper()
	data, err := os.ReadFile("testdata/numbers.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Cases      []pyCase `json:"cases"`
		Deviations []pyCase `json:"deviations"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Cases) < 5000 {
		t.Fatalf("numbers.json has %d cases; want at least 5000", len(f.Cases))
	}
	return f.Cases, f.Deviations
}

// TestParseFloatPython checks ParseFloat against the values Python's float()
// gives (testdata/gen_numbers.py).
func TestParseFloatPython(t *testing.T) {
	cases, deviations := loadNumbers(t)
	bad := 0
	for _, c := range cases {
		in := *c[0]
		got, err := parseTrimmed([]byte(in))
		switch {
		case c[1] == nil && err == nil:
			t.Errorf("parseTrimmed(%q) = %v (%#016x); want an error, as float() raises", in, got, math.Float64bits(got))
			bad++
		case c[1] != nil && err != nil:
			t.Errorf("parseTrimmed(%q) failed: %v; want %s", in, err, *c[1])
			bad++
		case c[1] != nil:
			want, perr := strconv.ParseUint(*c[1], 16, 64)
			if perr != nil {
				t.Fatal(perr)
			}
			if math.Float64bits(got) != want {
				t.Errorf("parseTrimmed(%q) = %#016x; want %#016x", in, math.Float64bits(got), want)
				bad++
			}
		}
		if err != nil && !errors.Is(err, errSyntax) {
			t.Errorf("parseTrimmed(%q) error %v is not errSyntax", in, err)
		}
		if bad > 20 {
			t.Fatal("too many failures")
		}
	}
	// Documented deviations: float() accepts non-ASCII digits and
	// whitespace, ParseFloat does not.
	for _, c := range deviations {
		if got, err := parseTrimmed([]byte(*c[0])); err == nil {
			t.Errorf("parseTrimmed(%q) = %v; want an error (non-ASCII)", *c[0], got)
		}
	}
}

func TestParseTrimmed(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want float64
	}{
		{"1.5", 1.5},
		{" -2.25\t", -2.25},
		{"+.5", 0.5},
		{"5.", 5},
		{"1_000.000_1", 1000.0001},
		{"1e1_0", 1e10},
		{"-0", math.Copysign(0, -1)},
		{"1e500", math.Inf(1)},
		{"-1e-500", math.Copysign(0, -1)},
		{"-Infinity", math.Inf(-1)},
		{"iNF", math.Inf(1)},
		{"0.1", 0.1},
		{"123456.789012", 123456.789012},
		{"9007199254740993", 9007199254740992},
		{"123456789012345678901234567890", 1.2345678901234568e29},
	} {
		got, err := parseTrimmed([]byte(tt.in))
		if err != nil || math.Float64bits(got) != math.Float64bits(tt.want) {
			t.Errorf("parseTrimmed(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"nan", "7ff8000000000000"},
		{"-NaN", "fff8000000000000"},
		{"+nan", "7ff8000000000000"},
	} {
		got, err := parseTrimmed([]byte(tt.in))
		if h := strconv.FormatUint(math.Float64bits(got), 16); err != nil || h != tt.want {
			t.Errorf("parseTrimmed(%q) = %s, %v; want %s", tt.in, h, err, tt.want)
		}
	}
	for _, in := range []string{"", " ", "0x1p3", "1_", "_1", "1__0", "1_.5", "1e", ".", "e5", "1d5", "infinit", "nan(1)", "1 2", "١"} {
		if got, err := parseTrimmed([]byte(in)); !errors.Is(err, errSyntax) {
			t.Errorf("parseTrimmed(%q) = %v, %v; want errSyntax", in, got, err)
		}
	}
}

func TestParseFloatAllocs(t *testing.T) {
	inputs := [][]byte{
		[]byte("12.345678"), []byte("-0.000123"), []byte("1.7976931348623157e308"),
		[]byte("2.2250738585072011e-308"), []byte("123456789012345678901234"),
		[]byte("nan"), []byte("1_000.5"), []byte("1_000_000_000_000_000_000.5"),
		[]byte("1e400"),
	}
	for _, in := range inputs[:len(inputs)-1] {
		if n := testing.AllocsPerRun(100, func() { _, _ = parseFloat(in) }); n != 0 {
			t.Errorf("parseFloat(%q) allocates %v times; want 0", in, n)
		}
	}
}

// TestParsePrefix checks that the scanners' fast path agrees with
// ParseFloat wherever it takes a number, on every numbers.json input.
func TestParsePrefix(t *testing.T) {
	cases, _ := loadNumbers(t)
	taken := 0
	for _, c := range cases {
		in := *c[0]
		if in == "" {
			continue
		}
		b := []byte(in + "\n")
		f, end, ok := parsePrefix(b, 0)
		if !ok || end != len(in) {
			continue
		}
		taken++
		want, err := parseTrimmed([]byte(in))
		if err != nil || math.Float64bits(f) != math.Float64bits(want) {
			t.Errorf("parsePrefix(%q) = %v; ParseFloat = %v, %v", in, f, want, err)
		}
	}
	if taken < 1000 {
		t.Errorf("parsePrefix took %d inputs; want at least 1000", taken)
	}
}

// TestParsePow10Table checks read_pow10.go with math/big.
func TestParsePow10Table(t *testing.T) {
	if n := len(parsePow10Wide); n != parsePow10Max-parsePow10Min+1 {
		t.Fatalf("len(parsePow10Wide) = %d; want %d", n, parsePow10Max-parsePow10Min+1)
	}
	ten := big.NewInt(10)
	for e := parsePow10Min; e <= parsePow10Max; e++ {
		m := new(big.Int)
		if e >= 0 {
			m.Exp(ten, big.NewInt(int64(e)), nil)
			if n := m.BitLen(); n > 128 {
				m.Rsh(m, uint(n-128))
			} else {
				m.Lsh(m, uint(128-n))
			}
		} else {
			d := new(big.Int).Exp(ten, big.NewInt(int64(-e)), nil)
			k := uint(d.BitLen() + 127)
			m.Quo(m.Lsh(big.NewInt(1), k), d)
			if m.BitLen() < 128 {
				m.Quo(m.Lsh(big.NewInt(1), k+1), d)
			}
		}
		want := fmt.Sprintf("%032x", m)
		got := fmt.Sprintf("%016x%016x", parsePow10Wide[e-parsePow10Min][0], parsePow10Wide[e-parsePow10Min][1])
		if got != want {
			t.Errorf("parsePow10Wide[1e%d] = %s; want %s", e, got, want)
		}
	}
}

// TestParseEiselLemire checks parseEiselLemire against strconv on random
// mantissas and exponents, and that it declines rarely.
func TestParseEiselLemire(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	const n = 200_000
	declined := 0
	for range n {
		m := rng.Uint64() >> rng.IntN(64)
		e := rng.IntN(parsePow10Max-parsePow10Min+20) + parsePow10Min - 10
		neg := rng.IntN(2) == 0
		got, ok := parseEiselLemire(m, e, neg)
		if !ok {
			declined++
			continue
		}
		s := fmt.Sprintf("%de%d", m, e)
		if neg {
			s = "-" + s
		}
		// Values that round up to ±Inf are ErrRange for strconv.
		want, err := strconv.ParseFloat(s, 64)
		if err != nil && !(errors.Is(err, strconv.ErrRange) && math.IsInf(want, 0)) || math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("parseEiselLemire(%s) = %v; strconv gives %v, %v", s, got, want, err)
		}
	}
	// Out of range or subnormal or overflowing results are about 10%.
	if declined > n/5 {
		t.Errorf("parseEiselLemire declined %d of %d; want fewer", declined, n)
	}
}

// errSyntax is parseTrimmed's error.
var errSyntax = errors.New("invalid number")

// parseTrimmed is Python's float() of b: Parse after trimming the ASCII
// whitespace float() strips.
func parseTrimmed(b []byte) (float64, error) {
	f, ok := Parse(bytes.Trim(b, " \t\n\v\f\r"))
	if !ok {
		return 0, fmt.Errorf("%w %q", errSyntax, b)
	}
	return f, nil
}
