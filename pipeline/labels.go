package pipeline

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/featurize/featurize/input"
)

// label is one label, as a float64 and, if its text is an integer, as an
// int64 (exact beyond 2^53, where a float64 is not).
type label struct {
	f     float64
	i     int64
	isInt bool
}

// labelColumns name the index and label columns of a labels file with a
// header; "" means the default ("index", "label").
type labelColumns struct{ index, label string }

// readLabels reads a labels file: CSV lines index,label. If its first line
// is a header (its index field is not an integer), the columns are taken
// by name (cols, default "index" and "label"), and the file may hold
// other columns; without a header the index is the first field and the
// label the second. allInt reports whether every label is an integer.
func readLabels(path string, cols labelColumns) (labels map[int]label, allInt bool, err error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, false, Inputf("labels: %w", err)
	}
	if cols.index == "" {
		cols.index = "index"
	}
	if cols.label == "" {
		cols.label = "label"
	}
	labels = make(map[int]label)
	allInt = true
	idxAt, labelAt, width := 0, 1, 2 // field positions, and fields per line
	header := false
	for ln, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSuffix(line, "\r")
		if t := strings.TrimSpace(line); t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		fields := strings.Split(line, ",")
		// col returns the 1-based byte column of field k.
		col := func(k int) int {
			c := 1
			for _, f := range fields[:k] {
				c += len(f) + 1
			}
			return c + len(fields[k]) - len(strings.TrimLeft(fields[k], " \t"))
		}
		bad := func(k int, format string, args ...any) error {
			return Input(&input.ParseError{File: path, Line: ln + 1, Column: col(min(k, len(fields)-1)), Err: fmt.Errorf(format, args...)})
		}
		if len(labels) == 0 && !header {
			if _, err := strconv.Atoi(strings.TrimSpace(fields[0])); err != nil {
				header = true
				if idxAt, labelAt, err = labelHeader(path, fields, cols); err != nil {
					return nil, false, err
				}
				width = len(fields)
				continue
			}
			if cols.index != "index" || cols.label != "label" {
				return nil, false, usageErr("%s has no header row, so {{IndexColumn}} and {{LabelColumn}} cannot name its columns (index first, label second)", path)
			}
		}
		if len(fields) != width {
			want := "index,label"
			if header {
				want = "the header's"
			}
			return nil, false, bad(width, "want %d fields (%s); have %d", width, want, len(fields))
		}
		idxText, labelText := strings.TrimSpace(fields[idxAt]), strings.TrimSpace(fields[labelAt])
		idx, err := strconv.Atoi(idxText)
		if err != nil {
			return nil, false, bad(idxAt, "index %q is not an integer", idxText)
		}
		var l label
		if l.i, err = strconv.ParseInt(labelText, 10, 64); err == nil {
			l.isInt, l.f = true, float64(l.i)
		} else if l.f, err = strconv.ParseFloat(labelText, 64); err != nil {
			return nil, false, bad(labelAt, "label %q is not a number", labelText)
		}
		allInt = allInt && l.isInt
		if _, dup := labels[idx]; dup {
			return nil, false, bad(idxAt, "index %d appears twice", idx)
		}
		labels[idx] = l
	}
	if len(labels) == 0 {
		return nil, false, Inputf("%s: no labels", path)
	}
	return labels, allInt, nil
}

// labelHeader finds the index and label columns among a header's fields.
func labelHeader(path string, fields []string, cols labelColumns) (idxAt, labelAt int, err error) {
	idxAt, labelAt = -1, -1
	names := make([]string, len(fields))
	for k, f := range fields {
		names[k] = strings.TrimSpace(f)
		switch names[k] {
		case cols.index:
			if idxAt < 0 {
				idxAt = k
			}
		case cols.label:
			if labelAt < 0 {
				labelAt = k
			}
		}
	}
	if idxAt < 0 || labelAt < 0 {
		missing := []string{}
		if idxAt < 0 {
			missing = append(missing, fmt.Sprintf("no index column %q", cols.index))
		}
		if labelAt < 0 {
			missing = append(missing, fmt.Sprintf("no label column %q", cols.label))
		}
		return 0, 0, usageErr("%s: the header has %s (its columns: %s); name the columns with {{IndexColumn}} and {{LabelColumn}}",
			path, strings.Join(missing, " and "), strings.Join(quoteAll(names), ", "))
	}
	return idxAt, labelAt, nil
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}
