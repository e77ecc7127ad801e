package pipeline

import (
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"
)

// statter stats input files by index, relative to an open descriptor of
// the input directory: a thousand files' stats take a third less time
// than os.Stat's full paths.
type statter struct {
	spec *Spec
	dir  int // -1 if the directory could not be opened: os.Stat then
}

func newStatter(spec *Spec) *statter {
	fd, err := unix.Open(spec.Dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		fd = -1
	}
	return &statter{spec: spec, dir: fd}
}

func (s *statter) stat(i int) (fileStat, error) {
	if s.dir < 0 || (s.spec.Files != nil && filepath.IsAbs(s.spec.Files[i-1])) {
		return statPath(s.spec.FilePath(i))
	}
	// FilePath joins Dir and the pattern (lexically), so the pattern is
	// relative to Dir even when it starts with a slash; one that climbs
	// out of Dir is left to os.Stat, which resolves ".." the same way.
	rel := filepath.Clean(strings.TrimLeft(s.spec.fileName(i), "/"))
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return statPath(s.spec.FilePath(i))
	}
	var st unix.Stat_t
	err := unix.Fstatat(s.dir, rel, &st, 0)
	for err == unix.EINTR {
		err = unix.Fstatat(s.dir, rel, &st, 0)
	}
	if err != nil {
		return fileStat{}, &os.PathError{Op: "stat", Path: s.spec.FilePath(i), Err: err}
	}
	return fileStat{Size: st.Size, MTime: st.Mtim.Sec*1e9 + st.Mtim.Nsec}, nil
}

func (s *statter) close() {
	if s.dir >= 0 {
		unix.Close(s.dir)
	}
}
