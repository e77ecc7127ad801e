package input

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/klauspost/compress/zstd"

	"github.com/featurize/featurize/internal/numparse"
	"github.com/featurize/featurize/npyio"
)

// Errors of long-format files.
var (
	// ErrNotContiguous: the rows of an id are not all together.
	ErrNotContiguous = errors.New("input: the rows of an id are not contiguous")
	// ErrKindLengths: the kinds of an id (stacked format) have different
	// numbers of rows.
	ErrKindLengths = errors.New("input: the kinds of an id have different lengths")
	// ErrLongColumn: a column the long format names is not in the file.
	ErrLongColumn = errors.New("input: no such column")
)

// Long is how tsfresh's long formats lay out many series in one table
// (extract_features' column_id, column_sort, column_kind, column_value):
// each row belongs to the series of its ID column's value, and the rows of
// a series are ordered by the Sort column. In the flat format the other
// columns are the series' columns; in the stacked format (Kind and Value
// set) each row holds one value of the column its Kind names.
type Long struct {
	ID    string `json:"id_column"`
	Sort  string `json:"sort_column,omitempty"`
	Kind  string `json:"kind_column,omitempty"`
	Value string `json:"value_column,omitempty"`
	// Names name the columns of a .npy file, which has no header.
	Names []string `json:"names,omitempty"`
}

// LongSeries is one id's rows: bytes [Start, End) of the (decompressed)
// file, from line Line; for .npy, rows [Start, End) of the array.
type LongSeries struct {
	ID    string `json:"id"`
	Start int64  `json:"start"`
	End   int64  `json:"end"`
	Line  int    `json:"line,omitempty"`
	Rows  int    `json:"rows"`
}

// LongIndex is a long file's layout: its columns and its series in file
// order, and for the stacked format the kinds, sorted.
type LongIndex struct {
	Names  []string     `json:"names"`
	Series []LongSeries `json:"series"`
	Kinds  []string     `json:"kinds,omitempty"`
}

// longFile is an open long file: its format, reading in blocks.
type longFile struct {
	path   string
	npy    bool
	d      Delimited
	header bool
	l      Long
	idAt   int // column of the id, kind, value and sort (-1: none)
	kindAt int
	valAt  int
	sortAt int
	names  []string
}

func (l Long) prepare(path string, format Format, dialect Dialect, header Header) (*longFile, error) {
	if format == nil {
		format = FormatFor(path)
	}
	f := &longFile{path: path, l: l, idAt: -1, kindAt: -1, valAt: -1, sortAt: -1}
	switch ff := format.(type) {
	case Delimited:
		f.d = dialect.apply(ff)
		// A long table names its columns: CSV has a header unless told
		// not; whitespace text has none unless told.
		f.header = header == HeaderYes || (header == HeaderAuto && f.d.Sep != 0)
	default:
		if format != NPY {
			return nil, fmt.Errorf("input: %s: the long format reads CSV, text or .npy, not %s", path, format.Name())
		}
		f.npy = true
		if len(l.Names) == 0 {
			return nil, &ParseError{File: path, Err: fmt.Errorf("%w: a .npy file has no header: name its columns", ErrLongColumn)}
		}
		f.names = l.Names
	}
	return f, nil
}

// setNames finds the long format's columns among names.
func (f *longFile) setNames(names []string) error {
	f.names = names
	find := func(what, name string) (int, error) {
		if name == "" {
			return -1, nil
		}
		if k := slices.Index(names, name); k >= 0 {
			return k, nil
		}
		return -1, &ParseError{File: f.path, Err: fmt.Errorf("%w %q for the %s (columns: %s)", ErrLongColumn, name, what, strings.Join(names, ", "))}
	}
	var err error
	if f.idAt, err = find("id", f.l.ID); err != nil {
		return err
	}
	if f.sortAt, err = find("sort column", f.l.Sort); err != nil {
		return err
	}
	if f.kindAt, err = find("kind column", f.l.Kind); err != nil {
		return err
	}
	if f.valAt, err = find("value column", f.l.Value); err != nil {
		return err
	}
	return nil
}

// openStream opens path's content, decompressed if it is gzip or zstd.
func openStream(path string) (io.ReadCloser, bool, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, false, err
	}
	br := bufio.NewReaderSize(fh, 1<<20)
	magic, _ := br.Peek(4)
	switch {
	case bytes.HasPrefix(magic, []byte(gzipMagic)):
		zr, err := gzip.NewReader(br)
		if err != nil {
			fh.Close()
			return nil, false, &ParseError{File: path, Err: fmt.Errorf("%w (gzip): %v", ErrCorrupt, err)}
		}
		return struct {
			io.Reader
			io.Closer
		}{zr, closerFunc(func() error { zr.Close(); return fh.Close() })}, true, nil
	case bytes.HasPrefix(magic, []byte(zstdMagic)):
		zr, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1))
		if err != nil {
			fh.Close()
			return nil, false, &ParseError{File: path, Err: fmt.Errorf("%w (zstd): %v", ErrCorrupt, err)}
		}
		return struct {
			io.Reader
			io.Closer
		}{zr, closerFunc(func() error { zr.Close(); return fh.Close() })}, true, nil
	}
	return struct {
		io.Reader
		io.Closer
	}{br, fh}, false, nil
}

type closerFunc func() error

func (c closerFunc) Close() error { return c() }

// streamErr names path in a decompression error.
func streamErr(path string, compressed bool, err error) error {
	if compressed && !errors.Is(err, os.ErrNotExist) {
		return &ParseError{File: path, Err: fmt.Errorf("%w: %v", ErrCorrupt, err)}
	}
	return err
}

// IndexLong reads the long-format file at path once, in blocks, and
// returns its columns and series. The rows of an id must be contiguous
// (ErrNotContiguous names the first row that breaks it).
func IndexLong(path string, format Format, dialect Dialect, header Header, l Long) (*LongIndex, error) {
	f, err := l.prepare(path, format, dialect, header)
	if err != nil {
		return nil, err
	}
	if f.npy {
		return f.indexNPY()
	}
	return f.indexText()
}

// longRecord is one record of a long text file.
type longRecord struct {
	start, end int // bytes of the record in the buffer, line end excluded
	line       int // its first line
	lines      int // lines it spans (quoted line ends)
}

// textScanner cuts a delimited stream into records, in blocks.
type textScanner struct {
	f          *longFile
	cls        *[256]uint8
	rd         io.Reader
	buf        []byte
	pos        int   // next byte to scan in buf
	base       int64 // stream offset of buf[0]
	line       int   // line of buf[pos]
	eof        bool
	compressed bool
}

// next returns the next record (blank and comment lines skipped), or
// false at the end of the stream.
func (s *textScanner) next() (longRecord, bool, error) {
	for {
		// Skip blank lines and comments at the start of a line.
		i := s.pos
		for i < len(s.buf) && s.cls[s.buf[i]]&readBlank != 0 {
			i++
		}
		if i < len(s.buf) && s.cls[s.buf[i]]&(readEOL|readComment) != 0 {
			e, ok := s.lineEnd(i)
			if ok {
				s.pos, s.line = e, s.line+1
				continue
			}
		}
		if i < len(s.buf) || (s.eof && s.pos >= len(s.buf)) {
			if rec, ok := s.record(); ok {
				return rec, true, nil
			}
		}
		if s.eof {
			if i < len(s.buf) && s.cls[s.buf[i]]&readComment == 0 { // a last record without a line end
				rec := longRecord{start: s.pos, end: len(s.buf), line: s.line, lines: 1}
				s.pos = len(s.buf)
				return rec, true, nil
			}
			return longRecord{}, false, nil
		}
		if err := s.fill(); err != nil {
			return longRecord{}, false, err
		}
	}
}

// lineEnd returns the offset after the line end at or after i, if the
// buffer holds it.
func (s *textScanner) lineEnd(i int) (int, bool) {
	j := bytes.IndexAny(s.buf[i:], "\r\n")
	if j < 0 {
		return 0, false
	}
	j += i
	if s.buf[j] == '\r' {
		if j+1 == len(s.buf) && !s.eof {
			return 0, false // \r\n may straddle blocks
		}
		if j+1 < len(s.buf) && s.buf[j+1] == '\n' {
			j++
		}
	}
	return j + 1, true
}

// record cuts the record at s.pos if the buffer holds all of it.
func (s *textScanner) record() (longRecord, bool) {
	rec := longRecord{start: s.pos, line: s.line, lines: 1}
	// The usual record: a line ending in \n (or \r\n), no quote, no lone \r.
	if nl := bytes.IndexByte(s.buf[s.pos:], '\n'); nl >= 0 {
		line := s.buf[s.pos : s.pos+nl]
		cr := bytes.IndexByte(line, '\r')
		if (cr < 0 || cr == nl-1) && (!s.f.d.Quote || bytes.IndexByte(line, '"') < 0) {
			rec.end = s.pos + nl
			if cr >= 0 {
				rec.end--
			}
			s.pos, s.line = s.pos+nl+1, s.line+1
			return rec, true
		}
	}
	quoted := false
	for i := s.pos; i < len(s.buf); i++ {
		c := s.buf[i]
		switch {
		case c == '"' && s.f.d.Quote:
			quoted = !quoted
		case c == '\n' || c == '\r':
			if quoted {
				if c == '\r' && i+1 < len(s.buf) && s.buf[i+1] == '\n' {
					i++
				}
				rec.lines++
				continue
			}
			e, ok := s.lineEnd(i)
			if !ok {
				return rec, false
			}
			rec.end = i
			s.pos, s.line = e, s.line+rec.lines
			return rec, true
		}
	}
	return rec, false
}

// fill keeps the unscanned bytes and reads more.
func (s *textScanner) fill() error {
	if s.pos > 0 {
		n := copy(s.buf, s.buf[s.pos:])
		s.base += int64(s.pos)
		s.buf, s.pos = s.buf[:n], 0
	}
	if cap(s.buf)-len(s.buf) < 1<<20 {
		s.buf = slices.Grow(s.buf, max(1<<20, len(s.buf)))
	}
	n, err := s.rd.Read(s.buf[len(s.buf):cap(s.buf)])
	s.buf = s.buf[:len(s.buf)+n]
	if err == io.EOF {
		s.eof = true
		return nil
	}
	if err != nil {
		return streamErr(s.f.path, s.compressed, err)
	}
	return nil
}

// longField is a field of a record: rec[start:end], unquoted; escaped if
// it holds "" for a quote.
type longField struct {
	start, end int
	escaped    bool
}

// text returns the field's text.
func (fl longField) text(rec []byte) string {
	t := string(rec[fl.start:fl.end])
	if fl.escaped {
		t = strings.ReplaceAll(t, `""`, `"`)
	}
	return t
}

// fields splits the record rec into its fields, appending to dst, up to
// limit fields (all if limit < 0); blanks around fields and quotes are
// left out.
func (f *longFile) fields(dst []longField, cls *[256]uint8, rec []byte, limit int) []longField {
	blank := func(i int) bool { return i < len(rec) && cls[rec[i]]&readBlank != 0 }
	i := 0
	for {
		for blank(i) {
			i++
		}
		if i < len(rec) && cls[rec[i]]&readComment != 0 {
			return dst
		}
		var fl longField
		if f.d.Quote && i < len(rec) && rec[i] == '"' {
			j := i + 1
			for j < len(rec) {
				if rec[j] == '"' {
					if j+1 < len(rec) && rec[j+1] == '"' {
						fl.escaped = true
						j += 2
						continue
					}
					break
				}
				j++
			}
			fl.start, fl.end = i+1, j
			i = min(j+1, len(rec))
			for blank(i) {
				i++
			}
		} else {
			j := i
			for j < len(rec) && cls[rec[j]]&(readSep|readComment) == 0 && (f.d.Sep != 0 || cls[rec[j]]&readBlank == 0) {
				j++
			}
			e := j
			for e > i && cls[rec[e-1]]&readBlank != 0 {
				e--
			}
			fl.start, fl.end = i, e
			i = j
		}
		for fl.start < fl.end && cls[rec[fl.start]]&readBlank != 0 {
			fl.start++
		}
		for fl.end > fl.start && cls[rec[fl.end-1]]&readBlank != 0 {
			fl.end--
		}
		dst = append(dst, fl)
		if len(dst) == limit {
			return dst
		}
		if f.d.Sep == 0 {
			for blank(i) {
				i++
			}
			if i >= len(rec) || cls[rec[i]]&readComment != 0 {
				return dst
			}
			continue
		}
		if i >= len(rec) || rec[i] != f.d.Sep {
			return dst
		}
		i++
	}
}

func (f *longFile) indexText() (*LongIndex, error) {
	rd, compressed, err := openStream(f.path)
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	s := &textScanner{f: f, cls: f.d.table(), rd: rd, line: 1, compressed: compressed}
	ix := &LongIndex{}
	var flds []longField
	first := true
	seen := map[string]int{} // id -> its series
	kinds := map[string]bool{}
	var cur *LongSeries
	for {
		rec, ok, err := s.next()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		raw := s.buf[rec.start:rec.end]
		if first && rec.start == 0 && s.base == 0 && bytes.HasPrefix(raw, readBOM) {
			raw = raw[len(readBOM):]
		}
		limit := -1
		if !first {
			limit = max(f.idAt, f.kindAt) + 1
		}
		flds = f.fields(flds[:0], s.cls, raw, limit)
		if first {
			first = false
			names := make([]string, len(flds))
			for k, fl := range flds {
				if f.header {
					names[k] = fl.text(raw)
				} else {
					names[k] = "c" + strconv.Itoa(k)
				}
			}
			at := map[string]int{}
			for k, n := range names {
				if n == "" {
					names[k] = "c" + strconv.Itoa(k)
				}
				if j, dup := at[names[k]]; dup {
					return nil, &ParseError{File: f.path, Line: rec.line, Column: flds[k].start + 1, Err: fmt.Errorf("%w %q: columns %d and %d both have it", ErrDuplicateColumn, names[k], j+1, k+1)}
				}
				at[names[k]] = k
			}
			if err := f.setNames(names); err != nil {
				return nil, err
			}
			ix.Names = names
			if f.header {
				continue
			}
		}
		if len(flds) < limit {
			return nil, &ParseError{File: f.path, Line: rec.line, Err: fmt.Errorf("%w: got %d, want %d", ErrFieldCount, len(flds), len(f.names))}
		}
		idField := flds[f.idAt]
		if f.kindAt >= 0 {
			if k := flds[f.kindAt]; !kinds[string(raw[k.start:k.end])] {
				kinds[k.text(raw)] = true
			}
		}
		off := s.base + int64(rec.start)
		if cur == nil || string(raw[idField.start:idField.end]) != cur.ID || idField.escaped {
			id := idField.text(raw)
			if k, dup := seen[id]; dup && (cur == nil || id != cur.ID) {
				prev := ix.Series[k]
				return nil, &ParseError{File: f.path, Line: rec.line, Err: fmt.Errorf("%w: id %q comes again after other ids (its rows began on line %d); sort the table by id", ErrNotContiguous, id, prev.Line)}
			}
			if cur == nil || id != cur.ID {
				seen[id] = len(ix.Series)
				ix.Series = append(ix.Series, LongSeries{ID: id, Start: off, Line: rec.line})
				cur = &ix.Series[len(ix.Series)-1]
			}
		}
		cur.End = s.base + int64(rec.end)
		cur.Rows++
	}
	if ix.Names == nil || len(ix.Series) == 0 {
		return nil, &ParseError{File: f.path, Err: fmt.Errorf("%w: no data rows", ErrEmptyFile)}
	}
	if f.kindAt >= 0 {
		ix.Kinds = slices.Sorted(maps.Keys(kinds))
	}
	return ix, nil
}

// npyLayout is a .npy long file's header: rows, columns and bytes a row.
type npyLayout struct {
	h          *npyio.Header
	rows, cols int
	rowBytes   int64
}

func (f *longFile) npyLayout() (*npyLayout, error) {
	fh, err := os.Open(f.path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return nil, err
	}
	h, err := npyio.ReadHeader(fh)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.path, err)
	}
	if len(h.Shape) != 2 || h.Fortran {
		return nil, &ParseError{File: f.path, Err: fmt.Errorf("%w %s: a long table is a 2-D array in C order", ErrShape, npyio.ShapeString(h.Shape))}
	}
	lay := &npyLayout{h: h, rows: h.Shape[0], cols: h.Shape[1]}
	if lay.cols != len(f.names) {
		return nil, &ParseError{File: f.path, Err: fmt.Errorf("%w: %d columns, %d names", ErrLongColumn, lay.cols, len(f.names))}
	}
	// The rows are read by offset, so the body must be what the header
	// says, as npyio.ReadFile requires.
	switch size := st.Size() - h.DataOffset; {
	case size < h.DataSize():
		return nil, fmt.Errorf("%s: %w: the header promises %d bytes of data, the file holds %d", f.path, io.ErrUnexpectedEOF, h.DataSize(), size)
	case size > h.DataSize():
		return nil, fmt.Errorf("%s: %w", f.path, npyio.ErrTrailingData)
	}
	lay.rowBytes = int64(h.ItemSize()) * int64(lay.cols)
	return lay, nil
}

// npyRows reads rows [a, b) of the array, row-major.
func (f *longFile) npyRows(lay *npyLayout, a, b int) ([]float64, error) {
	fh, err := os.Open(f.path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	hdr := npyio.EncodeHeader(lay.h.Descr, false, []int{b - a, lay.cols})
	data := make([]byte, len(hdr)+int(int64(b-a)*lay.rowBytes))
	copy(data, hdr)
	if _, err := fh.ReadAt(data[len(hdr):], lay.h.DataOffset+int64(a)*lay.rowBytes); err != nil {
		return nil, fmt.Errorf("%s: %w", f.path, err)
	}
	arr, err := npyio.ReadBytes(f.path, data)
	if err != nil {
		return nil, err
	}
	if arr.IsComplex() {
		return nil, &ParseError{File: f.path, Err: fmt.Errorf("%w %s", ErrDType, arr.Descr)}
	}
	return arr.Float64s(), nil
}

// idText is how an id read from a .npy file is written: an integer in
// full, another number as Python's repr.
func idText(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1<<63 {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// KeyText is the form in which ids and labels' index fields are matched:
// an integer's canonical digits ("007" and "7" are one id), else the text.
func KeyText(s string) string {
	if n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil {
		return strconv.FormatInt(n, 10)
	}
	return s
}

func (f *longFile) indexNPY() (*LongIndex, error) {
	if err := f.setNames(f.names); err != nil {
		return nil, err
	}
	if f.kindAt >= 0 {
		return nil, &ParseError{File: f.path, Err: fmt.Errorf("%w: the stacked format's kinds are names: use CSV or text", ErrLongColumn)}
	}
	lay, err := f.npyLayout()
	if err != nil {
		return nil, err
	}
	ix := &LongIndex{Names: f.names}
	seen := map[float64]int{}
	const block = 1 << 16
	var cur *LongSeries
	curID := math.NaN()
	for a := 0; a < lay.rows; a += block {
		b := min(a+block, lay.rows)
		v, err := f.npyRows(lay, a, b)
		if err != nil {
			return nil, err
		}
		for r := a; r < b; r++ {
			id := v[(r-a)*lay.cols+f.idAt]
			if cur == nil || id != curID {
				if k, dup := seen[id]; dup || id != id {
					what := "comes again after other ids (its rows began at row " + strconv.Itoa(int(ix.Series[max(k, 0)].Start)) + ")"
					if id != id {
						what = "is NaN"
					}
					return nil, &ParseError{File: f.path, Err: fmt.Errorf("%w: row %d: id %s %s", ErrNotContiguous, r, idText(id), what)}
				}
				seen[id] = len(ix.Series)
				ix.Series = append(ix.Series, LongSeries{ID: idText(id), Start: int64(r)})
				cur, curID = &ix.Series[len(ix.Series)-1], id
			}
			cur.End = int64(r + 1)
			cur.Rows++
		}
	}
	if len(ix.Series) == 0 {
		return nil, &ParseError{File: f.path, Err: fmt.Errorf("%w: no rows", ErrEmptyFile)}
	}
	return ix, nil
}

// ReadLong reads series s of the long file at path (indexed by IndexLong
// with the same format, dialect, header and layout) into a Table: rows
// ordered by the sort column (stably, NaN last), the id and sort columns
// left out; in the stacked format one column per kind, sorted by name.
// It reads only the series' bytes, except from a compressed file, which
// it decompresses up to them.
func (r *Reader) ReadLong(path string, ix *LongIndex, l Long, s LongSeries) (*Table, error) {
	f, err := l.prepare(path, r.Format, r.Dialect, r.Header)
	if err != nil {
		return nil, err
	}
	if err := f.setNames(ix.Names); err != nil {
		return nil, err
	}
	var vals []float64 // row-major, every column (NaN for text ones)
	if f.npy {
		lay, err := f.npyLayout()
		if err != nil {
			return nil, err
		}
		if vals, err = f.npyRows(lay, int(s.Start), int(s.End)); err != nil {
			return nil, err
		}
		return f.table(vals, nil, s)
	}
	if err := r.loadRange(f, s); err != nil {
		return nil, err
	}
	cls := f.d.table()
	var flds []longField
	var kinds []string
	var num []byte
	sc := &textScanner{f: f, cls: cls, buf: r.buf, line: s.Line, eof: true}
	for {
		rec, ok, _ := sc.next()
		if !ok {
			break
		}
		raw := r.buf[rec.start:rec.end]
		flds = f.fields(flds[:0], cls, raw, -1)
		if len(flds) != len(f.names) {
			return nil, &ParseError{File: path, Line: rec.line, Err: fmt.Errorf("%w: got %d, want %d", ErrFieldCount, len(flds), len(f.names))}
		}
		for k, fl := range flds {
			switch k {
			case f.idAt:
				vals = append(vals, math.NaN())
			case f.kindAt:
				vals = append(vals, math.NaN())
				kinds = append(kinds, fl.text(raw))
			default:
				num = raw[fl.start:fl.end]
				var v float64
				ok := false
				if f.d.Decimal == ',' {
					num = swapDecimal(r.swapped[:0], num)
					r.swapped = num
				} else if len(num) > 0 {
					// The fast path of plain numbers; r.buf ends in a line end.
					var end int
					v, end, ok = numparse.Prefix(r.buf, rec.start+fl.start)
					ok = ok && end == rec.start+fl.end
				}
				if !ok {
					v, ok = numparse.Parse(num)
				}
				if !ok {
					return nil, &ParseError{File: path, Line: rec.line, Column: fl.start + 1, Err: fmt.Errorf("%w %s in column %q", ErrSyntax, formatField(raw[fl.start:fl.end]), f.names[k])}
				}
				vals = append(vals, v)
			}
		}
	}
	return f.table(vals, kinds, s)
}

// longStream is the long file a Reader reads series from, kept open
// between series: a compressed one is decompressed once, forward, when
// its series are read in order.
type longStream struct {
	path string
	fh   *os.File      // the file, for ReadAt when it is not compressed
	rd   io.ReadCloser // its decompressed content, when it is
	pos  int64         // rd's position in the content
}

func (ls *longStream) close() {
	if ls.rd != nil {
		ls.rd.Close()
	}
	if ls.fh != nil {
		ls.fh.Close()
	}
}

// Release closes the long file the Reader keeps open between series.
func (r *Reader) Release() {
	if r.long != nil {
		r.long.close()
		r.long = nil
	}
}

// loadRange reads series s's bytes into r.buf.
func (r *Reader) loadRange(f *longFile, s LongSeries) error {
	n := int(s.End - s.Start)
	r.size = int64(n)
	if cap(r.buf) < n+1 {
		r.buf = make([]byte, n, n+512)
	}
	r.buf = r.buf[:n]
	ls := r.long
	if ls != nil && (ls.path != f.path || (ls.rd != nil && s.Start < ls.pos)) {
		r.Release()
		ls = nil
	}
	if ls == nil {
		rd, compressed, err := openStream(f.path)
		if err != nil {
			return err
		}
		ls = &longStream{path: f.path, rd: rd}
		if !compressed {
			rd.Close()
			if ls.fh, err = os.Open(f.path); err != nil {
				return err
			}
			ls.rd = nil
		}
		r.long = ls
	}
	if ls.rd == nil {
		if m, err := ls.fh.ReadAt(r.buf, s.Start); m < n {
			return fmt.Errorf("%s: %w (changed since it was indexed?)", f.path, err)
		}
		r.buf = append(r.buf, '\n') // numparse.Prefix reads up to a line end
		return nil
	}
	if _, err := io.CopyN(io.Discard, ls.rd, s.Start-ls.pos); err != nil {
		r.Release()
		return streamErr(f.path, true, err)
	}
	if _, err := io.ReadFull(ls.rd, r.buf); err != nil {
		r.Release()
		return streamErr(f.path, true, err)
	}
	ls.pos = s.End
	r.buf = append(r.buf, '\n')
	return nil
}

// sorted reports whether the rows are in order of the sort column already
// (the usual table), NaNs last.
func (f *longFile) sorted(vals []float64) bool {
	ncol := len(f.names)
	for i := ncol + f.sortAt; i < len(vals); i += ncol {
		a, b := vals[i-ncol], vals[i]
		if a > b || (a != a && b == b) {
			return false
		}
	}
	return true
}

// table builds series s's Table from its rows (row-major, every column
// of the file) and, in the stacked format, each row's kind.
func (f *longFile) table(vals []float64, kinds []string, s LongSeries) (*Table, error) {
	ncol := len(f.names)
	rows := len(vals) / ncol
	order := make([]int, rows)
	for i := range order {
		order[i] = i
	}
	if f.sortAt >= 0 && !f.sorted(vals) {
		key := func(i int) float64 { return vals[i*ncol+f.sortAt] }
		slices.SortStableFunc(order, func(a, b int) int {
			ka, kb := key(a), key(b)
			switch {
			case ka < kb || (ka == ka && kb != kb):
				return -1
			case ka > kb || (ka != ka && kb == kb):
				return 1
			}
			return 0
		})
	}
	t := &Table{}
	if f.kindAt >= 0 {
		byKind := map[string][]float64{}
		for _, i := range order {
			byKind[kinds[i]] = append(byKind[kinds[i]], vals[i*ncol+f.valAt])
		}
		t.Names = slices.Sorted(maps.Keys(byKind))
		for _, k := range t.Names {
			col := byKind[k]
			if t.Rows == 0 {
				t.Rows = len(col)
			} else if len(col) != t.Rows {
				return nil, &ParseError{File: f.path, Line: s.Line, Err: fmt.Errorf("%w: id %q has %d rows of kind %q and %d of %q", ErrKindLengths, s.ID, t.Rows, t.Names[0], len(col), k)}
			}
			t.Cols = append(t.Cols, col)
		}
		return t, nil
	}
	for k, n := range f.names {
		if k == f.idAt || k == f.sortAt {
			continue
		}
		col := make([]float64, rows)
		for j, i := range order {
			col[j] = vals[i*ncol+k]
		}
		t.Names = append(t.Names, n)
		t.Cols = append(t.Cols, col)
	}
	t.Rows = rows
	if len(t.Cols) == 0 {
		return nil, &ParseError{File: f.path, Err: fmt.Errorf("%w: no value columns besides the id and sort columns", ErrLongColumn)}
	}
	return t, nil
}
