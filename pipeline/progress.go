package pipeline

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/term"
)

// progress counts files and rows (atomic counters, any goroutine) and, when
// stderr is a terminal and --quiet is off, draws a status line on a ticker.
type progress struct {
	total   int
	files   atomic.Int64
	rows    atomic.Int64
	start   time.Time
	out     io.Writer
	draw    bool
	mu      *sync.Mutex // serialises writes to out with worker stderr; never changes
	done    chan struct{}
	stopped sync.Once
	wg      sync.WaitGroup
}

// newProgress counts toward total files; mu serialises its writes to out
// with the workers' forwarded stderr.
func newProgress(out io.Writer, total int, quiet bool, mu *sync.Mutex) *progress {
	p := &progress{total: total, start: time.Now(), out: out, mu: mu, done: make(chan struct{})}
	if f, ok := out.(*os.File); ok && !quiet && term.IsTerminal(int(f.Fd())) {
		p.draw = true
		p.wg.Add(1)
		go p.loop()
	}
	return p
}

func (p *progress) lock() *sync.Mutex {
	p.mu.Lock()
	return p.mu
}

func (p *progress) loop() {
	defer p.wg.Done()
	t := time.NewTicker(200 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			mu := p.lock()
			fmt.Fprint(p.out, "\r"+p.line()+"\x1b[K")
			mu.Unlock()
		case <-p.done:
			return
		}
	}
}

// line is the status: files done of total, rows, files/s, ETA.
func (p *progress) line() string {
	files, rows := p.files.Load(), p.rows.Load()
	el := time.Since(p.start).Seconds()
	rate := 0.0
	if el > 0 {
		rate = float64(files) / el
	}
	eta := "?"
	if rate > 0 {
		eta = (time.Duration(float64(int64(p.total)-files)/rate) * time.Second).Round(time.Second).String()
	}
	return fmt.Sprintf("files %d/%d  rows %d  %.1f files/s  ETA %s", files, p.total, rows, rate, eta)
}

// stop ends drawing with one final draw. It is idempotent.
func (p *progress) stop() {
	p.stopped.Do(func() {
		close(p.done)
		p.wg.Wait()
		if p.draw {
			mu := p.lock()
			fmt.Fprint(p.out, "\r"+p.line()+"\x1b[K\n")
			mu.Unlock()
		}
	})
}

func (p *progress) filesDone(files, rows int) {
	p.files.Add(int64(files))
	p.rows.Add(int64(rows))
}

// warn prints msg on its own line (the manifest gets warnings from the
// part records).
func (p *progress) warn(msg string) {
	mu := p.lock()
	defer mu.Unlock()
	prefix := ""
	if p.draw {
		prefix = "\r\x1b[K"
	}
	fmt.Fprintf(p.out, "%swarning: %s\n", prefix, strings.TrimSpace(msg))
}

// chunkEvents counts one attempt at a chunk, so a failed attempt's counts
// can be taken back before a retry.
func (p *progress) chunkEvents() *chunkEvents { return &chunkEvents{p: p} }

type chunkEvents struct {
	p           *progress
	files, rows atomic.Int64
}

func (c *chunkEvents) FilesDone(files, rows int) {
	c.files.Add(int64(files))
	c.rows.Add(int64(rows))
	c.p.filesDone(files, rows)
}

func (c *chunkEvents) Warn(msg string) { c.p.warn(msg) }

func (c *chunkEvents) rollback() {
	c.p.filesDone(-int(c.files.Load()), -int(c.rows.Load()))
}
