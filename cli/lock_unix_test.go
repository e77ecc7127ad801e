//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// TestLockedOutputExitCode: a run into a folder another run holds exits 1
// at once, naming the holder.
func TestLockedOutputExitCode(t *testing.T) {
	data, out := t.TempDir(), t.TempDir()
	if code, _, stderr := featurize(t, nil, "gen", "--n", "2", "--rows", "50", "-o", data); code != 0 {
		t.Fatalf("gen: %s", stderr)
	}
	f, err := os.OpenFile(filepath.Join(out, ".featurize.lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	f.WriteString("pid 4242 on elsewhere\n")
	code, _, stderr := featurize(t, nil, "run", data, "-o", out, "--quiet")
	if want := "output folder " + out + " is in use by another featurize run (pid 4242 on elsewhere)"; code != exitError || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, %q; want %d with %q", code, stderr, exitError, want)
	}
}
