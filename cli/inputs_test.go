package cli

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/featurize/featurize/npyio"
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
// returns feature.npy, followed by target.npy if there is one.
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
	y, _ := os.ReadFile(filepath.Join(out, "target.npy"))
	return append(b, y...)
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
	// One long table, flat and stacked, rows of an id shuffled (the sort
	// column orders them), ids as names; labels by id, as class names.
	wantL := runDemoLike(t, demo, "--labels", filepath.Join(demo, "labels.csv"))
	longDir := t.TempDir()
	var flat, stacked, labels strings.Builder
	flat.WriteString("subject,t,ax,ay,az\n")
	stacked.WriteString("subject,t,axis,value\n")
	labels.WriteString("subject,activity\n")
	demoLabels, _ := os.ReadFile(filepath.Join(demo, "labels.csv"))
	for i := 1; i <= n; i++ {
		data, _ := os.ReadFile(filepath.Join(demo, filepathIndex(i)))
		lines := strings.Split(strings.TrimSpace(string(data)), "\n")[1:]
		id := fmt.Sprintf("s%02d", i)
		for k := range lines {
			r := (k*7 + 3) % len(lines) // a permutation of the rows
			if len(lines)%7 == 0 {
				r = len(lines) - 1 - k
			}
			v := strings.Split(strings.TrimSpace(lines[r]), ",")
			fmt.Fprintf(&flat, "%s,%d,%s\n", id, r, strings.Join(v, ","))
			for a, axis := range []string{"az", "ax", "ay"} {
				fmt.Fprintf(&stacked, "%s,%d,%s,%s\n", id, r, axis, v[[]int{2, 0, 1}[a]])
			}
		}
		label := strings.Split(strings.Split(string(demoLabels), "\n")[i], ",")[1]
		fmt.Fprintf(&labels, "%s,class%s\n", id, label)
	}
	os.WriteFile(filepath.Join(longDir, "flat.csv"), []byte(flat.String()), 0o644)
	os.WriteFile(filepath.Join(longDir, "stacked.csv"), []byte(stacked.String()), 0o644)
	os.WriteFile(filepath.Join(longDir, "labels.csv"), []byte(labels.String()), 0o644)
	for _, args := range [][]string{
		{filepath.Join(longDir, "flat.csv"), "--id-column", "subject", "--sort-column", "t"},
		{filepath.Join(longDir, "stacked.csv"), "--id-column", "subject", "--sort-column", "t", "--kind-column", "axis", "--value-column", "value"},
	} {
		if got := runDemoLike(t, args...); !bytes.Equal(got, want) {
			t.Errorf("%v: feature.npy differs from the numbered CSV files'", args[1:])
		}
		args = append(args, "--labels", filepath.Join(longDir, "labels.csv"), "--index-column", "subject", "--label-column", "activity")
		if got := runDemoLike(t, args...); !bytes.Equal(got, wantL) {
			t.Errorf("%v: feature.npy or target.npy (labels by id, as class names) differs", args[1:])
		}
	}
	// The flat table gzip-compressed, and as a .npy array of numeric ids
	// whose columns --columns names.
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(flat.String()))
	zw.Close()
	os.WriteFile(filepath.Join(longDir, "flat.csv.gz"), gz.Bytes(), 0o644)
	var vals []float64
	for _, line := range strings.Split(strings.TrimSpace(flat.String()), "\n")[1:] {
		f := strings.Split(line, ",")
		id, _ := strconv.Atoi(strings.TrimPrefix(f[0], "s"))
		vals = append(vals, float64(id))
		for _, x := range f[1:] {
			v, _ := strconv.ParseFloat(x, 64)
			vals = append(vals, v)
		}
	}
	npy := npyio.EncodeHeader("<f8", false, []int{len(vals) / 5, 5})
	for _, v := range vals {
		npy = binary.LittleEndian.AppendUint64(npy, math.Float64bits(v))
	}
	os.WriteFile(filepath.Join(longDir, "flat.npy"), npy, 0o644)
	for _, args := range [][]string{
		{filepath.Join(longDir, "flat.csv.gz"), "--id-column", "subject", "--sort-column", "t"},
		{filepath.Join(longDir, "flat.npy"), "--id-column", "id", "--sort-column", "t", "--columns", "id,t,ax,ay,az"},
	} {
		if got := runDemoLike(t, args...); !bytes.Equal(got, want) {
			t.Errorf("%v: feature.npy differs from the numbered CSV files'", args[1:])
		}
	}
	// Rows of an id apart: an input error naming the line.
	os.WriteFile(filepath.Join(longDir, "apart.csv"), []byte("id,x\na,1\nb,2\na,3\n"), 0o644)
	if code, _, stderr := featurize(t, nil, "run", filepath.Join(longDir, "apart.csv"), "--id-column", "id", "-o", t.TempDir()); code != exitBadInput || !strings.Contains(stderr, `apart.csv:4: the rows of an id are not contiguous: id "a"`) {
		t.Errorf("rows of an id apart: exit %d, %s", code, stderr)
	}
	// A bad dialect is a usage error naming the flags.
	if code, _, stderr := featurize(t, nil, "run", euro, "--pattern", "{}.csv.gz", "--decimal", ","); code != exitUsage || !strings.Contains(stderr, "--delimiter, --decimal or --comment") {
		t.Errorf("--decimal , without --delimiter: exit %d, %s", code, stderr)
	}
}

// TestDryRun: --dry-run prints the shapes a run writes, the warnings and
// failures it would give, and writes nothing.
func TestDryRun(t *testing.T) {
	demo, _ := demoFiles(t)
	out := filepath.Join(t.TempDir(), "out")
	args := []string{"run", demo, "--labels", filepath.Join(demo, "labels.csv"), "--window", "100", "--stride", "50", "-o", out}
	code, stdout, stderr := featurize(t, nil, append(args, "--dry-run")...)
	if code != 0 {
		t.Fatalf("dry run: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a dry run made %s", out)
	}
	for _, want := range []string{"inputs:    40 series", "chunks:    8 (np.array_split of 1..40), on 2 process workers", "           7 36 40 5",
		"features:  18 a column x 3 columns (ax, ay, az) = 54 a row", "feature.npy <f8 (200, 54), 86.5 KB", "target.npy <i8 (200,)", "warnings:  0"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("dry run lacks %q:\n%s", want, stdout)
		}
	}
	for _, tc := range []struct{ flags, want string }{
		{"--workers 1000 --chunks 5", "on 5 process workers (--workers 1000: no more workers than chunks)"},
		{"--workers 1000 --chunks 5 --shard 1/2", "on 2 process workers (--workers 1000: no more workers than chunks)"},
		{"--workers 4 --engine serial", "on 1 serial worker\n"},
	} {
		_, stdout, _ = featurize(t, nil, append(args, append(strings.Fields(tc.flags), "--dry-run")...)...)
		if !strings.Contains(stdout, tc.want) {
			t.Errorf("dry run with %s lacks %q:\n%s", tc.flags, tc.want, stdout)
		}
	}
	if code, _, stderr := featurize(t, nil, append(args, "--quiet")...); code != 0 {
		t.Fatal(stderr)
	}
	if st, err := os.Stat(filepath.Join(out, "feature.npy")); err != nil || st.Size() != 86528 {
		t.Errorf("the run's feature.npy: %v, %d bytes; the dry run said 86.5 KB", err, st.Size())
	}

	data := t.TempDir()
	for i, body := range []string{"a,b\n1,2\n3,4\n5,6\n", "a,b\n1,2\n", "a,b\n1,x\n3,4\n", "a,b,c\n1,2,3\n4,5,6\n7,8,9\n"} {
		os.WriteFile(filepath.Join(data, strconv.Itoa(i+1)+".csv"), []byte(body), 0o644)
	}
	code, stdout, _ = featurize(t, nil, "run", data, "--window", "3", "--dry-run", "-o", filepath.Join(t.TempDir(), "o"))
	for _, want := range []string{"2.csv: 1 row, fewer than --window 3: no windows", "1 file has columns that the first file does not", "failures:  1 inputs would fail:", "3.csv:2:3: invalid number \"x\""} {
		if code != exitBadInput || !strings.Contains(stdout, want) {
			t.Errorf("dry run of bad inputs: exit %d, lacks %q:\n%s", code, want, stdout)
		}
	}
	if code, stdout, _ := featurize(t, nil, "run", data, "--window", "3", "--dry-run", "--skip-bad", "-o", filepath.Join(t.TempDir(), "o")); code != 0 || !strings.Contains(stdout, "be left out (--skip-bad)") {
		t.Errorf("dry run with --skip-bad: exit %d:\n%s", code, stdout)
	}
}
