//go:build unix

package feature

import (
	"os"
	"syscall"
)

// readFile reads path into buf[:0] (growing it) with plain system calls:
// os.Open's extra work per file (registering with the poller, fcntl)
// costs more than reading a small file. Errors are os.PathErrors, as
// os.Open and Read give.
func readFile(path string, buf []byte) ([]byte, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return buf[:0], &os.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	size := 0
	if syscall.Fstat(fd, &st) == nil && st.Size > 0 && int64(int(st.Size)) == st.Size {
		size = int(st.Size)
	}
	buf = buf[:0]
	if cap(buf) < size+1 {
		buf = make([]byte, 0, size+512)
	}
	for {
		// At most 1 GiB a call, as os.File reads: macOS and the BSDs
		// refuse reads of 2 GiB and more.
		n, err := syscall.Read(fd, buf[len(buf):min(cap(buf), len(buf)+1<<30)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return buf, &os.PathError{Op: "read", Path: path, Err: err}
		}
		if n == 0 {
			return buf, nil
		}
		buf = buf[:len(buf)+n]
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
	}
}
