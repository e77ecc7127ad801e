package input

import (
	"github.com/featurize/featurize/internal/numparse"

	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"strings"
)

// Byte classes of the scanner.
const (
	readBlank   = 1 << iota // Python's ASCII whitespace but line ends (and the delimiter)
	readEOL                 // \n, \r
	readComment             // #
	readSep                 // the delimiter
)

// Delimited is the format of text files of values in fields: CSV, or
// fields split by runs of blanks as np.loadtxt splits them by default.
type Delimited struct {
	// Sep separates fields: a byte such as ',' or '\t', one per field
	// boundary (empty fields are syntax errors); 0 means runs of blanks.
	Sep byte
	// Quote lets fields be "quoted", with "" for a quote inside and line
	// ends allowed (CSV).
	Quote bool
	// Comment starts a comment to the end of the line, outside quotes;
	// 0: no comments.
	Comment byte
	// Decimal is the decimal mark of numbers: 0 or '.' for 1.5, ',' for
	// 1,5 (then a '.' in a number is a syntax error, as for pandas).
	Decimal byte
}

// The built-in delimited formats.
var (
	CSV  = Delimited{Sep: ',', Quote: true, Comment: '#'}
	Text = Delimited{Comment: '#'}
)

var (
	csvClass  = CSV.classes()
	textClass = Text.classes()
)

// classes returns the byte classes of d's scanner.
func (d Delimited) classes() *[256]uint8 {
	var t [256]uint8
	for _, c := range []byte{' ', '\t', '\v', '\f', 0x1c, 0x1d, 0x1e, 0x1f} {
		t[c] = readBlank
	}
	t['\n'], t['\r'] = readEOL, readEOL
	if d.Comment != 0 {
		t[d.Comment] = readComment
	}
	if d.Sep != 0 {
		t[d.Sep] = readSep
	}
	return &t
}

// table returns d's byte classes, computed once for the built-ins.
func (d Delimited) table() *[256]uint8 {
	switch d {
	case CSV:
		return csvClass
	case Text:
		return textClass
	}
	return d.classes()
}

// Name is "csv", "text", or "delimited by X".
func (d Delimited) Name() string {
	switch d {
	case CSV:
		return "csv"
	case Text:
		return "text"
	}
	return fmt.Sprintf("delimited by %q", d.Sep)
}

// Read reads the file at path with r's buffers, in r.Dialect.
func (d Delimited) Read(r *Reader, path string) (*Table, error) {
	d = r.Dialect.apply(d)
	if err := r.load(path); err != nil {
		return nil, err
	}
	if err := sniffBinary(path, r.buf); err != nil {
		return nil, err
	}
	return r.parse(path, d)
}

var readBOM = []byte{0xef, 0xbb, 0xbf}

// readField is one field of a record.
type readField struct {
	start, end int  // the content, blanks trimmed, inside the quotes if quoted
	line, col  int  // where the field starts: its quote or first non-blank byte
	escaped    bool // the content holds "" for a quote
}

// readScanner is a position in a delimited buffer that ends with a line
// end.
type readScanner struct {
	name      string
	buf       []byte
	text      []byte      // buf as the file holds it (they differ with a decimal comma)
	cls       *[256]uint8 // the dialect's byte classes
	sep       byte        // the delimiter, 0 for runs of blanks
	quote     bool        // quoted fields
	pos       int
	line      int // 1-based line of pos
	lineStart int // offset of the line's first byte
}

func (s *readScanner) errorAt(line, col int, err error) *ParseError {
	return &ParseError{File: s.name, Line: line, Column: col, Err: err}
}

// formatField quotes f for an error message, shortening it if long.
func formatField(f []byte) string {
	const max = 40
	if len(f) > max {
		return strconv.Quote(string(f[:max])) + "..."
	}
	return strconv.Quote(string(f))
}

// syntaxError reports the field buf[start:end].
func (s *readScanner) syntaxError(line, col, start, end int) *ParseError {
	return s.errorAt(line, col, fmt.Errorf("%w %s", ErrSyntax, formatField(s.text[start:end])))
}

// swapDecimal appends buf to dst with ',' and '.' swapped.
func swapDecimal(dst, buf []byte) []byte {
	dst = append(dst, buf...)
	for i, c := range dst {
		switch c {
		case ',':
			dst[i] = '.'
		case '.':
			dst[i] = ','
		}
	}
	return dst
}

// fieldCountError reports a record, starting at rec, whose field at line,
// col is one too many (or where one is missing).
func (s *readScanner) fieldCountError(rec readScanner, line, col, want int) *ParseError {
	rec.buf, rec.cls, rec.sep, rec.quote = s.buf, s.cls, s.sep, s.quote
	spans, err := rec.record(nil)
	if err != nil {
		return s.errorAt(line, col, fmt.Errorf("%w: want %d", ErrFieldCount, want))
	}
	return s.errorAt(line, col, fmt.Errorf("%w: got %d, want %d", ErrFieldCount, len(spans), want))
}

// readSkipLine moves past the end of the line holding pos.
func readSkipLine(buf []byte, pos int) int {
	for buf[pos] != '\n' && buf[pos] != '\r' {
		pos++
	}
	if buf[pos] == '\r' && pos+1 < len(buf) && buf[pos+1] == '\n' {
		return pos + 2
	}
	return pos + 1
}

// nextRecord skips blank and comment lines. It reports false at the end of
// the buffer.
func (s *readScanner) nextRecord() bool {
	buf, cls := s.buf, s.cls
	for s.pos < len(buf) {
		for cls[buf[s.pos]]&readBlank != 0 {
			s.pos++
		}
		if cls[buf[s.pos]]&(readEOL|readComment) == 0 {
			return true
		}
		s.pos = readSkipLine(buf, s.pos)
		s.line++
		s.lineStart = s.pos
	}
	return false
}

// endRecord moves past the comment and line end that end a record.
func (s *readScanner) endRecord() {
	s.pos = readSkipLine(s.buf, s.pos)
	s.line++
	s.lineStart = s.pos
}

// record appends the fields of the record at s.pos to spans and leaves
// s.pos at its end: a line end or '#'.
func (s *readScanner) record(spans []readField) ([]readField, error) {
	buf, cls := s.buf, s.cls
	stop := uint8(readEOL | readComment | readSep)
	if s.sep == 0 {
		stop = readBlank | readEOL | readComment
	}
	for {
		for cls[buf[s.pos]]&readBlank != 0 {
			s.pos++
		}
		sp := readField{line: s.line, col: s.pos - s.lineStart + 1}
		if s.quote && buf[s.pos] == '"' {
			var err error
			sp.start, sp.end, sp.escaped, err = s.quoted()
			if err != nil {
				return spans, err
			}
		} else {
			start := s.pos
			for cls[buf[s.pos]]&stop == 0 {
				s.pos++
			}
			end := s.pos
			for end > start && cls[buf[end-1]]&readBlank != 0 {
				end--
			}
			sp.start, sp.end = start, end
		}
		spans = append(spans, sp)
		if s.sep != 0 {
			if buf[s.pos] != s.sep {
				return spans, nil
			}
			s.pos++
		} else {
			for cls[buf[s.pos]]&readBlank != 0 {
				s.pos++
			}
			if cls[buf[s.pos]]&(readEOL|readComment) != 0 {
				return spans, nil
			}
		}
	}
}

// quoted scans the quoted CSV field whose opening quote is at s.pos. It
// returns the bounds of its content without blanks at either end, and
// leaves s.pos after the closing quote and the blanks that follow it, at a
// comma, '#' or line end.
func (s *readScanner) quoted() (start, end int, escaped bool, err error) {
	buf, cls := s.buf, s.cls
	line, col := s.line, s.pos-s.lineStart+1
	i := s.pos + 1
	for {
		j := bytes.IndexByte(buf[i:], '"')
		if j < 0 {
			return 0, 0, false, s.errorAt(line, col, ErrQuote)
		}
		// Count the line ends inside the quotes.
		for k := i; k < i+j; k++ {
			switch buf[k] {
			case '\n':
				s.line++
				s.lineStart = k + 1
			case '\r':
				if k+1 < len(buf) && buf[k+1] == '\n' {
					k++
				}
				s.line++
				s.lineStart = k + 1
			}
		}
		i += j
		if i+1 < len(buf) && buf[i+1] == '"' {
			escaped = true
			i += 2
			continue
		}
		break
	}
	start, end = s.pos+1, i
	for start < end && cls[buf[start]]&(readBlank|readEOL) != 0 {
		start++
	}
	for end > start && cls[buf[end-1]]&(readBlank|readEOL) != 0 {
		end--
	}
	i++
	for i < len(buf) && cls[buf[i]]&readBlank != 0 {
		i++
	}
	if i >= len(buf) || cls[buf[i]]&(readSep|readEOL|readComment) == 0 {
		return 0, 0, false, s.errorAt(s.line, i-s.lineStart+1, ErrQuote)
	}
	s.pos = i
	return start, end, escaped, nil
}

// parse parses r.buf, the file name, as d.
func (r *Reader) parse(name string, d Delimited) (*Table, error) {
	buf := r.buf
	if n := len(buf); n == 0 || (buf[n-1] != '\n' && buf[n-1] != '\r') {
		buf = append(buf, '\n')
		r.buf = buf
	}
	text := buf // what names and error messages quote
	if d.Decimal == ',' {
		// Numbers are scanned with ',' and '.' swapped, so 1,5 reads as
		// 1.5 and 1.5 is no number; names come from the file's bytes.
		r.swapped = swapDecimal(r.swapped[:0], buf)
		buf = r.swapped
	}
	s := readScanner{name: name, buf: buf, text: text, cls: d.table(), sep: d.Sep, quote: d.Quote, line: 1}
	if bytes.HasPrefix(buf, readBOM) {
		s.pos, s.lineStart = len(readBOM), len(readBOM)
	}
	if !s.nextRecord() {
		return nil, &ParseError{File: name, Err: ErrEmptyFile}
	}

	// The first record sets the number of columns and may be a header.
	// Wide files: size the per-column slices once, from the separators
	// on the first line, instead of growing them field by field.
	if line := buf[s.pos:]; len(line) > 4096 {
		sep := d.Sep
		if sep == 0 {
			sep = ' '
		}
		if eol := bytes.IndexAny(line, "\r\n"); eol > 0 {
			est := bytes.Count(line[:eol], []byte{sep}) + 1
			if cap(r.spans) < est {
				r.spans = make([]readField, 0, est)
				r.row = make([]float64, 0, est)
				r.names = make([]string, 0, est)
				r.cols = make([][]float64, 0, est)
			}
		}
	}
	spans, err := s.record(r.spans[:0])
	r.spans = spans
	if err != nil {
		return nil, err
	}
	s.endRecord()
	ncols := len(spans)
	header, bad := false, -1
	row := r.row[:0]
	for k, sp := range spans {
		v, ok := numparse.Parse(buf[sp.start:sp.end])
		if !ok {
			header = header || (d.Sep != 0 && sp.end > sp.start)
			if bad < 0 {
				bad = k
			}
		}
		row = append(row, v)
	}
	r.row = row
	switch r.Header {
	case HeaderYes:
		header = true
	case HeaderNo:
		header = false
	}
	if !header && bad >= 0 {
		sp := spans[bad]
		return nil, s.syntaxError(sp.line, sp.col, sp.start, sp.end)
	}

	// Size the columns for the lines left, and at most one row per 2*ncols
	// bytes (a value and a separator or line end each), so that a normal
	// file needs no growth and no file gets more than 4 bytes of columns
	// per byte. Files with lone \r line ends grow as needed.
	rest := buf[s.pos:]
	lines := bytes.Count(rest, []byte{'\n'})
	if lines == 0 {
		lines = bytes.Count(rest, []byte{'\r'})
	}
	r.stride = min(lines, len(rest)/(2*ncols)) + 1
	if need := ncols * r.stride; cap(r.data) < need {
		r.data = make([]float64, need)
	} else {
		r.data = r.data[:need]
	}

	var names []string
	rows := 0
	indexLike := false
	if header {
		// The names of the file before are reused while they match (no
		// allocation per file); new ones are cut from one string of the
		// header's bytes (one allocation however wide the file).
		names = r.names[:0]
		same := true
		var hdr string
		base := spans[0].start
		for j, sp := range spans {
			field := text[sp.start:sp.end]
			if !sp.escaped && len(field) > 0 && j < len(r.names) && string(field) == r.names[j] {
				names = append(names, r.names[j])
				continue
			}
			same = false
			var n string
			switch {
			case sp.escaped:
				n = strings.ReplaceAll(string(field), `""`, `"`)
			case len(field) == 0:
				n = "c" + strconv.Itoa(j)
			default:
				if hdr == "" {
					hdr = string(text[base:spans[len(spans)-1].end])
				}
				n = hdr[sp.start-base : sp.end-base]
			}
			names = append(names, n)
		}
		r.names = names
		if !same || len(names) != r.namesChecked {
			if err := duplicateName(&s, names, spans); err != nil {
				r.names, r.namesChecked = names[:0], 0
				return nil, err
			}
			r.namesChecked = len(names)
		}
	} else {
		names = r.autoNames(ncols)
		for j, v := range row {
			r.data[j*r.stride] = v
		}
		rows = 1
		indexLike = r.Header == HeaderAuto && pandasIndexRow(buf, spans)
	}
	if rows, err = r.rows(&s, ncols, rows); err != nil {
		return nil, err
	}
	if rows == 0 {
		return nil, &ParseError{File: name, Err: fmt.Errorf("%w: no data rows after the header", ErrEmptyFile)}
	}
	t := r.table(names, ncols, rows)
	t.FirstRowIndexLike = indexLike
	return t, nil
}

// pandasIndexRow reports whether the first record's fields are the
// integers 0, 1, ..., as pandas writes its default column names
// (pd.DataFrame(a).to_csv(path, index=False)).
func pandasIndexRow(buf []byte, spans []readField) bool {
	var digits [20]byte
	for j, sp := range spans {
		if string(buf[sp.start:sp.end]) != string(strconv.AppendInt(digits[:0], int64(j), 10)) {
			return false
		}
	}
	return true
}

// duplicateName reports the first header name that an earlier column
// already has, positioned at its field.
func duplicateName(s *readScanner, names []string, spans []readField) error {
	first := func(j int) int { // the earlier column named names[j], or -1
		for k := range j {
			if names[k] == names[j] {
				return k
			}
		}
		return -1
	}
	if len(names) > 16 { // linear, for wide files
		seen := make(map[string]int, len(names))
		first = func(j int) int {
			if k, ok := seen[names[j]]; ok {
				return k
			}
			seen[names[j]] = j
			return -1
		}
	}
	for j := range names {
		if k := first(j); k >= 0 {
			sp := spans[j]
			return s.errorAt(sp.line, sp.col, fmt.Errorf("%w %q: columns %d and %d both have it", ErrDuplicateColumn, names[j], k+1, j+1))
		}
	}
	return nil
}

// table returns r.t holding the first rows values of ncols columns of
// r.data.
func (r *Reader) table(names []string, ncols, rows int) *Table {
	cols := r.cols[:0]
	for j := range ncols {
		off := j * r.stride
		cols = append(cols, r.data[off:off+rows:off+rows])
	}
	r.cols = cols
	r.t = Table{Names: names[:ncols:ncols], Cols: cols[:ncols:ncols], Rows: rows}
	return &r.t
}

// grow doubles the rows r.data holds per column, keeping the first rows.
func (r *Reader) grow(ncols, rows int) {
	stride := 2*r.stride + 64
	data := make([]float64, ncols*stride)
	for j := range ncols {
		copy(data[j*stride:j*stride+rows], r.data[j*r.stride:j*r.stride+rows])
	}
	r.data, r.stride = data, stride
}

// rows reads the records from s.pos on into r.data, after the rows
// already there, and returns the number of rows.
func (r *Reader) rows(s *readScanner, ncols, rows int) (int, error) {
	buf, cls := s.buf, *s.cls // a copy on the stack: no load through a pointer
	data, stride := r.data, r.stride
	pos, line, lineStart := s.pos, s.line, s.lineStart
	runs, sep := s.sep == 0, s.sep                // runs: fields split by runs of blanks
	end := uint8(readEOL | readComment | readSep) // what ends a field
	shortSep := sep
	if runs {
		// The fast paths take fields split by single blanks: spaces, or
		// tabs if the first blank of the record at pos is one.
		end, shortSep = readBlank|readEOL|readComment, ' '
		for i := pos; i < len(buf) && cls[buf[i]]&(readEOL|readComment) == 0; i++ {
			if cls[buf[i]]&readBlank != 0 {
				if buf[i] == '\t' {
					shortSep = '\t'
				}
				break
			}
		}
	}
	misses, recordMisses := 0, 0
	if r.noShort {
		misses, recordMisses = maxShortMisses, maxShortMisses
	}
	for pos < len(buf) {
		for cls[buf[pos]]&readBlank != 0 {
			pos++
		}
		if cls[buf[pos]]&(readEOL|readComment) != 0 {
			pos = readSkipLine(buf, pos)
			line++
			lineStart = pos
			continue
		}
		if rows == stride {
			r.grow(ncols, rows)
			data, stride = r.data, r.stride
		}
		if misses < maxShortMisses {
			if e, n := shortRecords(buf, pos, shortSep, data, stride, rows, ncols, stride-rows); n > 0 {
				pos, lineStart = e, e
				line += n
				rows += n
				continue
			}
			misses++
		}
		if recordMisses < maxShortMisses {
			// Records of numbers of any length, as many as come.
			if e, n := numparse.Records(buf, pos, shortSep, ncols, data[rows:], stride, stride-rows); n > 0 {
				pos, lineStart = e, e
				line += n
				rows += n
				continue
			}
			recordMisses++
		}
		rec := readScanner{pos: pos, line: line, lineStart: lineStart}
		j := 0
		for {
			if !runs {
				for cls[buf[pos]]&readBlank != 0 {
					pos++
				}
			}
			// Fast path: a plain number, then blanks (with a delimiter)
			// and the field's end.
			stored := false
			if v, e, ok := numparse.Prefix(buf, pos); ok {
				if !runs {
					for cls[buf[e]]&readBlank != 0 {
						e++
					}
				}
				if cls[buf[e]]&end != 0 && j < ncols {
					data[j*stride+rows] = v
					j++
					pos, stored = e, true
				}
			}
			if !stored {
				start, fline, fcol := pos, line, pos-lineStart+1
				var fs, fe int
				if s.quote && buf[pos] == '"' {
					s.pos, s.line, s.lineStart = pos, line, lineStart
					qs, qe, _, err := s.quoted()
					if err != nil {
						return rows, err
					}
					pos, line, lineStart = s.pos, s.line, s.lineStart
					fs, fe = qs, qe
				} else {
					for cls[buf[pos]]&end == 0 {
						pos++
					}
					e := pos
					for !runs && e > start && cls[buf[e-1]]&readBlank != 0 {
						e--
					}
					fs, fe = start, e
				}
				if j == ncols {
					return rows, s.fieldCountError(rec, fline, fcol, ncols)
				}
				v, ok := numparse.Parse(buf[fs:fe])
				if !ok {
					return rows, s.syntaxError(fline, fcol, fs, fe)
				}
				data[j*stride+rows] = v
				j++
			}
			// The field's end: the delimiter, or blanks before the next
			// field; a line end or comment ends the record.
			if runs {
				for cls[buf[pos]]&readBlank != 0 {
					pos++
				}
				if cls[buf[pos]]&(readEOL|readComment) != 0 {
					break
				}
			} else {
				if buf[pos] != sep {
					break
				}
				pos++
			}
		}
		if j < ncols {
			return rows, s.fieldCountError(rec, line, pos-lineStart+1, ncols)
		}
		pos = readSkipLine(buf, pos)
		line++
		lineStart = pos
		rows++
	}
	s.pos, s.line, s.lineStart = pos, line, lineStart
	return rows, nil
}

// After maxShortMisses records that shortRecord does not take, a file is
// read without it (a file of "%.18e" values, say); numparse.Record
// likewise.
const maxShortMisses = 8

// shortRecord reads the record at buf[pos:] into data[j*stride+row], j <
// ncols, if it has the commonest shape: ncols short plain decimals ([-]
// digits [. digits], at most 15 digits, as "%.6f" writes them), separated
// by single sep bytes, then \n or \r\n; it returns the index past the line
// end. Anything else is !ok and is left to the general loop, which gives
// the same values: m / 10^k of two exact float64s rounds correctly
// (Clinger's fast path), as numparse does.
func shortRecord(buf []byte, pos int, sep byte, data []float64, stride, row, ncols int) (int, bool) {
	end, n := shortRecords(buf, pos, sep, data, stride, row, ncols, 1)
	return end, n == 1
}

// shortRecords reads up to rows records as shortRecord does, the r-th into
// data[j*stride+row+r], and returns the index past the last it read and
// their number. Many records a call, with the number scanning inlined, is
// what makes the common case cheap.
func shortRecords(buf []byte, pos int, sep byte, data []float64, stride, row, ncols, rows int) (end, n int) {
	end = pos
	for ; n < rows && pos < len(buf); n++ {
		for j := range ncols {
			// The sign without a branch: random signs would mispredict.
			neg := buf[pos] == '-'
			pos += int(b2i(neg))
			var m uint64
			start := pos
			for pos < len(buf) && buf[pos]-'0' < 10 {
				m = m*10 + uint64(buf[pos]-'0')
				pos++
			}
			digits, nf := pos-start, 0
			if pos < len(buf) && buf[pos] == '.' {
				pos++
				q := pos
				if pos+8 <= len(buf) {
					// The fraction's first 8 bytes at once: its digits
					// take no branches.
					n, v := swarDigits(buf[pos : pos+8])
					m = m*shortPow10u[n] + v
					pos += n
				}
				for pos < len(buf) && buf[pos]-'0' < 10 {
					m = m*10 + uint64(buf[pos]-'0')
					pos++
				}
				nf = pos - q
				digits += nf
			}
			if uint(digits-1) >= 15 || pos >= len(buf) {
				return end, n
			}
			v := float64(m) / shortPow10[nf]
			data[j*stride+row+n] = math.Float64frombits(math.Float64bits(v) | b2i(neg)<<63)
			c := buf[pos]
			pos++
			if j < ncols-1 {
				if c != sep {
					return end, n
				}
				continue
			}
			if c == '\r' && pos < len(buf) && buf[pos] == '\n' {
				pos++
			} else if c != '\n' {
				return end, n
			}
		}
		end = pos
	}
	return end, n
}

// b2i is 1 for true and 0 for false, without a branch.
func b2i(x bool) uint64 {
	var u uint64
	if x {
		u = 1
	}
	return u
}

// swarDigits returns how many of the 8 bytes of b, from the first, are
// ASCII digits before one that is not (8 if all are), and the value of
// those digits as a decimal number, computed on the 8 bytes as one
// integer (SWAR).
func swarDigits(b []byte) (n int, val uint64) {
	v := binary.LittleEndian.Uint64(b)
	const lo4, hi4 = 0x0F0F0F0F0F0F0F0F, 0xF0F0F0F0F0F0F0F0
	// A byte is a digit iff its high nibble is 3 and stays 3 once 6 is
	// added. A carry out of a byte >= 0xFA spoils only the bytes after it,
	// which lie past the first non-digit.
	bad := (v&hi4 ^ 0x3030303030303030) | ((v+0x0606060606060606)&hi4 ^ 0x3030303030303030)
	n = bits.TrailingZeros64(bad) >> 3
	if n == 0 {
		return 0, 0
	}
	// Move the n digits to the top; the bytes below become leading zeros.
	// Then add pairs, quads and octets of digits.
	d := (v & lo4) << ((64 - 8*uint(n)) & 63)
	d = (d * (10<<8 + 1)) >> 8 & 0x00FF00FF00FF00FF
	d = (d * (100<<16 + 1)) >> 16 & 0x0000FFFF0000FFFF
	return n, (d * (10000<<32 + 1)) >> 32
}

var shortPow10u = [9]uint64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8}

var shortPow10 = [16]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}
