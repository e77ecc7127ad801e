package pipeline

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/featurize/featurize/feature"
	"github.com/featurize/featurize/input"
	"github.com/featurize/featurize/npyio"
	"github.com/featurize/featurize/split"
)

// Version is featurize's version, recorded in manifests and part records;
// it is part of the resume hash, so parts and records of another version
// are never reused (0.2.0: local parts are CRC-checked instead of fsynced,
// which 0.1.0 would not check).
var Version = "0.4.0"

// Engine is how a run computes its chunks.
type Engine int

const (
	// EngineProcess runs chunks in worker processes: this program started
	// again (see ServeWorkers), or Config.WorkerCommand.
	EngineProcess Engine = iota
	// EngineThread runs chunks on goroutines of this process.
	EngineThread
	// EngineSerial runs chunks one after another, in line.
	EngineSerial
)

func (e Engine) String() string {
	switch e {
	case EngineProcess:
		return "process"
	case EngineThread:
		return "thread"
	case EngineSerial:
		return "serial"
	}
	return fmt.Sprintf("Engine(%d)", int(e))
}

// ParseEngine parses "process", "thread" or "serial".
func ParseEngine(s string) (Engine, error) {
	for e := EngineProcess; e <= EngineSerial; e++ {
		if s == e.String() {
			return e, nil
		}
	}
	return 0, usageErr("{{Engine}} %q: want process, thread or serial", s)
}

// Format is the file format of the outputs.
type Format int

const (
	FormatNPY Format = iota // .npy, byte-identical to np.save
	FormatTXT               // text, byte-identical to np.savetxt's default
)

func (f Format) String() string {
	switch f {
	case FormatNPY:
		return "npy"
	case FormatTXT:
		return "txt"
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// ParseFormat parses "npy" or "txt".
func ParseFormat(s string) (Format, error) {
	switch s {
	case "npy":
		return FormatNPY, nil
	case "txt":
		return FormatTXT, nil
	}
	return 0, usageErr("{{Format}} %q: want npy or txt", s)
}

// ChunksPerWorker sets the default Chunks: enough chunks that a slow
// chunk does not leave a worker idle at the end, few enough that the
// per-chunk cost (one message round trip and three part files) stays small.
const ChunksPerWorker = 4

// Config is what a run computes and how. Run takes it by value and never
// changes it; it reads no environment variable. A zero field takes the
// default its comment gives.
type Config struct {
	// InputDir holds the input files ("": the current directory); Pattern
	// names file i with {} for i ("": "{}.csv"); N is how many (0: from 1
	// while the file exists).
	InputDir string
	Pattern  string
	N        int
	// Glob, instead of Pattern, takes every file under InputDir it
	// matches (* and ? within a folder, ** across folders), in natural
	// order (2 before 10); Files takes these paths (relative to InputDir
	// unless absolute). A file's index is its position, from 1.
	Glob  string
	Files []string
	// Long, with its ID set, reads InputDir as one table in tsfresh's long
	// format (flat: id, sort and value columns; stacked: id, sort, kind
	// and value): each id is a series, in place of a file.
	Long input.Long
	// Header says whether a CSV or text file's first row is a header.
	Header input.Header
	// InputFormat reads every input file (nil: by each file's extension).
	InputFormat input.Format
	// Dialect changes how every CSV or text file is read: delimiter,
	// decimal mark, comment character.
	Dialect input.Dialect

	// Window and Stride cut each file into windows of Window rows every
	// Stride rows (0: Window; a Window of 0 is the whole file).
	Window, Stride int
	// Columns are the feature columns (nil: every column but the target
	// column); Features are computed for each (nil: the default preset; an
	// empty, non-nil list: none, for an ExternalCommand alone).
	Columns  []string
	Features []feature.Feature

	// ExternalCommand, if set, is a worker command of the user's that
	// computes features of whole files (see external.go for its protocol);
	// its features follow the built-in ones in each row. Engine must be
	// EngineProcess, the default.
	ExternalCommand []string

	// The target: TargetColumn at the window's last row plus Horizon, or
	// the label of the file in the Labels file (index and label columns
	// named by IndexColumn and LabelColumn if it has a header). Columns
	// may include TargetColumn only with AllowTargetFeature.
	TargetColumn             string
	Horizon                  int
	Labels                   string
	IndexColumn, LabelColumn string
	AllowTargetFeature       bool

	Engine  Engine
	Workers int // 0: runtime.NumCPU()
	// Chunks is np.array_split's chunk count (0: ChunksPerWorker per
	// worker, or ChunksPerShard per shard, at most N).
	Chunks int
	// Retries is how often a chunk whose worker died or timed out is
	// retried on a fresh worker; TaskTimeout bounds a task (0: none);
	// StartTimeout a worker's start (0: DefaultStartTimeout).
	Retries      int
	TaskTimeout  time.Duration
	StartTimeout time.Duration

	// OutDir receives the outputs ("": "out"); Format and DType are theirs
	// (DType: npyio.Float64 or npyio.Float32).
	OutDir string
	Format Format
	DType  npyio.DType
	// Resume reuses the complete parts of an earlier, interrupted run;
	// SkipBad leaves out unreadable input files; KeepParts keeps the part
	// files after a run; NoLock takes no lock on OutDir (for file systems
	// without locks: then the caller keeps runs apart).
	Resume, SkipBad, KeepParts, NoLock bool

	// Shard, if set, computes only that shard's chunks into OutDir's parts
	// folder, for Merge.
	Shard *Shard

	// OptionName, if set, names a Config field in messages and warnings
	// (the command line gives its flag: "Window" -> "--window"); nil keeps
	// the field's name. Errors are *OptionError values that a caller may
	// also render itself.
	OptionName func(field string) string

	// Reporter hears the run's progress, warnings and workers' stderr
	// (nil: nothing is reported while it runs; warnings are still in the
	// manifest).
	Reporter Reporter

	// WorkerCommand starts a worker process instead of this program
	// (tests use the test binary); WorkerEnv is added to its environment.
	WorkerCommand []string
	WorkerEnv     []string

	// Tests' knobs for the thread and serial engines, per run: the windows
	// computed at a time (0: windowBatch) and a hook before each file.
	windowBatch int
	fileHook    func(task chunkTask, idx int)
}

// optionText is fmt.Sprintf with the {{Field}}s of format named by
// c.OptionName.
func (c *Config) optionText(format string, args ...any) string {
	return (&OptionError{text: fmt.Sprintf(format, args...)}).Format(c.OptionName)
}

// withDefaults returns c with its zero fields resolved.
func (c Config) withDefaults() Config {
	if c.InputDir == "" {
		c.InputDir = "."
	}
	if c.Pattern == "" {
		c.Pattern = "{}.csv"
	}
	if c.OutDir == "" {
		c.OutDir = "out"
	}
	if c.Workers == 0 {
		c.Workers = runtime.NumCPU()
	}
	if c.Engine == EngineSerial {
		c.Workers = 1 // in line: the manifest should say so
	}
	if c.Reporter == nil {
		c.Reporter = nopReporter{}
	}
	return c
}

// Spec is what every worker needs to compute any chunk: the resolved plan.
// It is sent to process workers (gob) and kept in shard records (JSON), so
// it holds only plain data.
type Spec struct {
	Version string `json:"version"`
	Dir     string `json:"dir"`
	Pattern string `json:"pattern"`
	Glob    string `json:"glob,omitempty"`
	// Files, with Glob or a list of files, are the files by index
	// (Files[i-1]), relative to Dir unless absolute.
	Files []string `json:"files,omitempty"`
	// Long is a long-format input's layout and series.
	Long         *LongSpec     `json:"long,omitempty"`
	N            int           `json:"n"`
	Columns      []string      `json:"columns"`
	Features     []string      `json:"features"`
	Window       int           `json:"window"`
	Stride       int           `json:"stride"`
	TargetColumn string        `json:"target_column,omitempty"`
	Horizon      int           `json:"horizon"`
	LabelsFile   string        `json:"labels_file,omitempty"`
	Labels       labelValues   `json:"labels,omitempty"` // file i's label is Labels[i-1]
	Header       string        `json:"header"`
	InputFormat  string        `json:"input_format,omitempty"` // a registered input.Format; "": by extension
	Dialect      input.Dialect `json:"dialect"`
	// InputColumns are the first file's columns; other files' columns
	// beyond them are reported as extra.
	InputColumns []string `json:"input_columns"`
	// External is the external worker command; the probe of its first
	// answer sets ExtPer ("file" or "chunk"), ExtWidth (features a row),
	// ExtNames and ExtTarget (whether it gives the target).
	External  []string `json:"external,omitempty"`
	ExtPer    string   `json:"ext_per,omitempty"`
	ExtWidth  int      `json:"ext_width,omitempty"`
	ExtNames  []string `json:"ext_names,omitempty"`
	ExtTarget bool     `json:"ext_target,omitempty"`
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
	ExtraLabels []int  `json:"extra_labels,omitempty"`
	DType       string `json:"dtype"`
	TargetDType string `json:"target_dtype,omitempty"`
	// Classes are the labels' class names when they are not numbers: the
	// target is each label's code in this list.
	Classes  []string      `json:"classes,omitempty"`
	SkipBad  bool          `json:"skip_bad"`
	Shard    string        `json:"shard,omitempty"`
	RunID    string        `json:"run_id"`
	PartsDir string        `json:"parts_dir"`
	Hash     string        `json:"hash"`
	Chunks   []split.Range `json:"chunks"`
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
func (s *Spec) HasTarget() bool { return s.TargetColumn != "" || s.LabelsFile != "" || s.ExtTarget }

// Width is the number of features per row: the built-in ones' and the
// external worker's.
func (s *Spec) Width() int { return s.builtinWidth() + s.ExtWidth }

func (s *Spec) builtinWidth() int { return len(s.Columns) * len(s.Features) }

// FilePath returns the path of file index i (for a long table's series,
// the table, the line its rows begin on and its id).
func (s *Spec) FilePath(i int) string {
	if s.Long != nil {
		return s.Long.seriesName(s.Dir, i)
	}
	name := s.fileName(i)
	if s.Files != nil && filepath.IsAbs(name) {
		return name // a listed file; a pattern is under Dir even if it starts with /
	}
	return filepath.Join(s.Dir, name)
}

// absFilePath returns the absolute path of file index i (a long table's).
func (s *Spec) absFilePath(i int) string {
	if s.Long != nil {
		return s.Long.File
	}
	name := s.fileName(i)
	if s.Files != nil && filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(s.AbsDir, name)
}

// fileName is file i's path under Dir: Files[i-1], or the pattern with i
// in it.
func (s *Spec) fileName(i int) string {
	if s.Files != nil {
		return s.Files[i-1]
	}
	return parsedPattern(s.Pattern).format(i)
}

// patterns caches parsed patterns: file names are made per file.
var patterns sync.Map // string -> *namePattern

// parsedPattern returns the parsed pattern p, which Plan has checked.
func parsedPattern(p string) *namePattern {
	if np, ok := patterns.Load(p); ok {
		return np.(*namePattern)
	}
	np, err := parsePattern(p)
	if err != nil {
		panic("pipeline: an unchecked pattern: " + err.Error())
	}
	patterns.Store(p, np)
	return np
}

// Plan resolves cfg into a Spec: it checks the options, finds the files,
// reads the first file's column names and the labels, and splits the
// indices into chunks.
func Plan(cfg Config) (*Spec, error) {
	spec, _, err := plan(cfg.withDefaults())
	return spec, err
}

// plan is Plan, also returning the input files' stats for the hash.
func plan(cfg Config) (*Spec, *inputStats, error) {
	if _, err := parsePattern(cfg.Pattern); err != nil {
		return nil, nil, usageErr("{{Pattern}} %q: %v", cfg.Pattern, err)
	}
	switch {
	case cfg.Glob != "" && cfg.Files != nil:
		return nil, nil, usageErr("{{Glob}} and {{Files}} are exclusive")
	case (cfg.Glob != "" || cfg.Files != nil) && cfg.N > 0:
		return nil, nil, usageErr("{{N}} counts numbered files; with {{Glob}} or {{Files}} every file they name is read")
	case (cfg.Glob != "" || cfg.Files != nil) && cfg.Pattern != "{}.csv":
		return nil, nil, usageErr("{{Pattern}} names numbered files; {{Glob}} and {{Files}} name files themselves")
	case cfg.Files != nil && len(cfg.Files) == 0:
		return nil, nil, inputErr("%w: {{Files}} lists no file", ErrNoFiles)
	}
	switch {
	case cfg.N < 0:
		return nil, nil, usageErr("{{N}} %d is negative", cfg.N)
	case cfg.Window < 0:
		return nil, nil, usageErr("{{Window}} %d is negative", cfg.Window)
	case cfg.Stride < 0:
		return nil, nil, usageErr("{{Stride}} %d is negative", cfg.Stride)
	case cfg.Horizon < 0:
		return nil, nil, usageErr("{{Horizon}} %d is negative", cfg.Horizon)
	case cfg.Workers < 1:
		return nil, nil, usageErr("{{Workers}} %d: need at least 1", cfg.Workers)
	case cfg.Chunks < 0:
		return nil, nil, usageErr("{{Chunks}} %d: need at least 1", cfg.Chunks)
	case cfg.Retries < 0:
		return nil, nil, usageErr("{{Retries}} %d is negative", cfg.Retries)
	case cfg.TargetColumn != "" && cfg.Labels != "":
		return nil, nil, usageErr("{{TargetColumn}} and {{Labels}} are exclusive")
	case cfg.Horizon > 0 && cfg.TargetColumn == "":
		return nil, nil, usageErr("{{Horizon}} needs {{TargetColumn}}")
	case cfg.Stride > 0 && cfg.Window == 0:
		return nil, nil, usageErr("{{Stride}} needs {{Window}}")
	case cfg.Engine < EngineProcess || cfg.Engine > EngineSerial:
		return nil, nil, usageErr("{{Engine}} %v: want process, thread or serial", cfg.Engine)
	case cfg.Format != FormatNPY && cfg.Format != FormatTXT:
		return nil, nil, usageErr("{{Format}} %v: want npy or txt", cfg.Format)
	case cfg.DType != npyio.Float64 && cfg.DType != npyio.Float32:
		return nil, nil, usageErr("{{DType}} %v: want float64 or float32", cfg.DType)
	case cfg.Header < input.HeaderAuto || cfg.Header > input.HeaderNo:
		return nil, nil, usageErr("{{Header}} %v: want auto, yes or no", cfg.Header)
	case cfg.InputFormat != nil && !registeredFormat(cfg.InputFormat):
		return nil, nil, usageErr("{{InputFormat}} %s is not a registered input format", cfg.InputFormat.Name())
	case cfg.Header == input.HeaderYes && (cfg.InputFormat == input.NPY || cfg.InputFormat == nil && strings.EqualFold(filepath.Ext(cfg.Pattern), ".npy")):
		return nil, nil, usageErr("{{Header}} yes: .npy files have no header row")
	case cfg.Dialect.Check() != nil:
		return nil, nil, usageErr("{{Dialect}}: %w", cfg.Dialect.Check())
	case cfg.Labels == "" && (cfg.IndexColumn != "" || cfg.LabelColumn != ""):
		return nil, nil, usageErr("{{IndexColumn}} and {{LabelColumn}} name columns of {{Labels}}")
	}
	feats := cfg.Features
	if feats == nil {
		feats, _ = feature.Preset("default")
	}
	var featureNames []string
	switch {
	case len(feats) > 0:
		set, err := feature.NewSet(feats)
		if err != nil {
			return nil, nil, usageErr("{{Features}}: %w", err)
		}
		featureNames = set.FeatureNames()
	case len(cfg.ExternalCommand) == 0:
		return nil, nil, usageErr("{{Features}}: none selected, and no {{ExternalCommand}} computes any")
	case cfg.TargetColumn != "" || cfg.Window > 0 || len(cfg.Columns) > 0:
		return nil, nil, usageErr("{{TargetColumn}}, {{Window}} and {{Columns}} apply to the built-in features; an {{ExternalCommand}} alone makes its own rows from whole files")
	}
	if len(cfg.ExternalCommand) > 0 && cfg.Engine != EngineProcess {
		return nil, nil, usageErr("{{ExternalCommand}} runs in worker processes of its own: {{Engine}} %v does not apply", cfg.Engine)
	}

	spec := &Spec{
		Version:      Version,
		Dir:          cfg.InputDir,
		Pattern:      cfg.Pattern,
		Glob:         cfg.Glob,
		Features:     featureNames,
		External:     cfg.ExternalCommand,
		Window:       cfg.Window,
		Stride:       cfg.Stride,
		TargetColumn: cfg.TargetColumn,
		Horizon:      cfg.Horizon,
		LabelsFile:   cfg.Labels,
		DType:        cfg.DType.String(),
		SkipBad:      cfg.SkipBad,
		Header:       cfg.Header.String(),
		InputFormat:  formatName(cfg.InputFormat),
		Dialect:      cfg.Dialect,
		PartsDir:     filepath.Join(cfg.OutDir, PartsDirName),
	}
	if spec.Stride == 0 {
		spec.Stride = spec.Window
	}
	spec.RunID = newRunID()
	spec.AbsDir = absPath(spec.Dir)
	if spec.LabelsFile != "" {
		spec.AbsLabels = absPath(spec.LabelsFile)
	}
	if err := checkInputsOutside(spec.PartsDir, cfg.InputDir, cfg.Labels); err != nil {
		return nil, nil, err
	}
	if err := checkPartsDir(spec.PartsDir); err != nil {
		return nil, nil, err
	}
	var stats *inputStats
	var err error
	if cfg.Long.ID != "" {
		stats, err = planLong(spec, cfg)
	} else if err = listInputs(spec, cfg); err == nil {
		stats, err = findFiles(spec, cfg.N)
	}
	if err != nil {
		return nil, nil, err
	}
	spec.N, spec.InputBytes = stats.n, stats.bytes
	if len(spec.Features) > 0 {
		if err := resolveColumns(spec, stats, cfg); err != nil {
			return nil, nil, err
		}
	}
	switch {
	case spec.LabelsFile != "":
		if err := resolveLabels(spec, stats, cfg.IndexColumn, cfg.LabelColumn); err != nil {
			return nil, nil, err
		}
	case spec.TargetColumn != "":
		spec.TargetDType = "float64"
	}

	k := cfg.Chunks
	if k == 0 && cfg.Shard == nil && cfg.Resume {
		// Resume the earlier run's plan even if Workers changed.
		k = earlierChunks(spec.PartsDir)
	}
	switch {
	case k == 0 && cfg.Shard != nil:
		k = min(ChunksPerShard*cfg.Shard.Count, spec.N)
	case k == 0:
		k = min(ChunksPerWorker*cfg.Workers, spec.N)
	}
	spec.Chunks = split.ArraySplit(1, spec.N, k)
	spec.Hash = hashSpec(spec, stats)
	return spec, stats, nil
}

// earlierRecord returns a part record in dir that parses, or nil.
func earlierRecord(dir string) *partRecord {
	recs, _ := filepath.Glob(filepath.Join(dir, "part-*.json"))
	for _, p := range recs {
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		var rec partRecord
		if json.Unmarshal(data, &rec) == nil && rec.Of > 0 {
			return &rec
		}
	}
	return nil
}

// earlierVersion returns the featurize version that wrote the part
// records in dir, or "".
func earlierVersion(dir string) string {
	if rec := earlierRecord(dir); rec != nil {
		return rec.Version
	}
	return ""
}

// earlierChunks returns the chunk count of the run whose part records are
// in dir, or 0.
func earlierChunks(dir string) int {
	if rec := earlierRecord(dir); rec != nil {
		return rec.Of
	}
	return 0
}

// formatName is f's registered name, "" for nil.
func formatName(f input.Format) string {
	if f == nil {
		return ""
	}
	return f.Name()
}

// registeredFormat reports whether f is the format registered by its name:
// workers find it by that name.
func registeredFormat(f input.Format) bool {
	g, ok := input.LookupFormat(f.Name())
	return ok && g == f
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

// inputStats sums up the inputs' stats as they are taken, holding
// nothing per file but the indices of missing ones: their count, bytes,
// and a digest for the resume hash.
type inputStats struct {
	n       int
	bytes   int64
	missing []int // ascending
	h       hash.Hash
	buf     []byte
	sum     []byte // set by finish
}

func newInputStats() *inputStats { return &inputStats{h: sha256.New()} }

// add takes the next file's stat, Size -1 for a missing file.
func (s *inputStats) add(st fileStat) {
	s.n++
	if st.Size < 0 {
		s.missing = append(s.missing, s.n)
	} else {
		s.bytes += st.Size
	}
	s.buf = binary.LittleEndian.AppendUint64(s.buf, uint64(st.Size))
	s.buf = binary.LittleEndian.AppendUint64(s.buf, uint64(st.MTime))
	if len(s.buf) >= 4096 {
		s.h.Write(s.buf)
		s.buf = s.buf[:0]
	}
}

// exists reports whether file i was found.
func (s *inputStats) exists(i int) bool {
	_, missing := slices.BinarySearch(s.missing, i)
	return !missing
}

// finish sets sum, the digest of the stats taken.
func (s *inputStats) finish() *inputStats {
	s.h.Write(s.buf)
	s.buf, s.sum = nil, s.h.Sum(nil)
	return s
}

// findFiles checks that files 1..n exist (n > 0) or counts them (n == 0).
// Counting stops at the first missing file; if files of the pattern exist
// past it, that is an error, or with --skip-bad a gap to skip. With
// --skip-bad a missing file gets the stat {Size: -1} and its worker skips
// it.
func findFiles(spec *Spec, n int) (*inputStats, error) {
	if spec.Files != nil {
		n = len(spec.Files)
	}
	stats := newInputStats()
	st := newStatter(spec)
	defer st.close()
	found := 0
	for i := 1; n == 0 || i <= n; i++ {
		fs, err := st.stat(i)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, asInput(err)
		}
		if err == nil {
			stats.add(fs)
			found++
			continue
		}
		if n == 0 && spec.Files == nil {
			past := filesPast(spec, i)
			if past.count == 0 {
				break
			}
			if !spec.SkipBad {
				files := "files of the pattern exist"
				if past.count == 1 {
					files = "file of the pattern exists"
				}
				return nil, inputErr("%w: %s, but %d %s past it (%s): files are counted from 1 while they exist: {{N}} %d reads only files 1..%d, {{SkipBad}} reads files 1..%d without the missing ones",
					ErrMissingFile, spec.FilePath(i), past.count, files, listFiles(spec, past.first, past.count), i-1, i-1, past.last)
			}
			n = past.last
		}
		if !spec.SkipBad {
			return nil, inputErr("%w: %s (index %d of 1..%d); {{SkipBad}} leaves missing files out", ErrMissingFile, spec.FilePath(i), i, n)
		}
		stats.add(fileStat{Size: -1})
	}
	if found == 0 {
		return nil, inputf("%w: %s does not exist", ErrNoFiles, spec.FilePath(1))
	}
	return stats.finish(), nil
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
	bp, err := parsePattern(base)
	if err != nil { // the index is in a folder's name
		fp, err := parsePattern(full)
		if err != nil {
			return past
		}
		re := fp.regexp()
		matches, _ := filepath.Glob(fp.glob())
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
	re := bp.regexp()
	match := func(name string) (int, bool) { return matchIndex(re, name) }
	if len(bp.fields) == 1 && bp.fields[0].width == 0 {
		pre, suf := bp.lit[0], bp.lit[1]
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

// matchIndex returns the index a name matched by re holds.
func matchIndex(re *regexp.Regexp, name string) (int, bool) {
	sub := re.FindStringSubmatch(name)
	if sub == nil {
		return 0, false
	}
	idx, err := strconv.Atoi(strings.TrimLeft(sub[1], " "))
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
func resolveColumns(spec *Spec, stats *inputStats, cfg Config) error {
	idx := 1
	for !stats.exists(idx) {
		idx++
	}
	first := spec.FilePath(idx)
	r := input.NewReader()
	r.Header, _ = input.ParseHeader(spec.Header) // checked by Plan
	r.Format, _ = input.LookupFormat(spec.InputFormat)
	r.Dialect = spec.Dialect
	tbl, err := readInput(r, spec, idx)
	r.Release()
	if err != nil {
		return asInput(err)
	}
	names := tbl.Names
	spec.InputColumns = slices.Clone(names)
	if tbl.FirstRowIndexLike {
		spec.Notes = append(spec.Notes, cfg.optionText("%s: the first row (%s) holds the column names pandas writes by default (0, 1, ...), but it was read as data ({{Header}} auto); set {{Header}} yes if it is a header",
			first, firstRowText(tbl)))
	}
	at := make(map[string]int, len(names))
	for k, n := range names {
		at[n] = k // names are unique: the reader checks
	}
	has := func(n string) bool { _, ok := at[n]; return ok }
	if spec.TargetColumn != "" && !has(spec.TargetColumn) {
		return inputErr("%s: %w %q for {{TargetColumn}} (columns: %s)", first, ErrUnknownColumn, spec.TargetColumn, strings.Join(names, ", "))
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
	want := cfg.Columns
	if len(want) == 0 {
		for _, n := range names {
			if n != spec.TargetColumn {
				spec.Columns = append(spec.Columns, n)
			}
		}
		if len(spec.Columns) == 0 {
			return inputf("%s: no feature columns besides the target column %q", first, spec.TargetColumn)
		}
		return nil
	}
	seen := make(map[string]bool)
	for _, c := range want {
		if !has(c) {
			return inputErr("%s: %w %q in {{Columns}} (columns: %s)", first, ErrUnknownColumn, c, strings.Join(names, ", "))
		}
		if seen[c] {
			return usageErr("{{Columns}} names %q twice", c)
		}
		if c == spec.TargetColumn && !cfg.AllowTargetFeature {
			return usageErr("{{Columns}} includes the target column %q: its features would see the target (with {{Horizon}} 0 the target is the window's own last value); set {{AllowTargetFeature}} if that is what you want, as for forecasting with {{Horizon}} > 0", c)
		}
		seen[c] = true
	}
	spec.Columns = append([]string(nil), want...)
	return nil
}

// firstRowText is a table's first row as text, for a message.
func firstRowText(tbl *input.Table) string {
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
func resolveLabels(spec *Spec, stats *inputStats, indexCol, labelCol string) error {
	if spec.Long != nil {
		return resolveLabelsByID(spec, indexCol, labelCol)
	}
	ls, err := input.ReadLabels(spec.LabelsFile, indexCol, labelCol)
	if err != nil {
		return labelsErr(err)
	}
	labels, allInt := ls.ByIndex, ls.AllInt
	bigIntNote(spec, ls)
	spec.Classes = ls.Classes
	spec.TargetDType = "float64"
	if allInt {
		spec.TargetDType = "int64"
	}
	spec.Labels = make(labelValues, spec.N)
	for i := 1; i <= spec.N; i++ {
		l, ok := labels[i]
		switch {
		case !ok && stats.exists(i):
			return inputf("%s: %w %d (%s)", spec.LabelsFile, ErrMissingLabel, i, spec.FilePath(i))
		case allInt:
			spec.Labels[i-1] = uint64(l.Int)
		default:
			spec.Labels[i-1] = math.Float64bits(l.Float)
		}
	}
	for i := range labels {
		if i < 1 || i > spec.N || !stats.exists(i) {
			spec.ExtraLabels = append(spec.ExtraLabels, i)
		}
	}
	if len(spec.ExtraLabels) > 0 {
		slices.Sort(spec.ExtraLabels)
		what, them := "labels have no input file and are ignored (indices", "them"
		if len(spec.ExtraLabels) == 1 {
			what, them = "label has no input file and is ignored (index", "it"
		}
		spec.Notes = append(spec.Notes, fmt.Sprintf("%s: %d %s %s); manifest.json lists %s under extra_labels",
			spec.LabelsFile, len(spec.ExtraLabels), what, listInts(spec.ExtraLabels, 5), them))
	}
	return nil
}

// bigIntNote warns of an integer label beyond int64, which makes the
// target float64, where such a label is rounded.
func bigIntNote(spec *Spec, ls *input.Labels) {
	if ls.BigInt == "" || ls.Classes != nil {
		return
	}
	f, _ := strconv.ParseFloat(ls.BigInt, 64)
	spec.Notes = append(spec.Notes, fmt.Sprintf("%s:%d: the label %s is an integer beyond int64's range, so the target is float64, where it is %s (and every label above 2^53 is rounded)",
		spec.LabelsFile, ls.BigIntLine, ls.BigInt, strconv.FormatFloat(f, 'g', -1, 64)))
}

// labelsErr explains an error reading the labels file.
func labelsErr(err error) error {
	switch {
	case errors.Is(err, input.ErrLabelColumns):
		return usageErr("%w; name the columns with {{IndexColumn}} and {{LabelColumn}}", err)
	case errors.Is(err, input.ErrLabelNoHeader):
		return usageErr("%w; {{IndexColumn}} and {{LabelColumn}} name the columns of a header", err)
	case errors.Is(err, os.ErrNotExist) || errors.Is(err, os.ErrPermission):
		return inputf("labels: %w", err)
	}
	return asInput(err)
}

// resolveLabelsByID gives each series of a long table the label of its
// id, read from the labels' column named as the table's id column unless
// indexCol names another.
func resolveLabelsByID(spec *Spec, indexCol, labelCol string) error {
	if indexCol == "" {
		indexCol = spec.Long.ID // the labels' column of ids is named as the table's
	}
	ls, err := input.ReadLabelsByKey(spec.LabelsFile, indexCol, labelCol)
	if err != nil {
		return labelsErr(err)
	}
	bigIntNote(spec, ls)
	spec.Classes = ls.Classes
	spec.TargetDType = "float64"
	if ls.AllInt {
		spec.TargetDType = "int64"
	}
	spec.Labels = make(labelValues, spec.N)
	used := map[string]bool{}
	for i, s := range spec.Long.Index.Series {
		key := input.KeyText(s.ID)
		l, ok := ls.ByKey[key]
		switch {
		case !ok:
			return inputf("%s: %w: id %s (%s)", spec.LabelsFile, ErrMissingLabel, s.ID, spec.FilePath(i+1))
		case ls.AllInt:
			spec.Labels[i] = uint64(l.Int)
		default:
			spec.Labels[i] = math.Float64bits(l.Float)
		}
		used[key] = true
	}
	if extra := len(ls.ByKey) - len(used); extra > 0 {
		var ids []string
		for k := range ls.ByKey {
			if !used[k] {
				ids = append(ids, k)
			}
		}
		slices.SortFunc(ids, naturalCompare)
		spec.Notes = append(spec.Notes, fmt.Sprintf("%s: %d labels have no id in the table and are ignored (ids %s)",
			spec.LabelsFile, extra, strings.Join(ids[:min(len(ids), 5)], ", ")))
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

// statPath is os.Stat's size and modification time of path.
func statPath(path string) (fileStat, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return fileStat{}, err
	}
	return fileStat{fi.Size(), fi.ModTime().UnixNano()}, nil
}
