package cli

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite README.md's features table from the registry")

// TestReadmeFeatureTable: the README's table of features is what
// `featurize features --markdown` prints, so it cannot drift from the
// registry.
func TestReadmeFeatureTable(t *testing.T) {
	path := filepath.Join("..", "README.md")
	readme, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- features table:", "<!-- end of features table -->"
	i := bytes.Index(readme, []byte(begin))
	j := bytes.Index(readme, []byte(end))
	if i < 0 || j < i {
		t.Fatalf("README.md has no %q ... %q section", begin, end)
	}
	i += bytes.IndexByte(readme[i:], '\n') + 1
	var table bytes.Buffer
	if err := writeFeatureTable(&table); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(readme[i:j], table.Bytes()) {
		return
	}
	if *update {
		out := append(append(append([]byte{}, readme[:i]...), table.Bytes()...), readme[j:]...)
		if err := os.WriteFile(path, out, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got := strings.Split(string(readme[i:j]), "\n")
	want := strings.Split(table.String(), "\n")
	for k := range max(len(got), len(want)) {
		if k >= len(got) || k >= len(want) || got[k] != want[k] {
			t.Fatalf("README.md's features table differs from the registry at row %d; run `go test ./cli -run TestReadmeFeatureTable -update`", k)
		}
	}
}
