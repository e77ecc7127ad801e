//go:build unix

package pipeline

import (
	"os"
	"os/exec"
	"runtime"
	"syscall"
)

// procGroup is a worker process and its children: on Unix its process
// group, so that a Ctrl-C on the terminal reaches only the parent, which
// stops the workers itself, and a worker's child holding its pipes dies
// with it.
type procGroup struct{ pid int }

// inOwnGroup makes cmd start in a process group of its own.
func inOwnGroup(cmd *exec.Cmd) { cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} }

// groupOf returns the group of cmd, started.
func groupOf(cmd *exec.Cmd) (*procGroup, error) { return &procGroup{pid: cmd.Process.Pid}, nil }

// kill kills every process of the group at once.
func (g *procGroup) kill() {
	if g != nil {
		_ = syscall.Kill(-g.pid, syscall.SIGKILL)
	}
}

// maxRSSKiB returns the peak resident memory of the worker, waited for.
func (g *procGroup) maxRSSKiB(ps *os.ProcessState) int64 {
	if ps == nil {
		return 0
	}
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	return rssKiB(ru.Maxrss)
}

func (g *procGroup) close() {}

// selfMaxRSSKiB returns this process's peak resident memory.
func selfMaxRSSKiB() int64 {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return rssKiB(ru.Maxrss)
}

// rssKiB converts ru_maxrss, which macOS gives in bytes and the others in
// KiB.
func rssKiB(maxrss int64) int64 {
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return maxrss / 1024
	}
	return maxrss
}

// killSelf and termSelf are the tests' faults: a kill no handler sees, and
// the signal a scheduler stops a job with.
func killSelf() { _ = syscall.Kill(os.Getpid(), syscall.SIGKILL) }
func termSelf() { _ = syscall.Kill(os.Getpid(), syscall.SIGTERM) }
