package pipeline

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/featurize/featurize/feature"
	"github.com/featurize/featurize/npyio"
	"github.com/featurize/featurize/split"
)

// Version is featurize's version, recorded in manifests and part records;
// it is part of the resume hash, so parts and records of another version
// are never reused (0.2.0: local parts are CRC-checked instead of fsynced,
// which 0.1.0 would not check).
var Version = "0.3.0"

// Sentinel errors. Usage errors are the caller's flags; input errors come
// from the data; ErrInterrupted means the run was cancelled.
var (
	ErrUsage         = errors.New("usage")
	ErrInput         = errors.New("bad input")
	ErrInterrupted   = errors.New("interrupted")
	ErrMissingFile   = errors.New("pipeline: missing input file")
	ErrUnknownColumn = errors.New("pipeline: unknown column")
	ErrMissingLabel  = errors.New("pipeline: no label for file")
	ErrNoFiles       = errors.New("pipeline: no input files")
	ErrWorker        = errors.New("pipeline: worker failed")
	ErrNoSpace       = errors.New("pipeline: out of space for the outputs (disk full or file size limit)")
)

// explainNoSpace marks a write that failed for want of space, so the user
// reads why and not only which file.
func explainNoSpace(err error) error {
	if err != nil && !errors.Is(err, ErrNoSpace) && (errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EFBIG) || errors.Is(err, syscall.EDQUOT)) {
		return fmt.Errorf("%w: %w", ErrNoSpace, err)
	}
	return err
}

// Engines.
const (
	EngineProcess = "process"
	EngineThread  = "thread"
	EngineSerial  = "serial"
)

// ChunksPerWorker sets the default --chunks: enough chunks that a slow
// chunk does not leave a worker idle at the end, few enough that the
// per-chunk cost (one message round trip and three part files) stays small.
const ChunksPerWorker = 4

// Options are the run command's settings, decoded from flags.
type Options struct {
	InputDir     string
	Pattern      string // file name with {} for the index
	N            int    // indices 1..N; 0 means while the file exists
	Window       int
	Stride       int
	Columns      []string
	Features     []string
	TargetColumn string
	Horizon      int
	Labels       string
	// IndexColumn and LabelColumn name the columns of a labels file with
	// a header ("" for "index" and "label").
	IndexColumn string
	LabelColumn string
	// Header says whether the first row of a CSV or text file is a header:
	// "auto" (""), "yes" or "no".
	Header string
	// AllowTargetFeature lets --columns include the target column.
	AllowTargetFeature bool
	Chunks             int // 0 picks ChunksPerWorker * workers, at most N
	Workers            int
	Engine             string
	Format             string // npy or txt
	DType              string // float64 or float32
	OutDir             string
	Quiet              bool
	Retries            int
	TaskTimeout        time.Duration
	Resume             bool
	SkipBad            bool
	KeepParts          bool
	// NoLock skips the output folder's lock, for file systems without
	// locks; the user then makes sure no two runs share the folder.
	NoLock bool

	// Shard ("I/N") computes only that shard's chunks; Shards is the shard
	// count for a Kubernetes Indexed Job (JOB_COMPLETION_INDEX).
	Shard  string
	Shards int

	shardCount int // set by resolveShard: the plan's chunks depend on it

	// WorkerCommand starts a worker process; default: this executable
	// with the hidden "worker" command. Tests point it at the test binary.
	WorkerCommand []string
	// WorkerEnv is added to each worker's environment.
	WorkerEnv []string
	// StartTimeout bounds a worker's handshake; 0 means DefaultStartTimeout.
	StartTimeout time.Duration
}

// Usagef returns a usage error (errors.Is(err, ErrUsage)): a bad flag or
// argument.
func Usagef(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrUsage}, args...)...)
}

// Spec is what every worker needs to compute any chunk: the resolved plan.
// It is sent to process workers as JSON, so it holds only plain data.
type Spec struct {
	Version      string      `json:"version"`
	Dir          string      `json:"dir"`
	Pattern      string      `json:"pattern"`
	N            int         `json:"n"`
	Columns      []string    `json:"columns"`
	Features     []string    `json:"features"`
	Window       int         `json:"window"`
	Stride       int         `json:"stride"`
	TargetColumn string      `json:"target_column,omitempty"`
	Horizon      int         `json:"horizon"`
	LabelsFile   string      `json:"labels_file,omitempty"`
	Labels       labelValues `json:"labels,omitempty"` // file i's label is Labels[i-1]
	Header       string      `json:"header"`
	// InputColumns are the first file's columns; other files' columns
	// beyond them are reported as extra.
	InputColumns []string `json:"input_columns"`
	// InputBytes is the size of all input files.
	InputBytes int64 `json:"input_bytes"`
	// ColumnAt are the indices in InputColumns of Columns, then of
	// TargetColumn (-1 if none).
	ColumnAt []int `json:"column_at"`
	// AbsDir and AbsLabels are Dir and LabelsFile made absolute, for the
	// manifest.
	AbsDir    string `json:"abs_dir"`
	AbsLabels string `json:"abs_labels,omitempty"`
	// Notes are the plan's warnings, printed once and kept in the manifest.
	Notes []string `json:"notes,omitempty"`
	// ExtraLabels are the labels file's indices that have no input file.
	ExtraLabels []int         `json:"extra_labels,omitempty"`
	DType       string        `json:"dtype"`
	TargetDType string        `json:"target_dtype,omitempty"`
	SkipBad     bool          `json:"skip_bad"`
	Shard       string        `json:"shard,omitempty"`
	RunID       string        `json:"run_id"`
	PartsDir    string        `json:"parts_dir"`
	Hash        string        `json:"hash"`
	Chunks      []split.Range `json:"chunks"`
}

// labelValues are the labels of files 1..N as raw bits: a float64's, or
// an int64's when the target is int64 (exact beyond 2^53). In JSON they
// are base64 of those bits: JSON numbers cannot carry a NaN or infinite
// label, and a worker decodes this in microseconds.
type labelValues []uint64

func (l labelValues) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 8*len(l))
	for _, v := range l {
		b = binary.LittleEndian.AppendUint64(b, v)
	}
	return json.Marshal(b)
}

func (l *labelValues) UnmarshalJSON(data []byte) error {
	var b []byte
	if err := json.Unmarshal(data, &b); err != nil {
		return err
	}
	if len(b)%8 != 0 {
		return fmt.Errorf("labels: %d bytes, not a whole number of float64s", len(b))
	}
	*l = make(labelValues, len(b)/8)
	for i := range *l {
		(*l)[i] = binary.LittleEndian.Uint64(b[8*i:])
	}
	return nil
}

// HasTarget reports whether the run writes target.npy.
func (s *Spec) HasTarget() bool { return s.TargetColumn != "" || s.LabelsFile != "" }

// Width is the number of features per row.
func (s *Spec) Width() int { return len(s.Columns) * len(s.Features) }

// FilePath returns the path of file index i.
func (s *Spec) FilePath(i int) string { return filepath.Join(s.Dir, s.fileName(i)) }

// fileName is the pattern with index i in it: file i's path under Dir.
func (s *Spec) fileName(i int) string {
	return strings.ReplaceAll(s.Pattern, "{}", strconv.Itoa(i))
}

// Plan resolves opts into a Spec: it finds the files, checks the flags,
// reads the first file's column names and the labels, and splits the
// indices into chunks.
func Plan(opts *Options) (*Spec, error) {
	if opts.Pattern == "" {
		opts.Pattern = "{}.csv"
	}
	if !strings.Contains(opts.Pattern, "{}") {
		return nil, Usagef("--pattern %q has no {} for the file index", opts.Pattern)
	}
	if opts.InputDir == "" {
		opts.InputDir = "."
	}
	switch {
	case opts.N < 0:
		return nil, Usagef("--n %d is negative", opts.N)
	case opts.Window < 0:
		return nil, Usagef("--window %d is negative", opts.Window)
	case opts.Stride < 0:
		return nil, Usagef("--stride %d is negative", opts.Stride)
	case opts.Horizon < 0:
		return nil, Usagef("--horizon %d is negative", opts.Horizon)
	case opts.Workers < 1:
		return nil, Usagef("--workers %d: need at least 1", opts.Workers)
	case opts.Chunks < 0:
		return nil, Usagef("--chunks %d: need at least 1", opts.Chunks)
	case opts.Retries < 0:
		return nil, Usagef("--retries %d is negative", opts.Retries)
	case opts.TargetColumn != "" && opts.Labels != "":
		return nil, Usagef("--target-column and --labels are exclusive")
	case opts.Horizon > 0 && opts.TargetColumn == "":
		return nil, Usagef("--horizon needs --target-column")
	case opts.Stride > 0 && opts.Window == 0:
		return nil, Usagef("--stride needs --window")
	}
	switch opts.Engine {
	case "":
		opts.Engine = EngineProcess
	case EngineSerial:
		opts.Workers = 1 // in-line: the manifest should say so
	case EngineProcess, EngineThread:
	default:
		return nil, Usagef("--engine %q: want process, thread or serial", opts.Engine)
	}
	switch opts.Format {
	case "":
		opts.Format = "npy"
	case "npy", "txt":
	default:
		return nil, Usagef("--format %q: want npy or txt", opts.Format)
	}
	if opts.DType == "" {
		opts.DType = "float64"
	}
	if dt, err := npyio.ParseDType(opts.DType); err != nil || dt == npyio.Int64 {
		return nil, Usagef("--dtype %q: want float64 or float32", opts.DType)
	}
	header, err := feature.ParseHeader(opts.Header)
	if err != nil {
		return nil, Usagef("--header %q: want auto, yes or no", opts.Header)
	}
	if header == feature.HeaderYes && strings.EqualFold(filepath.Ext(opts.Pattern), ".npy") {
		return nil, Usagef("--header yes: .npy files have no header row")
	}
	if opts.Labels == "" && (opts.IndexColumn != "" || opts.LabelColumn != "") {
		return nil, Usagef("--index-column and --label-column name columns of --labels")
	}
	specs := opts.Features
	if len(specs) == 0 {
		specs = []string{"default"}
	}
	set, err := feature.ParseSet(specs)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrUsage, err)
	}
	featureNames := set.FeatureNames()

	spec := &Spec{
		Version:      Version,
		Dir:          opts.InputDir,
		Pattern:      opts.Pattern,
		Features:     featureNames,
		Window:       opts.Window,
		Stride:       opts.Stride,
		TargetColumn: opts.TargetColumn,
		Horizon:      opts.Horizon,
		LabelsFile:   opts.Labels,
		DType:        opts.DType,
		SkipBad:      opts.SkipBad,
		Header:       header.String(),
		PartsDir:     filepath.Join(opts.OutDir, PartsDirName),
	}
	if spec.Stride == 0 {
		spec.Stride = spec.Window
	}
	spec.RunID = newRunID()
	spec.AbsDir = absPath(spec.Dir)
	if spec.LabelsFile != "" {
		spec.AbsLabels = absPath(spec.LabelsFile)
	}
	if err := checkInputsOutside(spec.PartsDir, opts.InputDir, opts.Labels); err != nil {
		return nil, err
	}
	if err := checkPartsDir(spec.PartsDir); err != nil {
		return nil, err
	}
	stats, err := findFiles(spec, opts.N)
	if err != nil {
		return nil, err
	}
	spec.N = len(stats)
	for _, st := range stats {
		spec.InputBytes += max(st.Size, 0)
	}
	if err := resolveColumns(spec, stats, opts); err != nil {
		return nil, err
	}
	switch {
	case spec.LabelsFile != "":
		if err := resolveLabels(spec, stats, labelColumns{opts.IndexColumn, opts.LabelColumn}); err != nil {
			return nil, err
		}
	case spec.TargetColumn != "":
		spec.TargetDType = "float64"
	}

	k := opts.Chunks
	if k == 0 && opts.shardCount == 0 && opts.Resume {
		// Resume the earlier run's plan even if --workers changed.
		k = earlierChunks(spec.PartsDir)
	}
	switch {
	case k == 0 && opts.shardCount > 0:
		k = min(ChunksPerShard*opts.shardCount, spec.N)
	case k == 0:
		k = min(ChunksPerWorker*opts.Workers, spec.N)
	}
	spec.Chunks = split.ArraySplit(1, spec.N, k)
	spec.Hash = hashSpec(spec, stats)
	return spec, nil
}

// earlierChunks returns the chunk count of the run whose part records are
// in dir, or 0.
func earlierChunks(dir string) int {
	recs, _ := filepath.Glob(filepath.Join(dir, "part-*.json"))
	for _, p := range recs {
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		var rec PartRecord
		if json.Unmarshal(data, &rec) == nil && rec.Of > 0 {
			return rec.Of
		}
	}
	return 0
}

// absPath is path made absolute, or path itself if that fails.
func absPath(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}

// newRunID names one run's temp files.
func newRunID() string {
	var b [6]byte
	_, _ = rand.Read(b[:]) // crypto/rand does not fail on Linux
	return hex.EncodeToString(b[:])
}

// fileStat is what the resume hash records of an input file.
type fileStat struct {
	Size  int64
	MTime int64
}

// findFiles checks that files 1..n exist (n > 0) or counts them (n == 0).
// Counting stops at the first missing file; if files of the pattern exist
// past it, that is an error, or with --skip-bad a gap to skip. With
// --skip-bad a missing file gets the stat {Size: -1} and its worker skips
// it.
func findFiles(spec *Spec, n int) ([]fileStat, error) {
	var stats []fileStat
	st := newStatter(spec)
	defer st.close()
	found := 0
	for i := 1; n == 0 || i <= n; i++ {
		fs, err := st.stat(i)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, Input(err)
		}
		if err == nil {
			stats = append(stats, fs)
			found++
			continue
		}
		if n == 0 {
			past := filesPast(spec, i)
			if past.count == 0 {
				break
			}
			if !spec.SkipBad {
				return nil, Inputf("%w: %s, but %d files of the pattern exist past it (%s): files are counted from 1 while they exist; give --n %d to read only files 1..%d, or --skip-bad to read files 1..%d without the missing ones",
					ErrMissingFile, spec.FilePath(i), past.count, listFiles(spec, past.first, past.count), i-1, i-1, past.last)
			}
			n = past.last
		}
		if !spec.SkipBad {
			return nil, Inputf("%w: %s (index %d of 1..%d); --skip-bad leaves missing files out", ErrMissingFile, spec.FilePath(i), i, n)
		}
		stats = append(stats, fileStat{Size: -1})
	}
	if found == 0 {
		return nil, Inputf("%w: %s does not exist", ErrNoFiles, spec.FilePath(1))
	}
	return stats, nil
}

// pastFiles describes the files of a pattern above an index: how many,
// the lowest few and the highest.
type pastFiles struct {
	count int
	first []int // ascending, at most 3
	last  int
}

func (p *pastFiles) add(idx int) {
	p.count++
	p.last = max(p.last, idx)
	at, _ := slices.BinarySearch(p.first, idx)
	if at < 3 {
		p.first = slices.Insert(p.first, at, idx)[:min(len(p.first)+1, 3)]
	}
}

// filesPast finds the files of the pattern with an index above i. When
// only the file name holds {}, it streams the directory, holding no name
// beyond the one it looks at (a million files stay a million stats' worth
// of memory, not a list); otherwise it globs.
func filesPast(spec *Spec, i int) pastFiles {
	var past pastFiles
	full := filepath.Join(spec.Dir, spec.Pattern)
	dir, base := filepath.Split(full)
	re := patternRegexp(base)
	if strings.Contains(dir, "{}") || re == nil {
		re = patternRegexp(full)
		if re == nil {
			return past
		}
		matches, _ := filepath.Glob(strings.ReplaceAll(escapeGlob(full), "{}", "*"))
		for _, m := range matches {
			if idx, ok := matchIndex(re, m); ok && idx > i && spec.FilePath(idx) == m {
				past.add(idx)
			}
		}
		return past
	}
	d, err := os.Open(filepath.Clean(dir))
	if err != nil {
		return past
	}
	defer d.Close()
	match := func(name string) (int, bool) { return matchIndex(re, name) }
	if pre, suf, ok := strings.Cut(base, "{}"); ok && !strings.Contains(suf, "{}") {
		match = func(name string) (int, bool) { // the usual pattern, without a regexp
			if len(name) <= len(pre)+len(suf) || !strings.HasPrefix(name, pre) || !strings.HasSuffix(name, suf) {
				return 0, false
			}
			idx, err := strconv.Atoi(name[len(pre) : len(name)-len(suf)])
			return idx, err == nil
		}
	}
	for {
		names, err := d.Readdirnames(1024)
		for _, name := range names {
			if idx, ok := match(name); ok && idx > i && filepath.Join(dir, name) == spec.FilePath(idx) {
				past.add(idx)
			}
		}
		if err != nil {
			return past
		}
	}
}

// patternRegexp matches what pattern may name, with the first {} as its
// group.
func patternRegexp(pattern string) *regexp.Regexp {
	q := regexp.QuoteMeta(pattern)
	brace := regexp.QuoteMeta("{}")
	q = strings.Replace(q, brace, "([0-9]+)", 1)
	re, err := regexp.Compile("^" + strings.ReplaceAll(q, brace, "[0-9]+") + "$")
	if err != nil {
		return nil
	}
	return re
}

// matchIndex returns the index a name matched by re holds.
func matchIndex(re *regexp.Regexp, name string) (int, bool) {
	sub := re.FindStringSubmatch(name)
	if sub == nil {
		return 0, false
	}
	idx, err := strconv.Atoi(sub[1])
	return idx, err == nil
}

// escapeGlob escapes filepath.Match's special characters in s.
func escapeGlob(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[\\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// listFiles names the files of the indices first, of count in all.
func listFiles(spec *Spec, first []int, count int) string {
	var names []string
	for _, i := range first {
		names = append(names, spec.fileName(i))
	}
	if count > len(first) {
		names = append(names, "...")
	}
	return strings.Join(names, ", ")
}

// resolveColumns reads the first file that exists for its column names,
// and picks the feature columns.
func resolveColumns(spec *Spec, stats []fileStat, opts *Options) error {
	idx := 1
	for stats[idx-1].Size < 0 {
		idx++
	}
	first := spec.FilePath(idx)
	r := feature.NewTableReader()
	r.Header, _ = feature.ParseHeader(spec.Header) // checked by Plan
	tbl, err := r.Read(first)
	if err != nil {
		return Input(err)
	}
	names := tbl.Names
	spec.InputColumns = slices.Clone(names)
	if tbl.FirstRowIndexLike {
		spec.Notes = append(spec.Notes, fmt.Sprintf("%s: the first row (%s) holds the column names pandas writes by default (0, 1, ...), but it was read as data (--header auto); pass --header yes if it is a header",
			first, firstRowText(tbl)))
	}
	at := make(map[string]int, len(names))
	for k, n := range names {
		at[n] = k // names are unique: the reader checks
	}
	has := func(n string) bool { _, ok := at[n]; return ok }
	if spec.TargetColumn != "" && !has(spec.TargetColumn) {
		return Inputf("%s: %w %q for --target-column (columns: %s)", first, ErrUnknownColumn, spec.TargetColumn, strings.Join(names, ", "))
	}
	defer func() {
		spec.ColumnAt = make([]int, 0, len(spec.Columns)+1)
		for _, c := range spec.Columns {
			spec.ColumnAt = append(spec.ColumnAt, at[c])
		}
		target := -1
		if spec.TargetColumn != "" {
			target = at[spec.TargetColumn]
		}
		spec.ColumnAt = append(spec.ColumnAt, target)
	}()
	want := opts.Columns
	if len(want) == 0 {
		for _, n := range names {
			if n != spec.TargetColumn {
				spec.Columns = append(spec.Columns, n)
			}
		}
		if len(spec.Columns) == 0 {
			return Inputf("%s: no feature columns besides the target column %q", first, spec.TargetColumn)
		}
		return nil
	}
	seen := make(map[string]bool)
	for _, c := range want {
		if !has(c) {
			return Inputf("%s: %w %q in --columns (columns: %s)", first, ErrUnknownColumn, c, strings.Join(names, ", "))
		}
		if seen[c] {
			return Usagef("--columns names %q twice", c)
		}
		if c == spec.TargetColumn && !opts.AllowTargetFeature {
			return Usagef("--columns includes the target column %q: its features would see the target (with --horizon 0 the target is the window's own last value); pass --allow-target-feature if that is what you want, as for forecasting with --horizon > 0", c)
		}
		seen[c] = true
	}
	spec.Columns = append([]string(nil), want...)
	return nil
}

// firstRowText is a table's first row as text, for a message.
func firstRowText(tbl *feature.Table) string {
	var vals []string
	for j, c := range tbl.Cols {
		if j == 8 {
			vals = append(vals, "...")
			break
		}
		vals = append(vals, strconv.FormatFloat(c[0], 'g', -1, 64))
	}
	return strings.Join(vals, ",")
}

// resolveLabels reads the labels file into spec.Labels (files 1..N) and
// notes the labels that have no file.
func resolveLabels(spec *Spec, stats []fileStat, cols labelColumns) error {
	labels, allInt, err := readLabels(spec.LabelsFile, cols)
	if err != nil {
		return err
	}
	spec.TargetDType = "float64"
	if allInt {
		spec.TargetDType = "int64"
	}
	spec.Labels = make(labelValues, spec.N)
	for i := 1; i <= spec.N; i++ {
		l, ok := labels[i]
		switch {
		case !ok && stats[i-1].Size >= 0:
			return Inputf("%s: %w %d (%s)", spec.LabelsFile, ErrMissingLabel, i, spec.FilePath(i))
		case allInt:
			spec.Labels[i-1] = uint64(l.i)
		default:
			spec.Labels[i-1] = math.Float64bits(l.f)
		}
	}
	for i := range labels {
		if i < 1 || i > spec.N || stats[i-1].Size < 0 {
			spec.ExtraLabels = append(spec.ExtraLabels, i)
		}
	}
	if len(spec.ExtraLabels) > 0 {
		slices.Sort(spec.ExtraLabels)
		spec.Notes = append(spec.Notes, fmt.Sprintf("%s: %d labels have no input file and are ignored (indices %s); manifest.json lists them under extra_labels",
			spec.LabelsFile, len(spec.ExtraLabels), listInts(spec.ExtraLabels, 5)))
	}
	return nil
}

// listInts lists the first few of xs.
func listInts(xs []int, few int) string {
	var b strings.Builder
	for k, x := range xs[:min(len(xs), few)] {
		if k > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(x))
	}
	if len(xs) > few {
		fmt.Fprintf(&b, ", ... (%d more)", len(xs)-few)
	}
	return b.String()
}

// Input marks err as caused by bad input (errors.Is(err, ErrInput))
// without changing its message.
func Input(err error) error { return &classified{err: err, class: ErrInput} }

// Inputf is fmt.Errorf for bad input.
func Inputf(format string, args ...any) error { return Input(fmt.Errorf(format, args...)) }

type classified struct{ err, class error }

func (c *classified) Error() string   { return c.err.Error() }
func (c *classified) Unwrap() []error { return []error{c.err, c.class} }

// statPath is os.Stat's size and modification time of path.
func statPath(path string) (fileStat, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return fileStat{}, err
	}
	return fileStat{fi.Size(), fi.ModTime().UnixNano()}, nil
}
