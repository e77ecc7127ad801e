package split

import (
	"os"
	"os/exec"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestArraySplit(t *testing.T) {
	for _, tc := range []struct {
		name        string
		first, n, k int
		want        []Range
	}{
		{"even", 1, 6, 3, []Range{{1, 3}, {3, 5}, {5, 7}}},
		{"remainder first", 1, 10, 3, []Range{{1, 5}, {5, 8}, {8, 11}}},
		{"k equals n", 1, 3, 3, []Range{{1, 2}, {2, 3}, {3, 4}}},
		{"k greater than n", 1, 2, 4, []Range{{1, 2}, {2, 3}, {3, 3}, {3, 3}}},
		{"empty range", 1, 0, 2, []Range{{1, 1}, {1, 1}}},
		{"one chunk", 5, 4, 1, []Range{{5, 9}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ArraySplit(tc.first, tc.n, tc.k)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ArraySplit(%d, %d, %d) = %v; want %v", tc.first, tc.n, tc.k, got, tc.want)
			}
		})
	}
}

func TestArraySplitPanics(t *testing.T) {
	for _, tc := range []struct{ n, k int }{{5, 0}, {5, -1}, {-1, 2}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("ArraySplit(1, %d, %d) did not panic", tc.n, tc.k)
				}
			}()
			ArraySplit(1, tc.n, tc.k)
		}()
	}
}

// TestArraySplitMatchesNumpy compares against np.array_split for many (n, k)
// when Debian's numpy is installed (.ci/run installs it).
func TestArraySplitMatchesNumpy(t *testing.T) {
	const py = "/usr/bin/python3"
	script := `
import numpy as np
for n in range(0, 40):
    for k in range(1, 45):
        parts = np.array_split(np.arange(1, n + 1), k)
        print(n, k, " ".join(str(len(p)) for p in parts))
`
	out, err := exec.Command(py, "-c", script).Output()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("numpy check failed in CI: %v", err)
		}
		t.Skipf("no numpy at %s: %v", py, err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 40*44 {
		t.Fatalf("numpy printed %d lines; want %d", len(lines), 40*44)
	}
	for _, line := range lines {
		f := strings.Fields(line)
		n, _ := strconv.Atoi(f[0])
		k, _ := strconv.Atoi(f[1])
		got := ArraySplit(1, n, k)
		for i, r := range got {
			want, _ := strconv.Atoi(f[2+i])
			if r.Len() != want {
				t.Fatalf("ArraySplit(1, %d, %d)[%d] has %d items; numpy has %d", n, k, i, r.Len(), want)
			}
		}
	}
}
