package pipeline

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestPrestartNoLeaks: workers started while the run plans are all gone
// when Run returns, whether Plan fails, the run needs fewer workers than
// asked for, or --resume has nothing left to compute.
func TestPrestartNoLeaks(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 2)

	opts := baseOptions(in, t.TempDir())
	opts.Engine, opts.Workers = EngineProcess, 4
	opts.Columns = []string{"no-such-column"}
	log := loggedWorkers(t, opts, false)
	if _, err := Run(context.Background(), withReporter(opts, &bytes.Buffer{})); err == nil {
		t.Fatal("Run with an unknown column succeeded")
	}
	checkNoWorkersLeft(t, log)

	opts = baseOptions(in, t.TempDir())
	opts.Engine, opts.Workers, opts.KeepParts = EngineProcess, 8, true
	log = loggedWorkers(t, opts, false)
	runOK(t, opts) // 2 files: 6 of the 8 workers are not needed
	opts.Resume = true
	runOK(t, opts) // nothing to compute
	checkNoWorkersLeft(t, log)
}

// TestPrestartStderrWithResume: prestarted workers write to stderr while
// the run writes its own lines (run with -race, as .ci/run does).
func TestPrestartStderrWithResume(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 4)
	opts := baseOptions(in, t.TempDir())
	opts.Engine, opts.Workers, opts.KeepParts = EngineProcess, 4, true
	loggedWorkers(t, opts, true)
	runOK(t, opts)
	opts.Resume = true
	var stderr bytes.Buffer
	if _, err := Run(context.Background(), withReporter(opts, &stderr)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr.String(), "resume: reusing") {
		t.Errorf("stderr %q lacks the resume line", stderr.String())
	}
}

// TestPrestartedWorkerDiesWhilePlanning: a worker that answered the
// handshake and then stopped reading (as one killed while the run planned
// would) cannot take the spec; a fresh one replaces it and the run
// succeeds, with no retries allowed.
func TestPrestartedWorkerDiesWhilePlanning(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 4)
	flag := t.TempDir()
	opts := baseOptions(in, t.TempDir())
	opts.Engine, opts.Workers, opts.Retries = EngineProcess, 1, 0
	testWorker(opts)
	opts.WorkerCommand = []string{"/bin/sh", "-c", "if mkdir " + flag + "/first 2>/dev/null; then exec 0<&-; echo '" + handshakePrefix + strconv.Itoa(protocolVersion) + "'; exec sleep 60; fi; exec " + os.Args[0] + " -test.run=^$"}
	runOK(t, opts)
}

// TestPrestartTakeStopsOnFailure: when a lower chunk fails, a slot whose
// worker has not answered the handshake yet stops waiting at once instead
// of waiting out --start-timeout. Which slot gets the silent worker is up
// to the scheduler: if it holds chunk 0, that chunk's start timeout is the
// lowest failure and is reported.
func TestPrestartTakeStopsOnFailure(t *testing.T) {
	in := t.TempDir()
	// Chunk 0 holds files 1 and 2, which is bad; chunk 1 file 3.
	writeDataset(t, in, 3)
	writeFile(t, filepath.Join(in, "2.csv"), "ax,ay,target\n1,x,3\n")
	for range 3 {
		flag := t.TempDir()
		opts := baseOptions(in, t.TempDir())
		opts.Engine, opts.Workers, opts.Retries, opts.Chunks = EngineProcess, 2, 0, 2
		opts.StartTimeout = 3 * time.Second
		testWorker(opts)
		// The first worker works; the second never answers.
		opts.WorkerCommand = []string{"/bin/sh", "-c", "if mkdir " + flag + "/first 2>/dev/null; then exec " + os.Args[0] + " -test.run=^$; fi; exec sleep 60"}
		start := time.Now()
		_, err := Run(context.Background(), withReporter(opts, &bytes.Buffer{}))
		d := time.Since(start)
		switch {
		case errors.Is(err, ErrInput):
			if d > opts.StartTimeout/2 {
				t.Errorf("Run took %v: it waited for the silent worker", d)
			}
		case errors.Is(err, ErrStartTimeout):
			if !strings.Contains(err.Error(), "worker") {
				t.Errorf("start timeout error %q does not name the worker", err)
			}
		default:
			t.Fatalf("Run: %v; want the bad file's error or chunk 0's start timeout", err)
		}
	}
}
