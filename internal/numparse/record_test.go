package numparse

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// recordReference is what Record must give for the record at b[i:] when
// it takes it: the fields of the line, split at sep, each read by Parse,
// and the index past its line end; ok is false if the line is not n such
// fields.
func recordReference(b []byte, i int, sep byte, n int) (vals []float64, end int, ok bool) {
	eol := bytes.IndexByte(b[i:], '\n')
	if eol < 0 {
		return nil, 0, false
	}
	line := bytes.TrimSuffix(b[i:i+eol], []byte{'\r'})
	fields := bytes.Split(line, []byte{sep})
	if len(fields) != n {
		return nil, 0, false
	}
	for _, f := range fields {
		v, ok := Parse(f)
		if !ok {
			return nil, 0, false
		}
		vals = append(vals, v)
	}
	return vals, i + eol + 1, true
}

// checkRecord checks Record on the record at b[i:] against
// recordReference, and reports whether Record took it.
func checkRecord(t *testing.T, b []byte, i int, sep byte, n int) bool {
	t.Helper()
	const stride = 3
	dst := make([]float64, n*stride)
	end, ok := Record(b, i, sep, n, dst, stride)
	want, wantEnd, wantOK := recordReference(b, i, sep, n)
	if !ok {
		return false
	}
	if !wantOK || end != wantEnd {
		t.Fatalf("Record(%q, %q, %d) = end %d; want a line of %d numbers (%v, %d)", b[i:], sep, n, end, n, wantOK, wantEnd)
	}
	for j, v := range want {
		if got := dst[j*stride]; !sameFloats([]float64{got}, []float64{v}) {
			t.Fatalf("Record(%q, %q, %d): field %d = %v (%#x); Parse gives %v (%#x)", b[i:], sep, n, j, got, math.Float64bits(got), v, math.Float64bits(v))
		}
	}
	return true
}

// TestRecordFormats checks Record on records of numbers as Python, numpy
// and C format them, and that it takes the plain ones.
func TestRecordFormats(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	pad := bytes.Repeat([]byte{'\n'}, 300)
	for _, format := range []string{"%v", "%.18e", "%.6f", "%.17g", "%.3e", "%.0f", "%.1f", "%.15f", "%.20f", "%g", "%E", "%.12e"} {
		for _, sep := range []byte{',', ' ', ';', '\t'} {
			taken := 0
			for range 3000 {
				n := 1 + rng.IntN(6)
				var b strings.Builder
				for j := range n {
					if j > 0 {
						b.WriteByte(sep)
					}
					x := rng.NormFloat64() * math.Pow(10, float64(rng.IntN(30)-15))
					switch rng.IntN(8) {
					case 0:
						x = math.Round(x)
					case 1:
						x = float64(rng.IntN(2000)) * 0.01
					}
					fmt.Fprintf(&b, format, x)
				}
				b.WriteString([]string{"\n", "\r\n"}[rng.IntN(2)])
				rec := append([]byte(b.String()), pad...)
				if checkRecord(t, rec, 0, sep, n) {
					taken++
				}
			}
			if taken < 3000 {
				t.Errorf("%s, sep %q: Record took %d of 3000 records; want all", format, sep, taken)
			}
		}
	}
}

// TestRecordShapes checks Record on records pieced together from numbers,
// parts of numbers and other bytes, at every distance from the end of the
// buffer.
func TestRecordShapes(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	pieces := []string{
		"0", "1", "7", "12345678", "123456789", "9999999999999999", "-", "+", ".", "e", "E", "e+", "e-05", "e+308",
		"e-400", "e1", "e123", "e1234", "_", "nan", "-inf", "Infinity", " ", "\t", "#", "\"", "\r", ",", ";", "x",
		"00000000", "0.000", ".5", "5.", "1e", "1.5", "-0", "18446744073709551616", "1234567890123456789",
		"4.9e-324", "2.2250738585072011e-308", "1.7976931348623157e308", "9007199254740993", "\xff", "\x00",
	}
	taken, left := 0, 0
	for range 200000 {
		n := 1 + rng.IntN(4)
		sep := []byte{',', ' ', ';'}[rng.IntN(3)]
		var b []byte
		for j := range n {
			if j > 0 {
				b = append(b, sep)
			}
			if rng.IntN(3) > 0 {
				formats := []string{"%v", "%.18e", "%.6f", "%.3g", "%.0f"}
				x := rng.NormFloat64() * math.Pow(10, float64(rng.IntN(50)-25))
				b = fmt.Appendf(b, formats[rng.IntN(len(formats))], x)
			}
			for range rng.IntN(3) {
				b = append(b, pieces[rng.IntN(len(pieces))]...)
			}
		}
		b = append(b, []string{"\n", "\r\n", "\r", ""}[rng.IntN(4)]...)
		pad := rng.IntN(300)
		b = append(b, bytes.Repeat([]byte{"\n0,"[rng.IntN(3)]}, pad)...)
		if checkRecord(t, b, 0, sep, n) {
			taken++
		} else if _, end, ok := recordReference(b, 0, sep, n); ok && len(b) >= len(recordWindow{}) && longestField(b[:end], sep) <= 56 && !bytes.Contains(b[:end], []byte{'_'}) {
			left++
			t.Logf("left %q", b[:bytes.IndexByte(b, '\n')+1])
		}
	}
	// Records near the end of the buffer, fields over 56 bytes and
	// numbers with underscores are left to the caller.
	if taken < 3000 || left > 0 {
		t.Errorf("Record took %d of the records and left %d that Parse reads; want at least 3000 and none", taken, left)
	}
}

// longestField is the length of the longest field of line.
func longestField(line []byte, sep byte) int {
	n := 0
	for _, f := range bytes.Split(line, []byte{sep}) {
		n = max(n, len(f))
	}
	return n
}

// TestRecordWide checks records wider than Record's window.
func TestRecordWide(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	for _, n := range []int{1, 9, 10, 11, 50, 1000} {
		var b strings.Builder
		for j := range n {
			if j > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "%.18e", rng.NormFloat64())
		}
		b.WriteString("\n")
		rec := append([]byte(b.String()), bytes.Repeat([]byte{'\n'}, 300)...)
		if !checkRecord(t, rec, 0, ',', n) {
			t.Errorf("Record did not take a record of %d numbers", n)
		}
	}
}

// TestRecordEnd checks that Record leaves alone a record too near the end
// of its buffer to read through its window, and does not read past it.
func TestRecordEnd(t *testing.T) {
	rec := []byte("1.5,-2.25e-3\n")
	for pad := range 300 {
		b := append(append([]byte(nil), rec...), bytes.Repeat([]byte{'\n'}, pad)...)
		dst := make([]float64, 2)
		_, ok := Record(b[:len(b):len(b)], 0, ',', 2, dst, 1)
		if room := len(b) >= len(recordWindow{}); ok != room {
			t.Errorf("Record with %d bytes after the record: ok = %v; want %v", pad, ok, room)
		}
	}
}

// TestRecordAllocs checks that Record does not allocate.
func TestRecordAllocs(t *testing.T) {
	b := append([]byte("-1.010148704309198885e+01,0.0031415926535897933,-inf,nan,2.5e-1\n"), make([]byte, 300)...)
	dst := make([]float64, 5)
	if n := testing.AllocsPerRun(100, func() {
		if _, ok := Record(b, 0, ',', 5, dst, 1); !ok {
			t.Fatal("Record failed")
		}
	}); n != 0 {
		t.Errorf("Record allocates %v times; want 0", n)
	}
}

// FuzzRecord checks Record against Parse on the fields of a line.
func FuzzRecord(f *testing.F) {
	for _, s := range []string{"1.5,-2\n", "-1.010148704309198885e+01,9.063577669680134008e-01\r\n", "0.9063577669680134 44.39636476587333\n", "1e-05;10\n", "1_0,nan\n", ".5,5.\n"} {
		f.Add([]byte(s), uint8(2), uint8(0))
	}
	f.Fuzz(func(t *testing.T, data []byte, n, sepIndex uint8) {
		sep := []byte{',', ' ', ';', '\t'}[sepIndex%4]
		b := append(data, bytes.Repeat([]byte{'\n'}, 300)...)
		checkRecord(t, b, 0, sep, 1+int(n%8))
	})
}

// TestRecords checks that Records reads the records Record takes, one
// after another, up to the first it does not, and no more than asked.
func TestRecords(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	for range 2000 {
		n := 1 + rng.IntN(5)
		var b []byte
		var lines []int // where each line starts
		for range 1 + rng.IntN(20) {
			lines = append(lines, len(b))
			for j := range n {
				if j > 0 {
					b = append(b, ',')
				}
				if rng.IntN(40) == 0 {
					b = append(b, "x"...)
				}
				b = fmt.Appendf(b, []string{"%v", "%.18e", "%.3f"}[rng.IntN(3)], rng.NormFloat64())
			}
			b = append(b, []string{"\n", "\r\n"}[rng.IntN(2)]...)
		}
		lines = append(lines, len(b))
		b = append(b, bytes.Repeat([]byte{'\n'}, 300)...)
		rows := 1 + rng.IntN(len(lines)+1)
		const stride = 32
		dst := make([]float64, n*stride)
		end, read := Records(b, 0, ',', n, dst, stride, rows)
		// The reference: Record line by line.
		want := 0
		for want < rows && want < len(lines)-1 {
			one := make([]float64, n)
			e, ok := Record(b, lines[want], ',', n, one, 1)
			if !ok {
				break
			}
			if e != lines[want+1] {
				t.Fatalf("Record of line %d ends at %d; want %d", want, e, lines[want+1])
			}
			for j, v := range one {
				if got := dst[want+j*stride]; math.Float64bits(got) != math.Float64bits(v) {
					t.Fatalf("Records: line %d field %d = %v; Record gives %v", want, j, got, v)
				}
			}
			want++
		}
		if read != want || end != lines[want] {
			t.Fatalf("Records(%d rows) = end %d, %d read; want %d, %d", rows, end, read, lines[want], want)
		}
	}
}
