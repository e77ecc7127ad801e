package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/featurize/featurize/feature"
	"github.com/featurize/featurize/input"
	"github.com/featurize/featurize/npyio"
)

// The test binary doubles as the process engine's worker (os/exec's
// TestMain pattern): with testWorkerEnv set it serves tasks and exits.
const testWorkerEnv = "FEATURIZE_TEST_WORKER"

func TestMain(m *testing.M) {
	if os.Getenv(extWorkerEnv) != "" {
		os.Exit(goExtWorker())
	}
	if os.Getenv(testWorkerEnv) == "1" {
		InstallFaultsFromEnv()
		os.Exit(workerMain(context.Background(), os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// testWorker points the process engine at this test binary.
func testWorker(opts *Config, env ...string) {
	opts.WorkerCommand = []string{os.Args[0], "-test.run=^$"}
	opts.WorkerEnv = append([]string{testWorkerEnv + "=1"}, env...)
}

// writeDataset writes n CSV files ax,ay,target of varying length and a
// labels file; values are fixed by the seed.
func writeDataset(t testing.TB, dir string, n int) {
	t.Helper()
	var labels strings.Builder
	labels.WriteString("index,label\n")
	for i := 1; i <= n; i++ {
		rng := rand.New(rand.NewPCG(7, uint64(i)))
		rows := 40 + rng.IntN(60)
		var b strings.Builder
		b.WriteString("ax,ay,speed\n")
		for r := 0; r < rows; r++ {
			fmt.Fprintf(&b, "%.6f,%.6f,%.3f\n", rng.NormFloat64(), math.Sin(float64(r)/5)+rng.Float64(), rng.Float64()*10)
		}
		writeFile(t, filepath.Join(dir, strconv.Itoa(i)+".csv"), b.String())
		fmt.Fprintf(&labels, "%d,%d\n", i, rng.IntN(4))
	}
	writeFile(t, filepath.Join(dir, "labels.csv"), labels.String())
}

func writeFile(t testing.TB, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func baseOptions(in, out string) *Config {
	return &Config{InputDir: in, OutDir: out, Window: 16, Stride: 8, Workers: 2, Retries: 2, Engine: EngineThread}
}

func runOK(t *testing.T, opts *Config) *Result {
	t.Helper()
	var stderr bytes.Buffer
	res, err := Run(context.Background(), withReporter(opts, &stderr))
	if err != nil {
		t.Fatalf("Run(%+v): %v\nstderr:\n%s", opts, err, stderr.String())
	}
	return res
}

func readOutputs(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	got := map[string][]byte{}
	for _, name := range []string{"feature.npy", "target.npy", "groups.npy", "feature.txt", "target.txt", "groups.txt"} {
		if data, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
			got[name] = data
		}
	}
	return got
}

// sameOutputs reports each of want's outputs that got does not hold byte
// for byte; whose says whose outputs want are.
func sameOutputs(t *testing.T, got, want map[string][]byte, whose string) {
	t.Helper()
	for name, w := range want {
		if !bytes.Equal(got[name], w) {
			t.Errorf("%s differs from %s", name, whose)
		}
	}
}

// TestEnginesByteIdentical runs every engine over several chunk and worker
// counts and checks the arrays are the same bytes.
func TestEnginesByteIdentical(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 9)
	for _, target := range []string{"labels", "column"} {
		t.Run(target, func(t *testing.T) {
			var want map[string][]byte
			var wantName string
			for _, tc := range []struct {
				engine          Engine
				chunks, workers int
			}{
				{EngineSerial, 1, 1},
				{EngineSerial, 4, 1},
				{EngineThread, 3, 2},
				{EngineThread, 12, 3},
				{EngineProcess, 1, 1},
				{EngineProcess, 5, 2},
				{EngineProcess, 9, 3},
			} {
				name := fmt.Sprintf("%s-k%d-w%d", tc.engine, tc.chunks, tc.workers)
				out := t.TempDir()
				opts := baseOptions(in, out)
				opts.Engine, opts.Chunks, opts.Workers = tc.engine, tc.chunks, tc.workers
				if target == "labels" {
					opts.Labels = filepath.Join(in, "labels.csv")
				} else {
					opts.TargetColumn, opts.Horizon = "speed", 3
				}
				testWorker(opts)
				runOK(t, opts)
				got := readOutputs(t, out)
				if len(got) != 3 {
					t.Fatalf("%s: outputs %v; want feature, target and groups .npy", name, keys(got))
				}
				if want == nil {
					want, wantName = got, name
					continue
				}
				sameOutputs(t, got, want, wantName+"'s, in "+name)
			}
		})
	}
}

func keys(m map[string][]byte) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// TestRowsMatchDirectComputation checks a few rows against the kernels run
// by hand on the same windows, and the manifest's row ranges.
func TestRowsMatchDirectComputation(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	writeDataset(t, in, 3)
	opts := baseOptions(in, out)
	opts.Columns = []string{"ay"}
	opts.Features = mustFeatures(t, "mean", "max")
	opts.TargetColumn = "speed"
	opts.Horizon = 2
	res := runOK(t, opts)

	series := readSeries(t, res)
	man := res.Manifest
	if got, want := strings.Join(man.FeatureNames, ","), "ay__mean,ay__max"; got != want {
		t.Errorf("feature names %q; want %q", got, want)
	}
	feat, err := npyio.ReadFile(filepath.Join(opts.OutDir, "feature.npy"))
	if err != nil {
		t.Fatal(err)
	}
	target, err := npyio.ReadFile(filepath.Join(opts.OutDir, "target.npy"))
	if err != nil {
		t.Fatal(err)
	}
	fv, tv := feat.Float64s(), target.Float64s()
	set, err := feature.ParseSet([]string{"mean", "max"})
	if err != nil {
		t.Fatal(err)
	}
	ev := set.NewEvaluator()
	row := 0
	for i := 1; i <= 3; i++ {
		tbl, err := input.ReadTable(filepath.Join(in, strconv.Itoa(i)+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		ayIdx, _ := tbl.Column("ay")
		spIdx, _ := tbl.Column("speed")
		ay, sp := tbl.Cols[ayIdx], tbl.Cols[spIdx]
		start := row
		for s := 0; s+16 <= tbl.Rows && s+15+2 < tbl.Rows; s += 8 {
			want := make([]float64, 2)
			ev.Windows(want, 0, 0, ay[s:s+16], 16, 1, 1)
			if got := fv[2*row : 2*row+2]; got[0] != want[0] || got[1] != want[1] {
				t.Errorf("file %d window at %d: features %v; want %v", i, s, got, want)
			}
			if tv[row] != sp[s+15+2] {
				t.Errorf("file %d window at %d: target %v; want %v", i, s, tv[row], sp[s+15+2])
			}
			row++
		}
		if got := series.Rows[i-1 : i+1]; got[0] != int64(start) || got[1] != int64(row) {
			t.Errorf("series %d: rows %v; want [%d, %d)", i, got, start, row)
		}
	}
	if res.Rows != row {
		t.Errorf("rows %d; want %d", res.Rows, row)
	}
}

// TestBadInput checks each kind of bad input fails with a positioned
// message and leaves no final output.
func TestBadInput(t *testing.T) {
	for _, tc := range []struct {
		name    string
		mutate  func(t *testing.T, in string, opts *Config)
		wantErr []string
		is      error
	}{
		{"missing file", func(t *testing.T, in string, o *Config) {
			os.Remove(filepath.Join(in, "3.csv"))
			o.N = 5
		}, []string{"3.csv", "missing"}, ErrMissingFile},
		{"non-numeric field", func(t *testing.T, in string, o *Config) {
			writeFile(t, filepath.Join(in, "4.csv"), "ax,ay,speed\n1,2,3\n1,x7,3\n")
		}, []string{"4.csv:3:3"}, input.ErrSyntax},
		{"ragged row", func(t *testing.T, in string, o *Config) {
			writeFile(t, filepath.Join(in, "2.csv"), "ax,ay,speed\n1,2,3\n1,2\n")
		}, []string{"2.csv:3:"}, input.ErrFieldCount},
		{"empty file", func(t *testing.T, in string, o *Config) {
			writeFile(t, filepath.Join(in, "5.csv"), "")
		}, []string{"5.csv"}, input.ErrEmptyFile},
		{"label missing", func(t *testing.T, in string, o *Config) {
			writeFile(t, filepath.Join(in, "labels.csv"), "index,label\n1,0\n2,1\n3,1\n4,0\n")
			o.Labels = filepath.Join(in, "labels.csv")
		}, []string{"labels.csv", "5"}, ErrMissingLabel},
		{"unknown column", func(t *testing.T, in string, o *Config) {
			o.Columns = []string{"ax", "gyro"}
		}, []string{"1.csv", `"gyro"`}, ErrUnknownColumn},
	} {
		for _, engine := range []Engine{EngineSerial, EngineThread, EngineProcess} {
			t.Run(tc.name+"/"+engine.String(), func(t *testing.T) {
				in, out := t.TempDir(), t.TempDir()
				writeDataset(t, in, 6)
				opts := baseOptions(in, out)
				opts.Engine = engine
				testWorker(opts)
				tc.mutate(t, in, opts)
				var stderr bytes.Buffer
				_, err := Run(context.Background(), withReporter(opts, &stderr))
				if err == nil {
					t.Fatalf("Run succeeded; want an error containing %q", tc.wantErr)
				}
				for _, w := range tc.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not contain %q", err, w)
					}
				}
				if tc.is != nil && engine != EngineProcess && !errors.Is(err, tc.is) {
					t.Errorf("error %q is not %v", err, tc.is)
				}
				if !errors.Is(err, ErrInput) && !errors.Is(err, ErrUsage) {
					t.Errorf("error %q is neither ErrInput nor ErrUsage", err)
				}
				entries, _ := os.ReadDir(out)
				for _, e := range entries {
					if e.Name() != PartsDirName {
						t.Errorf("output dir has %s after a failed run", e.Name())
					}
				}
			})
		}
	}
}

// TestShortFileWarns: a file shorter than the window gives a warning and no
// rows, not an error.
func TestShortFileWarns(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	writeDataset(t, in, 3)
	writeFile(t, filepath.Join(in, "2.csv"), "ax,ay,speed\n1,2,3\n4,5,6\n")
	opts := baseOptions(in, out)
	var stderr bytes.Buffer
	res, err := Run(context.Background(), withReporter(opts, &stderr))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr.String(), "2.csv: 2 rows, fewer than --window 16") {
		t.Errorf("stderr %q lacks the short-file warning", stderr.String())
	}
	if s := readSeries(t, res); s.Rows[1] != s.Rows[2] {
		t.Errorf("file 2 has rows [%d, %d); want none", s.Rows[1], s.Rows[2])
	}
	if len(res.Manifest.Warnings) != 1 {
		t.Errorf("manifest warnings %q; want one", res.Manifest.Warnings)
	}
}

// TestManifest checks the manifest's shapes and the no-target case.
func TestManifest(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	writeDataset(t, in, 4)
	opts := baseOptions(in, out)
	opts.Window = 0
	opts.Stride = 0
	runOK(t, opts)
	if _, err := os.Stat(filepath.Join(out, "target.npy")); !os.IsNotExist(err) {
		t.Errorf("target.npy exists without a target option (err %v)", err)
	}
	data, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(filepath.Join(out, "manifest.json")); fi.Mode().Perm() != 0o644 {
		t.Errorf("manifest.json mode %v; want 0644 like the arrays", fi.Mode().Perm())
	}
	var man Manifest
	if err := json.Unmarshal(data, &man); err != nil {
		t.Fatal(err)
	}
	if man.Target.Kind != "none" {
		t.Errorf("target kind %q; want none", man.Target.Kind)
	}
	def, _ := feature.Preset("default")
	nf := len(def) * 3
	if got := man.Arrays["feature"].Shape; len(got) != 2 || got[0] != 4 || got[1] != nf {
		t.Errorf("feature shape %v; want [4 %d]", got, nf)
	}
	if got := man.Arrays["groups"].Shape; len(got) != 1 || got[0] != 4 {
		t.Errorf("groups shape %v; want [4]", got)
	}
	if _, err := os.Stat(filepath.Join(out, PartsDirName)); !os.IsNotExist(err) {
		t.Errorf("parts dir left after a successful run (err %v)", err)
	}
}

// TestRunReplacesEarlierOutputs: a run into an OUT that holds another
// run's outputs leaves only its own arrays and manifest there.
func TestRunReplacesEarlierOutputs(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	writeDataset(t, in, 6)
	first := baseOptions(in, out)
	first.TargetColumn = "speed"
	first.Format = FormatTXT
	runOK(t, first)
	if got := readOutputs(t, out); len(got) != 3 || got["target.txt"] == nil {
		t.Fatalf("first run wrote %v; want feature, target and groups .txt", keys(got))
	}
	second := baseOptions(in, out)
	second.Format = FormatNPY
	runOK(t, second)
	got := readOutputs(t, out)
	if len(got) != 2 || got["feature.npy"] == nil || got["groups.npy"] == nil {
		t.Errorf("after the second run OUT holds %v; want only feature.npy and groups.npy", keys(got))
	}
	data, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var man Manifest
	if err := json.Unmarshal(data, &man); err != nil {
		t.Fatal(err)
	}
	if man.Options.Format != "npy" || man.Target.Kind != "none" {
		t.Errorf("manifest is not the second run's: format %q, target %q", man.Options.Format, man.Target.Kind)
	}
}

// TestLabelDTypes: integer labels give an int64 target, others float64,
// bit for bit (NaN, infinities and -0 too) on every engine.
func TestLabelDTypes(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 3)
	for _, tc := range []struct {
		labels, descr string
		want          []float64
	}{
		{"index,label\n1,3\n2,0\n3,-2\n", "<i8", []float64{3, 0, -2}},
		{"index,label\n1,0.5\n2,1\n3,2e3\n", "<f8", []float64{0.5, 1, 2000}},
		{"index,label\n1,nan\n2,-inf\n3,-0.0\n", "<f8", []float64{math.NaN(), math.Inf(-1), math.Copysign(0, -1)}},
	} {
		for _, engine := range []Engine{EngineThread, EngineProcess} {
			out := t.TempDir()
			writeFile(t, filepath.Join(in, "labels.csv"), tc.labels)
			opts := baseOptions(in, out)
			opts.Window, opts.Stride = 0, 0
			opts.Labels = filepath.Join(in, "labels.csv")
			opts.Engine = engine
			testWorker(opts)
			runOK(t, opts)
			arr, err := npyio.ReadFile(filepath.Join(out, "target.npy"))
			if err != nil {
				t.Fatal(err)
			}
			if arr.Descr != tc.descr {
				t.Errorf("%s, labels %q: target dtype %s; want %s", engine, tc.labels, arr.Descr, tc.descr)
			}
			if got := arr.Float64s(); !sameBits(got, tc.want) {
				t.Errorf("%s, labels %q: target %v; want %v", engine, tc.labels, got, tc.want)
			}
		}
	}
}

// TestLabelValuesJSON: labels survive a shard record's JSON bit for bit,
// and a malformed list is an error, not a short list.
func TestLabelValuesJSON(t *testing.T) {
	want := labelValues{0x7ff8_0000_0000_0042, math.Float64bits(math.Inf(1)), math.Float64bits(math.Copysign(0, -1)), 1<<63 | 5}
	data, err := json.Marshal(&Spec{Labels: want})
	if err != nil {
		t.Fatal(err)
	}
	var got Spec
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Labels, want) {
		t.Errorf("labels %v crossed as %v", want, got.Labels)
	}
	if err := json.Unmarshal([]byte(`{"labels":"AAAA"}`), new(Spec)); err == nil {
		t.Error("3 bytes of labels decoded without an error")
	}
}

// sameBits reports whether a and b hold the same float64 bit patterns.
func sameBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

// TestWindowBatchingIdentical: computing a file's windows in small batches
// gives the same bytes as in one batch.
func TestWindowBatchingIdentical(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 3)
	var outs []map[string][]byte
	for _, batch := range []int{4096, 3, 1} {
		out := t.TempDir()
		opts := baseOptions(in, out)
		opts.windowBatch = batch
		opts.Window, opts.Stride, opts.Engine = 8, 2, EngineSerial
		opts.TargetColumn, opts.Horizon = "speed", 1
		runOK(t, opts)
		outs = append(outs, readOutputs(t, out))
	}
	for i := 1; i < len(outs); i++ {
		sameOutputs(t, outs[i], outs[0], "the first batch size's")
	}
}

// TestSkipBad: with --skip-bad a malformed file is left out, listed in the
// manifest and warned about; the other files' rows are unchanged.
func TestSkipBad(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 5)
	clean := baseOptions(in, t.TempDir())
	cleanRes := runOK(t, clean)
	writeFile(t, filepath.Join(in, "3.csv"), "ax,ay,speed\n1,2,3\n1,oops,3\n")
	for _, engine := range []Engine{EngineSerial, EngineThread, EngineProcess} {
		t.Run(engine.String(), func(t *testing.T) {
			opts := baseOptions(in, t.TempDir())
			opts.Engine, opts.SkipBad = engine, true
			testWorker(opts)
			var stderr bytes.Buffer
			res, err := Run(context.Background(), withReporter(opts, &stderr))
			if err != nil {
				t.Fatal(err)
			}
			sk := res.Manifest.Skipped
			if len(sk) != 1 || sk[0].Index != 3 || !strings.Contains(sk[0].Error, "3.csv:3:3") {
				t.Errorf("skipped %+v; want file 3 with its position", sk)
			}
			if !strings.Contains(stderr.String(), "warning: skipped") {
				t.Errorf("no warning on stderr: %q", stderr.String())
			}
			clean := readSeries(t, cleanRes)
			if want := cleanRes.Rows - int(clean.Rows[3]-clean.Rows[2]); res.Rows != want {
				t.Errorf("rows %d; want %d (the clean run's without file 3)", res.Rows, want)
			}
			if s := readSeries(t, res); s.Rows[2] != s.Rows[3] {
				t.Errorf("skipped file 3 has rows [%d, %d)", s.Rows[2], s.Rows[3])
			}
		})
	}
}

// TestInputFormatsAgree: the same numbers as .csv, whitespace .txt and 2-D
// .npy give the same feature bytes.
func TestInputFormatsAgree(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 3)
	for i := 1; i <= 3; i++ {
		tbl, err := input.ReadTable(filepath.Join(in, strconv.Itoa(i)+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		w, err := npyio.Create(filepath.Join(in, strconv.Itoa(i)+".npy"), npyio.Float64, len(tbl.Cols))
		if err != nil {
			t.Fatal(err)
		}
		var txt strings.Builder
		txt.WriteString("# ax ay speed\n")
		row := make([]float64, len(tbl.Cols))
		for r := 0; r < tbl.Rows; r++ {
			for j := range row {
				row[j] = tbl.Cols[j][r]
				fmt.Fprintf(&txt, "%s\t", strconv.FormatFloat(row[j], 'g', -1, 64))
			}
			txt.WriteString("\n")
			if err := w.WriteRow(row); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(in, strconv.Itoa(i)+".txt"), txt.String())
	}
	var want []byte
	for _, pattern := range []string{"{}.csv", "{}.txt", "{}.npy"} {
		out := t.TempDir()
		opts := baseOptions(in, out)
		opts.Pattern = pattern
		runOK(t, opts)
		got, err := os.ReadFile(filepath.Join(out, "feature.npy"))
		if err != nil {
			t.Fatal(err)
		}
		if want == nil {
			want = got
		} else if !bytes.Equal(got, want) {
			t.Errorf("%s: feature.npy differs from the CSV run's", pattern)
		}
	}
}

// TestResumeChecksPartCRC: a local run's parts are not fsynced, so a
// crash can leave a part of the right size with lost data; --resume must
// recompute it (its CRC-32C no longer matches the record) and reuse the
// others, and the outputs must equal the first run's.
func TestResumeChecksPartCRC(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	writeDataset(t, in, 6)
	opts := baseOptions(in, out)
	opts.Chunks, opts.KeepParts = 3, true
	res := runOK(t, opts)
	want := readOutputs(t, out)
	for c := range 3 {
		data, err := os.ReadFile(res.Spec.partPath(c, "json"))
		if err != nil {
			t.Fatal(err)
		}
		var rec partRecord
		if err := json.Unmarshal(data, &rec); err != nil || len(rec.CRC) != len(res.Spec.partKinds()) {
			t.Fatalf("chunk %d record %s: CRCs %v (err %v); want one per part", c, data, rec.CRC, err)
		}
	}
	// Zero the last 8 bytes of chunk 1's feature part: same size, same
	// header, different data.
	part := res.Spec.partPath(1, "feature.npy")
	f, err := os.OpenFile(part, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	fi, _ := f.Stat()
	if _, err := f.WriteAt(make([]byte, 8), fi.Size()-8); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if res.Spec.readRecord(1) != nil {
		t.Fatal("ReadRecord accepted a part whose data changed")
	}
	if res.Spec.readRecord(0) == nil || res.Spec.readRecord(2) == nil {
		t.Fatal("ReadRecord rejected untouched parts")
	}
	opts.Resume = true
	var stderr bytes.Buffer
	if _, err := Run(context.Background(), withReporter(opts, &stderr)); err != nil {
		t.Fatal(err)
	}
	sameOutputs(t, readOutputs(t, out), want, "the first run's, after resume")
}

// withReporter returns a copy of opts that reports to w as text.
func withReporter(opts *Config, w io.Writer) Config {
	c := *opts
	c.Reporter = TextReporter(w)
	return c
}

// mustFeatures returns the features names name.
func mustFeatures(t testing.TB, names ...string) []feature.Feature {
	t.Helper()
	fs, err := feature.Expand(names)
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

// readSeries reads the series files of res's outputs.
func readSeries(t *testing.T, res *Result) *Series {
	t.Helper()
	s, err := ReadSeries(filepath.Dir(res.Outputs[0]))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestHashSpecCoversColumns: a run's hash, which --resume and merge
// compare, changes with the columns read, their order and their
// positions, and not otherwise.
func TestHashSpecCoversColumns(t *testing.T) {
	stats := &inputStats{sum: []byte{1, 2, 3}}
	base := Spec{Window: 8, Columns: []string{"a", "b"}, InputColumns: []string{"a", "b", "c"}, ColumnAt: []int{0, 1, -1}}
	want := hashSpec(&base, stats)
	same := base
	same.Columns, same.InputColumns, same.ColumnAt = []string{"a", "b"}, []string{"a", "b", "c"}, []int{0, 1, -1}
	if got := hashSpec(&same, stats); got != want {
		t.Errorf("equal specs hash %s and %s", got, want)
	}
	for name, change := range map[string]func(*Spec){
		"columns":          func(s *Spec) { s.Columns = []string{"b", "a"} },
		"joined names":     func(s *Spec) { s.Columns = []string{"ab", ""} },
		"input columns":    func(s *Spec) { s.InputColumns = []string{"a", "b", "d"} },
		"names split":      func(s *Spec) { s.InputColumns = []string{"a", "bc", ""} },
		"column positions": func(s *Spec) { s.ColumnAt = []int{0, 2, -1} },
		"window":           func(s *Spec) { s.Window = 9 },
	} {
		s := base
		change(&s)
		if hashSpec(&s, stats) == want {
			t.Errorf("a spec with other %s hashes the same", name)
		}
	}
}
