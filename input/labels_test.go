package input

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestReadLabels(t *testing.T) {
	for _, tc := range []struct {
		name, data, index, label string
		want                     map[int]float64
		allInt                   bool
		err                      error
		line, col                int
	}{
		{"plain", "1,3\n2,-4\n", "", "", map[int]float64{1: 3, 2: -4}, true, nil, 0, 0},
		{"header", "index,label\n1,0.5\n", "", "", map[int]float64{1: 0.5}, false, nil, 0, 0},
		{"by name, quoted, comments", "\xef\xbb\xbf# made by hand\nnote,y,id\n\"x, y\",7,\"2\"\n\n\"a \"\"b\"\"\",8,1 # last\n", "id", "y", map[int]float64{2: 7, 1: 8}, true, nil, 0, 0},
		{"nan and inf", "1,nan\n2,-inf\n", "", "", map[int]float64{1: math.NaN(), 2: math.Inf(-1)}, false, nil, 0, 0},
		{"beyond int64 and float64", "1,9223372036854775808\n2,1e400\n3,-1" + strings.Repeat("0", 400) + "\n4,1e-400\n", "", "", map[int]float64{1: 0x1p63, 2: math.Inf(1), 3: math.Inf(-1), 4: 0}, false, nil, 0, 0},
		{"missing columns", "id,y\n1,2\n", "", "", nil, false, ErrLabelColumns, 0, 0},
		{"names without a header", "1,2\n", "id", "", nil, false, ErrLabelNoHeader, 0, 0},
		{"empty label", "1,2\n2,\n", "", "", nil, false, ErrSyntax, 2, 3},
		{"bad index", "1,2\n2.5,3\n", "", "", nil, false, ErrSyntax, 2, 1},
		{"field count", "1,2\n2,3,4\n", "", "", nil, false, ErrFieldCount, 2, 5},
		{"duplicate", "1,2\n 1,3\n", "", "", nil, false, ErrDuplicateIndex, 2, 2},
		{"quote", "1,\"2\n", "", "", nil, false, ErrQuote, 1, 3},
		{"empty", "# nothing\n", "", "", nil, false, ErrEmptyFile, 0, 0},
	} {
		path := writeFile(t, "labels.csv", tc.data)
		got, err := ReadLabels(path, tc.index, tc.label)
		if !errors.Is(err, tc.err) {
			t.Errorf("%s: error %v; want %v", tc.name, err, tc.err)
			continue
		}
		if err != nil {
			var pe *ParseError
			if tc.line > 0 && (!errors.As(err, &pe) || pe.Line != tc.line || pe.Column != tc.col) {
				t.Errorf("%s: error %v; want it at %d:%d", tc.name, err, tc.line, tc.col)
			}
			continue
		}
		if len(got.ByIndex) != len(tc.want) || got.AllInt != tc.allInt {
			t.Errorf("%s: %v (all int %v); want %v (%v)", tc.name, got.ByIndex, got.AllInt, tc.want, tc.allInt)
		}
		for i, w := range tc.want {
			if l := got.ByIndex[i]; !sameFloats([]float64{l.Float}, []float64{w}) || l.IsInt != (tc.allInt) {
				t.Errorf("%s: label %d = %+v; want %v", tc.name, i, l, w)
			}
		}
	}
	// Class names become codes in sorted order; with one name every label
	// is one, sorted as text.
	for _, tc := range []struct {
		data    string
		classes []string
		codes   map[int]int64
	}{
		{"index,label\n1,walk\n2,run\n3,walk\n4,sit\n", []string{"run", "sit", "walk"}, map[int]int64{1: 2, 2: 0, 3: 2, 4: 1}},
		{"1,10\n2,2\n3,x\n4,2\n", []string{"10", "2", "x"}, map[int]int64{1: 0, 2: 1, 3: 2, 4: 1}},
		{"1,\"Walk fast\"\n2,walk\n", []string{"Walk fast", "walk"}, map[int]int64{1: 0, 2: 1}},
	} {
		got, err := ReadLabels(writeFile(t, "c.csv", tc.data), "", "")
		if err != nil || !slices.Equal(got.Classes, tc.classes) || !got.AllInt {
			t.Errorf("%q: classes %v, %v; want %v", tc.data, got, err, tc.classes)
			continue
		}
		for i, c := range tc.codes {
			if l := got.ByIndex[i]; l.Int != c || !l.IsInt || l.Float != float64(c) {
				t.Errorf("%q: label %d = %+v; want code %d", tc.data, i, l, c)
			}
		}
	}
	big, err := ReadLabels(writeFile(t, "l.csv", "1,9007199254740993\n"), "", "")
	if err != nil || big.ByIndex[1].Int != 9007199254740993 {
		t.Errorf("big label: %+v, %v", big, err)
	}
}

// FuzzReadLabels checks that ReadLabels never panics, that its errors
// wrap a sentinel, and that the labels it reads come back when written
// out again.
func FuzzReadLabels(f *testing.F) {
	for _, s := range []string{"1,3\n2,-4\n", "index,label\n1,0.5\n", "note,y,id\n\"x, y\",7,\"2\"\n", "1,nan\n", "id,y\n1,2\n", "1,\"2\n", "1,2\n1,3\n", "\"1\"\"\",2\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		path := writeFile(t, "l.csv", string(data))
		got, err := ReadLabels(path, "", "")
		if err != nil {
			found := false
			for _, s := range []error{ErrLabelColumns, ErrFieldCount, ErrSyntax, ErrQuote, ErrDuplicateIndex, ErrEmptyFile} {
				found = found || errors.Is(err, s)
			}
			if !found {
				t.Fatalf("error %v wraps no sentinel", err)
			}
			return
		}
		var b []byte
		for i, l := range got.ByIndex {
			b = fmt.Appendf(b, "%d,%s\n", i, strconv.FormatFloat(l.Float, 'g', -1, 64))
		}
		back, err := ReadLabels(writeFile(t, "m.csv", string(b)), "", "")
		if err != nil || len(back.ByIndex) != len(got.ByIndex) {
			t.Fatalf("re-reading %q: %v", b, err)
		}
		for i, l := range got.ByIndex {
			if !sameFloats([]float64{back.ByIndex[i].Float}, []float64{l.Float}) {
				t.Fatalf("label %d read back as %v; want %v", i, back.ByIndex[i].Float, l.Float)
			}
		}
	})
}
