package npyio

import (
	"os"
	"slices"

	"bufio"
	"bytes"
	"errors"
	"fmt"
	"github.com/featurize/featurize/internal/numparse"
	"io"
	"math"
	"strconv"
)

// TextWriter writes rows as np.savetxt does with its defaults (fmt
// '%.18e', delimiter ' ', newline '\n'), byte for byte: each value as
// %.18e, "nan" for any NaN, "inf" and "-inf" for infinities. A 1-D array
// is written as rows of one value, as savetxt does. Integer and float32
// arrays are written as savetxt writes them by passing their values
// converted to float64. Output is buffered; call Flush at the end.
type TextWriter struct {
	w   *bufio.Writer
	buf []byte
	err error
}

// NewTextWriter returns a TextWriter writing to w through a 1 MiB buffer.
func NewTextWriter(w io.Writer) *TextWriter {
	return &TextWriter{w: bufio.NewWriterSize(w, writeBuffer), buf: make([]byte, 0, 32*72)}
}

// WriteRow writes one row, its values separated by single spaces and
// followed by '\n'. It does not allocate once its scratch buffer has grown
// to the row's length.
func (t *TextWriter) WriteRow(row []float64) error {
	if t.err != nil {
		return t.err
	}
	b := t.buf[:0]
	for i, v := range row {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendSavetxt(b, v)
	}
	b = append(b, '\n')
	t.buf = b
	if _, err := t.w.Write(b); err != nil {
		t.err = err
		return err
	}
	return nil
}

// Flush writes any buffered data to the underlying writer.
func (t *TextWriter) Flush() error {
	if t.err != nil {
		return t.err
	}
	if err := t.w.Flush(); err != nil {
		t.err = err
		return err
	}
	return nil
}

// appendSavetxt appends v formatted as Python's '%.18e' % v.
func appendSavetxt(b []byte, v float64) []byte {
	switch {
	case math.IsNaN(v):
		return append(b, "nan"...)
	case math.IsInf(v, 1):
		return append(b, "inf"...)
	case math.IsInf(v, -1):
		return append(b, "-inf"...)
	}
	return appendE18(b, v)
}

// maxTextLine is the longest line ReadText accepts.
const maxTextLine = 256 << 20

// ReadText reads whitespace-separated numbers, one row per line, as written
// by TextWriter or np.savetxt (and read by np.loadtxt): fields are
// separated by runs of spaces or tabs, '#' starts a comment, blank lines
// are skipped, and numbers are read exactly as Python's float() reads
// them, including "nan", "inf" and "-inf" (values out of float64 range
// become ±Inf or 0, as in Python). Every row must have as many values as the
// first. name is used in errors, which are *ParseError values printed
// name:line:col, wrapping ErrBadNumber or ErrFieldCount.
//
// The rows share one backing array.
func ReadText(r io.Reader, name string) (rows [][]float64, err error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxTextLine)
	var vals []float64
	nrows := 0
	width := -1
	line := 0
	for sc.Scan() {
		line++
		text := sc.Bytes()
		if i := bytes.IndexByte(text, '#'); i >= 0 {
			text = text[:i]
		}
		n := 0
		for pos := 0; ; {
			for pos < len(text) && isSpace(text[pos]) {
				pos++
			}
			if pos == len(text) {
				break
			}
			start := pos
			for pos < len(text) && !isSpace(text[pos]) {
				pos++
			}
			field := text[start:pos]
			v, ok := numparse.Parse(field)
			if !ok {
				return nil, &ParseError{File: name, Line: line, Column: start + 1, Err: ErrBadNumber, Detail: strconv.Quote(string(field))}
			}
			vals = append(vals, v)
			n++
		}
		if n == 0 {
			continue
		}
		if width < 0 {
			width = n
			// Reserve for the whole file at the first row's length, so the
			// values are not copied as they grow.
			if f, ok := r.(*os.File); ok {
				if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
					vals = slices.Grow(vals, int(fi.Size()/int64(len(sc.Bytes())+1)+1)*width)
				}
			}
		} else if n != width {
			return nil, &ParseError{File: name, Line: line, Column: 1, Err: ErrFieldCount, Detail: fmt.Sprintf("%d values, want %d like the first row", n, width)}
		}
		nrows++
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = fmt.Errorf("npyio: line longer than %d bytes: %w", maxTextLine, err)
		}
		return nil, &ParseError{File: name, Line: line + 1, Column: 1, Err: err}
	}
	rows = make([][]float64, nrows)
	for i := range rows {
		rows[i] = vals[i*width : (i+1)*width : (i+1)*width]
	}
	return rows, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' }
