package cli

import (
	"bytes"
	"fmt"
	"compress/gzip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// demoFiles returns the demo dataset's CSV files, by index.
func demoFiles(t *testing.T) (dir string, n int) {
	dir, _ = filepath.Abs(filepath.Join("..", "testdata", "demo"))
	for {
		if _, err := os.Stat(filepath.Join(dir, filepathIndex(n+1))); err != nil {
			return dir, n
		}
		n++
	}
}

func filepathIndex(i int) string { return strconv.Itoa(i) + ".csv" }

// runDemoLike runs featurize on the demo data as laid out by args and
// returns feature.npy.
func runDemoLike(t *testing.T, args ...string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := featurize(t, nil, append(append([]string{"run"}, args...), "--window", "100", "--stride", "50", "-o", out, "--quiet")...)
	if code != 0 {
		t.Fatalf("featurize %v: exit %d: %s", args, code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "feature.npy"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestInputLayouts: the demo data as numbered CSV files and as the same
// values in other layouts (a European dialect, gzip-compressed) gives the
// same feature.npy.
func TestInputLayouts(t *testing.T) {
	demo, n := demoFiles(t)
	want := runDemoLike(t, demo)

	euro := t.TempDir()
	for i := 1; i <= n; i++ {
		data, err := os.ReadFile(filepath.Join(demo, filepathIndex(i)))
		if err != nil {
			t.Fatal(err)
		}
		text := strings.NewReplacer(",", ";", ".", ",").Replace(string(data))
		var gz bytes.Buffer
		w := gzip.NewWriter(&gz)
		w.Write([]byte("# exported\n" + text))
		w.Close()
		os.WriteFile(filepath.Join(euro, strconv.Itoa(i)+".csv.gz"), gz.Bytes(), 0o644)
	}
	if got := runDemoLike(t, euro, "--pattern", "{}.csv.gz", "--delimiter", ";", "--decimal", ","); !bytes.Equal(got, want) {
		t.Error("';' with decimal ',', gzip: feature.npy differs from the numbered CSV files'")
	}
	// Named files: zero-padded names by pattern, by glob (natural order
	// puts 2 before 10 either way here) and by list; labels by index.
	named := t.TempDir()
	var list strings.Builder
	for i := 1; i <= n; i++ {
		data, _ := os.ReadFile(filepath.Join(demo, filepathIndex(i)))
		name := fmt.Sprintf("subject_%03d.csv", i)
		os.WriteFile(filepath.Join(named, name), data, 0o644)
		fmt.Fprintln(&list, name)
	}
	listFile := filepath.Join(t.TempDir(), "files.txt")
	os.WriteFile(listFile, []byte("# the demo\n"+list.String()), 0o644)
	for _, args := range [][]string{
		{named, "--pattern", "subject_{:03d}.csv"},
		{named, "--glob", "subject_*.csv"},
		{named, "--files", listFile},
	} {
		if got := runDemoLike(t, args...); !bytes.Equal(got, want) {
			t.Errorf("%v: feature.npy differs from the numbered CSV files'", args)
		}
	}
	// A bad dialect is a usage error naming the flags.
	if code, _, stderr := featurize(t, nil, "run", euro, "--pattern", "{}.csv.gz", "--decimal", ","); code != exitUsage || !strings.Contains(stderr, "--delimiter, --decimal or --comment") {
		t.Errorf("--decimal , without --delimiter: exit %d, %s", code, stderr)
	}
}
