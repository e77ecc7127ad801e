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
	Chunks       int // 0 picks ChunksPerWorker * workers, at most N
	Workers      int
	Engine       string
	Format       string // npy or txt
	DType        string // float64 or float32
	OutDir       string
	Quiet        bool
	Retries      int
	TaskTimeout  time.Duration
	Resume       bool
	SkipBad      bool
	KeepParts    bool
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
	Version      string        `json:"version"`
	Dir          string        `json:"dir"`
	Pattern      string        `json:"pattern"`
	N            int           `json:"n"`
	Columns      []string      `json:"columns"`
	Features     []string      `json:"features"`
	Window       int           `json:"window"`
	Stride       int           `json:"stride"`
	TargetColumn string        `json:"target_column,omitempty"`
	Horizon      int           `json:"horizon"`
	LabelsFile   string        `json:"labels_file,omitempty"`
	Labels       labelValues   `json:"labels,omitempty"` // file i's label is Labels[i-1]
	DType        string        `json:"dtype"`
	TargetDType  string        `json:"target_dtype,omitempty"`
	SkipBad      bool          `json:"skip_bad"`
	Shard        string        `json:"shard,omitempty"`
	RunID        string        `json:"run_id"`
	PartsDir     string        `json:"parts_dir"`
	Hash         string        `json:"hash"`
	Chunks       []split.Range `json:"chunks"`
}

// labelValues are the labels of files 1..N. They go to process-engine
// workers as base64 of their float64 bits: JSON numbers cannot carry a NaN
// or infinite label, and a worker decodes this in microseconds where a
// map of numbers took half a millisecond before its first chunk.
type labelValues []float64

func (l labelValues) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 8*len(l))
	for _, v := range l {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
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
		(*l)[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
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
	featureNames := opts.Features
	if len(featureNames) == 0 {
		for _, f := range feature.All() {
			featureNames = append(featureNames, f.String())
		}
	}
	if _, err := feature.ParseFeatures(featureNames); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrUsage, err)
	}

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
		PartsDir:     filepath.Join(opts.OutDir, PartsDirName),
	}
	if spec.Stride == 0 {
		spec.Stride = spec.Window
	}
	spec.RunID = newRunID()
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
	if err := resolveColumns(spec, opts.Columns); err != nil {
		return nil, err
	}
	switch {
	case spec.LabelsFile != "":
		labels, allInt, err := ReadLabels(spec.LabelsFile)
		if err != nil {
			return nil, err
		}
		for i := 1; i <= spec.N; i++ {
			if _, ok := labels[i]; !ok {
				return nil, Inputf("%s: %w %d (%s)", spec.LabelsFile, ErrMissingLabel, i, spec.FilePath(i))
			}
		}
		spec.Labels = make(labelValues, spec.N)
		for i := 1; i <= spec.N; i++ {
			spec.Labels[i-1] = labels[i]
		}
		spec.TargetDType = "float64"
		if allInt {
			spec.TargetDType = "int64"
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
func findFiles(spec *Spec, n int) ([]fileStat, error) {
	var stats []fileStat
	st := newStatter(spec)
	defer st.close()
	for i := 1; n == 0 || i <= n; i++ {
		fs, err := st.stat(i)
		if err != nil {
			if n == 0 && errors.Is(err, os.ErrNotExist) {
				break
			}
			if errors.Is(err, os.ErrNotExist) {
				return nil, Inputf("%w: %s (index %d of 1..%d)", ErrMissingFile, spec.FilePath(i), i, n)
			}
			return nil, Input(err)
		}
		stats = append(stats, fs)
	}
	if len(stats) == 0 {
		return nil, Inputf("%w: %s does not exist", ErrNoFiles, spec.FilePath(1))
	}
	return stats, nil
}

// resolveColumns picks the feature columns from the first file's names.
func resolveColumns(spec *Spec, want []string) error {
	first := spec.FilePath(1)
	tbl, err := feature.ReadTable(first)
	if err != nil {
		return Input(err)
	}
	names := tbl.Names
	has := make(map[string]bool, len(names))
	for _, n := range names {
		has[n] = true
	}
	if spec.TargetColumn != "" && !has[spec.TargetColumn] {
		return Inputf("%s: %w %q for --target-column (columns: %s)", first, ErrUnknownColumn, spec.TargetColumn, strings.Join(names, ", "))
	}
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
		if !has[c] {
			return Inputf("%s: %w %q in --columns (columns: %s)", first, ErrUnknownColumn, c, strings.Join(names, ", "))
		}
		if seen[c] {
			return Usagef("--columns names %q twice", c)
		}
		seen[c] = true
	}
	spec.Columns = append([]string(nil), want...)
	return nil
}

// ReadLabels reads a CSV of index,label lines (an optional header row is
// skipped). allInt reports whether every label is an integer.
func ReadLabels(path string) (labels map[int]float64, allInt bool, err error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, false, Inputf("labels: %w", err)
	}
	labels = make(map[int]float64)
	allInt = true
	lines := strings.Split(string(data), "\n")
	for ln, line := range lines {
		line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, ",")
		bad := func(col int, format string, args ...any) error {
			return Inputf("%w", &feature.ParseError{File: path, Line: ln + 1, Column: col, Err: fmt.Errorf(format, args...)})
		}
		if len(fields) != 2 {
			return nil, false, bad(1, "want 2 fields index,label; have %d", len(fields))
		}
		idxText, labelText := strings.TrimSpace(fields[0]), strings.TrimSpace(fields[1])
		idx, err := strconv.Atoi(idxText)
		if err != nil {
			if len(labels) == 0 && ln == firstDataLine(lines) {
				continue // header row
			}
			return nil, false, bad(1, "index %q is not an integer", idxText)
		}
		labelCol := len(fields[0]) + 2
		v, err := strconv.ParseFloat(labelText, 64)
		if err != nil {
			return nil, false, bad(labelCol, "label %q is not a number", labelText)
		}
		if _, err := strconv.ParseInt(labelText, 10, 64); err != nil {
			allInt = false
		}
		if _, dup := labels[idx]; dup {
			return nil, false, bad(1, "index %d appears twice", idx)
		}
		labels[idx] = v
	}
	if len(labels) == 0 {
		return nil, false, Inputf("%s: no labels", path)
	}
	return labels, allInt, nil
}

func firstDataLine(lines []string) int {
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "#") {
			return i
		}
	}
	return -1
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
