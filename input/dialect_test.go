package input

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestDialect: a dialect reads every delimited file its way; errors quote
// the file's own bytes; bad dialects are refused.
func TestDialect(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(data), 0o644)
		return p
	}
	euro := write("euro.csv", "temp.c;\"a;b\"\n1,5;-2\n% note\n3;4,25e1\n")
	r := &Reader{Dialect: Dialect{Delimiter: ";", Decimal: ",", Comment: "%"}}
	tb, err := r.Read(euro)
	if err != nil || !slices.Equal(tb.Names, []string{"temp.c", "a;b"}) || !slices.Equal(tb.Cols[0], []float64{1.5, 3}) || !slices.Equal(tb.Cols[1], []float64{-2, 42.5}) {
		t.Fatalf("euro.csv: %v %v", tb, err)
	}
	bad := write("bad.csv", "a;b\n1,5;2.5\n")
	if _, err := r.Read(bad); !errors.Is(err, ErrSyntax) || !strings.Contains(err.Error(), `bad.csv:2:5: invalid number "2.5"`) {
		t.Errorf("a '.' with a decimal comma: %v", err)
	}
	// A .txt file read with a delimiter; no comments: '#' is no number.
	r = &Reader{Dialect: Dialect{Delimiter: "\t", Comment: "none"}}
	if tb, err := r.Read(write("tab.txt", "1\t2\n3\t4\n")); err != nil || len(tb.Cols) != 2 || tb.Rows != 2 {
		t.Errorf("tab.txt: %v %v", tb, err)
	}
	if _, err := r.Read(write("hash.txt", "1\t2\n3\t4 #x\n")); !errors.Is(err, ErrSyntax) {
		t.Errorf("'#' with no comments: %v", err)
	}
	// whitespace: a .csv read as runs of blanks.
	r = &Reader{Dialect: Dialect{Delimiter: "whitespace"}}
	if tb, err := r.Read(write("ws.csv", "1  2\n3\t4\n")); err != nil || len(tb.Cols) != 2 || tb.Rows != 2 {
		t.Errorf("ws.csv: %v %v", tb, err)
	}
	for _, d := range []Dialect{
		{Delimiter: ";;"}, {Delimiter: "1"}, {Delimiter: "e"}, {Delimiter: "-"}, {Delimiter: "."}, {Delimiter: "\""},
		{Decimal: ","}, {Delimiter: ",", Decimal: ","}, {Decimal: ";"}, {Delimiter: ";", Comment: ";"}, {Comment: "ab"},
	} {
		if err := d.Check(); !errors.Is(err, ErrDialect) {
			t.Errorf("%+v: Check %v; want ErrDialect", d, err)
		}
	}
	for _, d := range []Dialect{{}, {Delimiter: "\t"}, {Delimiter: "|", Comment: "%"}, {Delimiter: ";", Decimal: ","}, {Comment: "none"}, {Delimiter: "whitespace"}} {
		if err := d.Check(); err != nil {
			t.Errorf("%+v: Check %v", d, err)
		}
	}
}
