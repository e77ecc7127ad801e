package pipeline

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestSeriesSidecars: series_rows.npy, series_paths.txt and the .jsonl
// lists say, as numpy and Python read them, where each row came from; the
// manifest shows the first 20 of each list and counts all.
func TestSeriesSidecars(t *testing.T) {
	needNumpy(t)
	in := t.TempDir()
	writeDataset(t, in, 40)
	for i := 41; i <= 70; i++ { // too short for a window of 16: a warning each
		writeFile(t, filepath.Join(in, strconv.Itoa(i)+".csv"), "ax,ay,speed\n1,2,3\n")
	}
	for i := 71; i <= 95; i++ { // bad: skipped
		writeFile(t, filepath.Join(in, strconv.Itoa(i)+".csv"), "ax,ay,speed\n1,x,3\n")
	}
	opts := baseOptions(in, t.TempDir())
	opts.Glob, opts.SkipBad = "[0-9]*.csv", true // not labels.csv
	res := runOK(t, opts)
	m := res.Manifest
	if m.SkippedCount != 25 || len(m.Skipped) != 20 || m.WarningsCount != 55 || len(m.Warnings) != 20 ||
		m.Lists["skipped"] != SkippedFile || m.Lists["warnings"] != WarningsFile || m.Series.Count != 95 || m.Series.Paths != SeriesPathsFile {
		t.Fatalf("manifest: skipped %d (%d shown), warnings %d (%d shown), lists %v, series %+v", m.SkippedCount, len(m.Skipped), m.WarningsCount, len(m.Warnings), m.Lists, m.Series)
	}
	check := `
import json, sys, numpy as np
out, data = sys.argv[1], sys.argv[2]
m = json.load(open(out + "/manifest.json"))
rows, g = np.load(out + "/series_rows.npy"), np.load(out + "/groups.npy")
paths = open(out + "/series_paths.txt").read().splitlines()
assert rows.dtype == np.int64 and len(rows) == len(paths) + 1 == 96 and rows[0] == 0 and rows[-1] == len(g)
for r in range(len(g)):                       # each row's series and file
    i = g[r]
    assert rows[i - 1] <= r < rows[i], (r, i)
    assert paths[i - 1] == "%d.csv" % i
skipped = [json.loads(l) for l in open(out + "/" + m["lists"]["skipped"])]
assert [s["index"] for s in skipped] == list(range(71, 96)), skipped
assert all(rows[s["index"]] == rows[s["index"] - 1] for s in skipped)
warnings = [json.loads(l) for l in open(out + "/" + m["lists"]["warnings"])]
assert len(warnings) == 55 and "41.csv" in warnings[0] and "skipped" in warnings[-1], warnings[0]
assert m["warnings"] == warnings[:20] and m["skipped"] == skipped[:20]
print("ok")
`
	if got := pyRun(t, "-c", check, opts.OutDir, in); strings.TrimSpace(got) != "ok" {
		t.Errorf("numpy check: %s", got)
	}
	if st, err := os.Stat(filepath.Join(opts.OutDir, "manifest.json")); err != nil || st.Size() > 64<<10 {
		t.Errorf("manifest.json: %v, %d bytes", err, st.Size())
	}
}

// TestManifestSizeFlat: manifest.json is the same size for 30 series and
// for 3000.
func TestManifestSizeFlat(t *testing.T) {
	size := func(n int) int64 {
		in := t.TempDir()
		for i := 1; i <= n; i++ {
			writeFile(t, filepath.Join(in, strconv.Itoa(i)+".csv"), "a,b\n1,2\n3,4\n")
		}
		opts := baseOptions(in, t.TempDir())
		opts.Window, opts.Stride = 0, 0
		runOK(t, opts)
		st, err := os.Stat(filepath.Join(opts.OutDir, "manifest.json"))
		if err != nil {
			t.Fatal(err)
		}
		return st.Size()
	}
	small, large := size(30), size(3000)
	if large-small > 64 {
		t.Errorf("manifest.json: %d bytes for 30 series, %d for 3000", small, large)
	}
}
