package pipeline

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/featurize/featurize/feature"
	"github.com/featurize/featurize/input"
	"github.com/featurize/featurize/npyio"
)

// output is one final array being assembled under a temp name.
type output struct {
	name  string // "feature", "target", "groups"
	final string
	tmp   string
	dtype npyio.DType
	width int
	rows  int
	// unsynced counts the bytes appended since the last StartWriteback.
	unsynced int64
	npy      *npyio.Writer // --format npy
	file     *os.File      // --format txt
	buf      *bufio.Writer
	text     *npyio.TextWriter
}

// writebackBytes is how much the merge appends to an output between
// starts of its background writeback.
const writebackBytes = 8 << 20

// merger appends chunks' part files to the final outputs in chunk order,
// whatever order the chunks finish in. Parts wait on disk, not in memory.
type merger struct {
	spec    *Spec
	outDir  string
	format  Format
	outs    []*output
	next    int
	pending map[int]*partRecord
	series  *seriesOut // series_rows.npy and the lists, as chunks come
	shards  []ShardInfo
	shardAt map[string]int // index in shards
	rows    int
	done    bool
	// names are the built-in features' names, made while the chunks
	// compute (a wide file's are millions); builtNames takes them.
	names chan builtNames
}

type builtNames struct {
	names []string
	grid  *nameGrid
}

func newMerger(spec *Spec, outDir string, format Format, runID string) (*merger, error) {
	m := &merger{spec: spec, outDir: outDir, format: format, pending: map[int]*partRecord{}, shardAt: map[string]int{}}
	var set *feature.Set
	if len(spec.Features) > 0 {
		var err error
		// Plan checked a run's own features; a merge's come from the
		// shards' records, which another program may have written.
		if set, err = feature.ParseSet(spec.Features); err != nil {
			return nil, usageErr("pipeline: the run's features: %w (a program with features of its own merges its own shards)", err)
		}
	}
	m.names = make(chan builtNames, 1)
	go func() {
		var b builtNames
		if set != nil {
			b = builtNames{set.Names(spec.Columns), &nameGrid{spec.Columns, set.FeatureNames()}}
		}
		m.names <- b
	}()
	fdt, err := npyio.ParseDType(spec.DType)
	if err != nil {
		return nil, err
	}
	type plan struct {
		name  string
		dt    npyio.DType
		width int
	}
	plans := []plan{{"feature", fdt, spec.Width()}}
	if spec.HasTarget() {
		tdt, err := npyio.ParseDType(spec.TargetDType)
		if err != nil {
			return nil, err
		}
		plans = append(plans, plan{"target", tdt, 0})
	}
	plans = append(plans, plan{"groups", npyio.Int64, 0})
	for _, p := range plans {
		o := &output{name: p.name, dtype: p.dt, width: p.width}
		o.final = filepath.Join(outDir, p.name+"."+format.String())
		o.tmp = filepath.Join(outDir, fmt.Sprintf(".%s.%s.tmp-%s", p.name, format, runID))
		if format == FormatNPY {
			o.npy, err = npyio.Create(o.tmp, p.dt, p.width)
		} else {
			o.file, err = os.Create(o.tmp)
			if err == nil {
				o.buf = bufio.NewWriterSize(o.file, 1<<20)
				o.text = npyio.NewTextWriter(o.buf)
			}
		}
		if err != nil {
			m.abort()
			return nil, err
		}
		m.outs = append(m.outs, o)
	}
	if m.series, err = newSeriesOut(spec, outDir, runID); err != nil {
		m.abort()
		return nil, err
	}
	return m, nil
}

// add takes a finished chunk and appends every chunk now next in order.
func (m *merger) add(rec *partRecord) error {
	m.pending[rec.Chunk] = rec
	for {
		r, ok := m.pending[m.next]
		if !ok {
			return nil
		}
		delete(m.pending, m.next)
		if err := m.appendChunk(r); err != nil {
			return err
		}
		if err := m.series.add(r); err != nil {
			return err
		}
		m.addShard(r)
		m.rows += r.Rows
		m.next += r.count()
	}
}

// addShard records where a sharded run computed rec's chunks.
func (m *merger) addShard(rec *partRecord) {
	if rec.Shard == "" {
		return
	}
	at, ok := m.shardAt[rec.Shard]
	if !ok {
		at = len(m.shards)
		m.shardAt[rec.Shard] = at
		m.shards = append(m.shards, ShardInfo{Shard: rec.Shard, Host: rec.Host})
	}
	for c := rec.Chunk; c < rec.Chunk+rec.count(); c++ {
		m.shards[at].Chunks = append(m.shards[at].Chunks, c)
	}
	m.shards[at].Seconds += rec.Seconds
}

func (m *merger) appendChunk(rec *partRecord) error {
	for _, o := range m.outs {
		part := m.spec.partPath(rec.Chunk, o.name+".npy")
		n, err := o.appendPart(part)
		if err != nil {
			return fmt.Errorf("pipeline: merge %s: %w", part, err)
		}
		if n != rec.Rows {
			return fmt.Errorf("pipeline: merge %s: %d rows; its record says %d", part, n, rec.Rows)
		}
		// Start writing to disk every few MiB, not after each (maybe tiny)
		// part: the call costs a system call per output.
		o.unsynced += int64(n) * int64(max(o.width, 1)) * int64(o.dtype.Size())
		if o.npy != nil && o.unsynced >= writebackBytes {
			o.npy.StartWriteback()
			o.unsynced = 0
		}
	}
	return nil
}

// appendPart copies one part's rows to o and returns how many there were.
func (o *output) appendPart(part string) (int, error) {
	if o.npy != nil {
		n, err := o.npy.AppendFile(part)
		o.rows += n
		return n, err
	}
	n, err := o.appendText(part)
	o.rows += n
	return n, err
}

// appendText streams a part's rows into the text output, a row at a time.
func (o *output) appendText(part string) (int, error) {
	f, err := os.Open(part)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	h, err := npyio.ReadHeader(f)
	if err != nil {
		return 0, err
	}
	width := max(o.width, 1)
	if h.Descr != o.dtype.Descr() || len(h.Shape) == 0 || h.Count() != h.Shape[0]*width {
		return 0, fmt.Errorf("part is %s %v; want %s with %d values a row", h.Descr, h.Shape, o.dtype.Descr(), width)
	}
	size := o.dtype.Size()
	r := bufio.NewReaderSize(f, 64<<10)
	raw := make([]byte, width*size)
	row := make([]float64, width)
	for i := 0; i < h.Shape[0]; i++ {
		if _, err := io.ReadFull(r, raw); err != nil {
			return i, fmt.Errorf("row %d: %w", i, err)
		}
		for j := range row {
			b := raw[j*size:]
			switch o.dtype {
			case npyio.Float64:
				row[j] = math.Float64frombits(binary.LittleEndian.Uint64(b))
			case npyio.Float32:
				row[j] = float64(math.Float32frombits(binary.LittleEndian.Uint32(b)))
			case npyio.Int64:
				row[j] = float64(int64(binary.LittleEndian.Uint64(b)))
			}
		}
		if err := o.text.WriteRow(row); err != nil {
			return i, err
		}
	}
	return h.Shape[0], nil
}

// finish closes the outputs, renames them into place and writes the
// manifest last; timing is called just before the manifest is written.
func (m *merger) finish(man *Manifest, timing func()) ([]string, error) {
	if m.next != len(m.spec.Chunks) {
		return nil, fmt.Errorf("pipeline: merge: %d of %d chunks merged; chunk %d missing", m.next, len(m.spec.Chunks), m.next)
	}
	for _, o := range m.outs {
		var err error
		if o.npy != nil {
			err = o.npy.Close()
			o.npy = nil
		} else {
			err = o.text.Flush()
			if err == nil {
				err = o.buf.Flush()
			}
			if err == nil {
				err = o.file.Sync()
			}
			if cerr := o.file.Close(); err == nil {
				err = cerr
			}
			o.file = nil
		}
		if err != nil {
			return nil, fmt.Errorf("pipeline: write %s: %w", o.final, err)
		}
	}
	sidecars, err := m.series.finish()
	if err != nil {
		return nil, fmt.Errorf("pipeline: write the series files: %w", err)
	}
	man.Series.Rows, man.Series.Paths, man.Series.IDs = sidecars["rows"], sidecars["paths"], sidecars["ids"]
	man.Lists = map[string]string{}
	for _, k := range []string{"skipped", "warnings", "extra_columns"} {
		if f := sidecars[k]; f != "" {
			man.Lists[k] = f
		}
	}
	man.Sidecars = nil
	for _, f := range sidecars {
		man.Sidecars = append(man.Sidecars, f)
	}
	slices.Sort(man.Sidecars)
	// An earlier run's outputs must not pass for this run's: its manifest
	// goes first, then any array or file this run does not write (those
	// it writes are replaced by the renames). A run that fails before here
	// leaves the earlier run's outputs whole.
	if err := m.removeOld(man.Sidecars); err != nil {
		return nil, err
	}
	var paths []string
	for _, o := range m.outs {
		if err := os.Rename(o.tmp, o.final); err != nil {
			return nil, err
		}
		paths = append(paths, o.final)
	}
	if err := m.series.rename(); err != nil {
		return nil, err
	}
	for _, f := range man.Sidecars {
		paths = append(paths, filepath.Join(m.outDir, f))
	}
	timing()
	mpath := filepath.Join(m.outDir, "manifest.json")
	if err := writeFileRenamed(mpath, "", func(w io.Writer) error { return writeManifest(w, man) }, true); err != nil {
		return nil, err
	}
	m.done = true
	syncDir(m.outDir)
	return append(paths, mpath), nil
}

// removeOld removes the manifest of an earlier run in outDir, then the
// arrays it lists that this run does not write. Files no featurize
// manifest lists are not featurize's to remove.
func (m *merger) removeOld(sidecars []string) error {
	mpath := filepath.Join(m.outDir, "manifest.json")
	arrays, files, ok := earlierOutputs(mpath)
	if !ok {
		return nil // none, or not a manifest of ours: the rename replaces it
	}
	if err := removeIfExists(mpath); err != nil {
		return err
	}
	writes := map[string]bool{}
	for _, o := range m.outs {
		writes[filepath.Base(o.final)] = true
	}
	for _, f := range sidecars {
		writes[f] = true
	}
	for _, a := range arrays {
		files = append(files, a.Path)
	}
	for _, f := range files {
		name := filepath.Base(f)
		if !writes[name] && (outputName.MatchString(name) || sidecarName[name]) {
			if err := removeIfExists(filepath.Join(m.outDir, name)); err != nil {
				return err
			}
		}
	}
	return nil
}

// earlierOutputs reads the arrays and sidecar files a featurize manifest
// lists. It stops reading at the arrays, which come after the sidecars
// and before the feature names (which may be tens of megabytes).
func earlierOutputs(path string) (arrays map[string]ArrayInfo, sidecars []string, ok bool) {
	arrays, ok = earlierArrays(path, &sidecars)
	return arrays, sidecars, ok
}

func earlierArrays(path string, sidecars *[]string) (map[string]ArrayInfo, bool) {
	f, err := os.Open(path)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReader(f))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, false
	}
	var tool string
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return nil, false
		}
		switch key {
		case "tool":
			if dec.Decode(&tool) != nil || tool != "featurize" {
				return nil, false
			}
		case "sidecars":
			if dec.Decode(sidecars) != nil {
				return nil, false
			}
		case "arrays":
			var arrays map[string]ArrayInfo
			if dec.Decode(&arrays) != nil || tool != "featurize" {
				return nil, false
			}
			return arrays, true
		default:
			if dec.Decode(new(json.RawMessage)) != nil {
				return nil, false
			}
		}
	}
	return nil, false
}

// outputName matches the arrays a run writes.
var outputName = regexp.MustCompile(`^(feature|target|groups)\.(npy|txt)$`)

func removeIfExists(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// abort removes the temp outputs of an unfinished merge. It is idempotent.
func (m *merger) abort() {
	if m.done {
		return
	}
	if m.series != nil {
		m.series.abort()
	}
	for _, o := range m.outs {
		if o.npy != nil {
			o.npy.Abort()
			o.npy = nil
		}
		if o.file != nil {
			o.file.Close()
			o.file = nil
		}
		os.Remove(o.tmp)
	}
}

// syncDir makes renames in dir durable; failure only costs durability.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// Manifest describes a run's outputs; it is written as manifest.json.
type Manifest struct {
	Tool string `json:"tool"`
	// Sidecars and Arrays come first, before the long lists: see
	// earlierArrays. Sidecars are the files beside the arrays (Series,
	// Lists).
	Sidecars     []string             `json:"sidecars"`
	Arrays       map[string]ArrayInfo `json:"arrays"`
	Version      string               `json:"version"`
	Created      string               `json:"created"`
	Input        ManifestInput        `json:"input"`
	Options      ManifestOptions      `json:"options"`
	FeatureNames []string             `json:"feature_names"`
	Target       TargetInfo           `json:"target"`
	// Series says where each series' rows are and where it came from.
	Series SeriesInfo `json:"series"`
	// Skipped, Warnings and ExtraColumns show the first 20 of each; the
	// counts are of all, and Lists names the .jsonl file holding all of a
	// list that has more.
	Skipped           []Skipped         `json:"skipped"`
	SkippedCount      int               `json:"skipped_count"`
	Warnings          []string          `json:"warnings"`
	WarningsCount     int               `json:"warnings_count"`
	ExtraColumns      []ExtraColumns    `json:"extra_columns,omitempty"`
	ExtraColumnsCount int               `json:"extra_columns_count,omitempty"`
	Lists             map[string]string `json:"lists,omitempty"`
	// ExtraLabels are labels whose index has no input file.
	ExtraLabels []int       `json:"extra_labels,omitempty"`
	Shards      []ShardInfo `json:"shards,omitempty"`
	Timings     Timings     `json:"timings"`
	Memory      Memory      `json:"memory"`
	// grid, when set, says that FeatureNames begins with each of columns
	// joined to each of features, so that writeManifest escapes the parts
	// once instead of every name.
	grid *nameGrid
}

// SeriesInfo names the files that say where series i (from 1) is: its
// rows of the arrays are [rows[i-1], rows[i]) of Rows (series_rows.npy,
// Count+1 int64 offsets); its file is line i of Paths (series_paths.txt)
// when the input was a glob or a list, else the pattern of Input with i in
// it; a long table's series has its id on line i of IDs (series_ids.txt).
type SeriesInfo struct {
	Count int    `json:"count"`
	Rows  string `json:"rows"`
	Paths string `json:"paths,omitempty"`
	IDs   string `json:"ids,omitempty"`
}

// Memory is the peak resident memory of the run's processes, KiB.
type Memory struct {
	ParentMaxRSSKiB int64 `json:"parent_max_rss_kib"`
	WorkerMaxRSSKiB int64 `json:"worker_max_rss_kib"`
}

// ManifestInput says where the inputs came from: numbered files of
// Pattern, the files Glob matched, or a list (Listed); files lists each
// one's path by index.
type ManifestInput struct {
	Dir     string `json:"dir"`
	Pattern string `json:"pattern,omitempty"`
	Glob    string `json:"glob,omitempty"`
	Listed  bool   `json:"listed,omitempty"`
	// Table and Long: a long table (Dir is its folder) and its layout.
	Table string      `json:"table,omitempty"`
	Long  *input.Long `json:"long,omitempty"`
	N     int         `json:"n"`
}

type ManifestOptions struct {
	Window       int      `json:"window"`
	Stride       int      `json:"stride"`
	Columns      []string `json:"columns"`
	Features     []string `json:"features"`
	TargetColumn string   `json:"target_column,omitempty"`
	Horizon      int      `json:"horizon"`
	Labels       string   `json:"labels,omitempty"`
	Chunks       int      `json:"chunks"`
	Workers      int      `json:"workers"`
	Engine       string   `json:"engine"`
	Format       string   `json:"format"`
	DType        string   `json:"dtype"`
	SkipBad      bool     `json:"skip_bad"`
	Header       string   `json:"header"` // the rule for first rows: auto, yes or no
	// WorkerCommand is the external worker command, whose features
	// follow the built-in ones; WorkerPer says whether it computes per
	// file or per chunk.
	WorkerCommand []string `json:"worker_command,omitempty"`
	WorkerPer     string   `json:"worker_per,omitempty"`
}

// ArrayInfo is one output array.
type ArrayInfo struct {
	Path  string `json:"path"`
	DType string `json:"dtype"`
	Shape []int  `json:"shape"`
}

// TargetInfo says where target.npy came from; Kind "none" means no
// target.npy was written.
type TargetInfo struct {
	Kind    string `json:"kind"`
	Column  string `json:"column,omitempty"`
	Horizon int    `json:"horizon,omitempty"`
	Labels  string `json:"labels,omitempty"`
	DType   string `json:"dtype,omitempty"`
	// Classes are the class names of labels that are not numbers, in code
	// order: target value k is Classes[k].
	Classes []string `json:"classes,omitempty"`
}

// ShardInfo says where a chunk was computed, for sharded runs.
type ShardInfo struct {
	Shard   string  `json:"shard"`
	Host    string  `json:"host"`
	Chunks  []int   `json:"chunks"`
	Seconds float64 `json:"seconds"`
}

// Timings are wall-clock seconds of each stage.
type Timings struct {
	Plan    float64 `json:"plan"`
	Compute float64 `json:"compute"`
	Merge   float64 `json:"merge"`
	Total   float64 `json:"total"`
}

// nameGrid is the columns and features whose "{column}__{feature}" names
// lead a manifest's FeatureNames.
type nameGrid struct{ columns, features []string }

func (m *merger) manifest(workers int, engine string) *Manifest {
	s := m.spec
	built := <-m.names
	m.names <- built // for a later call
	names, grid := append(built.names, s.ExtNames...), built.grid
	man := &Manifest{
		Tool:         "featurize",
		Version:      Version,
		Created:      time.Now().UTC().Format(time.RFC3339),
		Input:        manifestInput(s),
		FeatureNames: names,
		Arrays:       map[string]ArrayInfo{},
		Skipped:      []Skipped{},
		Warnings:     append([]string{}, s.Notes...),
		ExtraLabels:  s.ExtraLabels,
		Options: ManifestOptions{Window: s.Window, Stride: s.Stride, Columns: s.Columns, Features: s.Features,
			TargetColumn: s.TargetColumn, Horizon: s.Horizon, Labels: s.AbsLabels, Chunks: len(s.Chunks),
			Workers: workers, Engine: engine, Format: m.format.String(), DType: s.DType, SkipBad: s.SkipBad, Header: s.Header,
			WorkerCommand: s.External, WorkerPer: s.ExtPer},
		Target: TargetInfo{Kind: "none"},
		grid:   grid,
	}
	switch {
	case s.TargetColumn != "":
		man.Target = TargetInfo{Kind: "column", Column: s.TargetColumn, Horizon: s.Horizon, DType: s.TargetDType}
	case s.LabelsFile != "":
		man.Target = TargetInfo{Kind: "labels", Labels: s.AbsLabels, DType: s.TargetDType, Classes: s.Classes}
	case s.ExtTarget:
		man.Target = TargetInfo{Kind: "worker", DType: s.TargetDType}
	}
	for _, o := range m.outs {
		shape := []int{o.rows}
		if o.width > 0 {
			shape = append(shape, o.width)
		}
		man.Arrays[o.name] = ArrayInfo{Path: filepath.Base(o.final), DType: o.dtype.Descr(), Shape: shape}
	}
	se := m.series
	man.Series.Count = s.N
	man.Skipped = append(man.Skipped, se.skipped.first...)
	man.SkippedCount = se.skipped.count
	man.Warnings = append(man.Warnings, se.warnings.first...)
	man.WarningsCount = len(s.Notes) + se.warnings.count
	man.ExtraColumns, man.ExtraColumnsCount = se.extra.first, se.extra.count
	man.Shards = m.shards
	if w := extraColumnsWarning(s, man.ExtraColumns, man.ExtraColumnsCount); w != "" {
		man.Warnings = append(man.Warnings, w)
		man.WarningsCount++
	}
	return man
}

// extraColumnsWarning sums up, in one message, the files that have
// columns the first file lacks.
func extraColumnsWarning(s *Spec, extra []ExtraColumns, count int) string {
	if count == 0 {
		return ""
	}
	var files []string
	for _, e := range extra[:min(len(extra), 3)] {
		files = append(files, fmt.Sprintf("%s (%s)", s.FilePath(e.Index), strings.Join(e.Columns[:min(len(e.Columns), 5)], ", ")))
	}
	more := ""
	if count > 3 {
		more = fmt.Sprintf(" and %d more", count-3)
	}
	where := "manifest.json lists them under extra_columns"
	if count > manifestListed {
		where = "manifest.json lists the first under extra_columns, " + ExtraColumnsFile + " all"
	}
	have := "files have"
	if count == 1 {
		have = "file has"
	}
	return fmt.Sprintf("%d %s columns that the first file does not, which no feature reads: %s%s; %s",
		count, have, strings.Join(files, ", "), more, where)
}

func manifestInput(s *Spec) ManifestInput {
	in := ManifestInput{Dir: s.AbsDir, N: s.N}
	switch {
	case s.Long != nil:
		in.Dir, in.Table, in.Long = filepath.Dir(s.Long.File), s.Long.File, &s.Long.Long
	case s.Glob != "":
		in.Glob = s.Glob
	case s.Files != nil:
		in.Listed = true
	default:
		in.Pattern = s.Pattern
	}
	return in
}
