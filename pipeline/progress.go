package pipeline

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
)

// Reporter hears a run while it runs: its progress, warnings, notices and
// the workers' stderr. Its methods are called from any goroutine; an
// implementation serialises its own output. The command line draws a
// progress bar; TextReporter writes lines.
type Reporter interface {
	// Start: the run is about to compute files input files, bytes in all.
	Start(files int, bytes int64)
	// Progress adds files, rows and input bytes done; a failed attempt's
	// counts are taken back with negative ones before its retry.
	Progress(files, rows int, bytes int64)
	// Warn is a warning for the user; the manifest keeps it too.
	Warn(msg string)
	// Note says what the run is doing ("resume: reusing 5 of 8 chunks").
	Note(msg string)
	// WorkerOutput is a line a worker process wrote to its stderr.
	WorkerOutput(worker int, line string)
	// Stop: computing has ended.
	Stop()
}

type nopReporter struct{}

func (nopReporter) Start(int, int64)         {}
func (nopReporter) Progress(int, int, int64) {}
func (nopReporter) Warn(string)              {}
func (nopReporter) Note(string)              {}
func (nopReporter) WorkerOutput(int, string) {}
func (nopReporter) Stop()                    {}

// TextReporter writes warnings ("warning: ..."), notes and worker lines
// ("[worker 2] ...") to w, one line each, and no progress.
func TextReporter(w io.Writer) Reporter { return &textReporter{w: w} }

type textReporter struct {
	mu sync.Mutex
	w  io.Writer
}

func (t *textReporter) line(format string, args ...any) {
	t.mu.Lock()
	defer t.mu.Unlock()
	fmt.Fprintf(t.w, format, args...)
}

func (t *textReporter) Start(int, int64)         {}
func (t *textReporter) Progress(int, int, int64) {}
func (t *textReporter) Warn(msg string)          { t.line("warning: %s\n", strings.TrimSpace(msg)) }
func (t *textReporter) Note(msg string)          { t.line("%s\n", msg) }
func (t *textReporter) WorkerOutput(id int, line string) {
	t.line("[worker %d] %s\n", id, line)
}
func (t *textReporter) Stop() {}

// progress counts one run's files and rows for its Reporter, and hands
// out per-attempt counters whose counts a retry can take back.
type progress struct{ rep Reporter }

func (p *progress) filesDone(files, rows int, bytes int64) { p.rep.Progress(files, rows, bytes) }

func (p *progress) warn(msg string) { p.rep.Warn(msg) }

// chunkEvents counts one attempt at a chunk, so a failed attempt's counts
// can be taken back before a retry.
func (p *progress) chunkEvents() *chunkEvents { return &chunkEvents{p: p} }

type chunkEvents struct {
	p                  *progress
	files, rows, bytes atomic.Int64
}

func (c *chunkEvents) FilesDone(files, rows int, bytes int64) {
	c.files.Add(int64(files))
	c.rows.Add(int64(rows))
	c.bytes.Add(bytes)
	c.p.filesDone(files, rows, bytes)
}

func (c *chunkEvents) Warn(msg string) { c.p.warn(msg) }

func (c *chunkEvents) rollback() {
	c.p.filesDone(-int(c.files.Load()), -int(c.rows.Load()), -c.bytes.Load())
}
