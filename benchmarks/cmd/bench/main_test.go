package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func runBench(t *testing.T, args ...string) (string, error) {
	t.Helper()
	app := newApp()
	var out, errs bytes.Buffer
	app.Writer, app.ErrWriter = &out, &errs
	err := app.RunContext(context.Background(), append([]string{"bench"}, args...))
	return out.String() + errs.String(), err
}

// TestBenchErrors: a missing featurize binary or a python without numpy
// is explained, not a crash.
func TestBenchErrors(t *testing.T) {
	_, err := runBench(t, "--featurize", "/no/such/featurize", "--work", t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "go build -o featurize") {
		t.Errorf("missing binary: %v; want how to build it", err)
	}
	_, err = runBench(t, "--featurize", "/bin/true", "--python", "/bin/false", "--n", "2", "--rows", "10", "--work", t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "cannot import numpy") {
		t.Errorf("python without numpy: %v; want an explanation", err)
	}
	_, err = runBench(t, "--featurize", "/bin/true", "--rounds", "0", "--work", t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "must be positive") {
		t.Errorf("--rounds 0: %v; want a usage error", err)
	}
}
