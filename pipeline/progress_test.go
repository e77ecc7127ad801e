package pipeline

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestProgressLine(t *testing.T) {
	p := newProgress(&bytes.Buffer{}, 10, true, &sync.Mutex{})
	p.start = time.Now().Add(-2 * time.Second)
	p.filesDone(4, 120)
	got := p.line()
	for _, want := range []string{"files 4/10", "rows 120", "files/s", "ETA 3s"} {
		if !strings.Contains(got, want) {
			t.Errorf("line() = %q; want it to contain %q", got, want)
		}
	}
	ev := p.chunkEvents()
	ev.FilesDone(1, 7)
	ev.rollback()
	if f, r := p.files.Load(), p.rows.Load(); f != 4 || r != 120 {
		t.Errorf("after rollback files %d rows %d; want 4 120", f, r)
	}
}

// TestProgressOffWithoutTerminal: stderr that is not a terminal gets no
// status line, only warnings.
func TestProgressOffWithoutTerminal(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 3)
	opts := baseOptions(in, t.TempDir())
	opts.Quiet = false
	var stderr bytes.Buffer
	if _, err := Run(context.Background(), opts, &stderr); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(stderr.String(), "files/s") {
		t.Errorf("progress drawn on a non-terminal: %q", stderr.String())
	}
}
