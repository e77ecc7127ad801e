package input

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"testing"
)

// parseBytes parses data as a file in d.
func (r *Reader) parseBytes(name string, data []byte, d Delimited) (*Table, error) {
	r.buf = append(r.buf[:0], data...)
	return r.parse(name, d)
}

// FuzzReadCSV checks that the CSV reader never panics, that its errors are
// positioned and wrap a sentinel, and that a table it reads, written out
// again with strconv 'g' -1, reads back to the same values.
func FuzzReadCSV(f *testing.F) { fuzzRead(f, CSV) }

// FuzzReadText is FuzzReadCSV for whitespace-separated text.
func FuzzReadText(f *testing.F) { fuzzRead(f, Text) }

// FuzzReadEuro is FuzzReadCSV for ';'-separated values with a decimal
// comma and '%' comments.
func FuzzReadEuro(f *testing.F) {
	f.Add([]byte("a;b.c\n1,5;-2\n% note\n3;4,25e1\n"))
	f.Add([]byte("1.5;2\n"))
	f.Add([]byte("\"1,5\";2\n"))
	fuzzRead(f, Delimited{Sep: ';', Quote: true, Comment: '%', Decimal: ','})
}

func fuzzRead(f *testing.F, d Delimited) {
	for _, s := range []string{
		"a,b\n1,2\n3,4\n", "1 2\n3 4\n", "1,2\r\n3,4", "1\r2\r3", "# c\n\n1 # x\n",
		"\"1\",\" 2 \"\n", "\"a\"\"b\",c\n1,2\n", "1,\"2\n", "1,\"2\"x\n", "nan,-inf,+Infinity\n",
		"1_0,1__0\n", "0x1p3\n", "1e400 -1e-400\n", "\xef\xbb\xbf1\n", "1,2\n3\n", "1\n2,3\n",
		"9007199254740993\n", "2.2250738585072011e-308\n", "0.1e-22 123456789012345678901\n",
		"a,b\n0.5,-1.25\n-0.000000,1.\n.5,-.5\r\n1,2", "1 2\n-3 4.\n1  2\n", "1,2\n-,1\n", "1,2\n1,-\n",
		"1,2\n123456789012345,1234567890123456\n", "1,2\n1,2,\n1,2 \n1,2#\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// The general loop alone must read it the same, and the same
		// followed by blank lines: numparse.Records reads only records
		// with 264 bytes after them.
		r := NewReader()
		padded := append(append([]byte(nil), data...), bytes.Repeat([]byte{'\n'}, 300)...)
		compareFastSlow(t, r, padded, d)
		tb, err := compareFastSlow(t, r, data, d)
		if err != nil {
			checkFuzzError(t, data, err)
			return
		}
		if tb.Rows <= 0 || len(tb.Cols) == 0 || len(tb.Names) != len(tb.Cols) {
			t.Fatalf("table of %d rows, %d names, %d cols", tb.Rows, len(tb.Names), len(tb.Cols))
		}
		cols := make([][]float64, len(tb.Cols))
		for j, c := range tb.Cols {
			if len(c) != tb.Rows {
				t.Fatalf("len(Cols[%d]) = %d; want Rows = %d", j, len(c), tb.Rows)
			}
			cols[j] = append([]float64(nil), c...)
		}

		// Round trip through strconv, reusing the reader.
		sep := d.Sep
		if sep == 0 {
			sep = ' '
		}
		var b []byte
		for i := range tb.Rows {
			for j := range cols {
				if j > 0 {
					b = append(b, sep)
				}
				n := len(b)
				b = strconv.AppendFloat(b, cols[j][i], 'g', -1, 64)
				if d.Decimal == ',' {
					if k := bytes.IndexByte(b[n:], '.'); k >= 0 {
						b[n+k] = ','
					}
				}
			}
			b = append(b, '\n')
		}
		tb2, err := r.parseBytes("fuzz", b, d)
		if err != nil {
			t.Fatalf("re-reading %q: %v", b, err)
		}
		if tb2.Rows != len(cols[0]) || len(tb2.Cols) != len(cols) {
			t.Fatalf("re-read %d x %d; want %d x %d", tb2.Rows, len(tb2.Cols), len(cols[0]), len(cols))
		}
		for j := range cols {
			if !sameFloats(tb2.Cols[j], cols[j]) {
				t.Fatalf("column %d re-read as %v; want %v", j, tb2.Cols[j], cols[j])
			}
		}
	})
}

// compareFastSlow reads data with r and without its fast paths (shortRecord
// and numparse.Records), and fails unless both give the same table or
// error; it returns r's.
func compareFastSlow(t *testing.T, r *Reader, data []byte, d Delimited) (*Table, error) {
	tb, err := r.parseBytes("fuzz", data, d)
	slow := &Reader{noShort: true}
	tbSlow, errSlow := slow.parseBytes("fuzz", data, d)
	if fmt.Sprint(err) != fmt.Sprint(errSlow) {
		t.Fatalf("error %v; without the fast paths %v", err, errSlow)
	}
	if err == nil && (tb.Rows != tbSlow.Rows || !slices.Equal(tb.Names, tbSlow.Names) || !sameColumns(tb.Cols, tbSlow.Cols)) {
		t.Fatalf("read %v %v; without the fast paths %v %v", tb.Names, tb.Cols, tbSlow.Names, tbSlow.Cols)
	}
	return tb, err
}

// checkFuzzError checks that err is a *ParseError wrapping a sentinel,
// positioned inside data.
func checkFuzzError(t *testing.T, data []byte, err error) {
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T) is not a *ParseError", err, err)
	}
	found := false
	for _, s := range []error{ErrEmptyFile, ErrFieldCount, ErrSyntax, ErrQuote, ErrDuplicateColumn} {
		found = found || errors.Is(err, s)
	}
	if !found {
		t.Fatalf("error %v wraps no sentinel", err)
	}
	lines := bytes.Count(data, []byte{'\n'}) + bytes.Count(data, []byte{'\r'}) + 1
	if pe.Line < 0 || pe.Line > lines || pe.Column < 0 || pe.Column > len(data)+1 || (pe.Line > 0) != (pe.Column > 0) {
		t.Fatalf("error %v: position %d:%d outside the input (%d lines, %d bytes)", err, pe.Line, pe.Column, lines, len(data))
	}
}

func sameColumns(a, b [][]float64) bool {
	if len(a) != len(b) {
		return false
	}
	for j := range a {
		if !sameFloats(a[j], b[j]) {
			return false
		}
	}
	return true
}

// csvOr returns CSV or Text.
func csvOr(csv bool) Delimited {
	if csv {
		return CSV
	}
	return Text
}
