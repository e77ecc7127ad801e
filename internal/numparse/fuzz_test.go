package numparse

import (
	"errors"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// pyFloatGrammar is the grammar of Python's float() for ASCII input.
var pyFloatGrammar = regexp.MustCompile(`^[ \t\n\v\f\r]*[+-]?(?:` +
	`(?:(?:[0-9](?:_?[0-9])*)?\.[0-9](?:_?[0-9])*|[0-9](?:_?[0-9])*\.?)(?:[eE][+-]?[0-9](?:_?[0-9])*)?` +
	`|(?i:inf|infinity|nan))[ \t\n\v\f\r]*$`)

// FuzzParseFloat checks Parse (on the text without its surrounding
// blanks, as the scanners give fields), Prefix and Record against Python's
// grammar and strconv's correctly rounded values.
func FuzzParseFloat(f *testing.F) {
	for _, s := range []string{"1.5", " -2e-3 ", "1_0", "1__0", "nan", "-Infinity", "0x1p3", ".5", "5.", "1e", "9007199254740993", "1e-400"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkRecord(t, append([]byte(s+"\n"), make([]byte, 300)...), 0, ',', 1)
		got, ok := Parse([]byte(strings.Trim(s, " \t\n\v\f\r")))
		if !pyFloatGrammar.MatchString(s) {
			if ok {
				t.Fatalf("Parse(%q) = %v; want an error", s, got)
			}
			return
		}
		if !ok {
			t.Fatalf("Parse(%q) failed; want a number", s)
		}
		clean := strings.ReplaceAll(strings.Trim(s, " \t\n\v\f\r"), "_", "")
		// Python takes a signed NaN ("+nan", "-NaN"); strconv does not.
		if unsigned := strings.TrimLeft(clean, "+-"); strings.EqualFold(unsigned, "nan") {
			clean = unsigned
		}
		want, err := strconv.ParseFloat(clean, 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			t.Fatalf("strconv.ParseFloat(%q): %v", clean, err)
		}
		if !sameFloats([]float64{got}, []float64{want}) {
			t.Fatalf("Parse(%q) = %v; strconv gives %v", s, got, want)
		}
		if v, end, ok := Prefix([]byte(s+"\n"), 0); ok && end == len(s) && !sameFloats([]float64{v}, []float64{want}) {
			t.Fatalf("Prefix(%q) = %v; want %v", s, v, want)
		}
	})
}

// sameFloats reports whether a and b hold the same bits, any NaN equal to
// any NaN.
func sameFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return true
}
