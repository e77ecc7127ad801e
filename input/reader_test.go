package input

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// writeFile writes data to a file called name in a new temporary directory
// and returns its path.
func writeFile(t testing.TB, name, data string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// sameFloats reports whether a and b hold the same values bit for bit,
// any NaN matching any NaN.
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

// checkTable checks that tb is rectangular and holds names and cols.
func checkTable(t *testing.T, tb *Table, names []string, cols [][]float64) {
	t.Helper()
	if !reflect.DeepEqual(tb.Names, names) {
		t.Errorf("Names = %q; want %q", tb.Names, names)
	}
	if len(tb.Cols) != len(cols) {
		t.Fatalf("len(Cols) = %d; want %d", len(tb.Cols), len(cols))
	}
	if len(cols) > 0 && tb.Rows != len(cols[0]) {
		t.Errorf("Rows = %d; want %d", tb.Rows, len(cols[0]))
	}
	for j := range cols {
		if !sameFloats(tb.Cols[j], cols[j]) {
			t.Errorf("Cols[%d] = %v; want %v", j, tb.Cols[j], cols[j])
		}
		if cap(tb.Cols[j]) != tb.Rows {
			t.Errorf("cap(Cols[%d]) = %d; want Rows = %d", j, cap(tb.Cols[j]), tb.Rows)
		}
	}
}

var (
	inf = math.Inf(1)
	nan = math.NaN()
	c01 = []string{"c0", "c1"}
)

func TestReadTable(t *testing.T) {
	for _, tt := range []struct {
		name  string
		file  string // file name; its extension picks the format
		data  string
		names []string
		cols  [][]float64
	}{
		{"header", "1.csv", "a,b\n1,2\n3,4\n", []string{"a", "b"}, [][]float64{{1, 3}, {2, 4}}},
		{"no header", "1.csv", "1,2\n3,4\n", c01, [][]float64{{1, 3}, {2, 4}}},
		{"header trimmed", "1.csv", " time \t, value\n1,2\n", []string{"time", "value"}, [][]float64{{1}, {2}}},
		{"header with a number", "1.csv", "1,x\n1,2\n", []string{"1", "x"}, [][]float64{{1}, {2}}},
		{"header quoted", "1.csv", "\"a,b\",\"say \"\"hi\"\"\", \" c \"\n1,2,3\n", []string{"a,b", `say "hi"`, "c"}, [][]float64{{1}, {2}, {3}}},
		{"header quoted line end", "1.csv", "\"a\nb\",c\n1,2\n", []string{"a\nb", "c"}, [][]float64{{1}, {2}}},
		{"header empty name", "1.csv", ",a,b\n0,1,2\n", []string{"c0", "a", "b"}, [][]float64{{0}, {1}, {2}}},
		{"header nan inf", "1.csv", "nan,inf\n1,2\n", c01, [][]float64{{nan, 1}, {inf, 2}}},
		{"crlf", "1.csv", "a,b\r\n1,2\r\n3,4\r\n", []string{"a", "b"}, [][]float64{{1, 3}, {2, 4}}},
		{"cr", "1.csv", "1,2\r3,4\r5,6", c01, [][]float64{{1, 3, 5}, {2, 4, 6}}},
		{"mixed line ends", "1.csv", "1\r2\r3\n4\r5\r\n6\r7", []string{"c0"}, [][]float64{{1, 2, 3, 4, 5, 6, 7}}},
		{"no final newline", "1.csv", "1,2\n3,4", c01, [][]float64{{1, 3}, {2, 4}}},
		{"blank lines", "1.csv", "\n\n1,2\n\n \t\n3,4\n\n", c01, [][]float64{{1, 3}, {2, 4}}},
		{"comments", "1.csv", "# written by x\na,b # names\n1,2#c\n  # note\n3,4\n#", []string{"a", "b"}, [][]float64{{1, 3}, {2, 4}}},
		{"bom", "1.csv", "\xef\xbb\xbfa,b\n1,2\n", []string{"a", "b"}, [][]float64{{1}, {2}}},
		{"blanks around", "1.csv", " 1 ,\t2\t\n\v3\f, 4 \n", c01, [][]float64{{1, 3}, {2, 4}}},
		{"quoted numbers", "1.csv", "\"1.5\", \" 2 \" \n3,\"4\"\n", c01, [][]float64{{1.5, 3}, {2, 4}}},
		{"quoted number last", "1.csv", "1,\"2\"", c01, [][]float64{{1}, {2}}},
		{"one column", "1.csv", "x\n1\n2\n3\n", []string{"x"}, [][]float64{{1, 2, 3}}},
		{"one value", "1.csv", "7", []string{"c0"}, [][]float64{{7}}},
		{"numbers", "1.csv", "1e3,-.5,+2.,1_0\nNaN,-Infinity,iNf,-0\n", []string{"c0", "c1", "c2", "c3"},
			[][]float64{{1000, nan}, {-0.5, -inf}, {2, inf}, {10, math.Copysign(0, -1)}}},
		{"upper-case extension", "1.CSV", "a,b\n1,2\n", []string{"a", "b"}, [][]float64{{1}, {2}}},

		{"text", "1.txt", "1 2\n3 4\n", c01, [][]float64{{1, 3}, {2, 4}}},
		{"text runs of blanks", "1.dat", "  1 \t 2  \n\t3\t\t4\t\n", c01, [][]float64{{1, 3}, {2, 4}}},
		{"text comments", "1.txt", "# x y\n1 2 # first\n# 9 9 9\n3 4#\n\n", c01, [][]float64{{1, 3}, {2, 4}}},
		{"text comment in field", "1.txt", "1#2\n3\n", []string{"c0"}, [][]float64{{1, 3}}},
		{"text crlf", "1.txt", "1 2\r\n3 4\r\n", c01, [][]float64{{1, 3}, {2, 4}}},
		{"text commas are not separators", "data", "1\n2\n", []string{"c0"}, [][]float64{{1, 2}}},
		{"text vertical tab", "1.txt", "1\v2\x1c\n3\f4\n", c01, [][]float64{{1, 3}, {2, 4}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tb, err := ReadTable(writeFile(t, tt.file, tt.data))
			if err != nil {
				t.Fatalf("ReadTable: %v", err)
			}
			checkTable(t, tb, tt.names, tt.cols)
		})
	}
}

func TestReadTableErrors(t *testing.T) {
	for _, tt := range []struct {
		name       string
		file, data string
		err        error
		line, col  int
		msg        string // after "dir/"
	}{
		{"empty", "1.csv", "", ErrEmptyFile, 0, 0, "1.csv: empty file"},
		{"only blanks", "1.csv", "\n \n\r\n# c\n", ErrEmptyFile, 0, 0, "1.csv: empty file"},
		{"only header", "1.csv", "a,b\n\n", ErrEmptyFile, 0, 0, "1.csv: empty file: no data rows after the header"},
		{"text empty", "1.txt", "# nothing\n", ErrEmptyFile, 0, 0, "1.txt: empty file"},
		{"missing field", "1.csv", "a,b,c\n1,2,3\n4,5\n", ErrFieldCount, 3, 4, "1.csv:3:4: wrong number of fields: got 2, want 3"},
		{"missing field comment", "1.csv", "1,2\n3 # x\n", ErrFieldCount, 2, 3, "1.csv:2:3: wrong number of fields: got 1, want 2"},
		{"extra field", "1.csv", "1,2\n3,4\n5,6, 7,8\n", ErrFieldCount, 3, 6, "1.csv:3:6: wrong number of fields: got 4, want 2"},
		{"extra empty field", "1.csv", "1,2\n3,4,\n", ErrFieldCount, 2, 5, "1.csv:2:5: wrong number of fields: got 3, want 2"},
		{"extra field crlf", "1.csv", "1\r\n2\r\n3,4\r\n", ErrFieldCount, 3, 3, "1.csv:3:3: wrong number of fields: got 2, want 1"},
		{"text missing field", "1.txt", "1 2\n3\n", ErrFieldCount, 2, 2, "1.txt:2:2: wrong number of fields: got 1, want 2"},
		{"text extra field", "1.txt", "1 2\n 3  4 5 6\n", ErrFieldCount, 2, 7, "1.txt:2:7: wrong number of fields: got 4, want 2"},
		{"syntax", "1.csv", "a,b\n1,2\n3,x4\n", ErrSyntax, 3, 3, `1.csv:3:3: invalid number "x4"`},
		{"syntax first row", "1.csv", "1,,2\n", ErrSyntax, 1, 3, `1.csv:1:3: invalid number ""`},
		{"syntax empty field", "1.csv", "1,2\n3, \n", ErrSyntax, 2, 4, `1.csv:2:4: invalid number ""`},
		{"syntax hex", "1.csv", "1\n0x1p3\n", ErrSyntax, 2, 1, `1.csv:2:1: invalid number "0x1p3"`},
		{"syntax underscore", "1.csv", "1\n1__0\n", ErrSyntax, 2, 1, `1.csv:2:1: invalid number "1__0"`},
		{"syntax quoted", "1.csv", "1,2\n3,\"4x\"\n", ErrSyntax, 2, 3, `1.csv:2:3: invalid number "4x"`},
		{"syntax after cr", "1.csv", "1\r2\r3a\r", ErrSyntax, 3, 1, `1.csv:3:1: invalid number "3a"`},
		{"syntax after bom", "1.csv", "\xef\xbb\xbf1,,2\n", ErrSyntax, 1, 3, `1.csv:1:3: invalid number ""`},
		{"syntax long", "1.csv", "1\n" + strings.Repeat("9", 50) + "z\n", ErrSyntax, 2, 1,
			`1.csv:2:1: invalid number "` + strings.Repeat("9", 40) + `"...`},
		{"text syntax", "1.txt", "1 2\n3 4,\n", ErrSyntax, 2, 3, `1.txt:2:3: invalid number "4,"`},
		{"text header", "1.txt", "a b\n1 2\n", ErrSyntax, 1, 1, `1.txt:1:1: invalid number "a"`},
		{"text quotes", "1.txt", "\"1\"\n", ErrSyntax, 1, 1, `1.txt:1:1: invalid number "\"1\""`},
		{"quote not closed", "1.csv", "1,2\n3,\"4\n", ErrQuote, 2, 3, `1.csv:2:3: extraneous or missing " in quoted field`},
		{"text after quote", "1.csv", "1,2\n3,\"4\" 5\n", ErrQuote, 2, 7, `1.csv:2:7: extraneous or missing " in quoted field`},
		{"quote in header not closed", "1.csv", "a,\"b\n1,2\n", ErrQuote, 1, 3, `1.csv:1:3: extraneous or missing " in quoted field`},
		{"quoted line ends then syntax", "1.csv", "1,2\n3,\"4\n\nx\"\n", ErrSyntax, 2, 3, `1.csv:2:3: invalid number "4\n\nx"`},
		{"quoted line ends trimmed", "1.csv", "1,2\n3,\"\n4\n\" \n5,x\n", ErrSyntax, 5, 3, `1.csv:5:3: invalid number "x"`},
		{"quoted crlf inside", "1.csv", "\"a\r\nb\",c\r\n1,2\r\n3\r\n", ErrFieldCount, 4, 2, "1.csv:4:2: wrong number of fields: got 1, want 2"},
		{"quoted cr inside", "1.csv", "1,\"\r2\r\"\r3\r", ErrFieldCount, 4, 2, "1.csv:4:2: wrong number of fields: got 1, want 2"},
		{"extra field then open quote", "1.csv", "1\n2,3,\"4\n", ErrFieldCount, 2, 3, "1.csv:2:3: wrong number of fields: want 1"},
		{"quoted line ends then count", "1.csv", "1\n\"2\n\n\",3\n", ErrFieldCount, 4, 3, "1.csv:4:3: wrong number of fields: got 2, want 1"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, tt.file, tt.data)
			tb, err := ReadTable(path)
			if err == nil {
				t.Fatalf("ReadTable = %q %v; want error %v", tb.Names, tb.Cols, tt.err)
			}
			if !errors.Is(err, tt.err) {
				t.Errorf("ReadTable error %v is not %v", err, tt.err)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("ReadTable error %T is not a *ParseError", err)
			}
			if pe.File != path || pe.Line != tt.line || pe.Column != tt.col {
				t.Errorf("ParseError at %s:%d:%d; want %s:%d:%d", pe.File, pe.Line, pe.Column, path, tt.line, tt.col)
			}
			if want := filepath.Dir(path) + string(filepath.Separator) + tt.msg; err.Error() != want {
				t.Errorf("error message\n%s\nwant\n%s", err, want)
			}
		})
	}
}

func TestReadTableNoFile(t *testing.T) {
	_, err := ReadTable(filepath.Join(t.TempDir(), "none.csv"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReadTable(missing file) = %v; want os.ErrNotExist", err)
	}
	var pe *ParseError
	if errors.As(err, &pe) {
		t.Errorf("ReadTable(missing file) = %v; want no *ParseError", err)
	}
}

func TestParseErrorMessage(t *testing.T) {
	for _, tt := range []struct {
		e    ParseError
		want string
	}{
		{ParseError{"a.csv", 3, 7, ErrSyntax}, "a.csv:3:7: invalid number"},
		{ParseError{"a.csv", 3, 0, ErrSyntax}, "a.csv:3: invalid number"},
		{ParseError{"a.csv", 0, 0, ErrEmptyFile}, "a.csv: empty file"},
		{ParseError{"", 2, 1, ErrSyntax}, "2:1: invalid number"},
		{ParseError{"", 0, 0, ErrSyntax}, "input: invalid number"},
		{ParseError{"a.csv", 1, 1, errors.New("other: thing")}, "a.csv:1:1: other: thing"},
	} {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("%#v.Error() = %q; want %q", tt.e, got, tt.want)
		}
	}
}

func TestTableColumn(t *testing.T) {
	tb := &Table{Names: []string{"a", "b", "a"}}
	for _, tt := range []struct {
		name string
		j    int
		ok   bool
	}{{"a", 0, true}, {"b", 1, true}, {"c", -1, false}, {"", -1, false}} {
		if j, ok := tb.Column(tt.name); j != tt.j || ok != tt.ok {
			t.Errorf("Column(%q) = %d, %v; want %d, %v", tt.name, j, ok, tt.j, tt.ok)
		}
	}
}

// TestTableReaderReuse reads files of different shapes with one reader.
func TestTableReaderReuse(t *testing.T) {
	r := NewReader()
	big := new(strings.Builder)
	big.WriteString("x,y,z\n")
	for i := range 1000 {
		fmt.Fprintf(big, "%d,%d.5,%d\n", i, i, -i)
	}
	files := []struct {
		name, data string
		names      []string
		rows       int
	}{
		{"1.csv", big.String(), []string{"x", "y", "z"}, 1000},
		{"2.csv", "1\n2\n", []string{"c0"}, 2},
		{"3.txt", "1 2 3 4\n5 6 7 8\n", []string{"c0", "c1", "c2", "c3"}, 2},
		{"4.csv", "bad\n1\nx\n", nil, 0},
		{"5.csv", big.String(), []string{"x", "y", "z"}, 1000},
		{"6.csv", "a,b\n1,2\n", []string{"a", "b"}, 1},
	}
	for _, f := range files {
		tb, err := r.Read(writeFile(t, f.name, f.data))
		if f.names == nil {
			if err == nil {
				t.Errorf("%s: Read succeeded; want an error", f.name)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		if !reflect.DeepEqual(tb.Names, f.names) || tb.Rows != f.rows || len(tb.Cols) != len(f.names) {
			t.Errorf("%s: Read = %q, %d rows, %d cols; want %q, %d", f.name, tb.Names, tb.Rows, len(tb.Cols), f.names, f.rows)
		}
		if f.rows == 1000 {
			for i := range 1000 {
				if tb.Cols[0][i] != float64(i) || tb.Cols[1][i] != float64(i)+0.5 || tb.Cols[2][i] != -float64(i) {
					t.Fatalf("%s: row %d = %v %v %v", f.name, i, tb.Cols[0][i], tb.Cols[1][i], tb.Cols[2][i])
				}
			}
		}
	}
}

// TestReadAllocs checks that reading a file allocates the same small
// number of times whatever its number of rows, once the reader is warm.
func TestReadAllocs(t *testing.T) {
	for _, ext := range []string{".csv", ".txt"} {
		sep := ","
		if ext == ".txt" {
			sep = " "
		}
		var allocs []float64
		for _, rows := range []int{10, 10000} {
			var b strings.Builder
			for i := range rows {
				fmt.Fprintf(&b, "%d.25%s-%d.125e-3%s%d\n", i, sep, i, sep, i*7)
			}
			path := writeFile(t, "1"+ext, b.String())
			r := NewReader()
			if _, err := r.Read(path); err != nil {
				t.Fatal(err)
			}
			allocs = append(allocs, testing.AllocsPerRun(20, func() {
				if _, err := r.Read(path); err != nil {
					t.Fatal(err)
				}
			}))
		}
		if allocs[0] != allocs[1] || allocs[1] > 8 {
			t.Errorf("%s: Read allocates %v times for 10 rows, %v for 10000; want the same, at most 8", ext, allocs[0], allocs[1])
		}
	}
}

// TestShortRecord checks that the fast paths (shortRecord and
// numparse.Records) read every record as the general loop does, on
// records of every shape near the ones they take.
func TestShortRecord(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	pieces := []string{"0", "7", "-", ".", "5", "123456", "99999999", "e", "+", " ", "\t", ",", "\r", "#", "_", "1e3", "nan", "e-05", "E+300", "1234567890123456789"}
	taken := 0
	for _, sep := range []string{",", " ", "\t"} {
		csv := sep == ","
		for range 3000 {
			var b strings.Builder
			b.WriteString("1" + sep + "2\n") // sets two columns
			for range 1 + rng.IntN(4) {
				for j := range 2 {
					if j > 0 {
						b.WriteString(sep)
					}
					if rng.IntN(3) > 0 {
						x := (rng.Float64() - 0.5) * math.Pow(10, float64(rng.IntN(12)))
						switch rng.IntN(3) {
						case 0:
							fmt.Fprintf(&b, "%.*f", rng.IntN(9), x)
						case 1:
							fmt.Fprintf(&b, "%v", x*math.Pow(10, float64(rng.IntN(40)-20)))
						case 2:
							fmt.Fprintf(&b, "%.18e", x)
						}
					}
					if rng.IntN(5) == 0 {
						b.WriteString(pieces[rng.IntN(len(pieces))])
					}
				}
				b.WriteString([]string{"\n", "\r\n", "\n", "\r"}[rng.IntN(4)])
			}
			if rng.IntN(2) == 0 {
				// Room for numparse.Records, which leaves the last 264
				// bytes to the general loop.
				b.WriteString(strings.Repeat("\n", 300))
			}
			data := []byte(b.String())
			fast, slow := NewReader(), &Reader{noShort: true}
			tb, err := fast.parseBytes("t", data, csvOr(csv))
			tbSlow, errSlow := slow.parseBytes("t", data, csvOr(csv))
			if fmt.Sprint(err) != fmt.Sprint(errSlow) {
				t.Fatalf("%q: error %v; without shortRecord %v", data, err, errSlow)
			}
			if err != nil {
				continue
			}
			taken++
			if tb.Rows != tbSlow.Rows || !sameColumns(tb.Cols, tbSlow.Cols) {
				t.Fatalf("%q: read %v; without shortRecord %v", data, tb.Cols, tbSlow.Cols)
			}
		}
	}
	if taken < 1500 {
		t.Errorf("only %d of the random files parsed; want at least 1500", taken)
	}
}

// TestShortRecordTaken checks that "%.6f" records take the fast path.
func TestShortRecordTaken(t *testing.T) {
	buf := []byte("x,y\n0.123456,-1.5\n-0.000000,2.\r\n")
	data := make([]float64, 2)
	end, ok := shortRecord(buf, 4, ',', data, 1, 0, 2)
	if !ok || end != 18 || data[0] != 0.123456 || data[1] != -1.5 {
		t.Errorf("shortRecord = %v, %d, %v; want true, 18, [0.123456 -1.5]", ok, end, data)
	}
	end, ok = shortRecord(buf, 18, ',', data, 1, 0, 2)
	if !ok || end != len(buf) || !math.Signbit(data[0]) || data[1] != 2 {
		t.Errorf("shortRecord = %v, %d, %v; want true, %d, [-0 2]", ok, end, data, len(buf))
	}
	for _, rec := range []string{"1,2,3\n", "1\n", "1,2 \n", "1e0,2\n", "+1,2\n", "1,2#\n", " 1,2\n", "1,1234567890123456\n"} {
		if _, ok := shortRecord([]byte(rec), 0, ',', data, 1, 0, 2); ok {
			t.Errorf("shortRecord took %q; want it left to the general loop", rec)
		}
	}
}

// TestReadNotText: files compressed other than by gzip or zstd, archives
// and other binary formats named like text say what they are instead of failing as bad CSV.
func TestReadNotText(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, data, want string
	}{
		{"1.csv", "BZh91AY&SY", "1.csv: not a text file: it is bzip2-compressed data: decompress it first (bunzip2)"},
		{"2.csv", "\xfd7zXZ\x00\x00", "it is xz-compressed data"},
		{"3.csv", "PK\x03\x04rest", "it is a zip archive (an .npz file is one)"},
		{"4.txt", "PAR1\x00\x00", "it is a Parquet file"},
		{"5.csv", "\x93NUMPY\x01\x00", "it is a .npy array: give it the .npy extension"},
		{"6.csv", "a,b\n1,\x002\n", "it holds binary data (a NUL byte at offset 6)"},
	} {
		path := filepath.Join(dir, tc.name)
		if err := os.WriteFile(path, []byte(tc.data), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := ReadTable(path)
		var pe *ParseError
		if !errors.Is(err, ErrNotText) || !errors.As(err, &pe) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ReadTable(%s) error %v; want ErrNotText saying %q", tc.name, err, tc.want)
		}
	}
}

// TestReadHeaderModes: HeaderYes takes any first record as names,
// HeaderNo any as data; HeaderAuto flags pandas' default names.
func TestReadHeaderModes(t *testing.T) {
	for _, tc := range []struct {
		data      string
		csv       bool
		header    Header
		names     string
		rows      int
		indexLike bool
		err       error
	}{
		{"0,1,2\n5,6,7\n", true, HeaderAuto, "c0 c1 c2", 2, true, nil},
		{"0,1,2\n5,6,7\n", true, HeaderYes, "0 1 2", 1, false, nil},
		{"0,1,2\n5,6,7\n", true, HeaderNo, "c0 c1 c2", 2, false, nil},
		{"0,2\n5,6\n", true, HeaderAuto, "c0 c1", 2, false, nil},
		{"0.0,1\n5,6\n", true, HeaderAuto, "c0 c1", 2, false, nil},
		{"0 1\n5 6\n", false, HeaderAuto, "c0 c1", 2, true, nil},
		{"x y\n5 6\n", false, HeaderYes, "x y", 1, false, nil},
		{"a,b\n5,6\n", true, HeaderNo, "", 0, false, ErrSyntax},
		{"a,b,a\n5,6,7\n", true, HeaderAuto, "", 0, false, ErrDuplicateColumn},
		{"x,,c1\n5,6,7\n", true, HeaderAuto, "", 0, false, ErrDuplicateColumn},
	} {
		r := &Reader{Header: tc.header}
		tb, err := r.parseBytes("f", []byte(tc.data), csvOr(tc.csv))
		if tc.err != nil {
			if !errors.Is(err, tc.err) {
				t.Errorf("%q (%v): error %v; want %v", tc.data, tc.header, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q (%v): %v", tc.data, tc.header, err)
			continue
		}
		if got := strings.Join(tb.Names, " "); got != tc.names || tb.Rows != tc.rows || tb.FirstRowIndexLike != tc.indexLike {
			t.Errorf("%q (%v): names %q, %d rows, index-like %v; want %q, %d, %v", tc.data, tc.header, got, tb.Rows, tb.FirstRowIndexLike, tc.names, tc.rows, tc.indexLike)
		}
	}
}

// TestReadDuplicateNamesWide: the duplicate check stays linear for wide
// headers and positions the second name.
func TestReadDuplicateNamesWide(t *testing.T) {
	var b strings.Builder
	for j := range 1000 {
		fmt.Fprintf(&b, "n%d,", j)
	}
	b.WriteString("n7\n")
	b.WriteString(strings.Repeat("1,", 1000) + "1\n")
	_, err := new(Reader).parseBytes("f", []byte(b.String()), CSV)
	var pe *ParseError
	if !errors.As(err, &pe) || !errors.Is(err, ErrDuplicateColumn) || pe.Column != strings.LastIndex(b.String()[:strings.IndexByte(b.String(), '\n')], ",")+2 {
		t.Errorf("error %v; want a duplicate name at the last field", err)
	}
}
