package pipeline

import (
	"bufio"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/featurize/featurize/npyio"
	"github.com/featurize/featurize/split"
)

// External workers: a command of the user's (Config.ExternalCommand), in
// any language, computes features of whole files (or chunks) and answers
// over a small protocol on its stdin and stdout:
//
//	worker:    {"featurize_worker": 1, "names": ["a", ...] or null, "per": "file" or "chunk"}
//	featurize: {"task": T, "files": [{"index": I, "chunk": C, "path": P}, ...]}
//	worker:    per file: {"index": I, "x": true, "y": B} then X (and y) in .npy format,
//	           or {"index": I, "error": "...", "traceback": "..."}
//	           (per chunk: {"chunk": C, "x": true, "y": B, "groups": B} then X, y, groups)
//	worker:    {"done": T}
//
// one JSON object a line; the worker exits when its stdin closes. Its
// stderr is free text, forwarded to the user. featurize writes the answers
// into the same part files as the built-in features, so retries, --resume,
// shards and merge work unchanged.

//go:embed featurize_worker.py
var pythonModule []byte

// ExtProtocol is the external worker protocol's version.
const ExtProtocol = 1

// Errors of external workers.
var (
	ErrExtHello  = errors.New("pipeline: the worker command did not say hello")
	ErrExtAnswer = errors.New("pipeline: the worker's answer is not usable")
)

type extHello struct {
	Protocol *int     `json:"featurize_worker"`
	Names    []string `json:"names"`
	Per      string   `json:"per"`
}

type extHead struct {
	Index     *int   `json:"index"`
	Chunk     *int   `json:"chunk"`
	Done      *int   `json:"done"`
	X         bool   `json:"x"`
	Y         bool   `json:"y"`
	Groups    bool   `json:"groups"`
	Error     string `json:"error"`
	Traceback string `json:"traceback"`
}

// extAnswer is one message of a worker with the arrays it announced.
type extAnswer struct {
	head    extHead
	x, y, g *npyio.Array
}

type extTaskFile struct {
	Index int    `json:"index"`
	Chunk int    `json:"chunk"`
	Path  string `json:"path"`
}

type extTask struct {
	Task  int           `json:"task"`
	Files []extTaskFile `json:"files"`
}

// extWorker is one live external worker process.
type extWorker struct {
	*child
	argv    []string
	answers chan extAnswer // closed when stdout ends
	readErr error          // why reading stopped early, set before answers closes
	hello   extHello
}

// startExtWorker starts cfg's external command and waits for its hello.
func startExtWorker(ctx context.Context, id int, cfg *Config, env []string) (*extWorker, error) {
	argv := cfg.ExternalCommand
	c, stdout, err := startChild(ctx, id, argv, slices.Concat(env, cfg.WorkerEnv), fmt.Sprintf("worker command %q", strings.Join(argv, " ")), cfg.Reporter)
	if err != nil {
		return nil, err
	}
	w := &extWorker{child: c, argv: argv, answers: make(chan extAnswer, 16)}
	hello := make(chan error, 1)
	go func() {
		defer close(w.outDone)
		r := bufio.NewReaderSize(stdout, 256<<10)
		err := w.readHello(r)
		hello <- err
		if err == nil {
			err = w.readAnswers(r)
		}
		if err != nil && !errors.Is(err, io.EOF) {
			w.readErr = err
		}
		close(w.answers) // before draining: the run learns at once
		_, _ = io.Copy(io.Discard, stdout)
	}()
	timeout := cfg.StartTimeout
	if timeout == 0 {
		timeout = extStartTimeout
	}
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case err := <-hello:
		if err != nil {
			w.abort()
			return nil, fmt.Errorf("%w: %q, worker %d: %w (%s); stderr:\n  %s", ErrExtHello, strings.Join(argv, " "), id, err, w.exitStatus(), w.tail)
		}
	case <-timer.C:
		w.abort()
		return nil, fmt.Errorf("%w: %q, worker %d, within %v; stderr:\n  %s", ErrStartTimeout, strings.Join(argv, " "), id, timeout, w.tail)
	case <-ctx.Done():
		w.abort()
		return nil, ctx.Err()
	}
	return w, nil
}

// extStartTimeout bounds an external worker's start: a Python worker
// imports numpy and the user's libraries first.
const extStartTimeout = 60 * time.Second

// readHello reads and checks the worker's first line.
func (w *extWorker) readHello(r *bufio.Reader) error {
	line, err := r.ReadBytes('\n')
	if err != nil {
		if errors.Is(err, io.EOF) {
			return errors.New("it exited or closed stdout before its hello line")
		}
		return err
	}
	if err := json.Unmarshal(line, &w.hello); err != nil || w.hello.Protocol == nil {
		return fmt.Errorf("its first line %.120q is not a hello {\"featurize_worker\": %d, ...}", line, ExtProtocol)
	}
	switch {
	case *w.hello.Protocol != ExtProtocol:
		return fmt.Errorf("it speaks protocol %d; featurize speaks %d", *w.hello.Protocol, ExtProtocol)
	case w.hello.Per == "":
		w.hello.Per = "file"
	case w.hello.Per != "file" && w.hello.Per != "chunk":
		return fmt.Errorf("per %q: want file or chunk", w.hello.Per)
	}
	return nil
}

// readAnswers reads messages and their arrays until stdout ends.
func (w *extWorker) readAnswers(r *bufio.Reader) error {
	for {
		line, err := r.ReadBytes('\n')
		if err != nil {
			if errors.Is(err, io.EOF) && len(line) == 0 {
				return io.EOF
			}
			return fmt.Errorf("reading its answers: %w", err)
		}
		var a extAnswer
		if err := json.Unmarshal(line, &a.head); err != nil {
			return fmt.Errorf("%w: %.120q is not a JSON answer", ErrWorkerProtocol, line)
		}
		for _, want := range []struct {
			on  bool
			dst **npyio.Array
		}{{a.head.X, &a.x}, {a.head.Y, &a.y}, {a.head.Groups, &a.g}} {
			if want.on {
				if *want.dst, err = npyio.ReadNext(r); err != nil {
					return fmt.Errorf("%w: an array after %.80q: %w", ErrWorkerProtocol, line, err)
				}
			}
		}
		select {
		case w.answers <- a:
		case <-w.quit: // stopped: nobody takes the rest
			return io.EOF
		}
	}
}

func (w *extWorker) send(v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = w.stdin.Write(append(data, '\n'))
	return err
}

// next returns the worker's next answer, or why there is none.
func (w *extWorker) next(ctx context.Context, deadline <-chan time.Time, timeout time.Duration, task chunkTask) (extAnswer, error) {
	select {
	case a, ok := <-w.answers:
		if !ok {
			cause := errors.New("worker exited mid-task")
			if w.readErr != nil {
				cause = w.readErr
				w.kill() // it broke the protocol: its output can no longer be read
			}
			return a, w.failure(task, cause)
		}
		return a, nil
	case <-deadline:
		w.kill()
		return extAnswer{}, w.failure(task, fmt.Errorf("%w after %v; worker killed", ErrTaskTimeout, timeout))
	case <-ctx.Done():
		w.kill()
		return extAnswer{}, ctx.Err()
	}
}

// extFeed hands processFile the external worker's answer for each file of
// the task being computed.
type extFeed struct {
	w        *extWorker
	ctx      context.Context
	deadline <-chan time.Time
	timeout  time.Duration
	task     chunkTask
	spec     *Spec
}

// extRows is a worker's answer for one file, checked: rows x width values
// and, if the worker gave one, a target per row.
type extRows struct {
	rows, width int
	x, y        []float64
}

// next returns the worker's checked answer for file idx.
func (f *extFeed) next(idx int, path string) (*extRows, error) {
	a, err := f.w.next(f.ctx, f.deadline, f.timeout, f.task)
	if err != nil {
		return nil, err
	}
	h := a.head
	if h.Index == nil || *h.Index != idx {
		f.w.kill()
		return nil, f.w.failure(f.task, fmt.Errorf("%w: answered %s; want file %d", ErrWorkerProtocol, describeHead(h), idx))
	}
	if h.Error != "" {
		return nil, inputf("%s: the worker's function raised %s\n%s", path, h.Error, strings.TrimRight(h.Traceback, "\n"))
	}
	return checkAnswer(f.spec, path, a)
}

func describeHead(h extHead) string {
	switch {
	case h.Index != nil:
		return fmt.Sprintf("file %d", *h.Index)
	case h.Chunk != nil:
		return fmt.Sprintf("chunk %d", *h.Chunk)
	case h.Done != nil:
		return fmt.Sprintf("done with task %d", *h.Done)
	}
	return "nothing"
}

// checkAnswer checks the arrays of an answer against spec: X of shape
// (k,) or (rows, k) with k the run's external width, y of shape (rows,)
// or a scalar (every row's), present or absent as for the first file.
func checkAnswer(spec *Spec, path string, a extAnswer) (*extRows, error) {
	bad := func(format string, args ...any) error {
		return asInput(fmt.Errorf("%s: %w: "+format, append([]any{path, ErrExtAnswer}, args...)...))
	}
	if a.x == nil {
		return nil, bad("no X")
	}
	out := &extRows{}
	switch sh := a.x.Shape; len(sh) {
	case 1:
		out.rows, out.width = 1, sh[0]
	case 2:
		out.rows, out.width = sh[0], sh[1]
	default:
		return nil, bad("X has shape %s; want (k,) or (rows, k)", npyio.ShapeString(sh))
	}
	if a.x.IsComplex() {
		return nil, bad("X is complex (%s)", a.x.Descr)
	}
	if spec.ExtWidth > 0 && out.width != spec.ExtWidth {
		return nil, bad("X has %d features; the first file's had %d", out.width, spec.ExtWidth)
	}
	out.x = a.x.Float64s()
	if (a.y != nil) != spec.ExtTarget {
		if spec.ExtTarget {
			return nil, bad("no y; the first file's answer had one")
		}
		return nil, bad("a y; the first file's answer had none")
	}
	if a.y != nil {
		y := a.y.Float64s()
		switch {
		case len(a.y.Shape) == 0 || (len(a.y.Shape) == 1 && a.y.Shape[0] == 1 && out.rows == 1):
			out.y = make([]float64, out.rows)
			for i := range out.y {
				out.y[i] = y[0]
			}
		case len(a.y.Shape) == 1 && a.y.Shape[0] == out.rows:
			out.y = y
		default:
			return nil, bad("y has shape %s; want (%d,) for X's %d rows, or a scalar", npyio.ShapeString(a.y.Shape), out.rows, out.rows)
		}
	}
	return out, nil
}

// extExec runs tasks on one external worker process, replacing it after a
// failure; the parent writes the part files.
type extExec struct {
	ctx    context.Context // the slot's: its worker processes live in it
	id     int
	spec   *Spec
	cfg    *Config
	starts *extStarts // the workers started while the run planned
	comp   *computer
	w      *extWorker
	maxRSS *atomic.Int64
}

func (e *extExec) run(ctx context.Context, task chunkTask, ev events) (*partRecord, error) {
	if e.w == nil {
		w, err, ok := e.starts.take(e.id - 1)
		if !ok {
			w, err = startExtWorker(e.ctx, e.id, e.cfg, e.starts.env)
		}
		if err != nil {
			return nil, err
		}
		e.w = w
	}
	t := extTask{Task: task.Chunk}
	for c := task.Chunk; c < task.Chunk+task.count(); c++ {
		for idx := e.spec.Chunks[c].Start; idx < e.spec.Chunks[c].Stop; idx++ {
			t.Files = append(t.Files, extTaskFile{Index: idx, Chunk: c, Path: e.spec.absFilePath(idx)})
		}
	}
	if err := e.w.send(t); err != nil {
		e.w.kill()
		err = e.w.failure(task, fmt.Errorf("sending the task: %w", err))
		e.retire()
		return nil, err
	}
	var deadline <-chan time.Time
	if e.cfg.TaskTimeout > 0 {
		timer := time.NewTimer(e.cfg.TaskTimeout)
		defer timer.Stop()
		deadline = timer.C
	}
	e.comp.ext = &extFeed{w: e.w, ctx: ctx, deadline: deadline, timeout: e.cfg.TaskTimeout, task: task, spec: e.spec}
	defer func() { e.comp.ext = nil }()
	var rec *partRecord
	var err error
	if e.spec.ExtPer == "chunk" {
		rec, err = e.comp.runChunks(task, ev)
	} else {
		rec, err = e.comp.run(ctx, task, ev)
	}
	if err == nil {
		var a extAnswer
		if a, err = e.w.next(ctx, deadline, e.cfg.TaskTimeout, task); err == nil && (a.head.Done == nil || *a.head.Done != task.Chunk) {
			e.w.kill()
			err = e.w.failure(task, fmt.Errorf("%w: answered %s; want done with task %d", ErrWorkerProtocol, describeHead(a.head), task.Chunk))
		}
	}
	if err != nil {
		// A worker stopped mid-task holds answers no one will read.
		e.retire()
		if errors.Is(err, ErrInput) {
			return nil, err
		}
		var we *workerError
		if !errors.As(err, &we) && ctx.Err() == nil {
			err = &permanentError{chunkErr(task, err)}
		}
		return nil, err
	}
	return rec, nil
}

func (e *extExec) retire() {
	e.w.stop()
	raiseMax(e.maxRSS, e.w.maxRSS)
	e.w = nil
}

func (e *extExec) close() {
	if e.w != nil {
		e.retire()
	}
	e.comp.reader.Release()
}

// extEnv prepares what every external worker gets: featurize_worker.py in
// a folder of its own on PYTHONPATH. cleanup removes the folder.
func extEnv() (env []string, cleanup func(), err error) {
	dir, err := os.MkdirTemp("", "featurize-python-")
	if err != nil {
		return nil, nil, err
	}
	cleanup = func() { os.RemoveAll(dir) } // made here, holds only the module
	if err := os.WriteFile(filepath.Join(dir, "featurize_worker.py"), pythonModule, 0o644); err != nil {
		cleanup()
		return nil, nil, err
	}
	path := dir
	if old := os.Getenv("PYTHONPATH"); old != "" {
		path += string(os.PathListSeparator) + old
	}
	return []string{"PYTHONPATH=" + path, "PYTHONUNBUFFERED=1", "FEATURIZE_WORKER=1"}, cleanup, nil
}

// extStarts are the external workers started while the run plans, one
// per slot: a Python worker takes a tenth of a second to import numpy, so
// they start together, not one after another.
type extStarts struct {
	env   []string
	slots []chan extStarted
}

type extStarted struct {
	w   *extWorker
	err error
}

// startExtWorkers starts n external workers at once.
func startExtWorkers(ctx context.Context, cfg *Config, env []string, n int) *extStarts {
	p := &extStarts{env: env}
	for i := range n {
		ch := make(chan extStarted, 1)
		p.slots = append(p.slots, ch)
		go func() {
			w, err := startExtWorker(ctx, i+1, cfg, env)
			ch <- extStarted{w, err}
		}()
	}
	return p
}

// take returns slot's started worker, or ok false if the slot has none
// (left).
func (p *extStarts) take(slot int) (w *extWorker, err error, ok bool) {
	if p == nil || slot >= len(p.slots) || p.slots[slot] == nil {
		return nil, nil, false
	}
	r := <-p.slots[slot]
	p.slots[slot] = nil
	return r.w, r.err, true
}

// close stops the workers no slot took.
func (p *extStarts) close() {
	if p == nil {
		return
	}
	for i, ch := range p.slots {
		if ch != nil {
			if r := <-ch; r.w != nil {
				r.w.stop()
			}
			p.slots[i] = nil
		}
	}
}

// probeExternal asks slot 0's worker for the first file's answer (the
// first that does not fail, with SkipBad), which fixes the run's external
// width, names and whether the worker gives the target. The worker stays
// with the slot.
func probeExternal(ctx context.Context, spec *Spec, cfg *Config, starts *extStarts) error {
	w, err, _ := starts.take(0)
	if err != nil {
		return err
	}
	starts.slots[0] = make(chan extStarted, 1)
	starts.slots[0] <- extStarted{w: w} // back for slot 0, unless the probe fails
	spec.ExtPer = w.hello.Per
	if w.hello.Per == "chunk" {
		if spec.Features != nil || spec.LabelsFile != "" || spec.TargetColumn != "" {
			return usageErr("a worker of whole chunks (per=\"chunk\") computes every feature and target itself: it takes no built-in {{Features}}, {{Labels}} or {{TargetColumn}}")
		}
	}
	for c := range spec.Chunks {
		r := spec.Chunks[c]
		task := extTask{Task: -1 - c}
		files := []extTaskFile{}
		for idx := r.Start; idx < r.Stop; idx++ {
			files = append(files, extTaskFile{Index: idx, Chunk: c, Path: spec.absFilePath(idx)})
			if w.hello.Per == "file" {
				break
			}
		}
		task.Files = files
		if len(files) == 0 {
			continue
		}
		if err := w.send(task); err != nil {
			w.kill()
			return w.failure(chunkTask{Chunk: c, Range: r}, fmt.Errorf("sending the probe: %w", err))
		}
		var deadline <-chan time.Time
		if cfg.TaskTimeout > 0 {
			deadline = time.After(cfg.TaskTimeout)
		}
		a, err := w.next(ctx, deadline, cfg.TaskTimeout, chunkTask{Chunk: c, Range: r})
		if err != nil {
			return err
		}
		if d, err := w.next(ctx, deadline, cfg.TaskTimeout, chunkTask{Chunk: c, Range: r}); err != nil || d.head.Done == nil {
			w.kill()
			if err == nil {
				err = w.failure(chunkTask{Chunk: c, Range: r}, fmt.Errorf("%w: answered %s; want done", ErrWorkerProtocol, describeHead(d.head)))
			}
			return err
		}
		path := files[0].Path
		if a.head.Error != "" {
			if spec.SkipBad {
				continue
			}
			return inputf("%s: the worker's function raised %s\n%s", path, a.head.Error, strings.TrimRight(a.head.Traceback, "\n"))
		}
		spec.ExtTarget = a.y != nil // the first answer sets the rule
		if spec.ExtTarget && (spec.LabelsFile != "" || spec.TargetColumn != "") {
			return usageErr("%s: the worker's function returned a y, and {{Labels}} or {{TargetColumn}} gives the target too: drop one", path)
		}
		rows, err := checkAnswer(spec, path, a)
		if err != nil {
			return err
		}
		spec.ExtWidth = rows.width
		spec.ExtNames = w.hello.Names
		if spec.ExtNames != nil && len(spec.ExtNames) != rows.width {
			return inputf("%s: %w: X has %d features; the worker's hello names %d", path, ErrExtAnswer, rows.width, len(spec.ExtNames))
		}
		if spec.ExtNames == nil {
			for j := range rows.width {
				spec.ExtNames = append(spec.ExtNames, fmt.Sprintf("x%d", j))
			}
		}
		return nil
	}
	return inputf("%w: the worker's function failed on every file", ErrNoFiles)
}

// runChunks is run for a worker of whole chunks: each chunk's answer is
// its rows, with the file of each row from the answer's groups (the
// chunk's number without them).
func (c *computer) runChunks(task chunkTask, ev events) (*partRecord, error) {
	s := c.spec
	pw, err := c.createParts(task.Chunk)
	if err != nil {
		return nil, err
	}
	t0 := time.Now()
	rec := &partRecord{Version: Version, Hash: s.Hash, Chunk: task.Chunk, Chunks: task.Chunks, Of: len(s.Chunks), Range: task.Range}
	rev := &recordingEvents{events: ev, rec: rec}
	for ch := task.Chunk; ch < task.Chunk+task.count(); ch++ {
		r := s.Chunks[ch]
		if r.Len() == 0 {
			continue
		}
		path := fmt.Sprintf("chunk %d (%s)", ch, s.FilePath(r.Start))
		a, err := c.ext.w.next(c.ext.ctx, c.ext.deadline, c.ext.timeout, task)
		if err == nil && (a.head.Chunk == nil || *a.head.Chunk != ch) {
			c.ext.w.kill()
			err = c.ext.w.failure(task, fmt.Errorf("%w: answered %s; want chunk %d", ErrWorkerProtocol, describeHead(a.head), ch))
		}
		var rows *extRows
		if err == nil && a.head.Error != "" {
			err = inputf("%s: the worker's function raised %s\n%s", path, a.head.Error, strings.TrimRight(a.head.Traceback, "\n"))
		}
		if err == nil {
			rows, err = checkAnswer(s, path, a)
		}
		var groups []int64
		if err == nil {
			groups, err = chunkGroups(path, a.g, rows.rows, ch, r)
		}
		if err != nil {
			if s.SkipBad && errors.Is(err, ErrInput) {
				rec.Skipped = append(rec.Skipped, Skipped{Index: r.Start, Error: err.Error()})
				rev.Warn(fmt.Sprintf("skipped %v", err))
				rev.FilesDone(r.Len(), 0, 0)
				for range r.Len() {
					if err := pw.fileDone(0); err != nil {
						pw.abort()
						return nil, err
					}
				}
				continue
			}
			pw.abort()
			return nil, err
		}
		// Each file's rows; without groups the chunk's rows count as its
		// first file's.
		perFile := make([]int, r.Len())
		for i := range rows.rows {
			if err := c.writeRow(pw, int(groups[i]), nil, rows, i, rows.x[i*rows.width:(i+1)*rows.width], 0); err != nil {
				pw.abort()
				return nil, err
			}
			if a.g == nil {
				perFile[0]++
			} else {
				perFile[int(groups[i])-r.Start]++
			}
		}
		for _, n := range perFile {
			if err := pw.fileDone(n); err != nil {
				pw.abort()
				return nil, err
			}
		}
		rec.Rows += rows.rows
		rev.FilesDone(r.Len(), rows.rows, 0)
	}
	return c.finishChunk(pw, rec, t0)
}

// chunkGroups returns the group of each of a chunk's rows: the answer's
// groups, which must name the chunk's files in order, or the chunk's
// number.
func chunkGroups(path string, g *npyio.Array, rows, chunk int, r split.Range) ([]int64, error) {
	out := make([]int64, rows)
	if g == nil {
		for i := range out {
			out[i] = int64(chunk)
		}
		return out, nil
	}
	if len(g.Shape) != 1 || g.Shape[0] != rows {
		return nil, inputf("%s: %w: groups has shape %s; want (%d,)", path, ErrExtAnswer, npyio.ShapeString(g.Shape), rows)
	}
	for i, v := range g.Float64s() {
		if v != float64(int64(v)) || int(v) < r.Start || int(v) >= r.Stop || (i > 0 && int64(v) < out[i-1]) {
			return nil, inputf("%s: %w: groups[%d] = %v is not one of the chunk's files %v in order", path, ErrExtAnswer, i, v, r)
		}
		out[i] = int64(v)
	}
	return out, nil
}
