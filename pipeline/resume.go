package pipeline

import (
	"os"

	"github.com/featurize/featurize/npyio"
)

// partComplete reports whether the part file at path holds exactly rows
// rows: a valid header with that shape and a body of exactly that size.
// It guards --resume and merge against parts cut short by a crash.
func partComplete(path string, rows int) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	h, err := npyio.ReadHeader(f)
	if err != nil || len(h.Shape) == 0 || h.Shape[0] != rows {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Size() == h.DataOffset+h.DataSize()
}
