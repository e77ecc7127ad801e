package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"

	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/featurize/featurize/pipeline"
)

// children returns the pids whose parent is pid, from /proc.
func children(t *testing.T, pid int) []int {
	t.Helper()
	entries, err := os.ReadDir("/proc")
	if err != nil {
		t.Fatal(err)
	}
	var kids []int
	for _, e := range entries {
		child, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...: comm may hold spaces, so cut at ')'.
		f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
		if len(f) > 1 && f[1] == strconv.Itoa(pid) && f[0] != "Z" {
			kids = append(kids, child)
		}
	}
	return kids
}

// alive reports whether pid exists and is not a zombie.
func alive(pid int) bool {
	stat, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return false
	}
	f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
	return len(f) > 0 && f[0] != "Z"
}

// TestInterruptThenResume signals a real run whose chunk 4 hangs: every
// worker must be gone within 2 s, the exit code is 130, no final output
// appears and finished parts stay; --resume then completes the run with
// the same bytes as an undisturbed run.
func TestInterruptThenResume(t *testing.T) {
	data := t.TempDir()
	if code, _, stderr := featurize(t, nil, "gen", "--n", "12", "--rows", "400", "--out", data); code != 0 {
		t.Fatalf("gen: %s", stderr)
	}
	common := []string{"run", data, "--labels", filepath.Join(data, "labels.csv"), "--window", "64", "--chunks", "6", "--workers", "2", "--quiet"}
	clean := filepath.Join(t.TempDir(), "clean")
	if code, _, stderr := featurize(t, nil, append(common, "-o", clean)...); code != 0 {
		t.Fatalf("clean run: %s", stderr)
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			// Every chunk but the hanging one finishes.
			cmd, stderr := startUntilParts(t, append(common, "-o", out), []string{"FEATURIZE_TEST_FAULT=hang@4"}, out, []int{0, 1, 2, 3, 5}, 30*time.Second)
			workers := children(t, cmd.Process.Pid)
			if len(workers) == 0 {
				t.Fatal("no worker processes found")
			}
			sent := time.Now()
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			for _, pid := range workers {
				for alive(pid) && time.Since(sent) < 5*time.Second {
					time.Sleep(5 * time.Millisecond)
				}
			}
			gone := time.Since(sent)
			err := cmd.Wait()
			t.Logf("%v: %d workers gone %v after the signal; featurize exited after %v", sig, len(workers), gone.Round(time.Millisecond), time.Since(sent).Round(time.Millisecond))
			if gone > 2*time.Second {
				t.Errorf("workers still alive %v after %v", gone, sig)
			}
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != exitInterrupted {
				t.Errorf("exit %v; want code %d; stderr:\n%s", err, exitInterrupted, stderr.String())
			}
			if !strings.Contains(stderr.String(), "interrupted") {
				t.Errorf("stderr lacks 'interrupted':\n%s", stderr.String())
			}
			for _, name := range []string{"feature.npy", "target.npy", "groups.npy", "manifest.json"} {
				if _, err := os.Stat(filepath.Join(out, name)); !os.IsNotExist(err) {
					t.Errorf("%s exists after the interrupt", name)
				}
			}
			code, _, errText := featurize(t, nil, append(common, "-o", out, "--resume")...)
			if code != 0 {
				t.Fatalf("resume exit %d: %s", code, errText)
			}
			if !strings.Contains(errText, "resume: reusing 5 of 6 chunks") {
				t.Errorf("resume said %q; want it to reuse 5 of 6 chunks", errText)
			}
			for _, name := range []string{"feature.npy", "target.npy", "groups.npy"} {
				a, _ := os.ReadFile(filepath.Join(clean, name))
				b, err := os.ReadFile(filepath.Join(out, name))
				if err != nil || !bytes.Equal(a, b) {
					t.Errorf("resumed %s differs from the clean run's (err %v)", name, err)
				}
			}
		})
	}
}

// TestDiskFull runs featurize under a file size limit (RLIMIT_FSIZE, as a
// full disk would): once failing in a worker's part file and once in the
// merge. Each gives a clear error, no temp files and no final output.
func TestDiskFull(t *testing.T) {
	data := t.TempDir()
	if code, _, stderr := featurize(t, nil, "gen", "--n", "16", "--rows", "2000", "--out", data); code != 0 {
		t.Fatalf("gen: %s", stderr)
	}
	// Windows of 16 every 4 rows: parts are ~860 KiB and feature.npy
	// ~3.4 MiB, so 100 KiB fails in a worker and 1000 KiB in the merge.
	for _, limitKiB := range []int{100, 1000} {
		t.Run(strconv.Itoa(limitKiB)+"KiB", func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			// An earlier run's outputs in OUT must outlive the failed run.
			if code, _, stderr := featurize(t, nil, "run", data, "--window", "500", "-o", out, "--quiet"); code != 0 {
				t.Fatalf("earlier run: %s", stderr)
			}
			earlier := map[string][]byte{}
			for _, name := range []string{"feature.npy", "groups.npy", "manifest.json", "series_rows.npy"} {
				b, err := os.ReadFile(filepath.Join(out, name))
				if err != nil {
					t.Fatal(err)
				}
				earlier[filepath.Join(out, name)] = b
			}
			cmd := exec.Command("/bin/bash", "-c", `ulimit -f "$1"; shift; exec "$@"`, "bash", strconv.Itoa(limitKiB),
				os.Args[0], "run", data, "--window", "16", "--stride", "4", "--chunks", "4", "--workers", "2", "-o", out, "--quiet")
			cmd.Env = append(os.Environ(), "FEATURIZE_TEST_AS_MAIN=1")
			msg, err := cmd.CombinedOutput()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != exitError {
				t.Fatalf("exit %v; want %d; output:\n%s", err, exitError, msg)
			}
			if !strings.Contains(string(msg), "out of space for the outputs (disk full or file size limit)") {
				t.Errorf("message %q does not say why", msg)
			}
			filepath.Walk(out, func(path string, info os.FileInfo, err error) error {
				if earlier[path] != nil {
					return nil
				}
				if err == nil && !info.IsDir() && (strings.Contains(path, ".tmp") || !strings.Contains(path, pipeline.PartsDirName)) {
					t.Errorf("left behind: %s", path)
				}
				return nil
			})
			for path, want := range earlier {
				if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, want) {
					t.Errorf("the earlier run's %s was not kept (err %v)", filepath.Base(path), err)
				}
			}
		})
	}
}

// TestResumeKeepsPlan: --resume without --chunks reuses the earlier run's
// chunks even when --workers (and so the default --chunks) changed.
func TestResumeKeepsPlan(t *testing.T) {
	data := t.TempDir()
	if code, _, stderr := featurize(t, nil, "gen", "--n", "10", "--rows", "300", "--out", data); code != 0 {
		t.Fatalf("gen: %s", stderr)
	}
	out := filepath.Join(t.TempDir(), "out")
	args := []string{"run", data, "--window", "50", "--engine", "thread", "-o", out, "--quiet", "--keep-parts"}
	if code, _, stderr := featurize(t, nil, append(args, "--workers", "2")...); code != 0 {
		t.Fatalf("first run: %s", stderr)
	}
	code, _, stderr := featurize(t, nil, append(args, "--workers", "1", "--resume")...)
	if code != 0 || !strings.Contains(stderr, "resume: reusing 8 of 8 chunks") {
		t.Errorf("resume with other --workers: exit %d, stderr %q; want all 8 chunks reused", code, stderr)
	}
}

// TestWorkerSIGTERMRetried: a worker that gets SIGTERM mid-chunk dies like
// a killed one and its chunk is retried; the run succeeds.
func TestWorkerSIGTERMRetried(t *testing.T) {
	data := t.TempDir()
	if code, _, stderr := featurize(t, nil, "gen", "--n", "8", "--rows", "300", "--out", data); code != 0 {
		t.Fatalf("gen: %s", stderr)
	}
	out := filepath.Join(t.TempDir(), "out")
	env := []string{"FEATURIZE_TEST_FAULT=term@1", "FEATURIZE_TEST_FAULT_ONCE=" + filepath.Join(t.TempDir(), "once")}
	// Chunks of 4 files: the signal lands at file 6, with files left.
	code, _, stderr := featurize(t, env, "run", data, "--window", "50", "--chunks", "2", "--workers", "2", "-o", out, "--quiet")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "retrying: chunk 1 (files 5-8)") || !strings.Contains(stderr, "stopped mid-chunk") {
		t.Errorf("stderr lacks the worker's stop and the retry:\n%s", stderr)
	}
}

// TestStaleOutputsRemoved: a run into a directory holding an earlier run's
// outputs leaves none of them beside its own.
func TestStaleOutputsRemoved(t *testing.T) {
	data := t.TempDir()
	if code, _, stderr := featurize(t, nil, "gen", "--n", "4", "--rows", "300", "--out", data); code != 0 {
		t.Fatalf("gen: %s", stderr)
	}
	out := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := featurize(t, nil, "run", data, "--labels", filepath.Join(data, "labels.csv"), "--format", "txt", "-o", out, "--quiet"); code != 0 {
		t.Fatalf("first run: %s", stderr)
	}
	if code, _, stderr := featurize(t, nil, "run", data, "-o", out, "--quiet"); code != 0 {
		t.Fatalf("second run: %s", stderr)
	}
	entries, _ := os.ReadDir(out)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != "feature.npy groups.npy manifest.json series_rows.npy" {
		t.Errorf("outputs %q; want only the second run's", got)
	}
}

func TestMergeErrors(t *testing.T) {
	if code, _, stderr := featurize(t, nil, "merge", t.TempDir(), "--format", "parquet"); code != exitBadInput && code != exitUsage {
		t.Errorf("merge of an empty dir: exit %d (%s)", code, stderr)
	}
}

// TestInterruptExternalThenResume: a run of an external Python worker
// (featurize_worker.py) whose function hangs on one file is signalled:
// the workers and their children are gone within 2 s, the exit code is
// 130, and --resume reuses the finished chunks for the same bytes as an
// undisturbed run.
func TestInterruptExternalThenResume(t *testing.T) {
	if err := exec.Command("/usr/bin/python3", "-c", "import numpy").Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI needs /usr/bin/python3 with numpy: %v", err)
		}
		t.Skip("no numpy at /usr/bin/python3")
	}
	data := t.TempDir()
	if code, _, stderr := featurize(t, nil, "gen", "--n", "12", "--rows", "200", "--out", data); code != 0 {
		t.Fatalf("gen: %s", stderr)
	}
	script := filepath.Join(t.TempDir(), "feats.py")
	os.WriteFile(script, []byte(`
import os, subprocess, time
import numpy as np
from featurize_worker import serve
child = subprocess.Popen(["sleep", "300"])   # a child the worker leaves behind if only it is killed
def f(path):
    if path.endswith("/8.csv") and not os.environ.get("NO_HANG"):
        time.sleep(300)
    x = np.loadtxt(path, delimiter=",", skiprows=1)
    return x.mean(axis=0)
serve(f)
`), 0o644)
	common := []string{"run", data, "--worker-cmd", "/usr/bin/python3 " + script, "--features", "none", "--labels", filepath.Join(data, "labels.csv"), "--chunks", "6", "--workers", "2", "--quiet"}
	clean := filepath.Join(t.TempDir(), "clean")
	if code, _, stderr := featurize(t, []string{"NO_HANG=1"}, append(common, "-o", clean)...); code != 0 {
		t.Fatalf("clean run: %s", stderr)
	}
	out := filepath.Join(t.TempDir(), "out")
	cmd, stderr := startUntilParts(t, append(common, "-o", out), []string{"NO_HANG="}, out, []int{0, 1, 2, 4, 5}, 60*time.Second)
	var procs []int
	for _, w := range children(t, cmd.Process.Pid) {
		procs = append(append(procs, w), children(t, w)...)
	}
	if len(procs) < 2 {
		t.Fatalf("found %d worker processes and children; want workers with their children", len(procs))
	}
	sent := time.Now()
	cmd.Process.Signal(syscall.SIGINT)
	for _, pid := range procs {
		for alive(pid) && time.Since(sent) < 5*time.Second {
			time.Sleep(5 * time.Millisecond)
		}
	}
	if gone := time.Since(sent); gone > 2*time.Second {
		t.Errorf("workers or their children alive %v after SIGINT", gone)
	}
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitInterrupted {
		t.Errorf("exit %v; want %d; stderr:\n%s", err, exitInterrupted, stderr.String())
	}
	code, _, errText := featurize(t, []string{"NO_HANG=1"}, append(common, "-o", out, "--resume")...)
	if code != 0 || !strings.Contains(errText, "resume: reusing 5 of 6 chunks") {
		t.Fatalf("resume: exit %d, %q; want 5 of 6 chunks reused", code, errText)
	}
	for _, name := range []string{"feature.npy", "target.npy", "groups.npy"} {
		a, _ := os.ReadFile(filepath.Join(clean, name))
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("resumed %s differs from the clean run's (err %v)", name, err)
		}
	}
}

// startUntilParts starts featurize with args and env, and waits until the
// part records of chunks are in out (at most timeout); it returns the
// running command and its stderr.
func startUntilParts(t *testing.T, args, env []string, out string, chunks []int, timeout time.Duration) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), "FEATURIZE_TEST_AS_MAIN=1"), env...)
	stderr := new(bytes.Buffer)
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(timeout)
	for _, c := range chunks {
		for {
			if _, err := os.Stat(filepath.Join(out, pipeline.PartsDirName, fmt.Sprintf("part-%05d.json", c))); err == nil {
				break
			}
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				t.Fatalf("chunk %d never finished; stderr:\n%s", c, stderr.String())
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	return cmd, stderr
}
