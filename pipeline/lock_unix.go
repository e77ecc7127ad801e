//go:build unix

package pipeline

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"
)

// lockFileName is the lock file in an output folder.
const lockFileName = ".featurize.lock"

// ErrLocked reports an output folder that another featurize run is using;
// ErrLockless one whose file system has no locks.
var (
	ErrLocked   = errors.New("pipeline: output folder in use")
	ErrLockless = errors.New("pipeline: no locks on the output folder's file system")
)

// dirLock is a held lock on an output folder.
type dirLock struct {
	f         *os.File
	path      string
	exclusive bool
}

// lockDir takes the lock of the output folder dir without waiting:
// exclusive for a run or a merge, shared for the shards of one sharded run,
// which write only their own chunks. The exclusive holder writes "pid N on
// HOST" into the lock file for the message another run gives.
func lockDir(dir string, exclusive bool) (*dirLock, error) {
	path := filepath.Join(dir, lockFileName)
	for {
		l, retry, err := tryLock(path, dir, exclusive)
		if !retry {
			return l, err
		}
	}
}

// tryLock is one attempt of lockDir. It asks for a retry when the lock
// file it locked was removed or replaced meanwhile by a holder that just
// finished.
func tryLock(path, dir string, exclusive bool) (l *dirLock, retry bool, err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, false, err
	}
	how := unix.LOCK_SH
	if exclusive {
		how = unix.LOCK_EX
	}
	err = unix.Flock(int(f.Fd()), how|unix.LOCK_NB)
	for err == unix.EINTR {
		err = unix.Flock(int(f.Fd()), how|unix.LOCK_NB)
	}
	switch {
	case err == unix.EWOULDBLOCK:
		holder := readHolder(f)
		f.Close()
		return nil, false, &lockedError{dir, holder}
	case err == unix.ENOLCK || err == unix.EOPNOTSUPP || err == unix.ENOSYS:
		f.Close()
		return nil, false, optionErr(ErrLockless, "pipeline: cannot lock output folder %s (%v): its file system offers no locks (NFS without a lock manager?); if you are sure no other run uses it, set {{NoLock}}", dir, err)
	case err != nil:
		f.Close()
		return nil, false, fmt.Errorf("pipeline: lock %s: %w", path, err)
	}
	held, err1 := f.Stat()
	now, err2 := os.Stat(path)
	if err1 != nil || err2 != nil || !os.SameFile(held, now) {
		f.Close()
		return nil, true, nil
	}
	if exclusive {
		host, _ := os.Hostname()
		_ = f.Truncate(0)
		_, _ = f.WriteAt([]byte(fmt.Sprintf("pid %d on %s\n", os.Getpid(), host)), 0)
	}
	return &dirLock{f: f, path: path, exclusive: exclusive}, false, nil
}

// readHolder describes the lock's holder from the lock file.
func readHolder(f *os.File) string {
	b := make([]byte, 256)
	n, _ := f.ReadAt(b, 0)
	if s := strings.TrimSpace(string(b[:n])); s != "" {
		return s
	}
	return "the shards of a sharded run"
}

// unlock releases the lock. An exclusive holder removes the lock file
// first (tryLock notices a file removed under it); shared holders leave it
// for each other. It is idempotent.
func (l *dirLock) unlock() {
	if l == nil || l.f == nil {
		return
	}
	if l.exclusive {
		_ = os.Remove(l.path)
	}
	l.f.Close() // closing the descriptor releases the flock
	l.f = nil
}
