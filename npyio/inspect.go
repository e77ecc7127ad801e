package npyio

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
)

// MaxInspectColumns bounds the columns for which Inspect keeps head values
// and per-column statistics.
const MaxInspectColumns = 1 << 16

// Info describes a .npy file, for featurize inspect.
//
// Info marshals to JSON with snake_case keys; non-finite statistics and
// head values, which JSON numbers cannot hold, become the strings "nan",
// "inf" and "-inf".
type Info struct {
	Path       string `json:"path"`
	Version    string `json:"version"` // "1.0", "2.0" or "3.0"
	Descr      string `json:"descr"`
	Shape      []int  `json:"shape"`
	Fortran    bool   `json:"fortran_order"`
	HeaderLen  int    `json:"header_len"`
	DataOffset int64  `json:"data_offset"`
	FileSize   int64  `json:"file_size"`

	// Head holds the first rows in C order: the first min(headRows,
	// shape[0]) rows, each the row's values flattened (one value for a
	// 1-D or 0-d array), at most MaxInspectColumns of them. Only rows
	// whose data is complete are included.
	Head [][]float64 `json:"head"`

	// Min, Mean and Max hold one value per column (per element of a
	// row flattened, for arrays of 2 or more dimensions) or a single
	// value (for 0-d and 1-D arrays, and for rows of more than
	// MaxInspectColumns values), over the complete elements present.
	// NaN values propagate, as in numpy. Complex values contribute their
	// real parts. They are nil when there are no values.
	Min  []float64 `json:"min"`
	Mean []float64 `json:"mean"`
	Max  []float64 `json:"max"`

	// Summary has one entry per column of Min: what a modeller checks
	// first.
	Summary []ColumnSummary `json:"summary"`
	// Names, if set (from the manifest beside a featurize output), name
	// the columns.
	Names []string `json:"names,omitempty"`

	// Problems lists defects of the body that do not stop inspection: a
	// truncated body, trailing bytes, bool bytes other than 0 and 1.
	Problems []string `json:"problems"`
}

// ColumnSummary is one column's NaN and infinite counts, whether it is
// constant (every value that is not NaN equal, at least one), and its
// minimum, mean and maximum over the values that are not NaN (NaN if there
// are none), as np.nanmin, np.nanmean and np.nanmax.
type ColumnSummary struct {
	NaN      int     `json:"nan"`
	Inf      int     `json:"inf"`
	Constant bool    `json:"constant"`
	Min      float64 `json:"min"`
	Mean     float64 `json:"mean"`
	Max      float64 `json:"max"`
}

// MarshalJSON writes non-finite values as "nan", "inf", "-inf".
func (c ColumnSummary) MarshalJSON() ([]byte, error) {
	type plain ColumnSummary
	return json.Marshal(struct {
		plain
		Min  jsonFloat `json:"min"`
		Mean jsonFloat `json:"mean"`
		Max  jsonFloat `json:"max"`
	}{plain(c), jsonFloat(c.Min), jsonFloat(c.Mean), jsonFloat(c.Max)})
}

// MarshalJSON implements json.Marshaler.
func (i Info) MarshalJSON() ([]byte, error) {
	type plain Info // without methods
	out := struct {
		*plain
		Head [][]jsonFloat `json:"head"`
		Min  []jsonFloat   `json:"min"`
		Mean []jsonFloat   `json:"mean"`
		Max  []jsonFloat   `json:"max"`
	}{plain: (*plain)(&i), Min: jsonFloats(i.Min), Mean: jsonFloats(i.Mean), Max: jsonFloats(i.Max)}
	for _, row := range i.Head {
		out.Head = append(out.Head, jsonFloats(row))
	}
	// Without HTML escaping, so a descr reads "<f8", not "\u003cf8".
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// jsonFloat is a float64 whose non-finite values marshal as strings.
type jsonFloat float64

func (f jsonFloat) MarshalJSON() ([]byte, error) {
	v := float64(f)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(appendSavetxt([]byte{'"'}, v), '"'), nil
	}
	return strconv.AppendFloat(nil, v, 'g', -1, 64), nil
}

func jsonFloats(v []float64) []jsonFloat {
	if v == nil {
		return nil
	}
	out := make([]jsonFloat, len(v))
	for i, x := range v {
		out[i] = jsonFloat(x)
	}
	return out
}

// Inspect reads the header of the .npy file at path and streams its body
// once to collect the first headRows rows and per-column statistics. A
// broken header is an error (see ReadHeader), naming path; a truncated or
// overlong body is reported in Info.Problems. A negative headRows counts
// as 0.
// Memory use is bounded by a 1 MiB buffer plus the head and one
// accumulator per column, for at most MaxInspectColumns columns.
func Inspect(path string, headRows int) (*Info, error) {
	headRows = max(headRows, 0)
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	h, err := ReadHeader(f)
	if err != nil {
		return nil, withFile(path, err)
	}
	info := &Info{
		Path:       path,
		Version:    h.Version(),
		Descr:      h.Descr,
		Shape:      h.Shape,
		Fortran:    h.Fortran,
		HeaderLen:  h.HeaderLen,
		DataOffset: h.DataOffset,
		FileSize:   fi.Size(),
	}
	t, _ := parseDescr(h.Descr)
	n := h.Count()
	need := h.DataSize()
	avail := max(info.FileSize-h.DataOffset, 0)
	present := n
	if avail < need {
		present = int(avail / int64(t.size))
		info.Problems = append(info.Problems, fmt.Sprintf(
			"truncated body: %d of %d data bytes, %d of %d elements complete", avail, need, present, n))
	} else if avail > need {
		info.Problems = append(info.Problems, fmt.Sprintf("%d trailing bytes after the data", avail-need))
	}

	rows, cols := 1, 1
	if len(h.Shape) > 0 {
		rows = h.Shape[0]
		for _, d := range h.Shape[1:] {
			cols *= d
		}
	}
	statCols := cols
	if cols > MaxInspectColumns {
		statCols = 1
	}
	s := newColStats(statCols)
	headRows = min(headRows, rows)
	headCols := min(cols, MaxInspectColumns)
	head := make([]float64, headRows*headCols)
	headSeen := make([]bool, len(head)) // Fortran order fills the head out of order
	headEnd := headRows * cols          // C index of the first element after the head

	// Walk the elements in file order, tracking the C index c of each.
	fortran := h.Fortran && len(h.Shape) > 1
	cstride := make([]int, len(h.Shape))
	idx := make([]int, len(h.Shape))
	if fortran {
		st := 1
		for k := len(h.Shape) - 1; k >= 0; k-- {
			cstride[k] = st
			st *= h.Shape[k]
		}
	}
	bad := 0
	buf := make([]byte, min(int64(readChunk/t.size*t.size), avail/int64(t.size)*int64(t.size)))
	vals := make([]float64, len(buf)/t.size)
	scratch := makeData(t, len(vals))
	c := 0
	for at := 0; at < present; {
		m := min(len(vals), present-at)
		raw := buf[:m*t.size]
		if _, err := io.ReadFull(f, raw); err != nil {
			return nil, withFile(path, formatErr(h.DataOffset+int64(at)*int64(t.size), eofErr(err), "reading data"))
		}
		bad += rawToFloat64s(t, vals[:m], raw, scratch)
		for _, v := range vals[:m] {
			col := c % cols
			if statCols == 1 {
				s.add(0, v)
			} else {
				s.add(col, v)
			}
			if c < headEnd && col < headCols {
				k := c/cols*headCols + col
				head[k] = v
				headSeen[k] = true
			}
			if fortran {
				for k := range idx {
					idx[k]++
					c += cstride[k]
					if idx[k] < h.Shape[k] {
						break
					}
					c -= idx[k] * cstride[k]
					idx[k] = 0
				}
			} else {
				c++
			}
		}
		at += m
	}
	if bad > 0 {
		info.Problems = append(info.Problems, fmt.Sprintf("%d bool bytes are not 0 or 1", bad))
	}
	for i := 0; i < headRows; i++ {
		row := head[i*headCols : (i+1)*headCols]
		for _, seen := range headSeen[i*headCols : (i+1)*headCols] {
			if !seen {
				row = nil
				break
			}
		}
		if row == nil {
			break
		}
		info.Head = append(info.Head, row)
	}
	info.Min, info.Mean, info.Max, info.Summary = s.result()
	return info, nil
}

// rawToFloat64s converts len(dst) elements of raw to float64, using
// scratch (from makeData, at least len(dst) long) for other dtypes than
// bool; bool bytes other than 0 count as true and are counted.
func rawToFloat64s(t dtypeInfo, dst []float64, raw []byte, scratch any) (badBools int) {
	if t.kind == kindBool {
		for i, c := range raw {
			dst[i] = 0
			if c != 0 {
				dst[i] = 1
			}
			if c > 1 {
				badBools++
			}
		}
		return badBools
	}
	decode(t, scratch, 0, raw)
	toFloat64s(dst, scratch)
	return 0
}

// colStats accumulates per-column min, max and a compensated sum
// (Neumaier) for the mean.
type colStats struct {
	n         []int // values that are not NaN
	nan, inf  []int
	min, max  []float64
	sum, comp []float64
	anyValue  bool
}

func newColStats(cols int) *colStats {
	return &colStats{
		n:    make([]int, cols),
		nan:  make([]int, cols),
		inf:  make([]int, cols),
		min:  make([]float64, cols),
		max:  make([]float64, cols),
		sum:  make([]float64, cols),
		comp: make([]float64, cols),
	}
}

func (s *colStats) add(j int, v float64) {
	s.anyValue = true
	if v != v {
		s.nan[j]++
		return
	}
	if math.IsInf(v, 0) {
		s.inf[j]++
	}
	if s.n[j] == 0 || v < s.min[j] {
		s.min[j] = v
	}
	if s.n[j] == 0 || v > s.max[j] {
		s.max[j] = v
	}
	s.n[j]++
	sum := s.sum[j] + v
	if math.Abs(s.sum[j]) >= math.Abs(v) {
		s.comp[j] += (s.sum[j] - sum) + v
	} else {
		s.comp[j] += (v - sum) + s.sum[j]
	}
	s.sum[j] = sum
}

// result returns numpy's min, mean and max (NaN where a NaN is) and the
// summaries (over the values that are not NaN).
func (s *colStats) result() (lo, mean, hi []float64, sum []ColumnSummary) {
	if !s.anyValue {
		return nil, nil, nil, nil
	}
	cols := len(s.n)
	lo, mean, hi = make([]float64, cols), make([]float64, cols), make([]float64, cols)
	sum = make([]ColumnSummary, cols)
	for j := range cols {
		c := ColumnSummary{NaN: s.nan[j], Inf: s.inf[j], Min: math.NaN(), Mean: math.NaN(), Max: math.NaN()}
		if s.n[j] > 0 {
			c.Min, c.Max, c.Constant = s.min[j], s.max[j], s.min[j] == s.max[j]
			total := s.sum[j] + s.comp[j]
			if math.IsInf(s.sum[j], 0) || math.IsNaN(s.sum[j]) {
				total = s.sum[j]
			}
			c.Mean = total / float64(s.n[j])
		}
		sum[j] = c
		lo[j], mean[j], hi[j] = c.Min, c.Mean, c.Max
		if s.nan[j] > 0 || s.n[j] == 0 {
			lo[j], mean[j], hi[j] = math.NaN(), math.NaN(), math.NaN()
		}
	}
	return lo, mean, hi, sum
}

// WriteText writes info in a human-readable form: the header fields, the
// head rows and a table of the column statistics.
func (i *Info) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	order := "C"
	if i.Fortran {
		order = "Fortran"
	}
	dtype := i.Descr
	if t, ok := parseDescr(i.Descr); ok {
		dtype += " (" + dtypeName(t) + ")"
	}
	fmt.Fprintf(tw, "file:\t%s\n", i.Path)
	fmt.Fprintf(tw, "format version:\t%s\n", i.Version)
	fmt.Fprintf(tw, "dtype:\t%s\n", dtype)
	fmt.Fprintf(tw, "shape:\t%s\n", ShapeString(i.Shape))
	fmt.Fprintf(tw, "order:\t%s\n", order)
	fmt.Fprintf(tw, "header:\t%d bytes, data at offset %d\n", i.HeaderLen, i.DataOffset)
	fmt.Fprintf(tw, "file size:\t%d bytes\n", i.FileSize)
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(i.Head) > 0 {
		fmt.Fprintf(tw, "\nfirst %d rows:\n", len(i.Head))
		if len(i.Names) == len(i.Head[0]) {
			fmt.Fprintln(tw, "row\t"+strings.Join(i.Names, "\t"))
		}
		for r, row := range i.Head {
			fmt.Fprintf(tw, "%d", r)
			for _, v := range row {
				fmt.Fprintf(tw, "\t%s", formatG(v))
			}
			fmt.Fprintln(tw)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if len(i.Min) > 0 {
		title := "\nstatistics:\n"
		if t, _ := parseDescr(i.Descr); t.kind == kindComplex {
			title = "\nstatistics of the real parts:\n"
		}
		fmt.Fprint(tw, title)
		fmt.Fprintln(tw, "column\t"+i.nameHeader()+"min\tmean\tmax")
		for j := range i.Min {
			fmt.Fprintf(tw, "%d\t%s%s\t%s\t%s\n", j, i.name(j), formatG(i.Min[j]), formatG(i.Mean[j]), formatG(i.Max[j]))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if len(i.Problems) > 0 {
		fmt.Fprintln(tw, "\nproblems:")
		for _, p := range i.Problems {
			fmt.Fprintf(tw, "  %s\n", p)
		}
	}
	return tw.Flush()
}

// nameHeader and name give the name column when the columns have names.
func (i *Info) nameHeader() string {
	if len(i.Names) == 0 {
		return ""
	}
	return "name\t"
}

func (i *Info) name(j int) string {
	if len(i.Names) == 0 {
		return ""
	}
	if j < len(i.Names) {
		return i.Names[j] + "\t"
	}
	return "\t"
}

// WriteSummary writes the per-column summary as a table: NaN and infinite
// counts, constant or not, and min, mean and max of the values that are
// not NaN; then how many columns have NaN, infinities, or are constant.
func (i *Info) WriteSummary(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	fmt.Fprintf(tw, "%s: %s %s\n", i.Path, i.Descr, ShapeString(i.Shape))
	fmt.Fprintln(tw, "column\t"+i.nameHeader()+"NaN\tinf\tconstant\tmin\tmean\tmax")
	nan, inf, constant := 0, 0, 0
	for j, c := range i.Summary {
		k := "no"
		if c.Constant {
			k, constant = "yes", constant+1
		}
		if c.NaN > 0 {
			nan++
		}
		if c.Inf > 0 {
			inf++
		}
		fmt.Fprintf(tw, "%d\t%s%d\t%d\t%s\t%s\t%s\t%s\n", j, i.name(j), c.NaN, c.Inf, k, formatG(c.Min), formatG(c.Mean), formatG(c.Max))
	}
	fmt.Fprintf(tw, "%d columns: %d with NaN, %d with infinities, %d constant\n", len(i.Summary), nan, inf, constant)
	return tw.Flush()
}

func formatG(v float64) string {
	return strconv.FormatFloat(v, 'g', 6, 64)
}

func dtypeName(t dtypeInfo) string {
	var name string
	switch t.kind {
	case kindBool:
		return "bool"
	case kindInt:
		name = "int"
	case kindUint:
		name = "uint"
	case kindFloat:
		name = "float"
	case kindComplex:
		name = "complex"
	}
	name += strconv.Itoa(8 * t.size)
	if t.big {
		name += ", big-endian"
	}
	return name
}
