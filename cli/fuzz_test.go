package cli

import (
	"slices"
	"strings"
	"testing"
)

// FuzzShellWords: a line splits, or fails with an error; the words, each
// quoted back as a shell would need, split to the same words.
func FuzzShellWords(f *testing.F) {
	for _, s := range []string{
		"python3 feats.py", `a\ b "c\"d" 'e\f' "g\h"`, "''", "'open", `"open`, `end\`,
		"  x\t\ty\nz ", `"a'b" 'c"d'`, `\'`, `"\$HOME"`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		words, err := shellWords(line)
		if err != nil {
			return
		}
		quoted := make([]string, len(words))
		for i, w := range words {
			quoted[i] = "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
		}
		again, err := shellWords(strings.Join(quoted, " "))
		if err != nil || !slices.Equal(again, words) {
			t.Fatalf("shellWords(%q) = %q; quoted back, %q (%v)", line, words, again, err)
		}
	})
}
