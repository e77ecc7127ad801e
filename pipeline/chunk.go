package pipeline

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/featurize/featurize/feature"
	"github.com/featurize/featurize/input"
	"github.com/featurize/featurize/internal/writeback"
	"github.com/featurize/featurize/npyio"
	"github.com/featurize/featurize/split"
)

// Task asks a worker to compute a run of consecutive chunks (usually one)
// into one set of part files, named after its first chunk.
type chunkTask struct {
	Chunk  int         `json:"chunk"`            // the first chunk
	Chunks int         `json:"chunks,omitempty"` // how many; 0 means 1
	Range  split.Range `json:"range"`            // the files of all of them
}

// count is how many chunks the task computes.
func (t chunkTask) count() int { return max(t.Chunks, 1) }

// String names the task's chunks for messages: "chunk 3", "chunks 3-9".
func (t chunkTask) String() string {
	if t.count() == 1 {
		return fmt.Sprintf("chunk %d", t.Chunk)
	}
	return fmt.Sprintf("chunks %d-%d", t.Chunk, t.Chunk+t.count()-1)
}

// Skipped is an input file left out with --skip-bad.
type Skipped struct {
	Index int    `json:"index"`
	Error string `json:"error"`
}

// ExtraColumns are the columns of an input file beyond the first file's,
// which no feature reads.
type ExtraColumns struct {
	Index   int      `json:"index"`
	Columns []string `json:"columns"`
}

// PartRecord is written beside a chunk's part files once they are
// complete; a part without its record is unfinished and never merged.
type partRecord struct {
	Version  string      `json:"version"`
	Hash     string      `json:"hash"`
	Chunk    int         `json:"chunk"`            // the first chunk
	Chunks   int         `json:"chunks,omitempty"` // how many; 0 means 1
	Of       int         `json:"of"`               // the plan's chunk count
	Range    split.Range `json:"range"`
	Rows     int         `json:"rows"`
	Bytes    int64       `json:"bytes"` // of the inputs read, as stored
	Skipped  []Skipped   `json:"skipped,omitempty"`
	Warnings []string    `json:"warnings,omitempty"`
	// Extra lists the files with columns the first file does not have.
	Extra []ExtraColumns `json:"extra_columns,omitempty"`
	Shard string         `json:"shard,omitempty"`
	Host  string         `json:"host,omitempty"`
	// CRC holds each part's CRC-32C (after its header), by kind: a local
	// run's parts are not fsynced, and --resume checks them against it.
	CRC     map[string]uint32 `json:"crc32c,omitempty"`
	Seconds float64           `json:"seconds"`
}

// Part file names within the parts directory.
func partName(chunk int, kind string) string {
	return fmt.Sprintf("part-%05d.%s", chunk, kind)
}

// PartPath returns the path of a chunk's part file of the given kind
// ("feature.npy", "target.npy", "groups.npy", "json").
func (s *Spec) partPath(chunk int, kind string) string {
	return filepath.Join(s.PartsDir, partName(chunk, kind))
}

// Events reports a worker's progress. Calls come from the worker's
// goroutine; implementations must be safe for concurrent use.
type events interface {
	FilesDone(files, rows int, bytes int64)
	Warn(msg string)
}

// recordingEvents keeps a chunk's warnings in its record, so the manifest
// lists them in file order whatever the engine, and after a resume.
type recordingEvents struct {
	events
	rec *partRecord
}

func (r *recordingEvents) Warn(msg string) {
	r.rec.Warnings = append(r.rec.Warnings, msg)
	r.events.Warn(msg)
}

// extraColumns records the columns file idx has beyond the first file's;
// the run reports them all in one warning at its end.
func (r *recordingEvents) extraColumns(idx int, names []string) {
	r.rec.Extra = append(r.rec.Extra, ExtraColumns{Index: idx, Columns: names})
}

// hashSpec hashes everything that determines a part's bytes: the resolved
// options, the chunk count and each input file's size and modification
// time.
func hashSpec(spec *Spec, stats *inputStats) string {
	h := sha256.New()
	key := *spec
	key.Chunks, key.Hash, key.PartsDir, key.Shard, key.RunID, key.Labels = nil, "", "", "", "", nil
	key.Notes, key.ExtraLabels = nil, nil
	if abs, err := filepath.Abs(key.Dir); err == nil {
		key.Dir = abs
	}
	// The columns (100,000 in a wide file), the labels (files 1..N) and
	// the stats go in binary: as JSON they were most of a plan's hashing.
	key.Columns, key.InputColumns, key.ColumnAt = nil, nil, nil
	enc := json.NewEncoder(h)
	_ = enc.Encode(key) // hashing a plain struct cannot fail
	_ = enc.Encode(len(spec.Chunks))
	var b [8]byte
	bw := bufio.NewWriterSize(h, 64<<10)
	for _, names := range [][]string{spec.Columns, spec.InputColumns} {
		bw.Write(binary.LittleEndian.AppendUint64(b[:0], uint64(len(names))))
		for _, n := range names {
			bw.Write(binary.LittleEndian.AppendUint64(b[:0], uint64(len(n))))
			bw.WriteString(n)
		}
	}
	bw.Write(binary.LittleEndian.AppendUint64(b[:0], uint64(len(spec.ColumnAt))))
	for _, at := range spec.ColumnAt {
		bw.Write(binary.LittleEndian.AppendUint64(b[:0], uint64(at)))
	}
	bw.Flush() // into a hash: cannot fail
	h.Write(binary.LittleEndian.AppendUint64(b[:0], uint64(len(spec.Labels))))
	for k := 0; k < len(spec.Labels); k += 4096 {
		chunk := spec.Labels[k:min(k+4096, len(spec.Labels))]
		buf := make([]byte, 0, 8*len(chunk))
		for _, l := range chunk {
			buf = binary.LittleEndian.AppendUint64(buf, l)
		}
		h.Write(buf)
	}
	h.Write(stats.sum)
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// Computer computes chunks; it holds one worker's reusable scratch.
type computer struct {
	spec    *Spec
	eval    *feature.Evaluator
	nf      int // features per column
	reader  *input.Reader
	rows    []float64 // a file's feature rows, row-major, grown as needed
	target  []float64
	targetI []int64
	group   []int64
	cols    [][]float64 // the feature columns of the file being computed

	// The column lookup of the last file read, reused while the next
	// files have the same names (the usual case).
	lastNames []string
	colIdx    []int // of spec.Columns, then the target column (-1: none)
	lastExtra []string
	inputCols map[string]bool // spec.InputColumns, made on first need

	windowBatch int                           // windows computed at a time
	fileHook    func(task chunkTask, idx int) // tests' fault injection, or nil

	ext  *extFeed  // the external worker's answers, while a task runs on one
	comb []float64 // a row of built-in and external features
}

// newComputer prepares a worker for spec.
func newComputer(spec *Spec) (*computer, error) {
	set := &feature.Set{}
	if len(spec.Features) > 0 { // none: an external worker's features alone
		var err error
		if set, err = feature.ParseSet(spec.Features); err != nil {
			return nil, err
		}
	}
	header, err := input.ParseHeader(spec.Header)
	if err != nil {
		return nil, err
	}
	reader := input.NewReader()
	reader.Header = header
	reader.Format, _ = input.LookupFormat(spec.InputFormat)
	reader.Dialect = spec.Dialect
	return &computer{
		spec:    spec,
		eval:    set.NewEvaluator(),
		nf:      set.Len(),
		reader:  reader,
		target:  make([]float64, 1),
		targetI: make([]int64, 1),
		group:   make([]int64, 1),

		windowBatch: windowBatch,
		fileHook:    workerFileHook,
	}, nil
}

// partWriters are a chunk's three part files, written under temp names.
type partWriters struct {
	spec                    *Spec
	feature, target, groups *npyio.Writer
	// series holds the rows each file of the task's range gave (0 for a
	// skipped one), an int64 a file: the merge's series_rows.npy, without
	// a list per file in the record.
	series      *npyio.Writer
	one         [1]int64
	final, kind map[*npyio.Writer]string
}

func (c *computer) createParts(chunk int) (*partWriters, error) {
	s := c.spec
	pw := &partWriters{spec: s, final: map[*npyio.Writer]string{}, kind: map[*npyio.Writer]string{}}
	create := func(kind string, dt npyio.DType, width int) (*npyio.Writer, error) {
		final := s.partPath(chunk, kind)
		w, err := npyio.Create(s.tempName(final), dt, width)
		if err != nil {
			return nil, err
		}
		if !s.durableParts() {
			w.SkipSync()
		}
		pw.final[w], pw.kind[w] = final, kind
		return w, nil
	}
	fdt, err := npyio.ParseDType(s.DType)
	if err != nil {
		return nil, err
	}
	if pw.feature, err = create("feature.npy", fdt, s.Width()); err != nil {
		return nil, err
	}
	if s.HasTarget() {
		tdt, err := npyio.ParseDType(s.TargetDType)
		if err != nil {
			pw.abort()
			return nil, err
		}
		if pw.target, err = create("target.npy", tdt, 0); err != nil {
			pw.abort()
			return nil, err
		}
	}
	if pw.groups, err = create("groups.npy", npyio.Int64, 0); err != nil {
		pw.abort()
		return nil, err
	}
	if pw.series, err = create("series.npy", npyio.Int64, 0); err != nil {
		pw.abort()
		return nil, err
	}
	return pw, nil
}

// fileDone records the rows the next file of the task gave.
func (pw *partWriters) fileDone(rows int) error {
	pw.one[0] = int64(rows)
	return pw.series.WriteInt64s(pw.one[:])
}

func (pw *partWriters) all() []*npyio.Writer {
	var ws []*npyio.Writer
	for _, w := range []*npyio.Writer{pw.feature, pw.target, pw.groups, pw.series} {
		if w != nil {
			ws = append(ws, w)
		}
	}
	return ws
}

func (pw *partWriters) abort() {
	for _, w := range pw.all() {
		w.Abort()
	}
}

// commit closes every part (fsyncing a shard's), renames it into place
// and returns the parts' CRCs by kind.
func (pw *partWriters) commit() (map[string]uint32, error) {
	crcs := map[string]uint32{}
	for _, w := range pw.all() {
		if err := w.Close(); err != nil {
			pw.abort()
			return nil, err
		}
		crcs[pw.kind[w]], _ = w.DataCRC()
	}
	for _, w := range pw.all() {
		final := pw.final[w]
		if err := os.Rename(pw.spec.tempName(final), final); err != nil {
			return nil, err
		}
	}
	return crcs, nil
}

// durableParts reports whether parts and records are fsynced. A shard's
// are: they are its job's result, merged elsewhere and later. A local
// run's are not: fsync was a sixth of a run's wall time, and its parts
// matter only to --resume after a crash, which checks their CRCs (a
// machine crash can leave a renamed file with lost data; a killed process
// cannot).
func (s *Spec) durableParts() bool { return s.Shard != "" }

// run computes task's chunks into their part files and record. It is
// the one worker function every engine runs.
func (c *computer) run(ctx context.Context, task chunkTask, ev events) (*partRecord, error) {
	rec, err := c.processChunk(ctx, task, ev)
	return rec, explainNoSpace(err)
}

func (c *computer) processChunk(ctx context.Context, task chunkTask, ev events) (*partRecord, error) {
	s := c.spec
	// An existing record with this spec's hash stays valid while the parts
	// are rewritten: they come out byte-identical and each appears by
	// rename, so a second copy of a shard never unmakes the first's work.
	pw, err := c.createParts(task.Chunk)
	if err != nil {
		return nil, err
	}
	t0 := time.Now()
	rec := &partRecord{Version: Version, Hash: s.Hash, Chunk: task.Chunk, Chunks: task.Chunks, Of: len(s.Chunks), Range: task.Range}
	rev := &recordingEvents{events: ev, rec: rec}
	for idx := task.Range.Start; idx < task.Range.Stop; idx++ {
		if err := ctx.Err(); err != nil {
			pw.abort()
			return nil, err
		}
		if c.fileHook != nil {
			c.fileHook(task, idx)
		}
		rows, err := c.processFile(ctx, idx, pw, rev)
		skipped := err != nil
		if skipped {
			if !s.SkipBad || !errors.Is(err, ErrInput) {
				pw.abort()
				return nil, err
			}
			rec.Skipped = append(rec.Skipped, Skipped{Index: idx, Error: err.Error()})
			rev.Warn(fmt.Sprintf("skipped %v", err))
			rows = 0
		}
		if err := pw.fileDone(rows); err != nil {
			pw.abort()
			return nil, err
		}
		rec.Bytes += c.reader.Size()
		if skipped {
			rev.FilesDone(1, 0, c.reader.Size())
			continue
		}
		rec.Rows += rows
		rev.FilesDone(1, rows, c.reader.Size())
	}
	return c.finishChunk(pw, rec, t0)
}

// finishChunk commits a task's parts and writes its record.
func (c *computer) finishChunk(pw *partWriters, rec *partRecord, t0 time.Time) (*partRecord, error) {
	s := c.spec
	crcs, err := pw.commit()
	if err != nil {
		return nil, err
	}
	rec.CRC = crcs
	rec.Shard = s.Shard
	rec.Host, _ = os.Hostname()
	rec.Seconds = time.Since(t0).Seconds()
	if err := s.writeRecord(rec); err != nil {
		return nil, err
	}
	return rec, nil
}

// processFile appends one input file's rows. A file that fails after some
// of its rows were written poisons the parts, so callers that skip bad
// files rely on every input error happening before the first row.
func (c *computer) processFile(ctx context.Context, idx int, pw *partWriters, ev *recordingEvents) (int, error) {
	s := c.spec
	path := s.FilePath(idx)
	// The external worker's answer comes first, even for a file that fails
	// below, so that the answers stay in step with the files.
	var ext *extRows
	if c.ext != nil {
		var err error
		if ext, err = c.ext.next(idx, path); err != nil {
			return 0, err
		}
		if c.nf == 0 {
			return c.writeExtRows(pw, idx, ext)
		}
	}
	lay, warn, extra, err := c.layout(idx, path)
	if len(extra) > 0 {
		ev.extraColumns(idx, extra)
	}
	if err != nil || warn != "" {
		if warn != "" {
			ev.Warn(warn)
		}
		return 0, err
	}
	cols, targetCol, nwin, w, stride := lay.cols, lay.targetCol, lay.windows, lay.w, lay.stride
	nf := c.nf
	width := s.builtinWidth()
	if ext != nil && ext.rows != nwin {
		return 0, inputf("%s: %w: the worker gave %d rows; the built-in features have %d windows", path, ErrExtAnswer, ext.rows, nwin)
	}
	// Batches of windows, computed column by column (ComputeWindows shares
	// work between overlapping windows), bound the buffer whatever the
	// file's length; the values do not depend on the batching.
	batch := min(nwin, c.windowBatch)
	if cap(c.rows) < batch*width {
		c.rows = make([]float64, batch*width)
	}
	rows := 0
	for first := 0; first < nwin; first += batch {
		if first > 0 && ctx.Err() != nil {
			return rows, ctx.Err()
		}
		count := min(batch, nwin-first)
		buf := c.rows[:count*width]
		for j, col := range cols {
			c.eval.Windows(buf, width, j*nf, col[first*stride:], w, stride, count)
		}
		for i := 0; i < count; i++ {
			row := buf[i*width : (i+1)*width]
			if ext != nil {
				k := ext.width
				c.comb = append(append(c.comb[:0], row...), ext.x[(first+i)*k:(first+i+1)*k]...)
				row = c.comb
			}
			if err := c.writeRow(pw, idx, targetCol, ext, first+i, row, (first+i)*stride+w-1); err != nil {
				return rows, err
			}
			rows++
		}
	}
	return rows, nil
}

// fileLayout is an input read and cut into windows, as processFile
// computes them.
type fileLayout struct {
	cols      [][]float64 // the feature columns
	targetCol []float64   // the target column, or nil
	windows   int
	w, stride int
}

// layout reads input idx and finds its feature and target columns, its
// windows, and the columns it has beyond the first file's. A file with no
// window gives the warning a run prints and no error; one whose columns
// are missing, an input error.
func (c *computer) layout(idx int, path string) (lay fileLayout, warn string, extra []string, err error) {
	s := c.spec
	tbl, err := readInput(c.reader, s, idx)
	if err != nil {
		return lay, "", nil, asInput(err)
	}
	idx2, extra, err := c.lookupColumns(path, tbl)
	if err != nil {
		return lay, "", nil, err
	}
	cols := c.cols[:0]
	for _, k := range idx2[:len(s.Columns)] {
		cols = append(cols, tbl.Cols[k])
	}
	c.cols = cols
	lay.cols = cols
	if k := idx2[len(s.Columns)]; k >= 0 {
		lay.targetCol = tbl.Cols[k]
	}
	lay.windows, lay.w, lay.stride, warn = s.windows(path, tbl.Rows, lay.targetCol != nil)
	return lay, warn, extra, nil
}

// windows returns how many windows a file of n rows gives, with their
// length and stride, and, if it gives none, the warning a run prints.
func (s *Spec) windows(path string, n int, target bool) (count, w, stride int, warn string) {
	w, stride = s.Window, s.Stride
	if w == 0 {
		w, stride = n, max(n, 1)
	}
	if n < w || n == 0 {
		rows := "rows"
		if n == 1 {
			rows = "row"
		}
		return 0, w, stride, fmt.Sprintf("%s: %d %s, fewer than --window %d: no windows", path, n, rows, w)
	}
	// The windows written: starts 0, stride, 2*stride, ... while the window
	// fits and, with a target column, its target row is in the file.
	for start := 0; start+w <= n; start += stride {
		if target && start+w-1+s.Horizon >= n {
			break
		}
		count++
	}
	if count == 0 {
		return 0, w, stride, fmt.Sprintf("%s: %d rows: no window has its target row (--horizon %d) inside the file", path, n, s.Horizon)
	}
	return count, w, stride, ""
}

// lookupColumns returns the indices in tbl of the feature columns and
// then of the target column (-1 if none), and the names tbl has beyond the
// first file's. Finding n columns among m names costs O(n + m), and
// nothing while the files keep the same names.
func (c *computer) lookupColumns(path string, tbl *input.Table) ([]int, []string, error) {
	s := c.spec
	if c.colIdx != nil && slices.Equal(tbl.Names, c.lastNames) {
		return c.colIdx, c.lastExtra, nil
	}
	if len(s.ColumnAt) == len(s.Columns)+1 && slices.Equal(tbl.Names, s.InputColumns) {
		c.lastNames, c.colIdx, c.lastExtra = s.InputColumns, s.ColumnAt, nil
		return c.colIdx, nil, nil
	}
	at := make(map[string]int, len(tbl.Names))
	for k := len(tbl.Names) - 1; k >= 0; k-- {
		at[tbl.Names[k]] = k // the first of equal names wins
	}
	idx := make([]int, 0, len(s.Columns)+1)
	for _, name := range s.Columns {
		k, ok := at[name]
		if !ok {
			return nil, nil, inputf("%s: %w %q (columns: %v)", path, ErrUnknownColumn, name, tbl.Names)
		}
		idx = append(idx, k)
	}
	target := -1
	if s.TargetColumn != "" {
		k, ok := at[s.TargetColumn]
		if !ok {
			return nil, nil, inputf("%s: %w %q for --target-column (columns: %v)", path, ErrUnknownColumn, s.TargetColumn, tbl.Names)
		}
		target = k
	}
	idx = append(idx, target)
	if c.inputCols == nil {
		c.inputCols = make(map[string]bool, len(s.InputColumns))
		for _, n := range s.InputColumns {
			c.inputCols[n] = true
		}
	}
	var extra []string
	for _, n := range tbl.Names {
		if !c.inputCols[n] {
			extra = append(extra, n)
		}
	}
	c.lastNames, c.colIdx, c.lastExtra = slices.Clone(tbl.Names), idx, extra
	return idx, extra, nil
}

// writeExtRows writes an external worker's rows for file idx, the only
// features of the run.
func (c *computer) writeExtRows(pw *partWriters, idx int, ext *extRows) (int, error) {
	for i := range ext.rows {
		if err := c.writeRow(pw, idx, nil, ext, i, ext.x[i*ext.width:(i+1)*ext.width], 0); err != nil {
			return i, err
		}
	}
	return ext.rows, nil
}

// windowBatch is how many windows processFile computes at a time.
const windowBatch = 4096

// writeRow appends one window's features, target and group; last is the
// window's last row in the file.
func (c *computer) writeRow(pw *partWriters, idx int, targetCol []float64, ext *extRows, i int, features []float64, last int) error {
	if err := pw.feature.WriteRow(features); err != nil {
		return err
	}
	switch {
	case pw.target == nil:
	case ext != nil && ext.y != nil:
		c.target[0] = ext.y[i]
		if err := pw.target.WriteRow(c.target); err != nil {
			return err
		}
	default:
		if err := c.writeTarget(pw.target, idx, targetCol, last); err != nil {
			return err
		}
	}
	c.group[0] = int64(idx)
	return pw.groups.WriteInt64s(c.group)
}

func (c *computer) writeTarget(w *npyio.Writer, idx int, targetCol []float64, last int) error {
	s := c.spec
	if targetCol != nil {
		c.target[0] = targetCol[last+s.Horizon]
		return w.WriteRow(c.target)
	}
	label := s.Labels[idx-1]
	if s.TargetDType == "int64" {
		c.targetI[0] = int64(label)
		return w.WriteInt64s(c.targetI)
	}
	c.target[0] = math.Float64frombits(label)
	return w.WriteRow(c.target)
}

// WriteRecord writes rec atomically beside its parts: the record is what
// makes the parts count as complete. Its temp file carries the run's ID,
// like the parts', so removeTemps finds it after a worker died mid-write.
func (s *Spec) writeRecord(rec *partRecord) error {
	path := s.partPath(rec.Chunk, "json")
	return writeJSONAtomic(path, s.tempName(path), rec, s.durableParts())
}

// count is how many chunks the record's parts hold.
func (r *partRecord) count() int { return max(r.Chunks, 1) }

// ReadRecord returns the record of the parts that start at chunk if they
// are complete and made with the same spec hash; otherwise nil.
func (s *Spec) readRecord(chunk int) *partRecord { return s.readRecordCRC(chunk, true) }

// readRecordCRC is readRecord, checking the parts' CRCs only if crc is set
// (their headers and sizes always).
func (s *Spec) readRecordCRC(chunk int, crc bool) *partRecord {
	data, err := os.ReadFile(s.partPath(chunk, "json"))
	if err != nil {
		return nil
	}
	var rec partRecord
	if json.Unmarshal(data, &rec) != nil || rec.Version != Version || rec.Hash != s.Hash || rec.Chunk != chunk || rec.Chunks < 0 || chunk+rec.count() > len(s.Chunks) ||
		rec.Range != (split.Range{Start: s.Chunks[chunk].Start, Stop: s.Chunks[chunk+rec.count()-1].Stop}) {
		return nil
	}
	for _, kind := range s.partKinds() {
		sum, ok := rec.CRC[kind]
		rows := rec.Rows
		if kind == "series.npy" {
			rows = rec.Range.Len() // a value a file
		}
		if !partComplete(s.partPath(chunk, kind), rows, sum, ok && crc) {
			return nil
		}
	}
	return &rec
}

func (s *Spec) partKinds() []string {
	kinds := []string{"feature.npy", "groups.npy", "series.npy"}
	if s.HasTarget() {
		kinds = slices.Insert(kinds, 1, "target.npy")
	}
	return kinds
}

// tempName is where a part is written before its rename: unique to the
// run, so two shards racing on one chunk never write the same file.
func (s *Spec) tempName(final string) string {
	return final + ".tmp-" + s.RunID
}

// bytesWriter is a writeFileRenamed content of fixed bytes.
func bytesWriter(data []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}
}

// writeFileRenamed writes path's content, made by write, through the temp
// file tmp (a new one of a unique name if tmp is "") and rename, with an
// fsync before the rename if sync is set. On failure the temp file is
// removed.
func writeFileRenamed(path, tmp string, write func(io.Writer) error, sync bool) error {
	f, err := createTemp(path, tmp)
	if err != nil {
		return err
	}
	var to io.Writer = f
	if sync {
		to = &writebackWriter{f: f}
	}
	bw := bufio.NewWriterSize(to, 256<<10)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil && sync {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// writebackWriter writes to f and starts the writeback of every 8 MiB
// written, so that a large file's fsync (a wide run's manifest: 42 MB)
// does not wait for all of it at the end.
type writebackWriter struct {
	f     *os.File
	since int
}

func (w *writebackWriter) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	if w.since += n; w.since >= 8<<20 {
		writeback.Start(w.f)
		w.since = 0
	}
	return n, err
}

// createTemp creates tmp, or with tmp "" a file of a unique name beside
// path, readable by others as the final file will be.
func createTemp(path, tmp string) (*os.File, error) {
	if tmp != "" {
		return os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(0o644); err != nil { // CreateTemp's 0600 would hide it
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return f, nil
}
