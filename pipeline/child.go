package pipeline

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"sync/atomic"
	"time"
)

// child is a worker process, featurize's own or a user's command: in a
// process group of its own, its stderr forwarded line by line with the
// last lines kept, reaped once both of its output pipes are drained.
type child struct {
	id      int
	cmd     *exec.Cmd
	group   *procGroup
	stdin   io.WriteCloser
	tail    *lineTail
	errDone chan struct{} // closed when stderr forwarding ends
	outDone chan struct{} // closed by the caller's stdout reader when it ends
	quit    chan struct{} // closed by kill and stop: the stdout reader stops delivering
	once    sync.Once
	waited  chan struct{} // closed when cmd.Wait returned
	waitErr error
	maxRSS  int64 // KiB, set before waited closes
}

// startChild starts argv with env added to this process's environment,
// and returns it with its stdout, whose reader the caller starts: it must
// stop delivering (and drain stdout) once quit closes, and close outDone
// when it ends, or nothing would reap the worker. what names the worker in a failure to
// start ("worker 3").
func startChild(ctx context.Context, id int, argv, env []string, what string, rep Reporter) (*child, io.ReadCloser, error) {
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), env...)
	// Its own process group: a Ctrl-C on the terminal reaches the parent,
	// which stops the workers itself.
	inOwnGroup(cmd)
	// Cancel may run as soon as the command starts: the group comes after.
	var group atomic.Pointer[procGroup]
	cmd.Cancel = func() error {
		group.Load().kill()
		return cmd.Process.Kill()
	}
	cmd.WaitDelay = 2 * time.Second
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, nil, err
	}
	errPipe, err := cmd.StderrPipe()
	if err != nil {
		return nil, nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, nil, fmt.Errorf("pipeline: start %s: %w", what, err)
	}
	g, err := groupOf(cmd)
	if err != nil {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return nil, nil, fmt.Errorf("pipeline: worker %d's process group: %w", id, err)
	}
	group.Store(g)
	c := &child{id: id, cmd: cmd, group: g, stdin: stdin, tail: &lineTail{},
		errDone: make(chan struct{}), outDone: make(chan struct{}), quit: make(chan struct{}), waited: make(chan struct{})}
	go func() {
		defer close(c.errDone)
		sc := bufio.NewScanner(errPipe)
		sc.Buffer(make([]byte, 4096), 1<<20)
		for sc.Scan() {
			c.tail.add(sc.Text())
			rep.WorkerOutput(id, sc.Text())
		}
		if sc.Err() != nil {
			// A line too long to forward: keep draining, or the worker
			// would block writing to a full pipe.
			c.tail.add(fmt.Sprintf("(stderr not forwarded after a read error: %v)", sc.Err()))
			_, _ = io.Copy(io.Discard, errPipe)
		}
	}()
	go func() {
		// Wait closes the pipes, so it comes after both are drained.
		<-c.errDone
		<-c.outDone
		c.waitErr = cmd.Wait()
		c.maxRSS = g.maxRSSKiB(cmd.ProcessState)
		g.close()
		close(c.waited)
	}()
	return c, stdout, nil
}

// failure describes the worker's death during task, with its exit status
// and last stderr lines.
func (c *child) failure(task chunkTask, cause error) error {
	select {
	case <-c.waited:
	case <-time.After(3 * time.Second):
	}
	return &workerError{Worker: c.id, Task: task, Cause: cause, Status: c.exitStatus(), Stderr: c.tail.String()}
}

func (c *child) exitStatus() string {
	select {
	case <-c.waited:
	case <-time.After(3 * time.Second):
		return "still running"
	}
	var ee *exec.ExitError
	switch {
	case c.waitErr == nil:
		return "exit status 0"
	case errors.As(c.waitErr, &ee):
		return ee.ProcessState.String()
	}
	return c.waitErr.Error()
}

// kill stops the worker and its children at once: a child holding the
// worker's pipes must not keep the forwarders waiting.
func (c *child) kill() {
	c.once.Do(func() { close(c.quit) })
	if p := c.cmd.Process; p != nil {
		c.group.kill()
		_ = p.Kill()
	}
}

// abort kills the worker and waits until it and its forwarders are done,
// so nothing it says reaches stderr after the pool has stopped.
func (c *child) abort() {
	c.kill()
	<-c.waited
}

// stop closes the worker's stdin, which ends it, and waits; a worker that
// lingers past 2 s is killed.
func (c *child) stop() {
	_ = c.stdin.Close()
	c.once.Do(func() { close(c.quit) })
	select {
	case <-c.waited:
	case <-time.After(2 * time.Second):
		c.kill()
		<-c.waited
	}
}

// raiseMax raises m to v if v is larger.
func raiseMax(m *atomic.Int64, v int64) {
	for old := m.Load(); v > old && !m.CompareAndSwap(old, v); old = m.Load() {
	}
}
