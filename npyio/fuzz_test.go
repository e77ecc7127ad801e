package npyio

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// crashers are inputs that crash the gonpy reader, plus other edge cases;
// they seed the fuzz targets.
var crashers = [][]byte{
	npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (x,), }", nil),
	npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }", nil),
	npyFile("{'descr': '', 'fortran_order': False, 'shape': (3,), }", f8Body(1, 2, 3)),
	npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", nil),
	npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904,), }", nil),
	npyFile("{'descr': '|b1', 'fortran_order': False, 'shape': (2,), }", []byte{1, 2}),
	npyFile("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 1, 2), }", f8Body(1, 2, 3, 4)),
	rawHeader(2, "{'descr': '>c8', 'fortran_order': False, 'shape': (1L,)}\n"),
	[]byte("\x93NUMPY\x01\x00"),
	nil,
}

func addSeeds(f *testing.F) {
	paths, err := filepath.Glob(filepath.Join(fixtureDir, "data_*.npy"))
	if err != nil || len(paths) == 0 {
		f.Fatalf("no fixtures: %v", err)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, b := range crashers {
		f.Add(b)
	}
}

// FuzzReadHeader: ReadHeader never panics; it returns a *FormatError or a
// header that EncodeHeader re-encodes to a header with the same fields,
// byte-identical if the input was np.save's.
func FuzzReadHeader(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		h, err := ReadHeader(bytes.NewReader(data))
		if err != nil {
			var fe *FormatError
			if !errors.As(err, &fe) {
				t.Fatalf("error %T %v is not a *FormatError", err, err)
			}
			return
		}
		if h.DataOffset > int64(len(data)) || h.HeaderLen > MaxHeaderLen {
			t.Fatalf("DataOffset %d, HeaderLen %d for %d bytes", h.DataOffset, h.HeaderLen, len(data))
		}
		if h.DataSize() < 0 || h.ItemSize() == 0 {
			t.Fatalf("DataSize %d, ItemSize %d", h.DataSize(), h.ItemSize())
		}
		enc := EncodeHeader(h.Descr, h.Fortran, h.Shape)
		h2, err := ReadHeader(bytes.NewReader(enc))
		if err != nil {
			t.Fatalf("re-encoded header does not parse: %v\n%q", err, enc)
		}
		if h2.Descr != h.Descr || h2.Fortran != h.Fortran || !reflect.DeepEqual(h2.Shape, h.Shape) || h2.DataOffset != int64(len(enc)) {
			t.Fatalf("re-encoded header = %+v; want %+v", h2, h)
		}
	})
}

// FuzzRead: Read never panics; it returns a *FormatError or an array that
// encodeArray re-encodes to the same bytes (the same data, if the header was
// not np.save's), whether the size is known or not.
func FuzzRead(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Read(bytes.NewReader(data), int64(len(data)))
		b, err2 := Read(bytes.NewReader(data), -1)
		if (err == nil) != (err2 == nil) {
			t.Fatalf("Read(size) = %v but Read(-1) = %v", err, err2)
		}
		if err != nil {
			var fe *FormatError
			if !errors.As(err, &fe) || !errors.As(err2, &fe) {
				t.Fatalf("errors %v, %v are not *FormatError", err, err2)
			}
			return
		}
		if !reflect.DeepEqual(a.Header, b.Header) {
			t.Fatalf("Read(size) = %+v; Read(-1) = %+v", a.Header, b.Header)
		}
		if v := a.Float64s(); len(v) != a.Count() {
			t.Fatalf("len(Float64s()) = %d; want %d", len(v), a.Count())
		}
		var out bytes.Buffer
		if _, err := encodeArray(&out, a); err != nil {
			t.Fatal(err)
		}
		enc := EncodeHeader(a.Descr, a.Fortran, a.Shape)
		got, want := out.Bytes(), data
		if !bytes.Equal(data[:a.DataOffset], enc) {
			got, want = got[len(enc):], data[a.DataOffset:]
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("encodeArray does not reproduce the input: %s", diffBytes(got, want))
		}
		var out2 bytes.Buffer
		if _, err := encodeArray(&out2, b); err != nil || !bytes.Equal(out2.Bytes(), out.Bytes()) {
			t.Fatalf("Read(-1) gives other data than Read(size): %v", err)
		}
	})
}

// FuzzReadText: ReadText never panics; it returns a *ParseError or rows
// that TextWriter writes and ReadText reads back to the same values.
func FuzzReadText(f *testing.F) {
	for _, name := range []string{"specials", "matrix", "int64", "float32"} {
		b, err := os.ReadFile(filepath.Join(fixtureDir, "savetxt_"+name+".txt"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	for _, s := range []string{"", "1 2\n3\n", "# c\n1\t2 # x\n", "nan -inf 0x1p-3 1e400", "1,2", "\r\n\r\n5\r\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		rows, err := ReadText(bytes.NewReader([]byte(text)), "fuzz")
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T %v is not a *ParseError", err, err)
			}
			return
		}
		var out bytes.Buffer
		tw := NewTextWriter(&out)
		for _, r := range rows {
			if err := tw.WriteRow(r); err != nil {
				t.Fatal(err)
			}
		}
		if err := tw.Flush(); err != nil {
			t.Fatal(err)
		}
		back, err := ReadText(&out, "fuzz")
		if err != nil {
			t.Fatalf("re-reading written text: %v", err)
		}
		if len(back) != len(rows) {
			t.Fatalf("%d rows read back; want %d", len(back), len(rows))
		}
		for i := range rows {
			if !sameFloats(back[i], rows[i]) {
				t.Fatalf("row %d read back as %v; want %v", i, back[i], rows[i])
			}
		}
	})
}
