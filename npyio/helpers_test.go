package npyio

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// fixtureDir holds the numpy-written fixtures made by testdata/gen.py.
const fixtureDir = "../testdata/npy"

const python = "/usr/bin/python3"

// needNumpy skips the test unless python3 with numpy is installed (the CI
// script installs it).
func needNumpy(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("numpy interop test skipped in -short mode")
	}
	if err := exec.Command(python, "-c", "import numpy").Run(); err != nil {
		t.Skipf("%s with numpy not available: %v", python, err)
	}
}

// runPython runs script with args in dir and fails the test on error.
func runPython(t testing.TB, dir, script string, args ...string) string {
	t.Helper()
	cmd := exec.Command(python, append([]string{"-c", script}, args...)...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python: %v\n%s", err, stderr.String())
	}
	return string(out)
}

// fixtures returns the paths of the fixtures matching pattern.
func fixtures(t testing.TB, pattern string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(fixtureDir, pattern))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatalf("no fixtures %s in %s: run /usr/bin/python3 testdata/gen.py", pattern, fixtureDir)
	}
	return paths
}

func readBytes(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sameFloat reports whether a and b are the same value: equal, or both
// NaN. Decoding and encoding must be exact, so no tolerance is used.
func sameFloat(a, b float64) bool {
	return a == b && math.Signbit(a) == math.Signbit(b) || math.IsNaN(a) && math.IsNaN(b)
}

func sameFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !sameFloat(a[i], b[i]) {
			return false
		}
	}
	return true
}

// firstDiff returns the offset of the first differing byte of a and b.
func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// diffBytes describes how got differs from want.
func diffBytes(got, want []byte) string {
	i := firstDiff(got, want)
	lo := max(i-16, 0)
	return fmt.Sprintf("lengths %d, %d; first difference at byte %d\ngot  %q\nwant %q",
		len(got), len(want), i, got[lo:min(i+32, len(got))], want[lo:min(i+32, len(want))])
}
