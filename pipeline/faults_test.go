package pipeline

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWorkerFaultsRetried: each fault, once, is retried on a fresh worker
// and the outputs equal an undisturbed run's.
func TestWorkerFaultsRetried(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 8)
	cleanOut := t.TempDir()
	clean := baseOptions(in, cleanOut)
	clean.Labels = filepath.Join(in, "labels.csv")
	runOK(t, clean)
	want := readOutputs(t, cleanOut)

	for _, mode := range []string{"exit", "kill", "panic", "garbage", "hang"} {
		t.Run(mode, func(t *testing.T) {
			out := t.TempDir()
			opts := baseOptions(in, out)
			opts.Engine, opts.Chunks, opts.Workers = EngineProcess, 4, 2
			opts.Labels = clean.Labels
			opts.TaskTimeout = 3 * time.Second
			testWorker(opts, faultEnv+"="+mode+"@2", faultOnceEnv+"="+filepath.Join(t.TempDir(), "once"))
			var stderr bytes.Buffer
			if _, err := Run(context.Background(), withReporter(opts, &stderr)); err != nil {
				t.Fatalf("Run: %v\nstderr:\n%s", err, stderr.String())
			}
			if !strings.Contains(stderr.String(), "retrying: chunk 2") {
				t.Errorf("stderr lacks the retry notice:\n%s", stderr.String())
			}
			sameOutputs(t, readOutputs(t, out), want, "the undisturbed run's")
		})
	}
}

// TestWorkerFaultWithTaskAhead: a worker that dies while holding the
// task it was handed ahead (one worker, so every task but the last goes
// ahead) has both run again on its replacement, and the outputs equal an
// undisturbed run's.
func TestWorkerFaultWithTaskAhead(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 10)
	cleanOut := t.TempDir()
	runOK(t, baseOptions(in, cleanOut))
	want := readOutputs(t, cleanOut)
	for _, mode := range []string{"kill", "garbage"} {
		t.Run(mode, func(t *testing.T) {
			out := t.TempDir()
			opts := baseOptions(in, out)
			opts.Engine, opts.Chunks, opts.Workers = EngineProcess, 5, 1
			opts.TaskTimeout = 3 * time.Second
			testWorker(opts, faultEnv+"="+mode+"@1", faultOnceEnv+"="+filepath.Join(t.TempDir(), "once"))
			var stderr bytes.Buffer
			if _, err := Run(context.Background(), withReporter(opts, &stderr)); err != nil {
				t.Fatalf("Run: %v\nstderr:\n%s", err, stderr.String())
			}
			if n := strings.Count(stderr.String(), "retrying: chunk"); n != 1 || !strings.Contains(stderr.String(), "retrying: chunk 1") {
				t.Errorf("want one retry, of chunk 1; stderr:\n%s", stderr.String())
			}
			got := readOutputs(t, out)
			if len(got) != len(want) {
				t.Fatalf("outputs %v; want %v", keys(got), keys(want))
			}
			sameOutputs(t, got, want, "the undisturbed run's")
		})
	}
}

// TestFailingRunStopsWorkersQuietly: when a bad input fails the run, the
// worker already busy with the task it was sent ahead is stopped without
// a message of its own; the user sees the input's error alone.
func TestFailingRunStopsWorkersQuietly(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	writeDataset(t, in, 10)
	writeFile(t, filepath.Join(in, "2.csv"), "ax,ay,speed\n1,2,3\n4,x,6\n")
	opts := baseOptions(in, out)
	opts.Engine, opts.Chunks, opts.Workers = EngineProcess, 2, 1
	testWorker(opts, faultEnv+"=slow@1") // chunk 1, sent ahead, is still running
	var stderr bytes.Buffer
	_, err := Run(context.Background(), withReporter(opts, &stderr))
	if !errors.Is(err, ErrInput) {
		t.Fatalf("Run = %v; want the input error", err)
	}
	// The test fault announces itself; the worker must add nothing.
	if strings.Contains(stderr.String(), "featurize worker:") {
		t.Errorf("a stopped worker wrote to stderr:\n%s", stderr.String())
	}
}

// TestWorkerFaultRetriesSpent: a chunk that always kills its worker fails
// the run with one message naming the chunk, files, status and stderr.
func TestWorkerFaultRetriesSpent(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	writeDataset(t, in, 8)
	opts := baseOptions(in, out)
	opts.Engine, opts.Chunks, opts.Workers, opts.Retries = EngineProcess, 4, 2, 1
	testWorker(opts, faultEnv+"=exit@1")
	_, err := Run(context.Background(), withReporter(opts, &bytes.Buffer{}))
	if err == nil {
		t.Fatal("Run succeeded; want the chunk's failure")
	}
	for _, want := range []string{"chunk 1 (files 3-4)", "exit status 3", "fault exit at chunk 1 file 4", "gave up after 2 attempts"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if !errors.Is(err, ErrWorker) {
		t.Errorf("error is not ErrWorker: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "feature.npy")); !os.IsNotExist(err) {
		t.Errorf("feature.npy exists after a failed run")
	}
}

// TestThreadPanicIsError: a panic in a goroutine worker becomes an error
// naming the chunk, not a crash.
func TestThreadPanicIsError(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	writeDataset(t, in, 6)
	hook := func(task chunkTask, index int) {
		if task.Chunk == 2 {
			panic("boom")
		}
	}
	opts := baseOptions(in, out)
	opts.fileHook = hook
	opts.Chunks = 3
	_, err := Run(context.Background(), withReporter(opts, &bytes.Buffer{}))
	if err == nil || !strings.Contains(err.Error(), "chunk 2 (files 5-6): internal error: boom") {
		t.Fatalf("Run error %v; want chunk 2's panic", err)
	}
}

// TestWorkerStartFailures: a worker that exits before the handshake, says
// something else, or says nothing gives distinct errors, after retries.
func TestWorkerStartFailures(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 3)
	for _, tc := range []struct {
		name   string
		script string
		is     error
		msg    string
	}{
		{"exits", "echo dying >&2; exit 4", ErrExitedEarly, "exit status 4; stderr:\n  dying"},
		{"bad handshake", "echo hello; sleep 5", ErrBadHandshake, `said "hello"`},
		{"old protocol", "echo featurize-worker 0; sleep 5", ErrBadHandshake, "unknown protocol"},
		{"silent", "sleep 5", ErrStartTimeout, "in time"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := baseOptions(in, t.TempDir())
			opts.Engine, opts.Retries = EngineProcess, 1
			opts.WorkerCommand = []string{"/bin/sh", "-c", tc.script}
			opts.StartTimeout = 300 * time.Millisecond
			var stderr bytes.Buffer
			_, err := Run(context.Background(), withReporter(opts, &stderr))
			if !errors.Is(err, tc.is) {
				t.Fatalf("Run error %v; want %v", err, tc.is)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q lacks %q", err, tc.msg)
			}
			if !strings.Contains(stderr.String(), "retrying:") {
				t.Errorf("no retry before giving up; stderr:\n%s", stderr.String())
			}
		})
	}
}

// TestWorkerStderrForwarded: worker stderr reaches the user line by line
// with a [worker N] prefix.
func TestWorkerStderrForwarded(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 4)
	opts := baseOptions(in, t.TempDir())
	opts.Engine, opts.Chunks, opts.Workers = EngineProcess, 2, 1
	testWorker(opts, faultEnv+"=exit@1", faultOnceEnv+"="+filepath.Join(t.TempDir(), "once"))
	var stderr bytes.Buffer
	if _, err := Run(context.Background(), withReporter(opts, &stderr)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr.String(), "[worker 1] fault exit at chunk 1 file 4\n") {
		t.Errorf("stderr lacks the prefixed worker line:\n%s", stderr.String())
	}
}

// TestCancelStopsEngines: cancelling the context stops every engine
// promptly with the context's error and no final output.
func TestCancelStopsEngines(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 6)
	for _, engine := range []Engine{EngineSerial, EngineThread, EngineProcess} {
		t.Run(engine.String(), func(t *testing.T) {
			out := t.TempDir()
			opts := baseOptions(in, out)
			opts.Engine, opts.Chunks = engine, 3
			testWorker(opts, faultEnv+"=hang@1")
			ctx, cancel := context.WithCancel(context.Background())
			if engine != EngineProcess {
				opts.fileHook = func(task chunkTask, index int) {
					if task.Chunk == 1 {
						cancel()
						<-ctx.Done()
					}
				}
			} else {
				time.AfterFunc(500*time.Millisecond, cancel)
			}
			start := time.Now()
			_, err := Run(ctx, withReporter(opts, &bytes.Buffer{}))
			if !errors.Is(err, ErrInterrupted) {
				t.Errorf("Run error %v; want ErrInterrupted", err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("Run took %v to stop", d)
			}
			if _, err := os.Stat(filepath.Join(out, "feature.npy")); !os.IsNotExist(err) {
				t.Error("feature.npy exists after cancel")
			}
		})
	}
}

// TestWorkerLongStderrLine: a worker writing a stderr line longer than the
// forwarder's buffer is not blocked by it.
func TestWorkerLongStderrLine(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 2)
	opts := baseOptions(in, t.TempDir())
	opts.Engine, opts.Retries = EngineProcess, 0
	opts.WorkerCommand = []string{"/bin/sh", "-c", "head -c 3000000 /dev/zero | tr '\\0' x >&2; exit 4"}
	opts.StartTimeout = 20 * time.Second
	start := time.Now()
	_, err := Run(context.Background(), withReporter(opts, io.Discard))
	if !errors.Is(err, ErrExitedEarly) {
		t.Errorf("Run: %v; want the worker's early exit", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Run took %v: the worker was blocked on its stderr", d)
	}
}

// TestPanicHeadlineKept: a worker's panic message survives in the error
// even when its stack trace fills the stderr tail.
func TestPanicHeadlineKept(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 8)
	opts := baseOptions(in, t.TempDir())
	opts.Engine, opts.Chunks, opts.Retries = EngineProcess, 4, 0
	testWorker(opts, faultEnv+"=panic@1")
	_, err := Run(context.Background(), withReporter(opts, io.Discard))
	if err == nil || !strings.Contains(err.Error(), "panic: injected panic") || !strings.Contains(err.Error(), "exit status 2") {
		t.Errorf("Run error %v; want the panic's message and exit status", err)
	}
}
