package pipeline

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestNamePattern: patterns format the index as Python's str.format does,
// and match back only the names they make.
func TestNamePattern(t *testing.T) {
	for _, tc := range []struct {
		pattern string
		i       int
		want    string
	}{
		{"{}.csv", 7, "7.csv"},
		{"{:d}.csv", 7, "7.csv"},
		{"{:03d}.csv", 7, "007.csv"},
		{"{:03d}.csv", 1234, "1234.csv"},
		{"{:3}.csv", 7, "  7.csv"},
		{"subj{:02d}/acc.csv", 3, "subj03/acc.csv"},
		{"{0}/{0:04}.npy", 12, "12/0012.npy"},
		{"{{x}}_{}.txt", 5, "{x}_5.txt"},
	} {
		p, err := parsePattern(tc.pattern)
		if err != nil {
			t.Errorf("%s: %v", tc.pattern, err)
			continue
		}
		got := p.format(tc.i)
		if got != tc.want {
			t.Errorf("%s with %d = %q; want %q", tc.pattern, tc.i, got, tc.want)
		}
		if idx, ok := matchIndex(p.regexp(), got); !ok || idx != tc.i {
			t.Errorf("%s: %q matches back as %d, %v", tc.pattern, got, idx, ok)
		}
	}
	for _, bad := range []string{"x.csv", "{:x}.csv", "{1}.csv", "{:-3d}.csv", "{.csv", "a}.csv", "{:0d}.csv", "{:.2f}.csv"} {
		if _, err := parsePattern(bad); err == nil {
			t.Errorf("parsePattern(%q) took it", bad)
		}
	}
}

// TestNaturalOrder: digit runs compare by value.
func TestNaturalOrder(t *testing.T) {
	names := []string{"s10.csv", "s2.csv", "s1.csv", "a/s3.csv", "s02.csv", "s1b.csv", "S1.csv", "s100.csv"}
	slices.SortFunc(names, naturalCompare)
	want := []string{"S1.csv", "a/s3.csv", "s1.csv", "s1b.csv", "s02.csv", "s2.csv", "s10.csv", "s100.csv"}
	if !slices.Equal(names, want) {
		t.Errorf("sorted %q; want %q", names, want)
	}
}

// TestGlobFiles: * stays in a folder, ** crosses folders, only regular
// files, in natural order.
func TestGlobFiles(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"2.csv", "10.csv", "1.csv", "notes.txt", "sub/3.csv", "sub/deep/4.csv", "d.csv/x"} {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o755)
		os.WriteFile(filepath.Join(dir, f), nil, 0o644)
	}
	for _, tc := range []struct {
		glob string
		want []string
	}{
		{"*.csv", []string{"1.csv", "2.csv", "10.csv"}},
		{"**/*.csv", []string{"1.csv", "2.csv", "10.csv", "sub/3.csv", "sub/deep/4.csv"}},
		{"sub/*.csv", []string{"sub/3.csv"}},
		{"[12].csv", []string{"1.csv", "2.csv"}},
		{"?.csv", []string{"1.csv", "2.csv"}},
	} {
		got, err := globFiles(dir, tc.glob)
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("glob %s = %q, %v; want %q", tc.glob, got, err, tc.want)
		}
	}
	if _, err := globFiles(dir, "[.csv"); err == nil {
		t.Error("a bad glob was taken")
	}
}

// TestGlobAndFiles: a glob leaves out the labels file and the output
// folder and numbers files by position, as the manifest records; a list
// may hold absolute paths; a listed file that is missing is named, or
// skipped with SkipBad; bad combinations are usage errors.
func TestGlobAndFiles(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 11)
	numbered := baseOptions(in, t.TempDir())
	numbered.Labels = filepath.Join(in, "labels.csv")
	want := readOutputs(t, runOK(t, numbered).Spec.PartsDir+"/..")

	opts := baseOptions(in, filepath.Join(in, "out")) // the output folder inside the inputs
	opts.Glob, opts.Labels = "**/*.csv", filepath.Join(in, "labels.csv")
	res := runOK(t, opts)
	sameOutputs(t, readOutputs(t, opts.OutDir), want, "the numbered files'")
	m := res.Manifest
	if s := readSeries(t, res); m.Input.Glob != "**/*.csv" || m.Input.N != 11 || m.Input.Pattern != "" || m.Series.Paths != SeriesPathsFile || s.Paths[9] != filepath.Join(in, "10.csv") {
		t.Errorf("manifest input %+v, series %+v, file 10 %q", m.Input, m.Series, s.Paths[9])
	}
	// A second glob run sees the first one's outputs under out/ and the
	// labels file, and leaves them out: the same outputs.
	runOK(t, opts)
	sameOutputs(t, readOutputs(t, opts.OutDir), want, "the numbered files'")

	var files []string
	for i := 1; i <= 11; i++ {
		f := filepath.Join(in, strconv.Itoa(i)+".csv")
		if i%2 == 0 {
			f, _ = filepath.Rel(in, f)
		}
		files = append(files, f)
	}
	opts = baseOptions(in, t.TempDir())
	opts.Files, opts.Labels = files, filepath.Join(in, "labels.csv")
	runOK(t, opts)
	sameOutputs(t, readOutputs(t, opts.OutDir), want, "the numbered files'")

	opts.Files = append(slices.Clone(files[:3]), "missing.csv")
	if _, _, err := runErr(opts); !errors.Is(err, ErrMissingFile) || !strings.Contains(err.Error(), "missing.csv (index 4 of 1..4)") {
		t.Errorf("a missing listed file: %v", err)
	}
	opts.SkipBad = true
	if res, _, err := runErr(opts); err != nil || len(res.Manifest.Skipped) != 1 || res.Manifest.Skipped[0].Index != 4 {
		t.Errorf("a missing listed file with SkipBad: %v", err)
	}
	for _, set := range []func(*Config){
		func(c *Config) { c.Glob, c.Files = "*.csv", []string{"1.csv"} },
		func(c *Config) { c.Glob, c.N = "*.csv", 3 },
		func(c *Config) { c.Glob, c.Pattern = "*.csv", "{:02d}.csv" },
		func(c *Config) { c.Glob = "[" },
	} {
		c := baseOptions(in, t.TempDir())
		set(c)
		if _, err := Plan(*c); !errors.Is(err, ErrUsage) {
			t.Errorf("%+v: Plan %v; want a usage error", c, err)
		}
	}
	c := baseOptions(in, t.TempDir())
	c.Glob = "*.npy"
	if _, err := Plan(*c); !errors.Is(err, ErrNoFiles) {
		t.Errorf("a glob matching nothing: %v", err)
	}
}
