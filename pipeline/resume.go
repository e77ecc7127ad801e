package pipeline

import (
	"io"
	"os"

	"github.com/featurize/featurize/npyio"
)

// partComplete reports whether the part file at path holds exactly rows
// rows: a valid header with that shape, a body of exactly that size and,
// if checkCRC, a body whose CRC-32C is crc. It guards --resume and merge
// against parts cut short or lost in a crash.
func partComplete(path string, rows int, crc uint32, checkCRC bool) bool {
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
	if err != nil || fi.Size() != h.DataOffset+h.DataSize() {
		return false
	}
	if !checkCRC {
		return true
	}
	if _, err := f.Seek(h.DataOffset, io.SeekStart); err != nil {
		return false
	}
	got, err := npyio.DataCRC(f)
	return err == nil && got == crc
}
