package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/featurize/featurize/input"
	"github.com/featurize/featurize/npyio"
)

// The test binary is also an external worker written in Go, not Python:
// with extWorkerEnv set it speaks the protocol from the README. Its
// features of a file are each column's mean and max; its y, each file's
// index as a float. FEATURIZE_TEST_EXT_FAULT=mode@index makes it misbehave
// at that file (once, with FEATURIZE_TEST_FAULT_ONCE=path): exit, raise,
// hang, rows (answer two rows), width (one feature too many), garbage.
const extWorkerEnv = "FEATURIZE_TEST_EXT"

func goExtWorker() int {
	out := bufio.NewWriter(os.Stdout)
	send := func(v any) {
		b, _ := json.Marshal(v)
		out.Write(append(b, '\n'))
	}
	names := []string(nil)
	if os.Getenv(extWorkerEnv) == "named" {
		names = []string{"ax_mean", "ax_max", "ay_mean", "ay_max", "speed_mean", "speed_max"}
	}
	send(map[string]any{"featurize_worker": 1, "names": names, "per": "file"})
	out.Flush()
	mode, at, _ := strings.Cut(os.Getenv("FEATURIZE_TEST_EXT_FAULT"), "@")
	faultAt, _ := strconv.Atoi(at)
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<26)
	for in.Scan() {
		var task extTask
		if err := json.Unmarshal(in.Bytes(), &task); err != nil {
			fmt.Fprintln(os.Stderr, "bad task:", err)
			return 1
		}
		for _, f := range task.Files {
			fault := ""
			if mode != "" && f.Index == faultAt && claimFault() {
				fault = mode
				fmt.Fprintf(os.Stderr, "fault %s at file %d\n", mode, f.Index)
			}
			switch fault {
			case "exit":
				out.Flush()
				os.Exit(3)
			case "hang":
				out.Flush()
				time.Sleep(time.Hour)
			case "raise":
				send(map[string]any{"index": f.Index, "error": "ValueError: no good", "traceback": "Traceback (most recent call last):\n  a line"})
				continue
			case "garbage":
				out.WriteString("not json\n")
				continue
			}
			tbl, err := input.ReadTable(f.Path)
			if err != nil {
				send(map[string]any{"index": f.Index, "error": err.Error(), "traceback": ""})
				continue
			}
			var x []float64
			for _, col := range tbl.Cols {
				x = append(x, mean(col), slices.Max(col))
			}
			shape := []int{len(x)}
			switch fault {
			case "rows":
				x, shape = append(x, x...), []int{2, len(x)}
			case "width":
				x, shape = append(x, 0), []int{len(x) + 1}
			}
			send(map[string]any{"index": f.Index, "x": true, "y": true})
			writeNPY(out, shape, x)
			writeNPY(out, []int{}, []float64{float64(f.Index)})
		}
		send(map[string]any{"done": task.Task})
		out.Flush()
	}
	return 0
}

// claimFault reports whether this process is the first to reach the fault
// (always, without FEATURIZE_TEST_FAULT_ONCE).
func claimFault() bool {
	once := os.Getenv(faultOnceEnv)
	if once == "" {
		return true
	}
	f, err := os.OpenFile(once, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return false
	}
	f.Close()
	return true
}

func mean(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

// writeNPY writes float64 values of a shape as a .npy array.
func writeNPY(w *bufio.Writer, shape []int, v []float64) {
	w.Write(npyio.EncodeHeader("<f8", false, shape))
	for _, x := range v {
		binary.Write(w, binary.LittleEndian, x)
	}
}

// extOptions runs the test binary as the external worker, with the
// built-in features given (none: only the worker's).
func extOptions(t *testing.T, in string, feats []string, env ...string) *Config {
	opts := baseOptions(in, t.TempDir())
	opts.Engine, opts.Window, opts.Stride = EngineProcess, 0, 0
	opts.ExternalCommand = []string{os.Args[0], "-test.run=^$"}
	opts.WorkerEnv = append([]string{extWorkerEnv + "=1"}, env...)
	if feats == nil {
		opts.Features = mustFeatures(t, "default")[:0]
	} else {
		opts.Features = mustFeatures(t, feats...)
	}
	return opts
}

// TestExternalGoWorker: a worker that is not Python computes features
// that reach the outputs as it sent them, after the built-in ones, with
// its y as the target, byte for byte the same whatever the workers and
// chunks.
func TestExternalGoWorker(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 7)
	var want map[string][]byte
	for _, tc := range []struct{ workers, chunks int }{{1, 1}, {2, 3}, {3, 7}} {
		opts := extOptions(t, in, []string{"mean"})
		opts.Workers, opts.Chunks = tc.workers, tc.chunks
		res := runOK(t, opts)
		got := readOutputs(t, opts.OutDir)
		if want == nil {
			want = got
			names := res.Manifest.FeatureNames
			if !slices.Equal(names, []string{"ax__mean", "ay__mean", "speed__mean", "x0", "x1", "x2", "x3", "x4", "x5"}) {
				t.Errorf("names %v", names)
			}
			if res.Manifest.Target.Kind != "worker" || !slices.Equal(res.Manifest.Options.WorkerCommand, opts.ExternalCommand) {
				t.Errorf("manifest target %+v, command %v", res.Manifest.Target, res.Manifest.Options.WorkerCommand)
			}
			feat, _ := npyio.ReadFile(filepath.Join(opts.OutDir, "feature.npy"))
			target, _ := npyio.ReadFile(filepath.Join(opts.OutDir, "target.npy"))
			f, y := feat.Float64s(), target.Float64s()
			for i := 1; i <= 7; i++ {
				tbl, _ := input.ReadTable(filepath.Join(in, strconv.Itoa(i)+".csv"))
				row := f[(i-1)*9 : i*9]
				if row[3] != mean(tbl.Cols[0]) || row[4] != slices.Max(tbl.Cols[0]) || row[8] != slices.Max(tbl.Cols[2]) || y[i-1] != float64(i) {
					t.Errorf("file %d: row %v, y %v", i, row, y[i-1])
				}
			}
			continue
		}
		sameOutputs(t, got, want, "one worker's")
	}
	// --dtype float32: the worker's float64 values, converted.
	opts32 := extOptions(t, in, []string{"mean"})
	opts32.DType = npyio.Float32
	runOK(t, opts32)
	f32, _ := npyio.ReadFile(filepath.Join(opts32.OutDir, "feature.npy"))
	want64, _ := npyio.Read(bytes.NewReader(want["feature.npy"]), int64(len(want["feature.npy"])))
	if f32 == nil || f32.Descr != "<f4" {
		t.Fatalf("float32 run: %+v", f32)
	}
	for i, v := range want64.Float64s() {
		if got := f32.Float64s()[i]; got != float64(float32(v)) {
			t.Fatalf("float32 value %d = %v; want float32(%v)", i, got, v)
		}
	}
	// Named features, the worker's alone.
	opts := extOptions(t, in, nil)
	opts.WorkerEnv[0] = extWorkerEnv + "=named"
	res := runOK(t, opts)
	if got := res.Manifest.FeatureNames; !slices.Equal(got, []string{"ax_mean", "ax_max", "ay_mean", "ay_max", "speed_mean", "speed_max"}) {
		t.Errorf("names %v; want the worker's", got)
	}
}

// TestExternalFaults: a worker that exits, hangs or breaks the protocol
// has its task retried on a fresh worker, with the same outputs; a file
// whose function raised fails the run naming it, or is skipped with
// SkipBad; answers of the wrong shape are errors naming the file.
func TestExternalFaults(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 6)
	clean := extOptions(t, in, []string{"mean"})
	runOK(t, clean)
	want := readOutputs(t, clean.OutDir)
	for _, mode := range []string{"exit", "hang", "garbage"} {
		t.Run(mode, func(t *testing.T) {
			opts := extOptions(t, in, []string{"mean"}, "FEATURIZE_TEST_EXT_FAULT="+mode+"@4", faultOnceEnv+"="+filepath.Join(t.TempDir(), "once"))
			opts.Chunks, opts.TaskTimeout = 3, 2*time.Second
			_, stderr, err := runErr(opts)
			if err != nil {
				t.Fatalf("Run: %v\n%s", err, stderr)
			}
			if !strings.Contains(stderr, "retrying: chunk 1 (files 3-4)") {
				t.Errorf("stderr lacks the retry:\n%s", stderr)
			}
			sameOutputs(t, readOutputs(t, opts.OutDir), want, "an undisturbed run's")
		})
	}
	t.Run("raise", func(t *testing.T) {
		opts := extOptions(t, in, []string{"mean"}, "FEATURIZE_TEST_EXT_FAULT=raise@4")
		_, _, err := runErr(opts)
		if !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), "4.csv: the worker's function raised ValueError: no good\nTraceback (most recent call last):") {
			t.Errorf("Run error %v; want file 4's exception with its traceback", err)
		}
		opts.SkipBad = true
		res, _, err := runErr(opts)
		if err != nil || len(res.Manifest.Skipped) != 1 || res.Manifest.Skipped[0].Index != 4 || res.Rows != 5 {
			t.Errorf("with SkipBad: %v; skipped %v, %d rows; want file 4 skipped", err, res.Manifest.Skipped, res.Rows)
		}
	})
	// A failure with many answers still to come: the worker is stopped
	// while it writes them, and the run ends.
	t.Run("raise with answers queued", func(t *testing.T) {
		many := t.TempDir()
		writeDataset(t, many, 60)
		opts := extOptions(t, many, []string{"mean"}, "FEATURIZE_TEST_EXT_FAULT=raise@2")
		opts.Chunks = 1
		done := make(chan error, 1)
		go func() { _, _, err := runErr(opts); done <- err }()
		select {
		case err := <-done:
			if !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), "2.csv: the worker's function raised") {
				t.Errorf("Run error %v; want file 2's exception", err)
			}
		case <-time.After(30 * time.Second):
			t.Fatal("Run did not return after the worker's failed answer")
		}
	})
	for _, tc := range []struct{ mode, msg string }{
		{"rows", "4.csv: pipeline: the worker's answer is not usable: the worker gave 2 rows; the built-in features have 1 windows"},
		{"width", "4.csv: pipeline: the worker's answer is not usable: X has 7 features; the first file's had 6"},
	} {
		opts := extOptions(t, in, []string{"mean"}, "FEATURIZE_TEST_EXT_FAULT="+tc.mode+"@4")
		if _, _, err := runErr(opts); !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: error %v; want %q", tc.mode, err, tc.msg)
		}
	}
}

// TestExternalConfigErrors: options that do not apply to an external
// worker alone are refused.
func TestExternalConfigErrors(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 2)
	for _, tc := range []struct {
		name string
		set  func(*Config)
	}{
		{"no features at all", func(c *Config) { c.ExternalCommand = nil }},
		{"window", func(c *Config) { c.Window = 8 }},
		{"target column", func(c *Config) { c.TargetColumn = "speed" }},
		{"thread engine", func(c *Config) { c.Engine = EngineThread }},
	} {
		opts := extOptions(t, in, nil)
		tc.set(opts)
		if _, err := Plan(*opts); !errors.Is(err, ErrUsage) {
			t.Errorf("%s: Plan error %v; want a usage error", tc.name, err)
		}
	}
	// The worker's y and a labels file would both be the target.
	opts := extOptions(t, in, []string{"mean"})
	opts.Labels = filepath.Join(in, "labels.csv")
	if _, _, err := runErr(opts); !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), "1.csv: the worker's function returned a y") {
		t.Errorf("worker y and labels: Run error %v; want a usage error naming the first file", err)
	}
}

// TestExternalCancelStopsWorkers: cancelling a run stops the workers and
// their children at once.
func TestExternalCancelStopsWorkers(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 4)
	opts := extOptions(t, in, nil, "FEATURIZE_TEST_EXT_FAULT=hang@3")
	opts.Chunks = 4
	log := filepath.Join(t.TempDir(), "pids")
	// A child of the worker that would outlive it if only the worker died.
	opts.ExternalCommand = []string{"/bin/sh", "-c", "sleep 300 & echo $! >> " + log + "; echo $$ >> " + log + "; exec " + os.Args[0] + " -test.run=^$"}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(1500*time.Millisecond, cancel)
	start := time.Now()
	_, err := Run(ctx, withReporter(opts, new(bytes.Buffer)))
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("Run: %v; want ErrInterrupted", err)
	}
	if d := time.Since(start); d > 1500*time.Millisecond+2*time.Second {
		t.Errorf("Run took %v to stop", d)
	}
	time.Sleep(100 * time.Millisecond)
	checkNoWorkersLeft(t, log)
}

// TestExternalPython runs featurize_worker.py with a function that prints,
// and checks its features against numpy's; a killed Python worker is
// replaced and the outputs stay the same; chunk mode gives the recipe's
// rows with groups.
func TestExternalPython(t *testing.T) {
	needNumpy(t)
	in := t.TempDir()
	writeDataset(t, in, 5)
	script := filepath.Join(t.TempDir(), "feats.py")
	writeFile(t, script, `
import os, sys
import numpy as np
from featurize_worker import serve

def generate_features(path):
    x = np.loadtxt(path, delimiter=",", skiprows=1)
    print("hello from", os.path.basename(path))          # must not reach the protocol
    if path.endswith("/3.csv") and os.environ.get("KILL_ONCE") and not os.path.exists(os.environ["KILL_ONCE"]):
        open(os.environ["KILL_ONCE"], "w").close()
        os.kill(os.getpid(), 9)
    if path.endswith("/4.csv") and os.environ.get("RAISE"):
        raise ValueError("no good: %s" % os.path.basename(path))
    if path.endswith("/2.csv") and os.environ.get("HANG_ONCE") and not os.path.exists(os.environ["HANG_ONCE"]):
        open(os.environ["HANG_ONCE"], "w").close()
        import time; time.sleep(300)
    return np.concatenate([x.mean(axis=0), x.std(axis=0)]), x[:, 2].sum()

def by_chunk(indices):
    rows = [np.loadtxt(os.path.join(sys.argv[1], "%d.csv" % i), delimiter=",", skiprows=1).mean(axis=0) for i in indices]
    return np.array(rows), indices * 10.0, indices

if len(sys.argv) > 1:
    serve(by_chunk, per="chunk")
else:
    serve(generate_features, names=["mean_ax", "mean_ay", "mean_speed", "std_ax", "std_ay", "std_speed"])
`)
	options := func(env []string, args ...string) *Config {
		opts := baseOptions(in, t.TempDir())
		opts.Engine, opts.Window, opts.Stride, opts.Chunks = EngineProcess, 0, 0, 3
		opts.Features = mustFeatures(t, "default")[:0]
		opts.ExternalCommand = append([]string{python, script}, args...)
		opts.WorkerEnv = env
		return opts
	}
	run := func(t *testing.T, env []string, args ...string) (*Result, string) {
		res, stderr, err := runErr(options(env, args...))
		if err != nil {
			t.Fatalf("Run: %v\n%s", err, stderr)
		}
		return res, stderr
	}
	res, stderr := run(t, nil)
	if !strings.Contains(stderr, "] hello from 2.csv") {
		t.Errorf("the function's print is not in stderr:\n%s", stderr)
	}
	out := res.Spec.PartsDir[:len(res.Spec.PartsDir)-len(PartsDirName)-1]
	check := `
import sys, numpy as np
d, out = sys.argv[1], sys.argv[2]
X, y = np.load(out + "/feature.npy"), np.load(out + "/target.npy")
for i in range(1, 6):
    x = np.loadtxt("%s/%d.csv" % (d, i), delimiter=",", skiprows=1)
    assert np.array_equal(X[i-1], np.concatenate([x.mean(axis=0), x.std(axis=0)])), i
    assert y[i-1] == x[:, 2].sum(), i
print("ok")
`
	if got := pyRun(t, "-c", check, in, out); strings.TrimSpace(got) != "ok" {
		t.Errorf("numpy check: %s", got)
	}
	want := readOutputs(t, out)
	res, stderr = run(t, []string{"KILL_ONCE=" + filepath.Join(t.TempDir(), "once")})
	if !strings.Contains(stderr, "retrying: chunk 1") {
		t.Errorf("stderr lacks the retry after the kill:\n%s", stderr)
	}
	sameOutputs(t, readOutputs(t, res.Spec.PartsDir[:len(res.Spec.PartsDir)-len(PartsDirName)-1]), want, "an undisturbed run's")

	opts := options([]string{"RAISE=1"})
	_, _, err := runErr(opts)
	if !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), "4.csv: the worker's function raised ValueError: no good: 4.csv\nTraceback (most recent call last):") ||
		!strings.Contains(err.Error(), `in generate_features`) {
		t.Errorf("an exception: error %v; want file 4 named with the Python traceback", err)
	}
	opts = options([]string{"HANG_ONCE=" + filepath.Join(t.TempDir(), "once")})
	opts.TaskTimeout = 3 * time.Second
	res, stderr, err = runErr(opts)
	if err != nil || !strings.Contains(stderr, "retrying: chunk 0") {
		t.Errorf("a hang past the task timeout: %v; want chunk 0 retried:\n%s", err, stderr)
	} else {
		sameOutputs(t, readOutputs(t, opts.OutDir), want, "an undisturbed run's")
	}

	res, _ = run(t, nil, in) // per chunk: rows of files, groups from the function
	out = res.Spec.PartsDir[:len(res.Spec.PartsDir)-len(PartsDirName)-1]
	groups, _ := npyio.ReadFile(filepath.Join(out, "groups.npy"))
	target, _ := npyio.ReadFile(filepath.Join(out, "target.npy"))
	if g := groups.Data.([]int64); !slices.Equal(g, []int64{1, 2, 3, 4, 5}) || !slices.Equal(target.Float64s(), []float64{10, 20, 30, 40, 50}) || math.IsNaN(target.Float64s()[0]) {
		t.Errorf("chunk mode: groups %v, target %v", g, target.Float64s())
	}
}

// TestExternalShardsThenMerge: shards of an external worker's run merge
// to what a local run writes.
func TestExternalShardsThenMerge(t *testing.T) {
	in, shared := t.TempDir(), t.TempDir()
	writeDataset(t, in, 9)
	local := extOptions(t, in, []string{"mean"})
	local.Chunks = min(ChunksPerShard*2, 9) // the sharded runs' default
	runOK(t, local)
	for _, sh := range []string{"1/2", "0/2"} {
		opts := extOptions(t, in, []string{"mean"})
		opts.OutDir = shared
		opts.Shard, _ = ParseShard(sh)
		runOK(t, opts)
	}
	if _, err := Merge(context.Background(), MergeConfig{Dir: shared}); err != nil {
		t.Fatal(err)
	}
	sameOutputs(t, readOutputs(t, shared), readOutputs(t, local.OutDir), "the local run's, merged")
	if a, b := manifestSansRun(t, local.OutDir), manifestSansRun(t, shared); !reflect.DeepEqual(a, b) {
		t.Errorf("manifests differ beyond timings and shards:\nlocal  %v\nmerged %v", a, b)
	}
}
