package pipeline

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/featurize/featurize/input"
	"github.com/featurize/featurize/npyio"
)

// writeLong writes n series of a flat long table (id, t, a, b), ids
// "id1".."idn", rows of each in reverse time order, and its labels by id.
func writeLong(t *testing.T, dir string, n int) (table, labels string) {
	var b, l strings.Builder
	b.WriteString("id,t,a,b\n")
	l.WriteString("id,label\n")
	for i := 1; i <= n; i++ {
		rows := 20 + 3*i
		for r := rows - 1; r >= 0; r-- {
			fmt.Fprintf(&b, "id%d,%d,%d.5,%g\n", i, r, i*r%7, float64(r)/float64(i))
		}
		fmt.Fprintf(&l, "id%d,%d\n", i, i%3)
	}
	table, labels = filepath.Join(dir, "long.csv"), filepath.Join(dir, "labels.csv")
	writeFile(t, table, b.String())
	writeFile(t, labels, l.String())
	return table, labels
}

// openFDs counts this process's open file descriptors.
func openFDs(t *testing.T) int {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatalf("counting open files: %v", err)
	}
	return len(ents)
}

// TestLongTable: a long table's ids are series with their labels, named
// in the manifest; the table is not left open; options that do not go
// with it are usage errors; a missing label names the id.
func TestLongTable(t *testing.T) {
	dir := t.TempDir()
	table, labels := writeLong(t, dir, 9)
	opts := baseOptions(table, t.TempDir())
	opts.Long, opts.Labels, opts.Chunks = input.Long{ID: "id", Sort: "t"}, labels, 5
	before := openFDs(t)
	res := runOK(t, opts)
	if after := openFDs(t); after != before {
		t.Errorf("%d open files before the run, %d after", before, after)
	}
	m := res.Manifest
	s := readSeries(t, res)
	if m.Input.Table != table || m.Input.Long == nil || m.Input.Long.ID != "id" || len(s.IDs) != 9 || s.IDs[8] != "id9" || s.Paths[8] != table || res.Spec.Columns[0] != "a" {
		t.Errorf("manifest input %+v, series %+v, columns %v", m.Input, s, res.Spec.Columns)
	}
	target := featureTarget(t, opts.OutDir)
	if target[0] != 1 || target[len(target)-1] != 0 {
		t.Errorf("targets %v: want id1's label 1 first, id9's 0 last", target)
	}

	writeFile(t, labels, "id,label\nid1,0\nid2,1\n")
	if _, _, err := runErr(opts); !errors.Is(err, ErrMissingLabel) || !strings.Contains(err.Error(), "id id3 (") {
		t.Errorf("a missing label: %v", err)
	}
	for _, set := range []func(*Config){
		func(c *Config) { c.Glob = "*.csv" },
		func(c *Config) { c.Long.Kind = "t" },
		func(c *Config) { c.InputDir = dir },
	} {
		c := baseOptions(table, t.TempDir())
		c.Long = input.Long{ID: "id"}
		set(c)
		if _, err := Plan(*c); !errors.Is(err, ErrUsage) {
			t.Errorf("%+v: Plan %v; want a usage error", c, err)
		}
	}
}

// featureTarget reads target.npy as float64s.
func featureTarget(t *testing.T, out string) []float64 {
	t.Helper()
	a, err := npyio.ReadFile(filepath.Join(out, "target.npy"))
	if err != nil {
		t.Fatal(err)
	}
	return a.Float64s()
}
