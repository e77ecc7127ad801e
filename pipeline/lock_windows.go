//go:build windows

package pipeline

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/windows"
)

// lockFileName is the lock file in an output folder.
const lockFileName = ".featurize.lock"

// ErrLocked reports an output folder that another featurize run is using;
// ErrLockless one whose file system has no locks.
var (
	ErrLocked   = errors.New("pipeline: output folder in use")
	ErrLockless = errors.New("pipeline: no locks on the output folder's file system")
)

// dirLock is a held lock on an output folder: a LockFileEx lock on the
// lock file's first byte.
type dirLock struct {
	f         *os.File
	exclusive bool
}

// lockDir takes the lock of the output folder dir without waiting:
// exclusive for a run or a merge, shared for the shards of one sharded run.
// The lock file stays when released: Windows cannot remove a file another
// process has open.
func lockDir(dir string, exclusive bool) (*dirLock, error) {
	path := filepath.Join(dir, lockFileName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	flags := uint32(windows.LOCKFILE_FAIL_IMMEDIATELY)
	if exclusive {
		flags |= windows.LOCKFILE_EXCLUSIVE_LOCK
	}
	ol := new(windows.Overlapped)
	err = windows.LockFileEx(windows.Handle(f.Fd()), flags, 0, 1, 0, ol)
	switch {
	case errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING):
		holder := readHolder(f)
		f.Close()
		return nil, &lockedError{dir, holder}
	case errors.Is(err, windows.ERROR_NOT_SUPPORTED) || errors.Is(err, windows.ERROR_INVALID_FUNCTION):
		f.Close()
		return nil, optionErr(ErrLockless, "pipeline: cannot lock output folder %s (%v): its file system offers no locks; if you are sure no other run uses it, set {{NoLock}}", dir, err)
	case err != nil:
		f.Close()
		return nil, fmt.Errorf("pipeline: lock %s: %w", path, err)
	}
	if exclusive {
		host, _ := os.Hostname()
		// Past the locked byte, which other processes cannot read.
		_ = f.Truncate(1)
		_, _ = f.WriteAt([]byte(fmt.Sprintf("pid %d on %s\n", os.Getpid(), host)), 1)
	}
	return &dirLock{f: f, exclusive: exclusive}, nil
}

// readHolder describes the lock's holder from the lock file.
func readHolder(f *os.File) string {
	b := make([]byte, 256)
	n, _ := f.ReadAt(b, 1)
	if s := strings.TrimSpace(string(b[:n])); s != "" {
		return s
	}
	return "the shards of a sharded run"
}

// unlock releases the lock. It is idempotent.
func (l *dirLock) unlock() {
	if l == nil || l.f == nil {
		return
	}
	_ = windows.UnlockFileEx(windows.Handle(l.f.Fd()), 0, 1, 0, new(windows.Overlapped))
	l.f.Close()
	l.f = nil
}
