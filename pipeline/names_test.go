package pipeline

import (
	"os"
	"path/filepath"
	"slices"
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
