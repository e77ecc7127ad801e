//go:build !linux

package pipeline

// statter stats input files by index.
type statter struct{ spec *Spec }

func newStatter(spec *Spec) *statter { return &statter{spec: spec} }

func (s *statter) stat(i int) (fileStat, error) { return statPath(s.spec.FilePath(i)) }

func (s *statter) close() {}
