package input

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"

	"github.com/featurize/featurize/npyio"
)

func gzipBytes(t testing.TB, data string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(data))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func zstdBytes(t testing.TB, data string) []byte {
	w, err := zstd.NewWriter(nil)
	if err != nil {
		t.Fatal(err)
	}
	return w.EncodeAll([]byte(data), nil)
}

// TestReadCompressed: gzip and zstd files of every format read as their
// content, found by magic bytes whatever the name; the format comes from
// the extension before .gz or .zst.
func TestReadCompressed(t *testing.T) {
	dir := t.TempDir()
	const csv = "a,b\n1.5,2\n-3,4e2\n"
	var npy bytes.Buffer
	npy.Write(npyio.EncodeHeader("<f8", false, []int{2, 2}))
	for _, v := range []float64{1.5, 2, -3, 400} {
		npy.Write(le64(v))
	}
	want := [][]float64{{1.5, -3}, {2, 400}}
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"a.csv.gz", gzipBytes(t, csv)},
		{"b.CSV.GZ", gzipBytes(t, csv)},
		{"c.csv.zst", zstdBytes(t, csv)},
		{"d.csv", gzipBytes(t, csv)}, // by magic bytes, not name
		{"e.txt.gz", gzipBytes(t, "1.5 2\n-3 4e2\n")},
		{"f.npy.zst", zstdBytes(t, npy.String())},
		{"g.npy.gz", gzipBytes(t, npy.String())},
		{"h.csv.gz", append(gzipBytes(t, "a,b\n1.5,2\n"), gzipBytes(t, "-3,4e2\n")...)}, // two members, as cat a.gz b.gz
		{"i.csv.zst", nil},                                                              // written by the zstd command
	} {
		path := filepath.Join(dir, tc.name)
		if tc.data == nil {
			path = filepath.Join("testdata", "cli.csv.zst")
		} else if err := os.WriteFile(path, tc.data, 0o644); err != nil {
			t.Fatal(err)
		}
		tbl, err := ReadTable(path)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if tbl.Rows != 2 || len(tbl.Cols) != 2 || !slices.Equal(tbl.Cols[0], want[0]) || !slices.Equal(tbl.Cols[1], want[1]) {
			t.Errorf("%s: %d rows %v; want %v", tc.name, tbl.Rows, tbl.Cols, want)
		}
	}
	for path, want := range map[string]Format{"x.csv.gz": CSV, "x.NPY.ZST": NPY, "x.csv.zstd": CSV, "x.gz": Text, "x.dat.gz": Text} {
		if got := FormatFor(path); got != want {
			t.Errorf("FormatFor(%s) = %s; want %s", path, got.Name(), want.Name())
		}
	}
}

// TestReadCompressedErrors: positions are in the decompressed text, and a
// file that does not decompress is an ErrCorrupt naming it.
func TestReadCompressedErrors(t *testing.T) {
	dir := t.TempDir()
	gz := gzipBytes(t, "a,b\n1,2\n3,x4\n")
	for _, tc := range []struct {
		name string
		data []byte
		is   error
		want string
	}{
		{"bad.csv.gz", gz, ErrSyntax, "bad.csv.gz:3:3: invalid number"},
		{"cut.csv.gz", gz[:len(gz)-6], ErrCorrupt, "cut.csv.gz: corrupt compressed data (gzip): unexpected EOF"},
		{"head.csv.gz", []byte("\x1f\x8bxx"), ErrCorrupt, "head.csv.gz: corrupt compressed data (gzip)"},
		{"cut.csv.zst", zstdBytes(t, "a,b\n1,2\n")[:12], ErrCorrupt, "cut.csv.zst: corrupt compressed data (zstd)"},
		{"empty.csv.gz", gzipBytes(t, ""), ErrEmptyFile, "empty.csv.gz: empty file"},
	} {
		path := filepath.Join(dir, tc.name)
		os.WriteFile(path, tc.data, 0o644)
		_, err := ReadTable(path)
		if !errors.Is(err, tc.is) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v; want %q", tc.name, err, tc.want)
		}
	}
}

func le64(v float64) []byte {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
	return b[:]
}

// FuzzDecompress: any bytes decompress or give an ErrCorrupt naming the
// file, never a panic; what gzip or zstd data decompresses to is what was
// compressed.
func FuzzDecompress(f *testing.F) {
	for _, s := range []string{"a,b\n1,2\n", "", "1 2 3\n"} {
		f.Add(gzipBytes(f, s), s)
		f.Add(zstdBytes(f, s), s)
	}
	f.Add([]byte("\x1f\x8b\x08\x00"), "")
	f.Add([]byte("\x28\xb5\x2f\xfd\x00\x00"), "")
	f.Fuzz(func(t *testing.T, data []byte, text string) {
		var z decompressor
		out, err := z.decompress("x.gz", data)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) || !strings.HasPrefix(err.Error(), "x.gz: ") {
				t.Fatalf("error %v: want an ErrCorrupt naming x.gz", err)
			}
		} else if !bytes.HasPrefix(data, []byte(gzipMagic)) && !bytes.HasPrefix(data, []byte(zstdMagic)) && !bytes.Equal(out, data) {
			t.Fatal("data that is not compressed came back changed")
		}
		for _, c := range [][]byte{gzipBytes(t, text), zstdBytes(t, text)} {
			if out, err := z.decompress("y", c); err != nil || string(out) != text {
				t.Fatalf("round trip of %q: %q, %v", text, out, err)
			}
		}
	})
}
