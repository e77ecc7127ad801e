package input

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
)

// Errors of ReadLabels beyond the readers' own.
var (
	// ErrLabelColumns: a labels file's header names no index or no label
	// column of the names asked for.
	ErrLabelColumns = errors.New("input: labels file lacks the columns")
	// ErrLabelNoHeader: column names were given for a labels file without
	// a header.
	ErrLabelNoHeader = errors.New("input: labels file has no header row")
	// ErrDuplicateIndex: an index appears twice.
	ErrDuplicateIndex = errors.New("input: index appears twice")
)

// Label is one series' label: a float64 and, when its text is an integer,
// an int64 too (exact beyond 2^53, where a float64 is not).
type Label struct {
	Float float64
	Int   int64
	IsInt bool
}

// Labels are a labels file's labels by series index.
type Labels struct {
	ByIndex map[int]Label
	// ByKey are the labels by the index field's KeyText: with ReadLabelsByKey,
	// for series named by ids that need not be integers.
	ByKey  map[string]Label
	AllInt bool // every label is an integer
	// BigInt is the first label, if any, that is an integer beyond
	// int64's range, where it was read as a float64, with its line.
	BigInt     string
	BigIntLine int
	// Classes, when a label is not a number, are the labels' distinct
	// texts in sorted order (as sklearn's LabelEncoder orders them), and
	// each label is its class's code, an int64 from 0.
	Classes []string
}

// ReadLabels reads a labels file (perhaps gzip or zstd), CSV lines of index and label, read by
// the CSV scanner (quoted fields, comments and blank lines as in data
// files). If the first record is a header (its first field is not an
// integer), the columns are found by name, index and label ("" for
// "index" and "label"), and the file may hold other columns; without a
// header the index is the first field and the label the second, and
// naming columns is an ErrLabelNoHeader.
func ReadLabels(path, index, label string) (*Labels, error) {
	return readLabels(path, index, label, false)
}

// ReadLabelsByKey reads a labels file as ReadLabels does, keyed by the
// index field's text (any id, not only integers; see KeyText), into
// ByKey. A file whose first field is not an integer has a header.
func ReadLabelsByKey(path, index, label string) (*Labels, error) {
	return readLabels(path, index, label, true)
}

func readLabels(path, index, label string, byKey bool) (*Labels, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var z decompressor
	if data, err = z.decompress(path, data); err != nil {
		return nil, err
	}
	named := index != "" || label != ""
	if index == "" {
		index = "index"
	}
	if label == "" {
		label = "label"
	}
	if n := len(data); n == 0 || (data[n-1] != '\n' && data[n-1] != '\r') {
		data = append(data, '\n')
	}
	s := readScanner{name: path, buf: data, cls: csvClass, sep: ',', quote: true, line: 1}
	if bytes.HasPrefix(data, readBOM) {
		s.pos, s.lineStart = len(readBOM), len(readBOM)
	}
	out := &Labels{ByIndex: map[int]Label{}, AllInt: true}
	texts := map[int]string{}
	keys := map[int]string{} // byKey: each position's key
	if byKey {
		out.ByKey = map[string]Label{}
	}
	classes := false // a label is not a number
	text := func(sp readField) string {
		t := string(data[sp.start:sp.end])
		if sp.escaped {
			t = strings.ReplaceAll(t, `""`, `"`)
		}
		return t
	}
	idxAt, labelAt, width := 0, 1, 2
	var spans []readField
	for first := true; s.nextRecord(); first = false {
		if spans, err = s.record(spans[:0]); err != nil {
			return nil, err
		}
		s.endRecord()
		if first {
			if _, err := strconv.Atoi(text(spans[0])); err != nil {
				names := make([]string, len(spans))
				for k, sp := range spans {
					names[k] = text(sp)
				}
				if idxAt, labelAt, err = labelHeader(path, names, index, label); err != nil {
					return nil, err
				}
				width = len(spans)
				continue
			}
			if named {
				return nil, fmt.Errorf("%s: %w, so its columns cannot be named (index first, label second)", path, ErrLabelNoHeader)
			}
		}
		if len(spans) != width {
			k := min(width, len(spans)-1)
			return nil, s.errorAt(spans[k].line, spans[k].col, fmt.Errorf("%w: got %d, want %d", ErrFieldCount, len(spans), width))
		}
		idxText, labelText := text(spans[idxAt]), text(spans[labelAt])
		key := KeyText(idxText)
		idx, err := strconv.Atoi(idxText)
		if byKey {
			if strings.TrimSpace(idxText) == "" {
				return nil, s.errorAt(spans[idxAt].line, spans[idxAt].col, fmt.Errorf("%w: the id is empty", ErrSyntax))
			}
			if _, dup := out.ByKey[key]; dup {
				return nil, s.errorAt(spans[idxAt].line, spans[idxAt].col, fmt.Errorf("%w: %s", ErrDuplicateIndex, idxText))
			}
			idx = len(out.ByKey) + 1 // a position, for the maps below
		} else if err != nil {
			return nil, s.errorAt(spans[idxAt].line, spans[idxAt].col, fmt.Errorf("%w: index %q is not an integer", ErrSyntax, idxText))
		}
		if strings.TrimSpace(labelText) == "" {
			return nil, s.errorAt(spans[labelAt].line, spans[labelAt].col, fmt.Errorf("%w: the label is empty", ErrSyntax))
		}
		var l Label
		if l.Int, err = strconv.ParseInt(labelText, 10, 64); err == nil {
			l.IsInt, l.Float = true, float64(l.Int)
		} else if l.Float, err = strconv.ParseFloat(labelText, 64); err != nil && !errors.Is(err, strconv.ErrRange) {
			classes = true
		} else if out.BigInt == "" && isIntText(labelText) {
			// Beyond int64, and perhaps beyond float64 (+Inf, as
			// Python's float() gives).
			out.BigInt, out.BigIntLine = labelText, spans[labelAt].line
		}
		out.AllInt = out.AllInt && l.IsInt
		if _, dup := out.ByIndex[idx]; dup {
			return nil, s.errorAt(spans[idxAt].line, spans[idxAt].col, fmt.Errorf("%w: %d", ErrDuplicateIndex, idx))
		}
		out.ByIndex[idx] = l
		texts[idx] = labelText
		if byKey {
			out.ByKey[key] = l
			keys[idx] = key
		}
	}
	if len(out.ByIndex) == 0 {
		return nil, &ParseError{File: path, Err: fmt.Errorf("%w: no labels", ErrEmptyFile)}
	}
	if classes {
		out.encodeClasses(texts)
	}
	if byKey {
		for idx, key := range keys {
			out.ByKey[key] = out.ByIndex[idx]
		}
		out.ByIndex = nil
	}
	return out, nil
}

// encodeClasses makes every label the code of its text among the sorted
// distinct texts.
func (ls *Labels) encodeClasses(texts map[int]string) {
	code := map[string]int64{}
	for _, t := range texts {
		code[t] = 0
	}
	ls.Classes = slices.Sorted(maps.Keys(code))
	for k, c := range ls.Classes {
		code[c] = int64(k)
	}
	for idx, t := range texts {
		ls.ByIndex[idx] = Label{Int: code[t], Float: float64(code[t]), IsInt: true}
	}
	ls.AllInt = true
}

// labelHeader finds the index and label columns among a header's names.
func labelHeader(path string, names []string, index, label string) (idxAt, labelAt int, err error) {
	idxAt, labelAt = -1, -1
	for k, n := range names {
		n = strings.TrimSpace(n)
		if n == index && idxAt < 0 {
			idxAt = k
		}
		if n == label && labelAt < 0 {
			labelAt = k
		}
	}
	if idxAt >= 0 && labelAt >= 0 {
		return idxAt, labelAt, nil
	}
	var missing []string
	if idxAt < 0 {
		missing = append(missing, fmt.Sprintf("no index column %q", index))
	}
	if labelAt < 0 {
		missing = append(missing, fmt.Sprintf("no label column %q", label))
	}
	quoted := make([]string, len(names))
	for k, n := range names {
		quoted[k] = strconv.Quote(n)
	}
	return 0, 0, fmt.Errorf("%s: %w: the header has %s (its columns: %s)", path, ErrLabelColumns, strings.Join(missing, " and "), strings.Join(quoted, ", "))
}

// isIntText says whether s is an integer literal: a sign, then digits.
func isIntText(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
