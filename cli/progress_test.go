package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestReporterBar: the bar shows the share of files and bytes, the rate,
// the ETA and the retries; a worker's line clears it and takes a line of
// its own; plain mode prints counters on lines of their own.
func TestReporterBar(t *testing.T) {
	var b bytes.Buffer
	r := newReporter(&b, progressBar)
	r.Start(200, 2_000_000)
	r.Progress(50, 700, 500_000)
	r.Warn("retrying: chunk 3 (files 31-40): worker 2 exited")
	r.WorkerOutput(1, "hello")
	r.mu.Lock()
	r.draw()
	r.mu.Unlock()
	out := b.String()
	for _, want := range []string{"\r\x1b[Kwarning: retrying: chunk 3", "\r\x1b[K[worker 1] hello\n", "]  25% files 50/200  500.0 KB/2.0 MB (25%)  rows 700", "retries 1"} {
		if !strings.Contains(out, want) {
			t.Errorf("bar output lacks %q:\n%q", want, out)
		}
	}
	if !regexp.MustCompile(`\r\[=+> +\]  25% `).MatchString(out) {
		t.Errorf("no bar drawn in place:\n%q", out)
	}
	r.Stop()

	// Files that a worker of the user's read count no bytes: the bar
	// shows no bytes and no byte rate, and the ETA follows the files.
	b.Reset()
	x := newReporter(&b, progressBar)
	x.Start(200, 2_000_000)
	x.Progress(50, 700, 0)
	if c := x.counters(); !strings.HasPrefix(c, "files 50/200  rows 700  ETA ") || strings.Contains(c, "B") {
		t.Errorf("counters without bytes: %q", c)
	}
	x.Stop()

	b.Reset()
	p := newReporter(&b, progressPlain)
	p.interval = 20 * time.Millisecond
	p.Start(10, 0)
	p.Progress(4, 4, 0)
	time.Sleep(70 * time.Millisecond)
	p.Stop()
	if lines := strings.Count(b.String(), "progress: files 4/10"); lines < 2 || strings.Contains(b.String(), "\r") {
		t.Errorf("plain progress:\n%q", b.String())
	}
	if q := newReporter(&b, progressAuto); q.mode != progressNone {
		t.Errorf("auto mode on a buffer is %q; want none", q.mode)
	}
}

// TestProgressOnTerminal runs featurize under a pseudo-terminal (script):
// the bar is drawn in place, a worker's stderr line comes on a line of its
// own, and the last bar says 100%.
func TestProgressOnTerminal(t *testing.T) {
	script, err := exec.LookPath("script")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI needs script (util-linux) for a pseudo-terminal")
		}
		t.Skip("no script command")
	}
	data := t.TempDir()
	if code, _, stderr := featurize(t, nil, "gen", "--n", "40", "--rows", "400", "--out", data); code != 0 {
		t.Fatal(stderr)
	}
	out := filepath.Join(t.TempDir(), "out")
	cmd := exec.Command(script, "-qec", shellJoin(os.Args[0], "run", data, "--window", "64", "-o", out, "--chunks", "4"), "/dev/null")
	cmd.Env = append(os.Environ(), "FEATURIZE_TEST_AS_MAIN=1", "FEATURIZE_TEST_FAULT=slow@1", "COLUMNS=120")
	got, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%q", err, got)
	}
	s := string(got)
	for _, want := range []string{"\r\x1b[K[worker ", "] fault slow at chunk 1", "100% files 40/40", "ETA "} {
		if !strings.Contains(s, want) {
			t.Errorf("terminal output lacks %q:\n%q", want, s)
		}
	}
	if n := strings.Count(s, "\r["); n < 2 {
		t.Errorf("the bar was drawn %d times; want it redrawn while the run waits:\n%q", n, s)
	}
}
