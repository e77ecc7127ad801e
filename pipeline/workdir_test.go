package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPartsFolderNotOurs: featurize neither uses nor removes a parts
// folder it did not make, nor one that holds the inputs.
func TestPartsFolderNotOurs(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 3)

	t.Run("user's folder", func(t *testing.T) {
		out := t.TempDir()
		notes := filepath.Join(out, PartsDirName, "notes.txt")
		os.MkdirAll(filepath.Dir(notes), 0o755)
		writeFile(t, notes, "mine")
		for _, resume := range []bool{false, true} {
			opts := baseOptions(in, out)
			opts.Resume = resume
			_, err := Run(context.Background(), withReporter(opts, new(bytes.Buffer)))
			if !errors.Is(err, ErrNotOurs) || !errors.Is(err, ErrUsage) {
				t.Errorf("resume=%v: Run error %v; want a usage error wrapping ErrNotOurs", resume, err)
			}
			if data, err := os.ReadFile(notes); err != nil || string(data) != "mine" {
				t.Fatalf("resume=%v: the user's file is gone or changed: %q, %v", resume, data, err)
			}
		}
		if _, err := Merge(context.Background(), MergeConfig{Dir: out}); !errors.Is(err, ErrNotOurs) {
			t.Errorf("Merge error %v; want ErrNotOurs", err)
		}
	})

	t.Run("inputs inside the parts folder", func(t *testing.T) {
		out := t.TempDir()
		parts := filepath.Join(out, PartsDirName)
		os.MkdirAll(parts, 0o755)
		writeFile(t, filepath.Join(parts, partsMarker), partsMarkerText)
		writeDataset(t, parts, 3)
		for _, resume := range []bool{false, true} {
			opts := baseOptions(parts, out)
			opts.Resume = resume
			_, err := Run(context.Background(), withReporter(opts, new(bytes.Buffer)))
			if !errors.Is(err, ErrNotOurs) || !errors.Is(err, ErrUsage) {
				t.Errorf("resume=%v: Run error %v; want a usage error wrapping ErrNotOurs", resume, err)
			}
			if _, err := os.Stat(filepath.Join(parts, "1.csv")); err != nil {
				t.Fatalf("resume=%v: an input is gone: %v", resume, err)
			}
		}
	})

	t.Run("user's file in featurize's folder", func(t *testing.T) {
		out := t.TempDir()
		opts := baseOptions(in, out)
		opts.KeepParts = true
		runOK(t, opts)
		notes := filepath.Join(out, PartsDirName, "notes.txt")
		writeFile(t, notes, "mine")
		runOK(t, baseOptions(in, out)) // clears its parts, not the note
		if data, err := os.ReadFile(notes); err != nil || string(data) != "mine" {
			t.Fatalf("the user's file is gone or changed: %q, %v", data, err)
		}
		if parts, _ := filepath.Glob(filepath.Join(out, PartsDirName, "part-*")); len(parts) > 0 {
			t.Errorf("parts left: %v", parts)
		}
		runOK(t, baseOptions(in, out)) // the folder stays featurize's
		if data, err := os.ReadFile(notes); err != nil || string(data) != "mine" {
			t.Fatalf("the user's file is gone or changed: %q, %v", data, err)
		}
	})
}

// TestRunKeepsUnlistedFiles: a run replaces the arrays an earlier run's
// manifest lists and nothing else of the output folder.
func TestRunKeepsUnlistedFiles(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	writeDataset(t, in, 3)
	mine := filepath.Join(out, "target.txt")
	writeFile(t, mine, "mine")
	runOK(t, baseOptions(in, out))
	if data, err := os.ReadFile(mine); err != nil || string(data) != "mine" {
		t.Fatalf("the user's target.txt is gone or changed: %q, %v", data, err)
	}
}

// TestOutputLock: a second run into a folder in use fails at once and
// touches nothing; shards share the folder; merge takes it whole.
func TestOutputLock(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	writeDataset(t, in, 4)
	runOK(t, baseOptions(in, out))
	before := readOutputs(t, out)
	manBefore, _ := os.ReadFile(filepath.Join(out, "manifest.json"))

	held, err := lockDir(out, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, shard := range []string{"", "0/2"} {
		opts := shardOptions(in, out, shard)
		_, err := Run(context.Background(), withReporter(opts, new(bytes.Buffer)))
		host, _ := os.Hostname()
		want := fmt.Sprintf("output folder %s is in use by another featurize run (pid %d on %s)", out, os.Getpid(), host)
		if !errors.Is(err, ErrLocked) || err.Error() != "pipeline: "+want {
			t.Errorf("shard %q: Run error %v; want %q", shard, err, "pipeline: "+want)
		}
		if errors.Is(err, ErrUsage) || errors.Is(err, ErrInput) {
			t.Errorf("shard %q: a busy folder is neither a usage nor an input error: %v", shard, err)
		}
	}
	sameOutputs(t, readOutputs(t, out), before, "the outputs before the refused runs")
	if man, _ := os.ReadFile(filepath.Join(out, "manifest.json")); !bytes.Equal(man, manBefore) {
		t.Error("the manifest changed")
	}
	if _, err := os.Stat(filepath.Join(out, PartsDirName)); !os.IsNotExist(err) {
		t.Errorf("a refused run made the parts folder: %v", err)
	}
	held.unlock()

	// Shards of one run hold the lock together; a local run or a merge
	// meanwhile is refused.
	shared, err := lockDir(out, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, shard := range []string{"0/2", "1/2"} {
		if _, err := Run(context.Background(), withReporter(shardOptions(in, out, shard), new(bytes.Buffer))); err != nil {
			t.Fatalf("shard %s beside another shard: %v", shard, err)
		}
	}
	if _, err := Run(context.Background(), withReporter(shardOptions(in, out, ""), new(bytes.Buffer))); !errors.Is(err, ErrLocked) ||
		!strings.Contains(err.Error(), "the shards of a sharded run") {
		t.Errorf("local run beside shards: %v; want ErrLocked naming the shards", err)
	}
	if _, err := Merge(context.Background(), MergeConfig{Dir: out}); !errors.Is(err, ErrLocked) {
		t.Errorf("merge beside a shard: %v; want ErrLocked", err)
	}
	shared.unlock()
	if _, err := Merge(context.Background(), MergeConfig{Dir: out}); err != nil {
		t.Fatalf("merge: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, lockFileName)); !os.IsNotExist(err) {
		t.Errorf("the merge left the lock file: %v", err)
	}

	// --no-lock runs beside a holder.
	held, _ = lockDir(out, true)
	defer held.unlock()
	opts := baseOptions(in, out)
	opts.NoLock = true
	runOK(t, opts)
}
