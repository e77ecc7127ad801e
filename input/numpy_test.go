package input

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// numpyScript writes CSV and text files with numpy and pandas into the
// directory argv[1], reads each back with np.loadtxt or pandas.read_csv
// (with float_precision="round_trip", as its default parser is not exact),
// and writes the values (float64, little-endian, C order) to NAME.bin and a
// list of the files to files.json. It exits 3 if numpy or pandas is
// missing.
const numpyScript = `
import json, os, sys
try:
    import numpy as np
    import pandas as pd
except ImportError as e:
    print(e)
    sys.exit(3)

d = sys.argv[1]
rng = np.random.default_rng(1)
n = 500
a = np.column_stack([
    rng.normal(size=n),
    rng.normal(size=n) * 1e-300,
    rng.normal(size=n) * 1e300,
    rng.uniform(-1, 1, size=n) * 10.0 ** rng.integers(-30, 30, size=n),
    np.arange(n) * 0.1,
    rng.integers(-10**6, 10**6, size=n).astype(float),
])
a[3, 0], a[4, 1], a[5, 2], a[6, 3] = np.nan, np.inf, -np.inf, -0.0
a[7, 4] = 5e-324
files = []

def dump(name, values, names, bin=None, dialect=None):
    values = np.ascontiguousarray(values, dtype="<f8")
    values.tofile(os.path.join(d, (bin or name) + ".bin"))
    files.append(dict(file=name, bin=bin or name, rows=values.shape[0], cols=values.shape[1], names=names, dialect=dialect))

# np.savetxt, default %.18e, comma-separated, no header.
np.savetxt(os.path.join(d, "savetxt.csv"), a, delimiter=",")
dump("savetxt.csv", np.loadtxt(os.path.join(d, "savetxt.csv"), delimiter=","), None)

# np.savetxt, %.6f, \r\n line ends, a commented header.
np.savetxt(os.path.join(d, "crlf.csv"), a[:, [0, 4, 5]], delimiter=",", fmt="%.6f",
           newline="\r\n", header="x,t,i")
dump("crlf.csv", np.loadtxt(os.path.join(d, "crlf.csv"), delimiter=","), None)

# np.savetxt, whitespace, %.17g, a commented header.
np.savetxt(os.path.join(d, "ws.txt"), a, fmt="%.17g", header="a b c d e f")
dump("ws.txt", np.loadtxt(os.path.join(d, "ws.txt")), None)

# np.savetxt, tab-separated as text, %g.
np.savetxt(os.path.join(d, "tab.dat"), a, fmt="%g", delimiter="\t")
dump("tab.dat", np.loadtxt(os.path.join(d, "tab.dat")), None)

# pandas to_csv: repr (shortest round-trip) values and a header.
names = ["x", "tiny", "huge", "wide", "t", "int"]
df = pd.DataFrame(a, columns=names)
df.to_csv(os.path.join(d, "pandas.csv"), index=False, na_rep="NaN")
dump("pandas.csv", pd.read_csv(os.path.join(d, "pandas.csv"), float_precision="round_trip").to_numpy(), names)
dump("pandas.csv", np.loadtxt(os.path.join(d, "pandas.csv"), delimiter=",", skiprows=1), names, bin="pandas-loadtxt")

# The same, gzip-compressed by pandas, read back by pandas.
df.to_csv(os.path.join(d, "pandas.csv.gz"), index=False, na_rep="NaN", compression="gzip")
dump("pandas.csv.gz", pd.read_csv(os.path.join(d, "pandas.csv.gz"), float_precision="round_trip").to_numpy(), names)

# Dialects: a European export (";" and decimal ","), tab-separated, and
# "|" with "%" comments.
df.to_csv(os.path.join(d, "euro.csv"), sep=";", decimal=",", index=False, na_rep="NaN")
dump("euro.csv", pd.read_csv(os.path.join(d, "euro.csv"), sep=";", decimal=",", float_precision="round_trip").to_numpy(),
     names, dialect={"delimiter": ";", "decimal": ","})
df.to_csv(os.path.join(d, "tab.tsv"), sep="\t", index=False, na_rep="NaN")
dump("tab.tsv", pd.read_csv(os.path.join(d, "tab.tsv"), sep="\t", float_precision="round_trip").to_numpy(),
     names, dialect={"delimiter": "\t"})
with open(os.path.join(d, "pipe.txt"), "w") as fh:
    fh.write("% exported by a logger\n")
    df.head(50).to_csv(fh, sep="|", index=False, na_rep="NaN")
    fh.write("% end\n")
dump("pipe.txt", pd.read_csv(os.path.join(d, "pipe.txt"), sep="|", comment="%", float_precision="round_trip").to_numpy(),
     names, dialect={"delimiter": "|", "comment": "%"})

# pandas to_csv with %.6f and quoted fields.
import csv
df.to_csv(os.path.join(d, "quoted.csv"), index=False, na_rep="nan", float_format="%.6f",
          quoting=csv.QUOTE_ALL)
# pandas' default float parser ("high") is off by an ulp on some long
# inputs; its "round_trip" parser and np.loadtxt are exact.
dump("quoted.csv", pd.read_csv(os.path.join(d, "quoted.csv"), float_precision="round_trip").to_numpy(), names)
dump("quoted.csv", np.loadtxt(os.path.join(d, "quoted.csv"), delimiter=",", quotechar='"', skiprows=1),
     names, bin="quoted-loadtxt")

with open(os.path.join(d, "files.json"), "w") as f:
    json.dump(files, f)
`

// TestReadMatchesNumpy checks that files written by numpy and pandas read
// as np.loadtxt and pandas.read_csv read them, bit for bit.
func TestReadMatchesNumpy(t *testing.T) {
	const python = "/usr/bin/python3"
	if _, err := os.Stat(python); err != nil {
		t.Skipf("no %s", python)
	}
	dir := t.TempDir()
	out, err := exec.Command(python, "-c", numpyScript, dir).CombinedOutput()
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 3 {
		t.Skipf("python: %s", out)
	}
	if err != nil {
		t.Fatalf("python: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "files.json"))
	if err != nil {
		t.Fatal(err)
	}
	var files []struct {
		File       string
		Bin        string
		Rows, Cols int
		Names      []string
		Dialect    Dialect
	}
	if err := json.Unmarshal(data, &files); err != nil {
		t.Fatal(err)
	}
	r := NewReader()
	for _, f := range files {
		bin := f.Bin
		if bin == "" {
			bin = f.File
		}
		t.Run(bin, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(dir, bin+".bin"))
			if err != nil {
				t.Fatal(err)
			}
			if len(raw) != 8*f.Rows*f.Cols {
				t.Fatalf("%s.bin has %d bytes; want %d", bin, len(raw), 8*f.Rows*f.Cols)
			}
			r.Dialect = f.Dialect
			if err := f.Dialect.Check(); err != nil {
				t.Fatal(err)
			}
			tb, err := r.Read(filepath.Join(dir, f.File))
			if err != nil {
				t.Fatal(err)
			}
			if tb.Rows != f.Rows || len(tb.Cols) != f.Cols {
				t.Fatalf("Read: %d x %d; want %d x %d", tb.Rows, len(tb.Cols), f.Rows, f.Cols)
			}
			if f.Names != nil && strings.Join(tb.Names, ",") != strings.Join(f.Names, ",") {
				t.Errorf("Names = %q; want %q", tb.Names, f.Names)
			}
			bad := 0
			for i := range f.Rows {
				for j := range f.Cols {
					want := binary.LittleEndian.Uint64(raw[8*(i*f.Cols+j):])
					got := math.Float64bits(tb.Cols[j][i])
					if got != want && !(math.IsNaN(tb.Cols[j][i]) && math.IsNaN(math.Float64frombits(want))) {
						t.Errorf("row %d col %d = %v (%#016x); numpy/pandas read %v (%#016x)",
							i, j, tb.Cols[j][i], got, math.Float64frombits(want), want)
						if bad++; bad > 10 {
							t.FailNow()
						}
					}
				}
			}
		})
	}
}
