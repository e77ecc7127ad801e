package cli

import (
	"bytes"
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
	// A bad dialect is a usage error naming the flags.
	if code, _, stderr := featurize(t, nil, "run", euro, "--pattern", "{}.csv.gz", "--decimal", ","); code != exitUsage || !strings.Contains(stderr, "--delimiter, --decimal or --comment") {
		t.Errorf("--decimal , without --delimiter: exit %d, %s", code, stderr)
	}
}
