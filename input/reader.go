package input

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// Errors of the readers. A *ParseError from TableReader.Read wraps one of
// them, possibly with details; check with errors.Is.
var (
	// ErrEmptyFile: the file holds no data row (it is empty, or holds only
	// blank lines, comments or a header).
	ErrEmptyFile = errors.New("input: empty file")
	// ErrFieldCount: a row has more or fewer fields than the first row.
	ErrFieldCount = errors.New("input: wrong number of fields")
	// ErrSyntax: a field is not a number.
	ErrSyntax = errors.New("input: invalid number")
	// ErrQuote: a quoted CSV field is not closed, or text follows its
	// closing quote.
	ErrQuote = errors.New(`input: extraneous or missing " in quoted field`)
	// ErrShape: a .npy array is neither 1-D nor 2-D.
	ErrShape = errors.New("input: unsupported array shape")
	// ErrDType: a .npy array holds complex values.
	ErrDType = errors.New("input: unsupported dtype")
	// ErrDuplicateColumn: two header fields name the same column.
	ErrDuplicateColumn = errors.New("input: duplicate column name")
	// ErrNotText: a file that should be text is compressed, an archive or
	// another binary format.
	ErrNotText = errors.New("input: not a text file")
)

// Header says whether the first record of a CSV or text file names the
// columns.
type Header int

const (
	// HeaderAuto: for CSV, the first record is a header iff one of its
	// fields is neither a number nor empty; text files have no header.
	HeaderAuto Header = iota
	// HeaderYes: the first record is the header, whatever it holds.
	HeaderYes
	// HeaderNo: the first record is data; the names are c0, c1, ....
	HeaderNo
)

// ParseHeader parses "auto", "yes" or "no".
func ParseHeader(s string) (Header, error) {
	switch s {
	case "auto", "":
		return HeaderAuto, nil
	case "yes":
		return HeaderYes, nil
	case "no":
		return HeaderNo, nil
	}
	return 0, fmt.Errorf("input: header %q: want auto, yes or no", s)
}

func (h Header) String() string {
	switch h {
	case HeaderYes:
		return "yes"
	case HeaderNo:
		return "no"
	}
	return "auto"
}

// ParseError is a positioned error in an input file, printed
//
//	file:line:column: message
//
// Line and Column are 1-based; Column counts bytes from the start of the
// line, as in encoding/csv. Parts that do not apply are 0 and left out of
// the message ("1.csv: empty file"). Err is one of the package's sentinel
// errors, possibly wrapped with details; the message drops its "input: "
// prefix, which the position replaces.
type ParseError struct {
	File   string
	Line   int
	Column int
	Err    error
}

func (e *ParseError) Error() string {
	msg := "<nil>"
	if e.Err != nil {
		msg = e.Err.Error()
	}
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		if b.Len() > 0 {
			b.WriteByte(':')
		}
		b.WriteString(strconv.Itoa(e.Line))
		if e.Column > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(e.Column))
		}
	}
	if b.Len() == 0 {
		return msg
	}
	b.WriteString(": ")
	b.WriteString(strings.TrimPrefix(msg, "input: "))
	return b.String()
}

func (e *ParseError) Unwrap() error { return e.Err }

// Table is one input file, column-major.
type Table struct {
	Names []string    // column names: the CSV header, else c0, c1, ...
	Cols  [][]float64 // Cols[j][i] = row i of column j
	Rows  int
	// FirstRowIndexLike is set when, with HeaderAuto, the first row was
	// read as data but holds exactly 0, 1, ..., the column names pandas
	// writes by default: probably a header.
	FirstRowIndexLike bool
}

// Column returns the index of the first column named name.
func (t *Table) Column(name string) (int, bool) {
	for j, n := range t.Names {
		if n == name {
			return j, true
		}
	}
	return -1, false
}

// TableReader reads input files into Tables, reusing its buffers between
// calls: once it has read a file of similar size, reading a CSV or text
// file allocates only to open it and for header names, never per value. A
// TableReader is not safe for concurrent use; give each worker its own.
//
// The format follows the file name's extension, in any letter case:
//
//   - .csv: comma-separated values. With HeaderAuto (the default) the
//     first row is a header iff one of its fields is neither a number nor
//     empty (a first row of numbers and empty fields is an ErrSyntax at
//     its first empty field); HeaderYes and HeaderNo decide it for every
//     file. Header names are trimmed; an empty one becomes c<j>; a name
//     given twice is an ErrDuplicateColumn. Without a header the names
//     are c0, c1, .... Fields may be quoted ("1.5", with "" for a quote
//     inside, line ends allowed) and surrounded by blanks.
//   - .npy: a 1-D array is one column c0, a 2-D array is columns c0, c1,
//     ...; any integer, float or bool dtype, C or Fortran order, read by
//     npyio.ReadFile, whose errors are returned as they are. Other shapes
//     are ErrShape, complex dtypes ErrDType, no values ErrEmptyFile.
//   - anything else (.txt, .dat, ...): fields separated by runs of blanks,
//     as np.loadtxt reads them with its default delimiter; no header
//     unless HeaderYes; names c0, c1, ....
//
// A CSV or text file that is compressed, an archive or another binary
// format (by its magic bytes, or a NUL byte in its first 4 KiB) is an
// ErrNotText that says what it is.
//
// In CSV and text files lines end with \n, \r\n or \r, the last one
// perhaps without; '#' starts a comment to the end of the line (outside
// quotes), as in np.loadtxt; blank and comment-only lines are skipped; a
// leading UTF-8 byte order mark is ignored. Blanks, which separate text
// fields and surround CSV fields, are space, \t, \v, \f and \x1c-\x1f, the
// ASCII whitespace np.loadtxt splits and strips. Each field is read by
// ParseFloat, so exactly as Python's float() and np.loadtxt read it, except
// that float() also accepts "1_000" (np.loadtxt does not, ParseFloat does).
// Every row must have as many fields as the first (ErrFieldCount).
//
// Errors in the input are *ParseError values wrapping ErrEmptyFile,
// ErrFieldCount, ErrSyntax, ErrQuote, ErrShape, ErrDType, ErrDuplicateColumn
// or ErrNotText; errors opening
// or reading the file are returned as the os package gives them.
type Reader struct {
	raw     []byte // the file as stored
	z       decompressor
	buf     []byte      // its content (raw, or decompressed), plus a final line end
	swapped []byte      // buf with ',' and '.' swapped, for a decimal comma
	long    *longStream // the long file being read, kept open between series
	size    int64       // the bytes of the last input, as stored
	data    []float64   // column-major values, stride rows per column
	stride  int
	row     []float64   // values of the first record
	spans   []readField // fields of the first record
	auto    []string    // c0, c1, ...
	names   []string
	// namesChecked is len(names) once names passed the duplicate check.
	namesChecked int
	cols         [][]float64
	t            Table
	// Header says whether a CSV or text file's first record is a header.
	Header Header
	// Format reads every file; nil picks it by the file's extension.
	Format Format
	// Dialect changes how every CSV or text file is read.
	Dialect Dialect
	// noShort turns shortRecord and numparse.Record off, so that tests can
	// check that they read every record they take as the general loop
	// would.
	noShort bool
}

// Size returns the bytes of the input last read, as stored (compressed,
// for a compressed file; a long table's series' range).
func (r *Reader) Size() int64 { return r.size }

// NewTableReader returns a TableReader with empty buffers.
func NewReader() *Reader { return new(Reader) }

// Read reads the file at path. The returned Table and its slices are valid
// until the next call of Read.
func (r *Reader) Read(path string) (*Table, error) {
	f := r.Format
	if f == nil {
		f = FormatFor(path)
	}
	return f.Read(r, path)
}

// Format reads one kind of file into a Table. The package's formats
// (CSV, Text, NPY) read with the Reader's buffers.
type Format interface {
	Name() string
	Read(r *Reader, path string) (*Table, error)
}

var formats = struct {
	sync.RWMutex
	byName, byExt map[string]Format
}{byName: map[string]Format{}, byExt: map[string]Format{}}

// RegisterFormat makes f the format of files whose name ends in one of
// exts (".csv", any letter case) and the one LookupFormat finds by
// f.Name(). It panics if the name or an extension is taken.
func RegisterFormat(f Format, exts ...string) {
	formats.Lock()
	defer formats.Unlock()
	if _, dup := formats.byName[f.Name()]; dup {
		panic("input: RegisterFormat called twice for " + f.Name())
	}
	formats.byName[f.Name()] = f
	for _, e := range exts {
		e = strings.ToLower(e)
		if _, dup := formats.byExt[e]; dup {
			panic("input: RegisterFormat: extension " + e + " is taken")
		}
		formats.byExt[e] = f
	}
}

func init() {
	RegisterFormat(CSV, ".csv")
	RegisterFormat(Text, ".txt", ".dat")
	RegisterFormat(NPY, ".npy")
}

// LookupFormat returns the registered format called name ("csv", "text",
// "npy").
func LookupFormat(name string) (Format, bool) {
	formats.RLock()
	defer formats.RUnlock()
	f, ok := formats.byName[name]
	return f, ok
}

// FormatFor returns the format of the file at path by its extension, the
// one before .gz, .zst or .zstd for a compressed file ("x.csv.gz" is CSV);
// files of other extensions are Text, as np.loadtxt reads them.
func FormatFor(path string) Format {
	formats.RLock()
	defer formats.RUnlock()
	if f, ok := formats.byExt[innerExt(path)]; ok {
		return f
	}
	return Text
}

// binaryKinds are the magic bytes of formats users mistake for text, and
// what to do about them.
var binaryKinds = []struct {
	magic, what, hint string
}{
	{"BZh", "bzip2-compressed data", "decompress it first (bunzip2)"},
	{"\xfd7zXZ\x00", "xz-compressed data", "decompress it first (unxz)"},
	{"PK\x03\x04", "a zip archive (an .npz file is one)", "extract its arrays first (np.load(path) gives each one)"},
	{"PAR1", "a Parquet file", "convert it first (pd.read_parquet(path).to_csv(...))"},
	{"\x93NUMPY", "a .npy array", "give it the .npy extension"},
}

// sniffBinary reports a file that is not text: a known binary format by
// its magic bytes, or any file with a NUL byte in its first 4 KiB.
func sniffBinary(path string, buf []byte) error {
	for _, k := range binaryKinds {
		if strings.HasPrefix(string(buf[:min(len(buf), 8)]), k.magic) {
			return &ParseError{File: path, Err: fmt.Errorf("%w: it is %s: %s", ErrNotText, k.what, k.hint)}
		}
	}
	if i := bytes.IndexByte(buf[:min(len(buf), 4096)], 0); i >= 0 {
		return &ParseError{File: path, Err: fmt.Errorf("%w: it holds binary data (a NUL byte at offset %d)", ErrNotText, i)}
	}
	return nil
}

// ReadTable reads the file at path as TableReader.Read does, into a Table
// that shares nothing with later reads.
func ReadTable(path string) (*Table, error) {
	return NewReader().Read(path)
}

// load reads the file at path into r.raw and its content, decompressed
// if it is gzip or zstd, into r.buf, reusing their capacity.
func (r *Reader) load(path string) error {
	raw, err := readFile(path, r.raw)
	r.raw, r.size = raw, int64(len(raw))
	if err != nil {
		return err
	}
	r.buf, err = r.z.decompress(path, raw)
	return err
}

// fill reads a file of about size bytes (0 if unknown) into buf[:0],
// growing it, with read, which returns 0 bytes and no error at the end.
func fill(buf []byte, size int64, read func([]byte) (int, error)) ([]byte, error) {
	buf = buf[:0]
	if size < 0 || int64(int(size)) != size {
		size = 0
	}
	if cap(buf) < int(size)+1 {
		buf = make([]byte, 0, int(size)+512)
	}
	for {
		n, err := read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err != nil || n == 0 {
			return buf, err
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
	}
}

// autoNames returns the names c0 ... c<n-1>.
func (r *Reader) autoNames(n int) []string {
	for j := len(r.auto); j < n; j++ {
		r.auto = append(r.auto, "c"+strconv.Itoa(j))
	}
	return r.auto[:n:n]
}
