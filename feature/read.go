package feature

import (
	"errors"
	"path/filepath"
	"strconv"
	"strings"
)

// Errors of the readers. A *ParseError from TableReader.Read wraps one of
// them, possibly with details; check with errors.Is.
var (
	// ErrEmptyFile: the file holds no data row (it is empty, or holds only
	// blank lines, comments or a header).
	ErrEmptyFile = errors.New("feature: empty file")
	// ErrFieldCount: a row has more or fewer fields than the first row.
	ErrFieldCount = errors.New("feature: wrong number of fields")
	// ErrSyntax: a field is not a number.
	ErrSyntax = errors.New("feature: invalid number")
	// ErrQuote: a quoted CSV field is not closed, or text follows its
	// closing quote.
	ErrQuote = errors.New(`feature: extraneous or missing " in quoted field`)
	// ErrShape: a .npy array is neither 1-D nor 2-D.
	ErrShape = errors.New("feature: unsupported array shape")
	// ErrDType: a .npy array holds complex values.
	ErrDType = errors.New("feature: unsupported dtype")
)

// ParseError is a positioned error in an input file, printed
//
//	file:line:column: message
//
// Line and Column are 1-based; Column counts bytes from the start of the
// line, as in encoding/csv. Parts that do not apply are 0 and left out of
// the message ("1.csv: empty file"). Err is one of the package's sentinel
// errors, possibly wrapped with details; the message drops its "feature: "
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
	b.WriteString(strings.TrimPrefix(msg, "feature: "))
	return b.String()
}

func (e *ParseError) Unwrap() error { return e.Err }

// Table is one input file, column-major.
type Table struct {
	Names []string    // column names: the CSV header, else c0, c1, ...
	Cols  [][]float64 // Cols[j][i] = row i of column j
	Rows  int
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
//   - .csv: comma-separated values. The first row is a header iff one of
//     its fields is neither a number nor empty (a first row of numbers and
//     empty fields is an ErrSyntax at its first empty field). Header names
//     are trimmed; an empty one becomes c<j>. Without a header the names
//     are c0, c1, .... Fields may be quoted ("1.5", with "" for a quote
//     inside, line ends allowed) and surrounded by blanks.
//   - .npy: a 1-D array is one column c0, a 2-D array is columns c0, c1,
//     ...; any integer, float or bool dtype, C or Fortran order, read by
//     npyio.ReadFile, whose errors are returned as they are. Other shapes
//     are ErrShape, complex dtypes ErrDType, no values ErrEmptyFile.
//   - anything else (.txt, .dat, ...): fields separated by runs of blanks,
//     as np.loadtxt reads them with its default delimiter; no header;
//     names c0, c1, ....
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
// ErrFieldCount, ErrSyntax, ErrQuote, ErrShape or ErrDType; errors opening
// or reading the file are returned as the os package gives them.
type TableReader struct {
	buf    []byte    // the file, plus a final line end
	data   []float64 // column-major values, stride rows per column
	stride int
	row    []float64   // values of the first record
	spans  []readField // fields of the first record
	auto   []string    // c0, c1, ...
	names  []string
	cols   [][]float64
	t      Table
	// noShort turns shortRecord off, so that tests can check that it reads
	// every record it takes as the general loops would.
	noShort bool
}

// NewTableReader returns a TableReader with empty buffers.
func NewTableReader() *TableReader { return new(TableReader) }

// Read reads the file at path. The returned Table and its slices are valid
// until the next call of Read.
func (r *TableReader) Read(path string) (*Table, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".npy":
		return r.readNPY(path)
	case ".csv":
		if err := r.load(path); err != nil {
			return nil, err
		}
		return r.parse(path, true)
	default:
		if err := r.load(path); err != nil {
			return nil, err
		}
		return r.parse(path, false)
	}
}

// ReadTable reads the file at path as TableReader.Read does, into a Table
// that shares nothing with later reads.
func ReadTable(path string) (*Table, error) {
	return NewTableReader().Read(path)
}

// load reads the file at path into r.buf, reusing its capacity.
func (r *TableReader) load(path string) error {
	buf, err := readFile(path, r.buf)
	r.buf = buf
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
func (r *TableReader) autoNames(n int) []string {
	for j := len(r.auto); j < n; j++ {
		r.auto = append(r.auto, "c"+strconv.Itoa(j))
	}
	return r.auto[:n:n]
}
