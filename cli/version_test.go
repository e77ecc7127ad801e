package cli

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/featurize/featurize/pipeline"
)

// TestVersion: --version names the release, and a binary built with the
// VCS stamp (as tools/dist builds) names the commit it was built from.
func TestVersion(t *testing.T) {
	_, out, _ := featurize(t, nil, "--version")
	if want := "featurize version " + pipeline.Version + " ("; !strings.HasPrefix(out, want) {
		t.Fatalf("--version = %q, want it to start with %q", out, want)
	}

	head, err := exec.Command("git", "rev-parse", "HEAD").Output()
	if err != nil {
		t.Fatalf("git rev-parse HEAD: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "featurize")
	build := exec.Command("go", "build", "-buildvcs=true", "-o", bin, "..")
	if msg, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build -buildvcs=true: %v\n%s", err, msg)
	}
	got, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatalf("featurize --version: %v", err)
	}
	if want := "(commit " + strings.TrimSpace(string(head))[:12]; !strings.Contains(string(got), want) {
		t.Errorf("--version of a stamped build = %q, want it to contain %q", got, want)
	}
}
