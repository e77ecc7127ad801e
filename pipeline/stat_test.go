package pipeline

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStatterMatchesStat: the statter gives os.Stat's size and
// modification time, and os.Stat's error naming the full path, for
// patterns with a subdirectory, a leading slash and a climb out of Dir.
func TestStatterMatchesStat(t *testing.T) {
	root := t.TempDir()
	in := filepath.Join(root, "in")
	for _, dir := range []string{in, filepath.Join(in, "sub")} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, "1.csv"), "a\n1\n")
		writeFile(t, filepath.Join(dir, "2.csv"), strings.Repeat("a\n", 100))
	}
	for _, pattern := range []string{"{}.csv", "/{}.csv", "sub/{}.csv", "../in/{}.csv", "sub/../{}.csv"} {
		spec := &Spec{Dir: in, Pattern: pattern}
		st := newStatter(spec)
		for i := 1; i <= 3; i++ {
			got, err := st.stat(i)
			want, werr := statPath(spec.FilePath(i))
			if got != want || (err == nil) != (werr == nil) {
				t.Errorf("%s, %d: %v, %v; os.Stat gives %v, %v", pattern, i, got, err, want, werr)
			}
			if i == 3 && (!errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), spec.FilePath(3))) {
				t.Errorf("%s: missing file gives %v; want ErrNotExist naming %s", pattern, err, spec.FilePath(3))
			}
		}
		st.close()
	}
}
