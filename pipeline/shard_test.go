package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func shardOptions(in, out, shard string) *Config {
	opts := baseOptions(in, out)
	opts.Labels = filepath.Join(in, "labels.csv")
	if shard != "" {
		sh, err := ParseShard(shard)
		if err != nil {
			panic(err)
		}
		opts.Shard = sh
	}
	return opts
}

// manifestSansRun drops what may differ between a local and a merged run.
func manifestSansRun(t *testing.T, dir string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"created", "timings", "memory", "shards"} {
		delete(m, k)
	}
	return m
}

// TestShardsThenMerge: three shards and a merge write what a local run
// writes; a missing shard is named; rerunning it completes the merge.
func TestShardsThenMerge(t *testing.T) {
	in, local, shared := t.TempDir(), t.TempDir(), t.TempDir()
	writeDataset(t, in, 11)
	lo := baseOptions(in, local)
	lo.Labels = filepath.Join(in, "labels.csv")
	lo.Chunks = min(ChunksPerShard*3, 11) // the sharded runs' default
	runOK(t, lo)

	for _, sh := range []string{"0/3", "2/3"} {
		res := runOK(t, shardOptions(in, shared, sh))
		if res.Shard == nil || res.Shard.Shard != sh || len(res.Outputs) != 0 {
			t.Fatalf("shard %s result %+v; want a shard result without outputs", sh, res)
		}
	}
	_, err := Merge(context.Background(), MergeConfig{Dir: shared})
	if !errors.Is(err, ErrShard) || !strings.Contains(err.Error(), "shard 1/3") || !strings.Contains(err.Error(), "chunk 1 (files 2, shard 1/3)") {
		t.Fatalf("Merge without shard 1: %v; want missing chunks of shard 1/3 named", err)
	}
	if _, err := os.Stat(filepath.Join(shared, "feature.npy")); !os.IsNotExist(err) {
		t.Fatal("feature.npy exists after a failed merge")
	}
	runOK(t, shardOptions(in, shared, "1/3"))
	res, err := Merge(context.Background(), MergeConfig{Dir: shared})
	if err != nil {
		t.Fatal(err)
	}
	sameOutputs(t, readOutputs(t, shared), readOutputs(t, local), "the local run's, merged")
	if a, b := manifestSansRun(t, local), manifestSansRun(t, shared); !reflect.DeepEqual(a, b) {
		t.Errorf("manifests differ beyond timings and shards:\nlocal  %v\nmerged %v", a, b)
	}
	if len(res.Manifest.Shards) != 3 {
		t.Errorf("manifest shards %+v; want 3", res.Manifest.Shards)
	}
}

// TestMergeRejectsMixedOptions: a shard run with other options is named.
func TestMergeRejectsMixedOptions(t *testing.T) {
	in, shared := t.TempDir(), t.TempDir()
	writeDataset(t, in, 6)
	runOK(t, shardOptions(in, shared, "0/2"))
	other := shardOptions(in, shared, "1/2")
	other.Window = 20
	runOK(t, other)
	_, err := Merge(context.Background(), MergeConfig{Dir: shared})
	if !errors.Is(err, ErrShard) || !strings.Contains(err.Error(), "shard 1/2 was run with other options") {
		t.Fatalf("Merge: %v; want shard 1/2 named as mismatched", err)
	}
}

// TestMergeUnknownFeature: shards whose features this program lacks (run
// by a program with features of its own) are a usage error, and the merge
// leaves nothing of its own behind.
func TestMergeUnknownFeature(t *testing.T) {
	in, shared := t.TempDir(), t.TempDir()
	writeDataset(t, in, 6)
	for _, sh := range []string{"0/2", "1/2"} {
		runOK(t, shardOptions(in, shared, sh))
	}
	before := listDir(t, shared)
	recs, _ := filepath.Glob(filepath.Join(shared, PartsDirName, "*.json"))
	for _, r := range recs {
		data, err := os.ReadFile(r)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, r, strings.ReplaceAll(string(data), `"mean"`, `"no_such_feature"`))
	}
	_, err := Merge(context.Background(), MergeConfig{Dir: shared})
	if !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), `"no_such_feature"`) {
		t.Fatalf("Merge: %v; want a usage error naming the feature", err)
	}
	before = slices.DeleteFunc(before, func(n string) bool { return n == lockFileName }) // the merge's lock, released
	if after := listDir(t, shared); !slices.Equal(after, before) {
		t.Errorf("the failed merge left %v; before it %v", after, before)
	}
}

// TestShardRacesAndRestarts: a shard run twice at once, a shard killed
// half-way and rerun, still merge to the local run's bytes.
func TestShardRacesAndRestarts(t *testing.T) {
	in, local, shared := t.TempDir(), t.TempDir(), t.TempDir()
	writeDataset(t, in, 12)
	lo := baseOptions(in, local)
	lo.Labels = filepath.Join(in, "labels.csv")
	lo.Chunks = 6
	runOK(t, lo)

	opts := func(sh string) *Config {
		o := shardOptions(in, shared, sh)
		o.Chunks = 6
		return o
	}
	// Shard 0 twice, concurrently, with the process engine.
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			o := opts("0/2")
			o.Engine = EngineProcess
			testWorker(o)
			_, errs[i] = Run(context.Background(), withReporter(o, &bytes.Buffer{}))
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatalf("racing shard: %v", err)
		}
	}
	// Shard 1 killed half-way: cancelled while chunk 3 hangs.
	ctx, cancel := context.WithCancel(context.Background())
	o := opts("1/2")
	o.Engine = EngineProcess
	o.Workers = 1
	testWorker(o, faultEnv+"=hang@3")
	time.AfterFunc(time.Second, cancel)
	if _, err := Run(ctx, withReporter(o, &bytes.Buffer{})); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("killed shard: %v; want ErrInterrupted", err)
	}
	if _, err := Merge(context.Background(), MergeConfig{Dir: shared}); !errors.Is(err, ErrShard) {
		t.Fatalf("merge after a killed shard: %v; want missing chunks", err)
	}
	runOK(t, opts("1/2"))
	if _, err := Merge(context.Background(), MergeConfig{Dir: shared}); err != nil {
		t.Fatal(err)
	}
	sameOutputs(t, readOutputs(t, shared), readOutputs(t, local), "the local run's, merged")
	tmps, _ := filepath.Glob(filepath.Join(shared, PartsDirName, "*.tmp-*"))
	if len(tmps) != 0 {
		t.Errorf("temp parts left: %v", tmps)
	}
}

// TestMergeRejectsCutPart: a part cut short after its record was written
// (a crash before the data reached the disk) counts as missing.
func TestMergeRejectsCutPart(t *testing.T) {
	in, shared := t.TempDir(), t.TempDir()
	writeDataset(t, in, 4)
	runOK(t, shardOptions(in, shared, "0/1"))
	part := filepath.Join(shared, PartsDirName, "part-00001.feature.npy")
	fi, err := os.Stat(part)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(part, fi.Size()-8); err != nil {
		t.Fatal(err)
	}
	_, err = Merge(context.Background(), MergeConfig{Dir: shared})
	if !errors.Is(err, ErrShard) || !strings.Contains(err.Error(), "chunk 1 (files 2, shard 0/1)") {
		t.Fatalf("Merge with a cut part: %v; want chunk 1 missing", err)
	}
}

// TestMergeFormatChecked: merge --format takes npy or txt only.
func TestMergeFormatChecked(t *testing.T) {
	in, shared := t.TempDir(), t.TempDir()
	writeDataset(t, in, 3)
	runOK(t, shardOptions(in, shared, "0/1"))
	badFormat := Format(7)
	_, err := Merge(context.Background(), MergeConfig{Dir: shared, Format: &badFormat})
	if !errors.Is(err, ErrUsage) {
		t.Errorf("Merge --format parquet: %v; want a usage error", err)
	}
}

// TestShardRerunKilledKeepsChunks: a second copy of a finished shard that
// is killed half-way does not unmake the first copy's chunks.
func TestShardRerunKilledKeepsChunks(t *testing.T) {
	in, shared := t.TempDir(), t.TempDir()
	writeDataset(t, in, 8)
	o := shardOptions(in, shared, "0/1")
	o.Chunks = 4
	runOK(t, o)
	again := shardOptions(in, shared, "0/1")
	again.Chunks, again.Engine, again.Workers = 4, EngineProcess, 2
	testWorker(again, faultEnv+"=hang@1")
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(time.Second, cancel)
	if _, err := Run(ctx, withReporter(again, &bytes.Buffer{})); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("second copy: %v; want ErrInterrupted", err)
	}
	if _, err := Merge(context.Background(), MergeConfig{Dir: shared}); err != nil {
		t.Errorf("merge after a killed second copy: %v", err)
	}
}

// TestOldVersionParts: shards of another featurize version are not merged,
// and --resume says why it reuses no part of another version.
func TestOldVersionParts(t *testing.T) {
	in, shared := t.TempDir(), t.TempDir()
	writeDataset(t, in, 6)
	for _, sh := range []string{"0/2", "1/2"} {
		runOK(t, shardOptions(in, shared, sh))
	}
	paths, _ := filepath.Glob(filepath.Join(shared, PartsDirName, "shard-*-of-*.json"))
	data, _ := os.ReadFile(paths[0])
	os.WriteFile(paths[0], oldVersion.ReplaceAll(data, []byte(`"version": "0.3.0"`)), 0o644)
	if _, err := Merge(context.Background(), MergeConfig{Dir: shared}); !errors.Is(err, ErrShard) || !strings.Contains(err.Error(), "was run by featurize 0.3.0") {
		t.Errorf("merge of a 0.3.0 shard: %v", err)
	}

	opts := baseOptions(in, t.TempDir())
	opts.KeepParts = true
	res := runOK(t, opts)
	recs, _ := filepath.Glob(filepath.Join(res.Spec.PartsDir, "part-*.json"))
	for _, p := range recs {
		data, _ := os.ReadFile(p)
		os.WriteFile(p, oldVersion.ReplaceAll(data, []byte(`"version": "0.3.0"`)), 0o644)
	}
	opts.Resume = true
	_, stderr, err := runErr(opts)
	if err != nil || !strings.Contains(stderr, "were written by featurize 0.3.0, not this "+Version+": every chunk is computed again") {
		t.Errorf("resume over 0.3.0 parts: %v\n%s", err, stderr)
	}
}

// oldVersion matches a record's version, to make it another's.
var oldVersion = regexp.MustCompile(`"version": ?"` + regexp.QuoteMeta(Version) + `"`)

// listDir returns the names in dir, sorted.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}
