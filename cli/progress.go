package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/term"

	"github.com/featurize/featurize/pipeline"
)

// Progress modes of --progress.
const (
	progressAuto  = "auto"  // a bar on a terminal, else nothing
	progressBar   = "bar"   // a bar, redrawn in place
	progressPlain = "plain" // a line of counters every few seconds (logs)
	progressNone  = "none"
)

// reporter is the command line's pipeline.Reporter: it counts files, rows
// and bytes (atomic counters, any goroutine) and draws a bar on a ticker,
// or prints a line of counters every plainInterval; warnings, notes and
// worker lines are printed on their own lines, under one lock with the
// bar, which is cleared first and redrawn at the next tick.
//
// Not a progress library: each line a worker writes must clear the bar,
// print and let the bar come back, under the one lock all output takes;
// mpb and progressbar draw from goroutines of their own and would need
// that lock threaded through them, for what is here fifty lines.
type reporter struct {
	out        io.Writer
	mode       string
	width      func() int
	mu         sync.Mutex
	totalFiles atomic.Int64
	totalBytes atomic.Int64
	files      atomic.Int64
	rows       atomic.Int64
	bytes      atomic.Int64
	retries    atomic.Int64
	start      time.Time
	done       chan struct{}
	stopped    sync.Once
	wg         sync.WaitGroup
	interval   time.Duration
}

var _ pipeline.Reporter = (*reporter)(nil)

// plainInterval is how often --progress plain prints its line.
const plainInterval = 5 * time.Second

// newReporter returns the reporter of mode for out (quiet is none).
func newReporter(out io.Writer, mode string) *reporter {
	r := &reporter{out: out, mode: mode, start: time.Now(), done: make(chan struct{}), width: func() int { return 100 }}
	f, isFile := out.(*os.File)
	terminal := isFile && term.IsTerminal(int(f.Fd()))
	switch mode {
	case progressAuto, "":
		r.mode = progressNone
		if terminal {
			r.mode = progressBar
		}
	case progressBar, progressPlain, progressNone:
	default:
		r.mode = progressNone
	}
	if terminal {
		r.width = func() int {
			if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 20 {
				return w
			}
			return 100
		}
	}
	r.interval = 200 * time.Millisecond
	if r.mode == progressPlain {
		r.interval = plainInterval
	}
	return r
}

func (r *reporter) Start(files int, bytes int64) {
	r.totalFiles.Store(int64(files))
	r.totalBytes.Store(bytes)
	r.start = time.Now()
	if r.mode == progressBar || r.mode == progressPlain {
		r.wg.Add(1)
		go r.loop()
	}
}

func (r *reporter) loop() {
	defer r.wg.Done()
	t := time.NewTicker(r.interval)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			r.mu.Lock()
			r.draw()
			r.mu.Unlock()
		case <-r.done:
			return
		}
	}
}

// draw prints the bar in place, or the plain line; r.mu is held.
func (r *reporter) draw() {
	if r.mode == progressPlain {
		fmt.Fprintln(r.out, "progress: "+r.counters())
		return
	}
	fmt.Fprint(r.out, "\r"+r.bar()+"\x1b[K")
}

// counters: files and bytes done of the totals, rows, rate, ETA, retries.
func (r *reporter) counters() string {
	files, rows, bytes := r.files.Load(), r.rows.Load(), r.bytes.Load()
	tf, tb := r.totalFiles.Load(), r.totalBytes.Load()
	el := time.Since(r.start).Seconds()
	// The ETA follows the bytes when they are counted, else the files.
	done, total := float64(files), float64(tf)
	if tb > 0 && bytes > 0 {
		done, total = float64(bytes), float64(tb)
	}
	eta := "?"
	if done > 0 && el > 0 {
		eta = (time.Duration((total - done) / (done / el) * float64(time.Second))).Round(time.Second).String()
	}
	s := fmt.Sprintf("files %d/%d", files, tf)
	// Files done with no bytes counted were read by a worker of the
	// user's (--worker-cmd), not by featurize: the bytes are unknown.
	counted := tb > 0 && (bytes > 0 || files == 0)
	if counted {
		s += fmt.Sprintf("  %s/%s (%.0f%%)", humanBytes(bytes), humanBytes(tb), percent(float64(bytes), float64(tb)))
	}
	s += fmt.Sprintf("  rows %d", rows)
	if counted && el > 0 {
		s += fmt.Sprintf("  %s/s", humanBytes(int64(float64(bytes)/el)))
	}
	s += "  ETA " + eta
	if n := r.retries.Load(); n > 0 {
		s += fmt.Sprintf("  retries %d", n)
	}
	return s
}

// bar is "[=====>     ]  45% " and the counters, cut to the terminal.
func (r *reporter) bar() string {
	pct := percent(float64(r.files.Load()), float64(r.totalFiles.Load()))
	counters := r.counters()
	width := r.width() - 1
	slots := min(40, width-len(counters)-9)
	line := fmt.Sprintf("%3.0f%% ", pct) + counters
	if slots >= 10 {
		fill := int(float64(slots) * pct / 100)
		head := ""
		if fill < slots {
			head = ">"
		}
		line = "[" + strings.Repeat("=", fill) + head + strings.Repeat(" ", max(slots-fill-len(head), 0)) + "] " + line
	}
	if len(line) > width {
		line = line[:width]
	}
	return line
}

func percent(done, total float64) float64 {
	if total <= 0 {
		return 0
	}
	return min(100, max(0, 100*done/total))
}

func (r *reporter) Progress(files, rows int, bytes int64) {
	r.files.Add(int64(files))
	r.rows.Add(int64(rows))
	r.bytes.Add(bytes)
}

// say prints a line, clearing the bar first when one is drawn.
func (r *reporter) say(text string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	prefix := ""
	if r.mode == progressBar {
		prefix = "\r\x1b[K"
	}
	fmt.Fprintf(r.out, "%s%s\n", prefix, text)
}

func (r *reporter) Warn(msg string) {
	if strings.HasPrefix(msg, "retrying:") {
		r.retries.Add(1)
	}
	r.say("warning: " + strings.TrimSpace(msg))
}
func (r *reporter) Note(msg string) { r.say(msg) }
func (r *reporter) WorkerOutput(id int, line string) {
	r.say(fmt.Sprintf("[worker %d] %s", id, line))
}

// Stop ends drawing with one final draw. It is idempotent.
func (r *reporter) Stop() {
	r.stopped.Do(func() {
		close(r.done)
		r.wg.Wait()
		r.mu.Lock()
		defer r.mu.Unlock()
		switch r.mode {
		case progressBar:
			fmt.Fprint(r.out, "\r"+r.bar()+"\x1b[K\n")
		case progressPlain:
			r.draw()
		}
	})
}
