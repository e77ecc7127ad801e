package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	urfave "github.com/urfave/cli/v2"
)

// TestFlagPlaceholders: no flag's placeholder (the backquoted part of its
// usage, which urfave/cli shows as the value's name) holds a space.
func TestFlagPlaceholders(t *testing.T) {
	app := newApp(nil, nil, nil)
	for _, cmd := range app.Commands {
		for _, f := range cmd.Flags {
			df, ok := f.(urfave.DocGenerationFlag)
			if !ok {
				continue
			}
			// urfave/cli takes the first backquoted text as the placeholder.
			name := ""
			if _, rest, ok := strings.Cut(df.GetUsage(), "`"); ok {
				name, _, _ = strings.Cut(rest, "`")
			}
			if strings.Contains(name, " ") {
				t.Errorf("%s --%s: placeholder %q holds a space", cmd.Name, f.Names()[0], name)
			}
		}
	}
	_, out, _ := featurize(t, nil, "run", "--help")
	if !strings.Contains(out, "--shard I/N") {
		t.Errorf("run --help does not show --shard I/N:\n%s", out)
	}
}

// TestGenRefusesNonEmptyFolder: gen replaces a dataset only with --force,
// and then wholly: no file of the larger earlier dataset is left.
func TestGenRefusesNonEmptyFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if code, _, stderr := featurize(t, nil, "gen", "--n", "6", "--rows", "20", "-o", dir); code != 0 {
		t.Fatalf("gen: exit %d: %s", code, stderr)
	}
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	code, _, stderr := featurize(t, nil, "gen", "--n", "3", "--rows", "20", "-o", dir)
	if code != exitUsage || !strings.Contains(stderr, "is not empty") || !strings.Contains(stderr, "--force") {
		t.Errorf("gen into a dataset: exit %d, %q; want %d naming --force", code, stderr, exitUsage)
	}
	if _, err := os.Stat(filepath.Join(dir, "6.csv")); err != nil {
		t.Errorf("a refused gen changed the folder: %v", err)
	}
	if code, _, stderr := featurize(t, nil, "gen", "--n", "3", "--rows", "20", "-o", dir, "--force"); code != 0 {
		t.Fatalf("gen --force: exit %d: %s", code, stderr)
	}
	for _, name := range []string{"4.csv", "5.csv", "6.csv"} {
		if _, err := os.Stat(filepath.Join(dir, name)); !os.IsNotExist(err) {
			t.Errorf("gen --force left %s", name)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "notes.txt")); err != nil {
		t.Errorf("gen --force removed a file it did not write: %v", err)
	}
	if code, _, stderr := featurize(t, nil, "run", dir, "--labels", filepath.Join(dir, "labels.csv"), "-o", filepath.Join(t.TempDir(), "o"), "--quiet"); code != 0 {
		t.Errorf("run on the replaced dataset: exit %d: %s", code, stderr)
	}
}

// TestSplitNegativeK: a negative K is a value, not an unknown flag.
func TestSplitNegativeK(t *testing.T) {
	code, _, stderr := featurize(t, nil, "split", "10", "-1")
	if code != exitUsage || !strings.Contains(stderr, `K "-1" is not a positive integer`) {
		t.Errorf("split 10 -1: exit %d, %q; want %d saying K must be a positive integer", code, stderr, exitUsage)
	}
}

// TestTrustExitCodes: the exit code of each refusal the trust fixes added.
func TestTrustExitCodes(t *testing.T) {
	data := t.TempDir()
	if code, _, stderr := featurize(t, nil, "gen", "--n", "4", "--rows", "50", "-o", data); code != 0 {
		t.Fatalf("gen: %s", stderr)
	}
	out := t.TempDir()
	os.MkdirAll(filepath.Join(out, "featurize-parts"), 0o755)
	os.WriteFile(filepath.Join(out, "featurize-parts", "notes.txt"), []byte("mine"), 0o644)
	dup := t.TempDir()
	os.WriteFile(filepath.Join(dup, "1.csv"), []byte("a,a\n1,2\n"), 0o644)
	gap := t.TempDir()
	for _, n := range []string{"1", "2", "4"} {
		os.WriteFile(filepath.Join(gap, n+".csv"), []byte("a\n1\n"), 0o644)
	}
	badLabels := filepath.Join(t.TempDir(), "labels.csv")
	os.WriteFile(badLabels, []byte("id,y\n1,0\n"), 0o644)
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"run", data, "-o", out}, exitUsage, "featurize: usage: pipeline: not featurize's folder: " + filepath.Join(out, "featurize-parts") + " exists but featurize did not make it"},
		{[]string{"run", dup, "-o", t.TempDir()}, exitBadInput, `duplicate column name "a"`},
		{[]string{"run", gap, "-o", t.TempDir()}, exitBadInput, "3.csv, but 1 file of the pattern exists past it (4.csv)"},
		{[]string{"run", data, "--labels", badLabels, "-o", t.TempDir()}, exitUsage, "featurize: usage: " + badLabels + ": input: labels file lacks the columns"},
		{[]string{"run", data, "--header", "maybe", "-o", t.TempDir()}, exitUsage, "--header"},
	} {
		code, _, stderr := featurize(t, nil, append(tc.args, "--quiet")...)
		if code != tc.code || !strings.Contains(stderr, tc.msg) {
			t.Errorf("%v: exit %d, %q; want %d with %q", tc.args, code, stderr, tc.code, tc.msg)
		}
	}
}
