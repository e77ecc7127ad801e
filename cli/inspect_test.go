package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInspectCommand(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join("..", "testdata", "npy", "data_f8_3x4_C.npy")
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	trunc := filepath.Join(dir, "trunc.npy")
	os.WriteFile(trunc, data[:len(data)-5], 0o644)
	trailing := filepath.Join(dir, "trailing.npy")
	os.WriteFile(trailing, append(append([]byte(nil), data...), 1, 2, 3), 0o644)
	broken := filepath.Join(dir, "broken.npy")
	os.WriteFile(broken, []byte("\x93NUMPY\x01\x00\x10\x00{'descr': '<f8'"), 0o644)

	code, out, stderr := featurize(t, nil, "inspect", good)
	if code != 0 {
		t.Fatalf("inspect good file: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"<f8", "(3, 4)", "order:           C", "data at offset 128"} {
		if !strings.Contains(out, want) {
			t.Errorf("inspect output lacks %q:\n%s", want, out)
		}
	}

	code, out, stderr = featurize(t, nil, "inspect", "--json", good, trunc, trailing, broken)
	if code != exitBadInput {
		t.Errorf("inspect with broken files: exit %d; want %d", code, exitBadInput)
	}
	for _, want := range []string{"trunc.npy: truncated body", "trailing.npy: 3 trailing bytes", "broken.npy"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	var infos []map[string]any
	if err := json.Unmarshal([]byte(out), &infos); err != nil {
		t.Fatalf("--json output is not JSON: %v\n%s", err, out)
	}
	if len(infos) != 3 || infos[0]["descr"] != "<f8" {
		t.Errorf("--json gave %d entries (first %v); want 3 readable files, descr <f8", len(infos), infos[0])
	}
}
