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

// reporter is the command line's pipeline.Reporter: it counts files and
// rows (atomic counters, any goroutine) and, when stderr is a terminal
// and --quiet is off, draws a status line on a ticker; warnings, notes and
// worker lines are printed on their own lines, under one lock with it.
type reporter struct {
	out     io.Writer
	draw    bool
	mu      sync.Mutex
	total   atomic.Int64
	files   atomic.Int64
	rows    atomic.Int64
	start   time.Time
	done    chan struct{}
	stopped sync.Once
	wg      sync.WaitGroup
}

var _ pipeline.Reporter = (*reporter)(nil)

func newReporter(out io.Writer, quiet bool) *reporter {
	r := &reporter{out: out, start: time.Now(), done: make(chan struct{})}
	if f, ok := out.(*os.File); ok && !quiet && term.IsTerminal(int(f.Fd())) {
		r.draw = true
	}
	return r
}

func (r *reporter) Start(files int, bytes int64) {
	r.total.Store(int64(files))
	r.start = time.Now()
	if r.draw {
		r.wg.Add(1)
		go r.loop()
	}
}

func (r *reporter) loop() {
	defer r.wg.Done()
	t := time.NewTicker(200 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			r.mu.Lock()
			fmt.Fprint(r.out, "\r"+r.line()+"\x1b[K")
			r.mu.Unlock()
		case <-r.done:
			return
		}
	}
}

// line is the status: files done of total, rows, files/s, ETA.
func (r *reporter) line() string {
	files, rows, total := r.files.Load(), r.rows.Load(), r.total.Load()
	el := time.Since(r.start).Seconds()
	rate := 0.0
	if el > 0 {
		rate = float64(files) / el
	}
	eta := "?"
	if rate > 0 {
		eta = (time.Duration(float64(total-files)/rate) * time.Second).Round(time.Second).String()
	}
	return fmt.Sprintf("files %d/%d  rows %d  %.1f files/s  ETA %s", files, total, rows, rate, eta)
}

func (r *reporter) Progress(files, rows int) {
	r.files.Add(int64(files))
	r.rows.Add(int64(rows))
}

// say prints a line, clearing the status line first when one is drawn.
func (r *reporter) say(text string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	prefix := ""
	if r.draw {
		prefix = "\r\x1b[K"
	}
	fmt.Fprintf(r.out, "%s%s\n", prefix, text)
}

func (r *reporter) Warn(msg string) { r.say("warning: " + strings.TrimSpace(msg)) }
func (r *reporter) Note(msg string) { r.say(msg) }
func (r *reporter) WorkerOutput(id int, line string) {
	r.say(fmt.Sprintf("[worker %d] %s", id, line))
}

// Stop ends drawing with one final draw. It is idempotent.
func (r *reporter) Stop() {
	r.stopped.Do(func() {
		close(r.done)
		r.wg.Wait()
		if r.draw {
			r.mu.Lock()
			fmt.Fprint(r.out, "\r"+r.line()+"\x1b[K\n")
			r.mu.Unlock()
		}
	})
}
