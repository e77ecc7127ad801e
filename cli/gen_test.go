package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGenStyles: gen --style repr writes what Python's repr writes of each
// value, --style savetxt what np.savetxt's default %.18e writes, and both
// hold the short style's data at full precision.
func TestGenStyles(t *testing.T) {
	if err := exec.Command("/usr/bin/python3", "-c", "import numpy").Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI needs /usr/bin/python3 with numpy: %v", err)
		}
		t.Skip("no numpy at /usr/bin/python3")
	}
	dirs := map[string]string{}
	for _, style := range []string{"short", "repr", "savetxt"} {
		dirs[style] = filepath.Join(t.TempDir(), style)
		if code, _, stderr := featurize(t, nil, "gen", "--n", "3", "--rows", "50", "--style", style, "-o", dirs[style]); code != 0 {
			t.Fatalf("gen --style %s: %s", style, stderr)
		}
	}
	check := `
import sys, numpy as np
short, rep, sav = sys.argv[1:4]
for i in (1, 2, 3):
    r = open("%s/%d.csv" % (rep, i)).read().splitlines()[1:]
    s = open("%s/%d.csv" % (sav, i)).read().splitlines()[1:]
    a = np.array([[float(t) for t in line.split(",")] for line in r])
    for line in r:
        assert line == ",".join(repr(float(t)) for t in line.split(",")), line
    for line, row in zip(s, a):
        assert line == ",".join("%.18e" % v for v in row), line
    assert np.array_equal(np.loadtxt("%s/%d.csv" % (sav, i), delimiter=",", skiprows=1), a)
    assert np.array_equal(np.round(a, 6), np.loadtxt("%s/%d.csv" % (short, i), delimiter=",", skiprows=1))
print("ok")
`
	out, err := exec.Command("/usr/bin/python3", "-c", check, dirs["short"], dirs["repr"], dirs["savetxt"]).CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "ok" {
		t.Errorf("python check: %v\n%s", err, out)
	}
	if code, _, _ := featurize(t, nil, "gen", "--n", "1", "--style", "hex", "-o", t.TempDir()); code != exitUsage {
		t.Errorf("gen --style hex: exit %d; want %d", code, exitUsage)
	}
}
