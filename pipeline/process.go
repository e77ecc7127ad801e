package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// The worker protocol. The parent starts the worker with CookieEnv set,
// reads one handshake line "featurize-worker <ProtocolVersion>", sends the
// spec, then tasks, one JSON message a line on the worker's stdin; the
// worker answers each task with progress messages and one done or error
// message on its stdout. stderr is free text, forwarded to the user.
const (
	cookieEnv       = "FEATURIZE_WORKER_COOKIE"
	cookieValue     = "d1c5f0e6-featurize-worker"
	protocolVersion = 3 // 3: the spec as gob
	handshakePrefix = "featurize-worker "
	// DefaultStartTimeout bounds the wait for a new worker's handshake.
	DefaultStartTimeout = 10 * time.Second
	stderrTail          = 10
	// workerProfileEnv names a CPU profile path prefix for workers (run
	// --cpuprofile sets it); each writes PREFIX.worker-PID.
	workerProfileEnv = "FEATURIZE_WORKER_CPUPROFILE"
)

// Errors of starting a worker, distinct so a user can tell them apart.
var (
	ErrStartTimeout    = errors.New("pipeline: worker did not answer the handshake in time")
	ErrExitedEarly     = errors.New("pipeline: worker exited before the handshake")
	ErrBadHandshake    = errors.New("pipeline: worker spoke an unknown protocol")
	ErrWorkerProtocol  = errors.New("pipeline: worker broke the protocol")
	ErrTaskTimeout     = errors.New("pipeline: task timed out")
	ErrNotStartedByRun = errors.New("this is featurize's internal worker command; it is started by `featurize run --engine process`, not by hand")
)

// message is one line of the protocol, in either direction. The spec
// travels as gob in base64: JSON strings are UTF-8, and paths and column
// names need not be.
type message struct {
	Spec  []byte      `json:"spec,omitempty"` // gob of a *Spec
	Task  *chunkTask  `json:"task,omitempty"`
	Files *[3]int64   `json:"files,omitempty"` // files, rows and input bytes finished since the last report
	Warn  string      `json:"warn,omitempty"`
	Done  *partRecord `json:"done,omitempty"`
	Error *wireError  `json:"error,omitempty"`
}

type wireError struct {
	Msg     string `json:"msg"`
	Input   bool   `json:"input"`
	NoSpace bool   `json:"no_space"`
}

// servesWorkers records that this program's main called ServeWorkers, so
// that the process engine may start it again as its workers.
var servesWorkers atomic.Bool

// ErrNoWorkerServe: the process engine was asked to start this program as
// its workers, but its main does not serve them.
var ErrNoWorkerServe = errors.New("pipeline: this program does not serve the process engine's workers: call pipeline.ServeWorkers() first thing in main (cli.Main does), or use the thread or serial engine")

// ServeWorkers lets the process engine use this program as its workers,
// the way a program opts in to plugin.Serve in go-plugin. Call it first
// thing in main, after registering features of one's own. In a process
// the engine started (its cookie is in the environment) it serves tasks
// on stdin and stdout, then exits the process; otherwise it returns at
// once.
func ServeWorkers() {
	if os.Getenv(cookieEnv) == cookieValue {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := workerMain(ctx, os.Stdin, os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	servesWorkers.Store(true)
}

// WorkerMain serves a worker's tasks from stdin until stdin closes, and
// returns the process exit code. Without the engine's cookie in the
// environment it says it is not to be run by hand.
func workerMain(ctx context.Context, stdin io.Reader, stdout, stderr io.Writer) int {
	if os.Getenv(cookieEnv) != cookieValue {
		fmt.Fprintln(stderr, "featurize worker:", ErrNotStartedByRun)
		return 2
	}
	if path := os.Getenv(workerProfileEnv); path != "" {
		if f, err := os.Create(fmt.Sprintf("%s.worker-%d", path, os.Getpid())); err == nil {
			defer f.Close() // runs after StopCPUProfile has flushed
			if pprof.StartCPUProfile(f) == nil {
				defer pprof.StopCPUProfile()
			}
		}
	}
	out := bufio.NewWriter(stdout)
	enc := json.NewEncoder(out)
	send := func(m message) error {
		if err := enc.Encode(m); err != nil {
			return err
		}
		return out.Flush()
	}
	fmt.Fprintf(out, "%s%d\n", handshakePrefix, protocolVersion)
	if err := out.Flush(); err != nil {
		return 1
	}
	// Stdin closing means the parent is gone or done: it also cancels a
	// running chunk, so a worker never outlives its parent by a chunk.
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	lines := make(chan []byte)
	go func() {
		defer cancel(errStdinClosed)
		defer close(lines)
		in := bufio.NewScanner(stdin)
		in.Buffer(make([]byte, 64<<10), 1<<30)
		for in.Scan() {
			select {
			case lines <- append([]byte(nil), in.Bytes()...):
			case <-ctx.Done():
				return
			}
		}
	}()
	var comp *computer
	for line := range lines {
		var m message
		if err := json.Unmarshal(line, &m); err != nil {
			fmt.Fprintln(stderr, "featurize worker: bad message from parent:", err)
			return 1
		}
		switch {
		case m.Spec != nil:
			var spec Spec
			err := gob.NewDecoder(bytes.NewReader(m.Spec)).Decode(&spec)
			var c *computer
			if err == nil {
				c, err = newComputer(&spec)
			}
			if err != nil {
				fmt.Fprintln(stderr, "featurize worker:", err)
				return 1
			}
			comp = c
		case m.Task != nil && comp != nil:
			ev := &wireEvents{send: send, last: time.Now()}
			rec, err := comp.run(ctx, *m.Task, ev)
			ev.flush()
			if ev.err != nil {
				return 1
			}
			if err != nil && ctx.Err() != nil {
				// Stopped by a signal or by the parent's going away: die
				// like a killed worker, so the parent retries the chunk. A
				// parent that closed stdin is stopping this worker (a
				// failing run stops one busy with a task sent ahead), and
				// needs no message.
				if !errors.Is(context.Cause(ctx), errStdinClosed) {
					fmt.Fprintln(stderr, "featurize worker: stopped mid-chunk:", context.Cause(ctx))
				}
				return 1
			}
			if err != nil {
				err = send(message{Error: &wireError{Msg: err.Error(), Input: errors.Is(err, ErrInput), NoSpace: errors.Is(err, ErrNoSpace)}})
			} else {
				err = send(message{Done: rec})
			}
			if err != nil {
				return 1
			}
		default:
			fmt.Fprintln(stderr, "featurize worker: unexpected message from parent")
			return 1
		}
	}
	return 0
}

// errStdinClosed is why a worker stops when its parent closes its stdin.
var errStdinClosed = errors.New("the parent closed stdin")

// wireEvents reports progress to the parent at most every
// progressInterval: a message per file would cost more in wake-ups than
// the file's features.
type wireEvents struct {
	send        func(message) error
	err         error
	files, rows int
	bytes       int64
	last        time.Time
}

const progressInterval = 100 * time.Millisecond

func (w *wireEvents) FilesDone(files, rows int, bytes int64) {
	w.files += files
	w.rows += rows
	w.bytes += bytes
	if time.Since(w.last) >= progressInterval {
		w.flush()
	}
}

// flush sends the progress not yet reported.
func (w *wireEvents) flush() {
	if w.err == nil && w.files > 0 {
		w.err = w.send(message{Files: &[3]int64{int64(w.files), int64(w.rows), w.bytes}})
		w.files, w.rows, w.bytes, w.last = 0, 0, 0, time.Now()
	}
}

func (w *wireEvents) Warn(msg string) {
	if w.err == nil {
		w.err = w.send(message{Warn: msg})
	}
}

// procWorker is one live worker process.
type procWorker struct {
	*child
	lines  chan []byte // stdout lines, closed at EOF
	outErr error       // why stdout reading stopped early, set before outDone closes
	ahead  *chunkTask  // sent before the task being waited for finished
}

// lineTail keeps a worker's last stderr lines for error messages.
type lineTail struct {
	mu       sync.Mutex
	lines    []string
	headline string // a Go panic's or fatal error's first line, kept past the tail
}

func (t *lineTail) add(line string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.headline == "" && (strings.HasPrefix(line, "panic: ") || strings.HasPrefix(line, "fatal error: ")) {
		t.headline = line
	}
	t.lines = append(t.lines, line)
	if len(t.lines) > stderrTail {
		t.lines = t.lines[len(t.lines)-stderrTail:]
	}
}

func (t *lineTail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.lines) == 0 {
		return "(no stderr output)"
	}
	lines := t.lines
	if t.headline != "" && !slices.Contains(lines, t.headline) {
		lines = append([]string{t.headline, "..."}, lines...)
	}
	return strings.Join(lines, "\n  ")
}

// startWorker starts a worker process, waits for its handshake and sends
// it the spec.
func startWorker(ctx context.Context, id int, cfg *Config, spec *Spec) (*procWorker, error) {
	w, err := launchWorker(ctx, id, cfg)
	if err != nil {
		return nil, err
	}
	return w, w.sendSpec(spec)
}

// sendSpec sends a started worker its spec; on failure the worker is
// aborted.
func (w *procWorker) sendSpec(spec *Spec) error {
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(spec); err != nil {
		w.abort()
		return err
	}
	if err := w.send(message{Spec: b.Bytes()}); err != nil {
		w.abort()
		return fmt.Errorf("%w: worker %d: sending the spec: %w; %s", ErrWorker, w.id, err, w.exitStatus())
	}
	return nil
}

// prestart holds worker processes started while the run plans, one per
// slot, so that their start-up (exec, the Go runtime, the handshake:
// about 10 ms here) overlaps planning instead of delaying the first chunk.
type prestart struct {
	// ext are the external workers started while the run plans.
	ext *extStarts

	slots    []chan prestarted
	cancel   context.CancelFunc
	stopping sync.WaitGroup // released slots whose workers are being stopped
}

type prestarted struct {
	w   *procWorker
	err error
}

// prestartWorkers launches cfg.Workers workers for the process engine;
// for the other engines it returns a prestart with no slots.
func prestartWorkers(ctx context.Context, cfg *Config) *prestart {
	p := &prestart{cancel: func() {}}
	if cfg.Engine != EngineProcess || len(cfg.ExternalCommand) > 0 {
		return p
	}
	ctx, p.cancel = context.WithCancel(ctx)
	for i := range prestartCount(cfg) {
		ch := make(chan prestarted, 1)
		p.slots = append(p.slots, ch)
		go func() {
			w, err := launchWorker(ctx, i+1, cfg)
			ch <- prestarted{w, err}
		}()
	}
	return p
}

// prestartCount is how many workers to start before the plan: never more
// than the chunks or files the options fix, and, while the plan may find
// fewer, no more than the CPUs (the slots start the rest when they need
// them).
func prestartCount(cfg *Config) int {
	n := cfg.Workers
	if cfg.Chunks > 0 {
		n = min(n, cfg.Chunks)
	}
	if cfg.N > 0 {
		n = min(n, cfg.N)
	}
	if cfg.Chunks == 0 && cfg.N == 0 {
		n = min(n, runtime.NumCPU())
	}
	return n
}

// take returns slot's prestarted worker (or why it failed to start); ok
// is false if there is none (left). If ctx ends first, the slot is left
// for close.
func (p *prestart) take(ctx context.Context, slot int) (w *procWorker, err error, ok bool) {
	if slot >= len(p.slots) || p.slots[slot] == nil {
		return nil, nil, false
	}
	select {
	case r := <-p.slots[slot]:
		p.slots[slot] = nil
		return r.w, r.err, true
	case <-ctx.Done():
		return nil, ctx.Err(), true
	}
}

// release stops, without waiting, the prestarted workers of slots from
// on, which the run will not use (fewer chunks to compute than workers).
// It runs before the slots' goroutines start.
func (p *prestart) release(from int) {
	for i := from; i < len(p.slots); i++ {
		if ch := p.slots[i]; ch != nil {
			p.slots[i] = nil
			p.stopping.Go(func() { stopPrestarted(ch) })
		}
	}
}

// close stops the workers no slot took (and any still starting). It
// comes after the executors have retired the workers they took.
func (p *prestart) close() {
	p.ext.close()
	p.cancel()
	for i, ch := range p.slots {
		if ch != nil {
			p.slots[i] = nil
			stopPrestarted(ch)
		}
	}
	p.stopping.Wait()
}

func stopPrestarted(ch chan prestarted) {
	if r := <-ch; r.w != nil {
		r.w.stop()
	}
}

// launchWorker starts a worker process (cfg.WorkerCommand, or this
// executable's worker command) and waits for its handshake.
func launchWorker(ctx context.Context, id int, cfg *Config) (*procWorker, error) {
	argv, env, startTimeout := cfg.WorkerCommand, cfg.WorkerEnv, cfg.StartTimeout
	if len(argv) == 0 {
		exe, err := os.Executable()
		if err != nil {
			return nil, err
		}
		if !servesWorkers.Load() {
			return nil, ErrNoWorkerServe
		}
		argv = []string{exe}
	}
	if startTimeout == 0 {
		startTimeout = DefaultStartTimeout
	}
	c, stdout, err := startChild(ctx, id, argv, append([]string{cookieEnv + "=" + cookieValue}, env...), fmt.Sprintf("worker %d", id), cfg.Reporter)
	if err != nil {
		return nil, err
	}
	w := &procWorker{child: c, lines: make(chan []byte, 64)}
	go func() {
		defer close(w.outDone)
		defer close(w.lines)
		sc := bufio.NewScanner(stdout)
		sc.Buffer(make([]byte, 64<<10), 64<<20)
		for sc.Scan() {
			select {
			case w.lines <- append([]byte(nil), sc.Bytes()...):
			case <-w.quit:
				_, _ = io.Copy(io.Discard, stdout)
				return
			}
		}
		if err := sc.Err(); err != nil {
			w.outErr = err
			_, _ = io.Copy(io.Discard, stdout)
		}
	}()

	timer := time.NewTimer(startTimeout)
	defer timer.Stop()
	select {
	case line, ok := <-w.lines:
		if !ok {
			w.abort()
			return nil, fmt.Errorf("%w: worker %d: %s; stderr:\n  %s", ErrExitedEarly, id, w.exitStatus(), w.tail)
		}
		if string(line) != fmt.Sprintf("%s%d", handshakePrefix, protocolVersion) {
			w.abort()
			return nil, fmt.Errorf("%w: worker %d said %.80q; want %q", ErrBadHandshake, id, line, fmt.Sprintf("%s%d", handshakePrefix, protocolVersion))
		}
	case <-timer.C:
		w.abort()
		return nil, fmt.Errorf("%w: worker %d, after %v", ErrStartTimeout, id, startTimeout)
	case <-ctx.Done():
		w.abort()
		return nil, ctx.Err()
	}
	return w, nil
}

func (w *procWorker) send(m message) error {
	data, err := json.Marshal(m)
	if err != nil {
		return err
	}
	_, err = w.stdin.Write(append(data, '\n'))
	return err
}

// run sends task, unless it went ahead already, then next (if not nil),
// which the worker starts as soon as task is done, and reads the answer
// to task. Any failure other than a bad input file leaves the worker
// unusable; the caller replaces it.
func (w *procWorker) run(ctx context.Context, task chunkTask, next *chunkTask, ev events, timeout time.Duration) (*partRecord, error) {
	if w.ahead == nil || w.ahead.Chunk != task.Chunk {
		if err := w.send(message{Task: &task}); err != nil {
			w.kill()
			return nil, w.failure(task, fmt.Errorf("sending the task: %w", err))
		}
	}
	w.ahead = nil
	// A failed send means the worker is gone, which the wait below reports.
	if next != nil && next.Chunk != task.Chunk && w.send(message{Task: next}) == nil {
		w.ahead = next
	}
	var timeoutC <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(timeout)
		defer t.Stop()
		timeoutC = t.C
	}
	for {
		select {
		case <-ctx.Done():
			w.kill()
			return nil, ctx.Err()
		case <-timeoutC:
			w.kill()
			return nil, w.failure(task, fmt.Errorf("%w after %v; worker killed", ErrTaskTimeout, timeout))
		case line, ok := <-w.lines:
			if !ok {
				w.kill()
				if w.outErr != nil {
					return nil, w.failure(task, fmt.Errorf("%w: reading its messages: %w", ErrWorkerProtocol, w.outErr))
				}
				return nil, w.failure(task, errors.New("worker exited mid-chunk"))
			}
			var m message
			if err := json.Unmarshal(line, &m); err != nil {
				w.kill()
				return nil, w.failure(task, fmt.Errorf("%w: %.80q", ErrWorkerProtocol, line))
			}
			switch {
			case m.Files != nil:
				ev.FilesDone(int(m.Files[0]), int(m.Files[1]), m.Files[2])
			case m.Warn != "":
				ev.Warn(m.Warn)
			case m.Done != nil:
				if m.Done.Chunk != task.Chunk {
					w.kill()
					return nil, w.failure(task, fmt.Errorf("%w: answered chunk %d", ErrWorkerProtocol, m.Done.Chunk))
				}
				return m.Done, nil
			case m.Error != nil:
				err := errors.New(m.Error.Msg)
				switch {
				case m.Error.Input:
					return nil, asInput(err)
				case m.Error.NoSpace:
					err = &classified{err: err, class: ErrNoSpace}
				}
				return nil, &permanentError{chunkErr(task, err)}
			default:
				w.kill()
				return nil, w.failure(task, fmt.Errorf("%w: %.80q", ErrWorkerProtocol, line))
			}
		}
	}
}

// workerError is a worker process that failed a chunk: retryable.
type workerError struct {
	Worker int
	Task   chunkTask
	Cause  error
	Status string
	Stderr string
}

func (e *workerError) Error() string {
	return fmt.Sprintf("%v (files %v): worker %d failed: %v (%s); last stderr:\n  %s",
		e.Task, e.Task.Range, e.Worker, e.Cause, e.Status, e.Stderr)
}

func (e *workerError) Unwrap() []error { return []error{ErrWorker, e.Cause} }

// permanentError is a failure that retrying will not cure.
type permanentError struct{ err error }

func (e *permanentError) Error() string { return e.err.Error() }
func (e *permanentError) Unwrap() error { return e.err }
