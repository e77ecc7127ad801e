//go:build unix

package input

import (
	"os"
	"syscall"
)

// readFile reads path into buf[:0] (growing it) with plain system calls:
// os.Open's extra work per file (registering with the poller, fcntl)
// costs more than reading a small file. Errors are os.PathErrors, as
// os.Open and Read give.
func readFile(path string, buf []byte) ([]byte, error) {
	fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	for err == syscall.EINTR {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	}
	if err != nil {
		return buf[:0], &os.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	size := int64(0)
	if syscall.Fstat(fd, &st) == nil {
		size = st.Size
	}
	return fill(buf, size, func(p []byte) (int, error) {
		// At most 1 GiB a call, as os.File reads: macOS and the BSDs
		// refuse reads of 2 GiB and more.
		n, err := syscall.Read(fd, p[:min(len(p), 1<<30)])
		for err == syscall.EINTR {
			n, err = syscall.Read(fd, p[:min(len(p), 1<<30)])
		}
		if err != nil {
			return 0, &os.PathError{Op: "read", Path: path, Err: err}
		}
		return n, nil
	})
}
