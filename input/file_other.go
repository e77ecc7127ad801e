//go:build !unix

package input

import (
	"io"
	"os"
)

// readFile reads path into buf[:0], growing it.
func readFile(path string, buf []byte) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return buf[:0], err
	}
	defer f.Close()
	size := int64(0)
	if fi, err := f.Stat(); err == nil {
		size = fi.Size()
	}
	return fill(buf, size, func(p []byte) (int, error) {
		n, err := f.Read(p)
		if err == io.EOF {
			return n, nil
		}
		return n, err
	})
}
