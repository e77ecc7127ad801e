package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/featurize/featurize/input"
	"github.com/featurize/featurize/npyio"
	"github.com/featurize/featurize/split"
)

// runErr runs opts and returns the error and stderr.
func runErr(opts *Config) (*Result, string, error) {
	var stderr bytes.Buffer
	res, err := Run(context.Background(), withReporter(opts, &stderr))
	return res, stderr.String(), err
}

// featureColumn returns the column of feature.npy named name.
func featureColumn(t *testing.T, res *Result, out, name string) []float64 {
	t.Helper()
	k := slices.Index(res.Manifest.FeatureNames, name)
	if k < 0 {
		t.Fatalf("no feature %q in %v", name, res.Manifest.FeatureNames)
	}
	arr, err := npyio.ReadFile(filepath.Join(out, "feature.npy"))
	if err != nil {
		t.Fatal(err)
	}
	v, width := arr.Float64s(), arr.Shape[1]
	col := make([]float64, arr.Shape[0])
	for i := range col {
		col[i] = v[i*width+k]
	}
	return col
}

// TestHeaderRule: --header decides whether a numeric first row (pandas'
// default column names) is data or names; auto warns about it.
func TestHeaderRule(t *testing.T) {
	in := t.TempDir()
	for i := 1; i <= 2; i++ {
		writeFile(t, filepath.Join(in, strconv.Itoa(i)+".csv"), "0,1\n8.31,2\n9.5,3\n")
	}
	for _, tc := range []struct {
		header, name string
		wantMin      float64
		warn         bool
	}{
		{"", "c0__min", 0, true},
		{"auto", "c0__min", 0, true},
		{"yes", "0__min", 8.31, false},
		{"no", "c0__min", 0, false},
	} {
		t.Run(tc.header, func(t *testing.T) {
			out := t.TempDir()
			opts := baseOptions(in, out)
			opts.Window, opts.Stride = 0, 0
			opts.Header, _ = input.ParseHeader(tc.header)
			res, stderr, err := runErr(opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := featureColumn(t, res, out, tc.name); got[0] != tc.wantMin || got[1] != tc.wantMin {
				t.Errorf("%s = %v; want %v for both files", tc.name, got, tc.wantMin)
			}
			const warning = "holds the column names pandas writes by default (0, 1, ...), but it was read as data (Header auto); set Header yes"
			if got := strings.Count(stderr, warning); got != map[bool]int{true: 1}[tc.warn] {
				t.Errorf("stderr has the pandas warning %d times; want it iff auto:\n%s", got, stderr)
			}
			if tc.warn && !slices.ContainsFunc(res.Manifest.Warnings, func(w string) bool { return strings.Contains(w, warning) }) {
				t.Errorf("manifest warnings %q lack the pandas warning", res.Manifest.Warnings)
			}
			if want := map[string]string{"": "auto"}[tc.header]; res.Manifest.Options.Header != max(want, tc.header) {
				t.Errorf("manifest header rule %q; want %q", res.Manifest.Options.Header, max(want, tc.header))
			}
		})
	}
	t.Run("no with a named header", func(t *testing.T) {
		in := t.TempDir()
		writeFile(t, filepath.Join(in, "1.csv"), "a,b\n1,2\n")
		opts := baseOptions(in, t.TempDir())
		opts.Header = input.HeaderNo
		_, _, err := runErr(opts)
		var pe *input.ParseError
		if !errors.As(err, &pe) || !errors.Is(err, input.ErrSyntax) || pe.Line != 1 || pe.Column != 1 {
			t.Errorf("Run error %v; want a syntax error at 1:1", err)
		}
	})
	opts := baseOptions(in, t.TempDir())
	opts.Header = input.Header(7)
	if _, _, err := runErr(opts); !errors.Is(err, ErrUsage) {
		t.Errorf("--header maybe: %v; want a usage error", err)
	}
}

// TestDuplicateColumnNames: a header that names a column twice is bad
// input at the second name, not the first column computed twice.
func TestDuplicateColumnNames(t *testing.T) {
	in := t.TempDir()
	writeFile(t, filepath.Join(in, "1.csv"), "a,b,a\n1,2,3\n4,5,6\n")
	_, _, err := runErr(baseOptions(in, t.TempDir()))
	if !errors.Is(err, input.ErrDuplicateColumn) || !errors.Is(err, ErrInput) {
		t.Fatalf("Run error %v; want ErrDuplicateColumn and ErrInput", err)
	}
	if want := `1.csv:1:5: duplicate column name "a": columns 1 and 3 both have it`; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q; want it to contain %q", err, want)
	}
}

// TestGapInNumbering: counting files stops at a gap only if no file of the
// pattern lies past it; with --skip-bad the gap is skipped.
func TestGapInNumbering(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 6)
	os.Remove(filepath.Join(in, "4.csv"))
	opts := baseOptions(in, t.TempDir())
	_, _, err := runErr(opts)
	if !errors.Is(err, ErrMissingFile) || !errors.Is(err, ErrInput) {
		t.Fatalf("Run error %v; want ErrMissingFile", err)
	}
	for _, want := range []string{"4.csv, but 2 files of the pattern exist past it (5.csv, 6.csv)", "N 3 reads only files 1..3", "SkipBad reads files 1..6"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}

	for _, n := range []int{0, 6} {
		out := t.TempDir()
		opts := baseOptions(in, out)
		opts.SkipBad, opts.N = true, n
		opts.Labels = filepath.Join(in, "labels.csv")
		res, _, err := runErr(opts)
		if err != nil {
			t.Fatalf("n=%d, --skip-bad: %v", n, err)
		}
		if res.Spec.N != 6 || len(res.Manifest.Skipped) != 1 || res.Manifest.Skipped[0].Index != 4 {
			t.Errorf("n=%d, --skip-bad: N %d, skipped %v; want 6 and file 4", n, res.Spec.N, res.Manifest.Skipped)
		}
		groups, _ := npyio.ReadFile(filepath.Join(out, "groups.npy"))
		if g := groups.Float64s(); slices.Contains(g, 4) || !slices.Contains(g, 6) {
			t.Errorf("n=%d: groups %v; want file 6's rows and none of 4", n, g)
		}
	}

	// Without files past it, the gap ends the count as before.
	os.Remove(filepath.Join(in, "5.csv"))
	os.Remove(filepath.Join(in, "6.csv"))
	if res := runOK(t, baseOptions(in, t.TempDir())); res.Spec.N != 3 {
		t.Errorf("N = %d; want 3", res.Spec.N)
	}
}

// TestLabelsExact: integer labels are read as int64, exactly.
func TestLabelsExact(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	writeDataset(t, in, 2)
	writeFile(t, filepath.Join(in, "labels.csv"), "index,label\n1,9007199254740993\n2,-9223372036854775808\n")
	opts := baseOptions(in, out)
	opts.Window, opts.Stride = 0, 0
	opts.Labels = filepath.Join(in, "labels.csv")
	runOK(t, opts)
	arr, err := npyio.ReadFile(filepath.Join(out, "target.npy"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := arr.Data.([]int64), []int64{9007199254740993, -9223372036854775808}; !slices.Equal(got, want) {
		t.Errorf("target %v; want %v", got, want)
	}

	// An integer past int64 makes the target float64, with one warning.
	writeFile(t, filepath.Join(in, "labels.csv"), "index,label\n1,9223372036854775808\n2,-99999999999999999999\n")
	_, stderr, err := runErr(opts)
	if err != nil {
		t.Fatal(err)
	}
	want := "labels.csv:2: the label 9223372036854775808 is an integer beyond int64's range, so the target is float64, where it is 9.223372036854776e+18"
	if strings.Count(stderr, "beyond int64") != 1 || !strings.Contains(stderr, want) {
		t.Errorf("warnings %q; want one with %q", stderr, want)
	}
	if arr, err := npyio.ReadFile(filepath.Join(out, "target.npy")); err != nil || arr.Descr != "<f8" {
		t.Errorf("target %+v, %v; want float64", arr, err)
	}
}

// TestLabelsByName: a labels file with a header is read by column name.
func TestLabelsByName(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 3)
	target := func(t *testing.T, labels string, idx, lab string) ([]int64, error) {
		out := t.TempDir()
		writeFile(t, filepath.Join(in, "labels.csv"), labels)
		opts := baseOptions(in, out)
		opts.Window, opts.Stride = 0, 0
		opts.Labels, opts.IndexColumn, opts.LabelColumn = filepath.Join(in, "labels.csv"), idx, lab
		if _, _, err := runErr(opts); err != nil {
			return nil, err
		}
		arr, err := npyio.ReadFile(filepath.Join(out, "target.npy"))
		if err != nil {
			t.Fatal(err)
		}
		return arr.Data.([]int64), nil
	}
	want := []int64{10, 20, 30}
	for _, tc := range []struct{ name, labels, idx, lab string }{
		{"index,label", "index,label\n1,10\n2,20\n3,30\n", "", ""},
		{"label,index", "label,index\n10,1\n20,2\n30,3\n", "", ""},
		{"no header", "1,10\n2,20\n3,30\n", "", ""},
		{"named, extra column", "note,y,id\nx,20,2\ny,10,1\nz,30,3\n", "id", "y"},
	} {
		got, err := target(t, tc.labels, tc.idx, tc.lab)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("%s: target %v, %v; want %v", tc.name, got, err, want)
		}
	}
	for _, tc := range []struct{ name, labels, idx, lab, msg string }{
		{"header names neither", "id,y\n1,10\n", "", "", `no index column "index" and no label column "label" (its columns: "id", "y"); name the columns with IndexColumn and LabelColumn`},
		{"header lacks the label", "index,y\n1,10\n", "", "", `no label column "label"`},
		{"names without a header", "1,10\n2,20\n3,30\n", "id", "y", "has no header row"},
	} {
		_, err := target(t, tc.labels, tc.idx, tc.lab)
		if !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: error %v; want a usage error containing %q", tc.name, err, tc.msg)
		}
	}
}

// TestTargetAsFeature: --columns with the target column is refused unless
// allowed.
func TestTargetAsFeature(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 2)
	opts := baseOptions(in, t.TempDir())
	opts.TargetColumn, opts.Columns = "speed", []string{"ax", "speed"}
	if _, _, err := runErr(opts); !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), "AllowTargetFeature") {
		t.Errorf("Run error %v; want a usage error naming AllowTargetFeature", err)
	}
	opts = baseOptions(in, t.TempDir())
	opts.TargetColumn, opts.Columns, opts.Horizon, opts.AllowTargetFeature = "speed", []string{"ax", "speed"}, 2, true
	if res := runOK(t, opts); !slices.Contains(res.Manifest.FeatureNames, "speed__mean") {
		t.Errorf("features %v lack speed__mean", res.Manifest.FeatureNames)
	}
}

// TestExtrasReported: labels without a file and columns beyond the first
// file's are warned about once and listed in the manifest.
func TestExtrasReported(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 4)
	labels, _ := os.ReadFile(filepath.Join(in, "labels.csv"))
	writeFile(t, filepath.Join(in, "labels.csv"), string(labels)+"7,1\n5,2\n")
	for _, i := range []int{2, 3} {
		p := filepath.Join(in, strconv.Itoa(i)+".csv")
		data, _ := os.ReadFile(p)
		lines := strings.Split(strings.TrimSpace(string(data)), "\n")
		lines[0] += ",extra"
		for k := 1; k < len(lines); k++ {
			lines[k] += ",1"
		}
		writeFile(t, p, strings.Join(lines, "\n")+"\n")
	}
	for _, engine := range []Engine{EngineThread, EngineProcess} {
		opts := baseOptions(in, t.TempDir())
		opts.Engine = engine
		testWorker(opts)
		opts.Labels = filepath.Join(in, "labels.csv")
		res, stderr, err := runErr(opts)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(res.Manifest.ExtraLabels, []int{5, 7}) {
			t.Errorf("%s: extra labels %v; want [5 7]", engine, res.Manifest.ExtraLabels)
		}
		if n := strings.Count(stderr, "2 labels have no input file and are ignored (indices 5, 7)"); n != 1 {
			t.Errorf("%s: the extra labels warning appears %d times:\n%s", engine, n, stderr)
		}
		ec := res.Manifest.ExtraColumns
		if len(ec) != 2 || ec[0].Index != 2 || ec[1].Index != 3 || !slices.Equal(ec[0].Columns, []string{"extra"}) {
			t.Errorf("%s: extra columns %+v; want files 2 and 3 with [extra]", engine, ec)
		}
		if n := strings.Count(stderr, "2 files have columns that the first file does not"); n != 1 {
			t.Errorf("%s: the extra columns warning appears %d times:\n%s", engine, n, stderr)
		}
	}
}

// TestManifestPathsAbsolute: the manifest identifies its inputs from any
// working directory.
func TestManifestPathsAbsolute(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	writeDataset(t, in, 2)
	t.Chdir(in)
	opts := baseOptions(".", out)
	opts.Labels = "labels.csv"
	res := runOK(t, opts)
	m := res.Manifest
	if s := readSeries(t, res); m.Input.Dir != in || s.Paths[1] != filepath.Join(in, "2.csv") || m.Options.Labels != filepath.Join(in, "labels.csv") {
		t.Errorf("manifest paths dir %q, file %q, labels %q; want absolute ones under %s", m.Input.Dir, s.Paths[1], m.Options.Labels, in)
	}
}

// TestNonUTF8Names: paths and column names that are not UTF-8 reach
// process workers byte for byte; every engine writes the same arrays.
func TestNonUTF8Names(t *testing.T) {
	root := t.TempDir()
	in := filepath.Join(root, "in_\xff")
	os.Mkdir(in, 0o755)
	for i := 1; i <= 4; i++ {
		writeFile(t, filepath.Join(in, strconv.Itoa(i)+".csv"), "a\xfe,b\n1,2\n3,5\n4,"+strconv.Itoa(i)+"\n")
	}
	var want map[string][]byte
	for _, engine := range []Engine{EngineSerial, EngineThread, EngineProcess} {
		out := filepath.Join(root, "out_\xff_"+engine.String())
		opts := baseOptions(in, out)
		opts.Window, opts.Stride, opts.Engine, opts.KeepParts = 0, 0, engine, true
		opts.Columns = []string{"a\xfe"}
		testWorker(opts)
		res := runOK(t, opts)
		if got := res.Manifest.FeatureNames[0]; got != "a\xfe__mean" {
			t.Errorf("%s: first feature %q; want %q", engine, got, "a\xfe__mean")
		}
		if parts, _ := filepath.Glob(filepath.Join(out, PartsDirName, "part-*.json")); len(parts) == 0 {
			t.Errorf("%s: no parts under %q", engine, filepath.Join(out, PartsDirName))
		}
		got := readOutputs(t, out)
		if want == nil {
			want = got
			continue
		}
		sameOutputs(t, got, want, "the serial engine's")
	}
}

// TestTaskTimeoutThreads: --task-timeout stops a thread or serial chunk
// that runs past it; the chunk is retried, and fails the run when the
// retries are spent.
func TestTaskTimeoutThreads(t *testing.T) {
	in, cleanOut := t.TempDir(), t.TempDir()
	writeDataset(t, in, 6)
	clean := baseOptions(in, cleanOut)
	clean.Chunks = 3
	runOK(t, clean)
	want := readOutputs(t, cleanOut)
	for _, engine := range []Engine{EngineThread, EngineSerial} {
		for _, once := range []bool{true, false} {
			slowed := 0
			hook := func(task chunkTask, idx int) {
				if task.Chunk == 1 && idx == task.Range.Start && (!once || slowed == 0) {
					slowed++
					time.Sleep(150 * time.Millisecond)
				}
			}
			out := t.TempDir()
			opts := baseOptions(in, out)
			opts.fileHook = hook
			opts.Engine, opts.Chunks, opts.Retries, opts.TaskTimeout = engine, 3, 1, 50*time.Millisecond
			_, stderr, err := runErr(opts)
			if !strings.Contains(stderr, "retrying: chunk 1 (files 3-4): pipeline: task timed out after 50ms; the chunk was stopped") {
				t.Errorf("%s, once %v: stderr lacks the retry:\n%s", engine, once, stderr)
			}
			if once {
				if err != nil {
					t.Fatalf("%s: %v", engine, err)
				}
				sameOutputs(t, readOutputs(t, out), want, "an undisturbed run's")
				continue
			}
			if !errors.Is(err, ErrTaskTimeout) || !strings.Contains(err.Error(), "gave up after 2 attempts: chunk 1 (files 3-4)") {
				t.Errorf("%s: error %v; want ErrTaskTimeout after 2 attempts", engine, err)
			}
		}
	}
}

// TestLowestBadFileReported: of two bad files, the run reports the one
// of the lowest index, whichever chunk fails first.
func TestLowestBadFileReported(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 6)
	for _, i := range []int{2, 4} {
		writeFile(t, filepath.Join(in, strconv.Itoa(i)+".csv"), "ax,ay,speed\n1,2\n")
	}
	for _, engine := range []Engine{EngineThread, EngineProcess} {
		// Chunk 0 (files 1-2) is slowed before its bad file, so chunk 1
		// (files 3-4) fails first.
		hook := func(task chunkTask, idx int) {
			if task.Chunk == 0 && idx == 2 {
				time.Sleep(200 * time.Millisecond)
			}
		}
		opts := baseOptions(in, t.TempDir())
		opts.fileHook = hook
		opts.Engine, opts.Chunks, opts.Workers = engine, 3, 3
		testWorker(opts, faultEnv+"=slow@0")
		_, _, err := runErr(opts)
		if err == nil || !strings.Contains(err.Error(), "2.csv:2:") || strings.Contains(err.Error(), "4.csv") {
			t.Errorf("%s: error %v; want 2.csv's", engine, err)
		}
	}
}

// TestWorkersAtMostChunks: the process engine starts no more workers than
// there are chunks, however many --workers asks for.
func TestWorkersAtMostChunks(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 6)
	for _, tc := range []struct{ chunks, n, want int }{{3, 0, 3}, {0, 2, 2}} {
		opts := baseOptions(in, t.TempDir())
		opts.Engine, opts.Workers, opts.Chunks, opts.N = EngineProcess, 40, tc.chunks, tc.n
		log := loggedWorkers(t, opts, false)
		runOK(t, opts)
		data, _ := os.ReadFile(log)
		if got := len(strings.Fields(string(data))); got > tc.want {
			t.Errorf("--workers 40 --chunks %d --n %d started %d workers; want at most %d", tc.chunks, tc.n, got, tc.want)
		}
	}
}

// TestWriteManifest: the hand-written feature names equal
// encoding/json's, escapes and all.
func TestWriteManifest(t *testing.T) {
	check := func(man *Manifest) {
		t.Helper()
		want, err := json.MarshalIndent(man, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := writeManifest(&got, man); err != nil {
			t.Fatal(err)
		}
		if got.String() != string(want)+"\n" {
			t.Errorf("names %q:\n%s\nwant\n%s", man.FeatureNames, got.String(), want)
		}
	}
	for _, names := range [][]string{nil, {}, {"a__mean"}, {"a\"b\\c__x", "<&>\u2028\u2029", "\x00\x1f\t\n\r\b\f", "\xff\xfe ok", "é__ü"}} {
		check(&Manifest{Tool: "featurize", FeatureNames: names, Warnings: []string{`"feature_names": null`}})
	}
	// Names written from a grid of columns and features, escaped part by
	// part, then a worker's names after them.
	columns := []string{"a", "x\xff", "\xe2\x82", "q\"<&>", "\u2028", ""}
	features := []string{"mean", `f_agg_"var"__q_0.5`, "\x01"}
	for _, ext := range [][]string{nil, {"x0", "y\xff"}} {
		var names []string
		for _, c := range columns {
			for _, f := range features {
				names = append(names, c+"__"+f)
			}
		}
		check(&Manifest{Tool: "featurize", FeatureNames: append(names, ext...), grid: &nameGrid{columns, features}})
	}
}

// TestManyChunksGrouped: many small chunks are computed as a few tasks of
// consecutive chunks (few part files), with the same outputs; --resume
// reuses such tasks whatever the new grouping, and recomputes a lost one.
func TestManyChunksGrouped(t *testing.T) {
	in := t.TempDir()
	const n = 300
	for i := 1; i <= n; i++ {
		writeFile(t, filepath.Join(in, strconv.Itoa(i)+".csv"), "a,b\n1,"+strconv.Itoa(i)+"\n3,4\n5,6\n")
	}
	wantOut := t.TempDir()
	want := baseOptions(in, wantOut)
	want.Window, want.Stride = 0, 0
	runOK(t, want)

	out := t.TempDir()
	opts := baseOptions(in, out)
	opts.Window, opts.Stride, opts.Chunks, opts.KeepParts = 0, 0, n, true
	res := runOK(t, opts)
	sameOutputs(t, readOutputs(t, out), readOutputs(t, wantOut), "a run of the default chunks")
	if res.Manifest.Options.Chunks != n {
		t.Errorf("manifest chunks %d; want %d", res.Manifest.Options.Chunks, n)
	}
	recs, _ := filepath.Glob(filepath.Join(out, PartsDirName, "part-*.json"))
	if len(recs) > tasksPerWorker*opts.Workers || len(recs) < opts.Workers {
		t.Errorf("%d records for %d chunks on %d workers; want at most %d", len(recs), n, opts.Workers, tasksPerWorker*opts.Workers)
	}

	// Resume with one worker (another grouping): every task is reused.
	opts.Workers, opts.Resume = 1, true
	_, stderr, err := runErr(opts)
	if err != nil || !strings.Contains(stderr, fmt.Sprintf("resume: reusing %d of %d chunks", n, n)) {
		t.Errorf("resume: %v, stderr %q; want all %d chunks reused", err, stderr, n)
	}
	// A lost task is recomputed, by the new grouping.
	os.Remove(recs[len(recs)/2])
	_, stderr, err = runErr(opts)
	if err != nil || strings.Contains(stderr, fmt.Sprintf("reusing %d of", n)) {
		t.Errorf("resume after a lost record: %v, stderr %q", err, stderr)
	}
	sameOutputs(t, readOutputs(t, out), readOutputs(t, wantOut), "a run of the default chunks")
}

// TestGroupTasks: consecutive chunks are cut into near-equal runs; gaps
// (a shard's chunks) are never bridged.
func TestGroupTasks(t *testing.T) {
	spec := &Spec{Chunks: split.ArraySplit(1, 100, 20)}
	chunks := func(lo, hi, step int) []int {
		var c []int
		for i := lo; i < hi; i += step {
			c = append(c, i)
		}
		return c
	}
	for _, tc := range []struct {
		chunks []int
		n      int
		want   string
	}{
		{chunks(0, 20, 1), 20, "0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19"},
		{chunks(0, 20, 1), 4, "0+5 5+5 10+5 15+5"},
		{chunks(0, 20, 1), 3, "0+7 7+7 14+6"},
		{chunks(0, 20, 4), 2, "0 4 8 12 16"},
		{append(chunks(0, 6, 1), chunks(10, 20, 1)...), 4, "0+3 3+3 10+4 14+3 17+3"},
	} {
		var got []string
		for _, task := range groupTasks(spec, tc.chunks, tc.n) {
			s := strconv.Itoa(task.Chunk)
			if task.Chunks > 0 {
				s += "+" + strconv.Itoa(task.Chunks)
			}
			if task.Range.Start != spec.Chunks[task.Chunk].Start || task.Range.Stop != spec.Chunks[task.Chunk+task.count()-1].Stop {
				t.Errorf("task %v has files %v", task, task.Range)
			}
			got = append(got, s)
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("groupTasks(%v, %d) = %s; want %s", tc.chunks, tc.n, g, tc.want)
		}
	}
}
