package input

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/featurize/featurize/npyio"
)

func readAllLong(t *testing.T, path string, l Long, r *Reader) (*LongIndex, []*Table) {
	t.Helper()
	ix, err := IndexLong(path, r.Format, r.Dialect, r.Header, l)
	if err != nil {
		t.Fatalf("IndexLong: %v", err)
	}
	var tabs []*Table
	for _, s := range ix.Series {
		tb, err := r.ReadLong(path, ix, l, s)
		if err != nil {
			t.Fatalf("ReadLong %s: %v", s.ID, err)
		}
		tabs = append(tabs, tb)
	}
	return ix, tabs
}

// TestLongFlat: ids in file order, rows by the sort column, the other
// columns as the series' columns; quoted ids, comments, CRLF, gzip.
func TestLongFlat(t *testing.T) {
	dir := t.TempDir()
	data := "id,time,x,y\r\n\"a,1\",2,20,200\r\n\"a,1\",1,10,100\r\n# note\r\nb,1,30,300\r\nb,3,50,500\r\nb,2,40,400\r\nc,1,60,\"600\"\r\n"
	path := filepath.Join(dir, "long.csv")
	os.WriteFile(path, []byte(data), 0o644)
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write([]byte(data))
	w.Close()
	gzPath := filepath.Join(dir, "long.csv.gz")
	os.WriteFile(gzPath, gz.Bytes(), 0o644)
	for _, p := range []string{path, gzPath} {
		ix, tabs := readAllLong(t, p, Long{ID: "id", Sort: "time"}, NewReader())
		var ids []string
		for _, s := range ix.Series {
			ids = append(ids, s.ID)
		}
		if !slices.Equal(ids, []string{"a,1", "b", "c"}) || !slices.Equal(ix.Names, []string{"id", "time", "x", "y"}) || ix.Series[1].Line != 5 || ix.Series[1].Rows != 3 {
			t.Fatalf("%s: index %+v", p, ix)
		}
		if !slices.Equal(tabs[1].Names, []string{"x", "y"}) || !slices.Equal(tabs[1].Cols[0], []float64{30, 40, 50}) || !slices.Equal(tabs[0].Cols[1], []float64{100, 200}) || tabs[2].Rows != 1 {
			t.Errorf("%s: tables %+v %+v %+v", p, tabs[0], tabs[1], tabs[2])
		}
	}
}

// TestLongStacked: kinds become columns, sorted by name; dialects apply.
func TestLongStacked(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "st.csv")
	os.WriteFile(path, []byte("id;t;kind;value\n7;2;acc.y;2,5\n7;1;acc.y;1,5\n7;1;acc.x;-1\n7;2;acc.x;-2\n8;1;acc.x;3\n8;1;acc.y;4\n"), 0o644)
	r := &Reader{Dialect: Dialect{Delimiter: ";", Decimal: ","}}
	ix, tabs := readAllLong(t, path, Long{ID: "id", Sort: "t", Kind: "kind", Value: "value"}, r)
	if !slices.Equal(ix.Kinds, []string{"acc.x", "acc.y"}) || len(tabs) != 2 {
		t.Fatalf("index %+v", ix)
	}
	if !slices.Equal(tabs[0].Names, []string{"acc.x", "acc.y"}) || !slices.Equal(tabs[0].Cols[0], []float64{-1, -2}) || !slices.Equal(tabs[0].Cols[1], []float64{1.5, 2.5}) {
		t.Errorf("id 7: %+v", tabs[0])
	}
}

// TestLongErrors: rows of an id apart, unknown columns, kinds of unequal
// lengths, bad numbers: each named with its line.
func TestLongErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		data string
		l    Long
		is   error
		want string
	}{
		{"id,x\na,1\nb,2\na,3\n", Long{ID: "id"}, ErrNotContiguous, `:4: the rows of an id are not contiguous: id "a" comes again after other ids (its rows began on line 2)`},
		{"id,x\na,1\n", Long{ID: "subject"}, ErrLongColumn, `no such column "subject" for the id (columns: id, x)`},
		{"id,kind,value\na,u,1\na,v,2\na,v,3\n", Long{ID: "id", Kind: "kind", Value: "value"}, ErrKindLengths, `id "a" has 1 rows of kind "u" and 2 of "v"`},
		{"id,x\na,1\na,x1\n", Long{ID: "id"}, ErrSyntax, `:3:3: invalid number "x1" in column "x"`},
		{"id,x\na,1,2\n", Long{ID: "id"}, ErrFieldCount, ":2: wrong number of fields: got 3, want 2"},
	} {
		path := filepath.Join(dir, "e.csv")
		os.WriteFile(path, []byte(tc.data), 0o644)
		r := NewReader()
		ix, err := IndexLong(path, nil, Dialect{}, HeaderAuto, tc.l)
		for k := 0; err == nil && k < len(ix.Series); k++ {
			_, err = r.ReadLong(path, ix, tc.l, ix.Series[k])
		}
		if !errors.Is(err, tc.is) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v; want %q", tc.data, err, tc.want)
		}
	}
}

// FuzzLong: any table indexes and reads, or fails with a positioned
// error wrapping a sentinel; never a panic; the series' rows add up to
// the rows indexed.
func FuzzLong(f *testing.F) {
	for _, s := range []string{
		"id,t,x\na,2,1\na,1,2\nb,1,3\n", "id,t,k,v\n1,1,x,2\n1,1,y,3\n2,1,x,4\n2,1,y,5\n",
		"id,x\n\"a\"\"b\",1\n\"a\"\"b\",2\n", "id,x\na,1\nb,2\na,3\n", "id,x\r\na,1\r\n# c\r\nb,\"2\n\"\r\n",
		"id,x\na,1,2\n", "x\n1\n", "",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, stacked bool) {
		path := filepath.Join(t.TempDir(), "l.csv")
		os.WriteFile(path, data, 0o644)
		l := Long{ID: "id"}
		if stacked {
			l = Long{ID: "id", Sort: "t", Kind: "k", Value: "v"}
		}
		check := func(err error) {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v (%T) is not a *ParseError", err, err)
			}
			for _, s := range []error{ErrEmptyFile, ErrFieldCount, ErrSyntax, ErrNotContiguous, ErrKindLengths, ErrLongColumn, ErrDuplicateColumn} {
				if errors.Is(err, s) {
					return
				}
			}
			t.Fatalf("error %v wraps no sentinel", err)
		}
		ix, err := IndexLong(path, CSV, Dialect{}, HeaderAuto, l)
		if err != nil {
			check(err)
			return
		}
		r := NewReader()
		for _, s := range ix.Series {
			tb, err := r.ReadLong(path, ix, l, s)
			if err != nil {
				check(err)
				continue
			}
			if !stacked && tb.Rows != s.Rows {
				t.Fatalf("series %q: %d rows read, %d indexed", s.ID, tb.Rows, s.Rows)
			}
		}
	})
}

// TestLongNPYBody: a .npy long table is read by row offsets, so its body
// must be the size its header gives: trailing or missing bytes are errors.
func TestLongNPYBody(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "long.npy")
	w, err := npyio.Create(path, npyio.Float64, 3)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range [][]float64{{1, 1, 10}, {1, 2, 20}, {2, 1, 30}} {
		if err := w.WriteRow(row); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	l := Long{ID: "id", Sort: "t", Names: []string{"id", "t", "x"}}
	if _, tabs := readAllLong(t, path, l, NewReader()); len(tabs) != 2 || !slices.Equal(tabs[0].Cols[0], []float64{10, 20}) {
		t.Fatalf("tables %+v", tabs)
	}
	good, _ := os.ReadFile(path)
	for _, tc := range []struct {
		body []byte
		is   error
	}{{append(slices.Clone(good), 0, 0, 0, 0, 0, 0, 0, 0), npyio.ErrTrailingData}, {good[:len(good)-8], io.ErrUnexpectedEOF}} {
		os.WriteFile(path, tc.body, 0o644)
		if _, err := IndexLong(path, nil, Dialect{}, HeaderAuto, l); !errors.Is(err, tc.is) {
			t.Errorf("%d bytes: error %v; want %v", len(tc.body), err, tc.is)
		}
	}
}
