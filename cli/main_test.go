package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/featurize/featurize/pipeline"
)

// The test binary stands in for featurize itself: started by the process
// engine it is the engine's worker (ServeWorkers), so `run` can re-exec it
// exactly as the real binary re-execs itself.
// With FEATURIZE_TEST_AS_MAIN=1 it is the whole featurize command, for
// tests that signal a real process.
func TestMain(m *testing.M) {
	pipeline.InstallFaultsFromEnv()
	if os.Getenv("FEATURIZE_TEST_AS_MAIN") == "1" {
		os.Exit(Main(os.Args))
	}
	pipeline.ServeWorkers() // the real worker path, signal handling included
	os.Exit(m.Run())
}

// featurize runs the CLI in-process and returns its exit code and output.
func featurize(t *testing.T, env []string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	var out, errb bytes.Buffer
	code = run(context.Background(), append([]string{"featurize"}, args...), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestSplitCommand(t *testing.T) {
	code, out, _ := featurize(t, nil, "split", "10", "3")
	if want := "0 1 4 4\n1 5 7 3\n2 8 10 3\n"; code != 0 || out != want {
		t.Errorf("split 10 3 = %d %q; want 0 %q", code, out, want)
	}
	code, out, _ = featurize(t, nil, "split", "2", "3")
	if want := "0 1 1 1\n1 2 2 1\n2 - - 0\n"; code != 0 || out != want {
		t.Errorf("split 2 3 = %d %q; want 0 %q", code, out, want)
	}
	for _, args := range [][]string{{"split", "10", "0"}, {"split", "10"}, {"split", "x", "2"}} {
		if code, _, stderr := featurize(t, nil, args...); code != exitUsage {
			t.Errorf("%v exit %d (stderr %q); want %d", args, code, stderr, exitUsage)
		}
	}
}

func TestWorkerHiddenAndRefusesByHand(t *testing.T) {
	_, out, _ := featurize(t, nil, "--help")
	if strings.Contains(out, "worker") {
		t.Errorf("help mentions the hidden worker command:\n%s", out)
	}
	// By hand: a separate process without the cookie.
	cmd := exec.Command(os.Args[0], "worker")
	cmd.Env = append(os.Environ(), "FEATURIZE_TEST_AS_MAIN=1")
	outb, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("worker by hand exited 0; output %q", outb)
	}
	if !strings.Contains(string(outb), "internal worker command") {
		t.Errorf("worker by hand said %q; want an explanation", outb)
	}
}

func TestRunDemoAndExitCodes(t *testing.T) {
	data := t.TempDir()
	if code, _, stderr := featurize(t, nil, "gen", "--n", "12", "--rows", "300", "--out", data, "--seed", "3"); code != 0 {
		t.Fatalf("gen exit %d: %s", code, stderr)
	}
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := featurize(t, []string{"FEATURIZE_WORKERS=2", "FEATURIZE_WINDOW=100"},
		"run", data, "--labels", filepath.Join(data, "labels.csv"), "--stride", "50", "-o", out, "--quiet")
	if code != 0 {
		t.Fatalf("run exit %d: %s", code, stderr)
	}
	// 300 rows, window 100 from the environment, stride 50: 5 windows a file.
	if !strings.Contains(stdout, "60 rows x 54 features from 12 files") {
		t.Errorf("summary %q; want 60 rows x 54 features from 12 files", stdout)
	}
	man, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil || !strings.Contains(string(man), `"workers": 2`) {
		t.Errorf("manifest lacks workers 2 from FEATURIZE_WORKERS (err %v)", err)
	}

	os.Remove(filepath.Join(data, "5.csv"))
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"run", "--n", "12", "-o", out + "2", data}, exitBadInput, "5.csv"},
		{[]string{"run", "--engine", "gpu", data}, exitUsage, "--engine"},
		{[]string{"run", "--no-such-flag", data}, exitUsage, "no-such-flag"},
		{[]string{"run", "--features", "mean,nope", data}, exitUsage, "nope"},
	} {
		code, _, stderr := featurize(t, nil, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.msg) {
			t.Errorf("%v: exit %d, stderr %q; want %d mentioning %q", tc.args, code, stderr, tc.code, tc.msg)
		}
	}
	if _, err := os.Stat(filepath.Join(out+"2", "feature.npy")); !os.IsNotExist(err) {
		t.Errorf("failed run left feature.npy")
	}
	_, stdout, _ = featurize(t, nil, "run", "--n", "12", "--skip-bad", "--window", "100", "-o", out+"3", data)
	if !strings.Contains(stdout, "33 rows x 54 features from 11 files (1 left out: --skip-bad)") {
		t.Errorf("summary with a file left out: %q", stdout)
	}
}
