package pipeline

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/featurize/featurize/npyio"
)

// The files beside the outputs that say where each series' rows came
// from. The merge writes them as it appends chunks, so that the parent
// holds nothing per series.
const (
	// SeriesRowsFile holds N+1 int64 row offsets: series i's rows of
	// feature.npy (and target.npy, groups.npy) are [rows[i-1], rows[i]).
	SeriesRowsFile = "series_rows.npy"
	// SeriesPathsFile lists series i's file on line i, when the files do
	// not follow a pattern (--glob, --files).
	SeriesPathsFile = "series_paths.txt"
	// SeriesIDsFile lists series i's id on line i, for a long table.
	SeriesIDsFile = "series_ids.txt"
	// The full lists of skipped files, warnings and files with extra
	// columns, a JSON value a line, when there are more than the manifest
	// shows.
	SkippedFile      = "skipped.jsonl"
	WarningsFile     = "warnings.jsonl"
	ExtraColumnsFile = "extra_columns.jsonl"
)

// manifestListed is how many skipped files, warnings and files with extra
// columns manifest.json shows; the rest are counted, and all are in their
// .jsonl file.
const manifestListed = 20

// sidecarName matches the files the merge writes beside the arrays.
var sidecarName = map[string]bool{SeriesRowsFile: true, SeriesPathsFile: true, SeriesIDsFile: true,
	SkippedFile: true, WarningsFile: true, ExtraColumnsFile: true}

// seriesOut is the merge's per-series output: the row offsets, streamed,
// and the lists the manifest shows the start of.
type seriesOut struct {
	spec   *Spec
	outDir string
	runID  string
	rows   *npyio.Writer
	next   int   // the next series whose offset is due, from 1
	row    int64 // rows so far
	buf    []int64

	skipped  listOut[Skipped]
	warnings listOut[string]
	extra    listOut[ExtraColumns]
	temps    map[string]string // final name -> temp path, of the files written
}

// listOut keeps the first manifestListed items of a list and, once there
// are more, writes them all to a .jsonl file.
type listOut[T any] struct {
	name  string
	first []T
	count int
	f     *os.File
	w     *bufio.Writer
}

func newSeriesOut(spec *Spec, outDir, runID string) (*seriesOut, error) {
	s := &seriesOut{spec: spec, outDir: outDir, runID: runID, next: 1, temps: map[string]string{}}
	s.skipped.name, s.warnings.name, s.extra.name = SkippedFile, WarningsFile, ExtraColumnsFile
	var err error
	if s.rows, err = npyio.Create(s.temp(SeriesRowsFile), npyio.Int64, 0); err != nil {
		return nil, err
	}
	s.buf = append(s.buf, 0)
	return s, nil
}

// temp returns the temp path of a file the merge writes, and records it.
func (s *seriesOut) temp(name string) string {
	t := filepath.Join(s.outDir, fmt.Sprintf(".%s.tmp-%s", name, s.runID))
	s.temps[name] = t
	return t
}

// add takes a merged chunk's record: the offsets of its series (from its
// series part, the rows of each file), its skipped files, warnings and
// extra columns.
func (s *seriesOut) add(rec *partRecord) error {
	if s.next != rec.Range.Start {
		return fmt.Errorf("pipeline: merge: series %d next, but the chunk starts at %d", s.next, rec.Range.Start)
	}
	part := s.spec.partPath(rec.Chunk, "series.npy")
	f, err := os.Open(part)
	if err != nil {
		return err
	}
	defer f.Close()
	h, err := npyio.ReadHeader(f)
	if err != nil || h.Descr != "<i8" || len(h.Shape) != 1 || h.Shape[0] != rec.Range.Len() {
		return fmt.Errorf("pipeline: merge %s: not %d int64 rows a file (%v)", part, rec.Range.Len(), err)
	}
	if _, err := f.Seek(h.DataOffset, io.SeekStart); err != nil {
		return err
	}
	r := bufio.NewReaderSize(f, 32<<10)
	var b [8]byte
	for range rec.Range.Len() {
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return fmt.Errorf("pipeline: merge %s: %w", part, err)
		}
		s.row += int64(binary.LittleEndian.Uint64(b[:]))
		s.buf = append(s.buf, s.row)
		s.next++
		if len(s.buf) >= 4096 {
			if err := s.flushRows(); err != nil {
				return err
			}
		}
	}
	for _, x := range rec.Skipped {
		if err := s.skipped.add(s, x); err != nil {
			return err
		}
	}
	for _, x := range rec.Warnings {
		if err := s.warnings.add(s, x); err != nil {
			return err
		}
	}
	for _, x := range rec.Extra {
		if err := s.extra.add(s, x); err != nil {
			return err
		}
	}
	return nil
}

func (s *seriesOut) flushRows() error {
	err := s.rows.WriteInt64s(s.buf)
	s.buf = s.buf[:0]
	return err
}

func (l *listOut[T]) add(s *seriesOut, x T) error {
	l.count++
	if len(l.first) < manifestListed {
		l.first = append(l.first, x)
		return nil
	}
	if l.f == nil {
		var err error
		if l.f, err = os.Create(s.temp(l.name)); err != nil {
			return err
		}
		l.w = bufio.NewWriter(l.f)
		for _, y := range l.first {
			if err := l.write(y); err != nil {
				return err
			}
		}
	}
	return l.write(x)
}

func (l *listOut[T]) write(x T) error {
	b, err := json.Marshal(x)
	if err != nil {
		return err
	}
	l.w.Write(b)
	return l.w.WriteByte('\n')
}

// listCloser is a listOut of any item type.
type listCloser interface {
	close() error
	overflows() bool
	file() string
}

func (l *listOut[T]) overflows() bool { return l.count > manifestListed }

func (l *listOut[T]) file() string { return l.name }

func (l *listOut[T]) close() error {
	if l.f == nil {
		return nil
	}
	err := l.w.Flush()
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}

// finish closes the row offsets and the lists and writes the paths or
// ids, all under temp names; it returns the sidecars by kind ("rows",
// "paths" or "ids", and "skipped", "warnings", "extra_columns" when they
// overflow the manifest).
func (s *seriesOut) finish() (map[string]string, error) {
	if err := s.flushRows(); err != nil {
		return nil, err
	}
	if err := s.rows.Close(); err != nil {
		return nil, err
	}
	s.rows = nil
	out := map[string]string{"rows": SeriesRowsFile}
	for kind, l := range map[string]listCloser{"skipped": &s.skipped, "warnings": &s.warnings, "extra_columns": &s.extra} {
		if err := l.close(); err != nil {
			return nil, err
		}
		if l.overflows() {
			out[kind] = l.file()
		}
	}
	var names []string
	kind, name := "", ""
	switch {
	case s.spec.Long != nil:
		kind, name = "ids", SeriesIDsFile
		for _, ser := range s.spec.Long.Index.Series {
			names = append(names, ser.ID)
		}
	case s.spec.Files != nil:
		kind, name = "paths", SeriesPathsFile
		names = s.spec.Files
	}
	if name != "" {
		if err := s.writeLines(name, names); err != nil {
			return nil, err
		}
		out[kind] = name
	}
	return out, nil
}

// writeLines writes names, a line each, to name's temp file.
func (s *seriesOut) writeLines(name string, names []string) error {
	f, err := os.Create(s.temp(name))
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 256<<10)
	for _, n := range names {
		w.WriteString(n)
		w.WriteByte('\n')
	}
	err = w.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// rename moves the written files into place.
func (s *seriesOut) rename() error {
	for name, t := range s.temps {
		if err := os.Rename(t, filepath.Join(s.outDir, name)); err != nil {
			return err
		}
	}
	s.temps = map[string]string{}
	return nil
}

// abort removes the temp files written.
func (s *seriesOut) abort() {
	if s.rows != nil {
		s.rows.Abort()
	}
	s.skipped.close()
	s.warnings.close()
	s.extra.close()
	for _, t := range s.temps {
		os.Remove(t)
	}
}

// Series is where each series of a run's outputs is: its rows and its
// source. Series i (from 1) has rows [Rows[i-1], Rows[i]) of the arrays
// and came from Paths[i-1] (for a long table, the table) with, for a long
// table, the id IDs[i-1].
type Series struct {
	Rows  []int64
	Paths []string
	IDs   []string
}

// ReadSeries reads the series files of the run whose outputs are in dir.
func ReadSeries(dir string) (*Series, error) {
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return nil, err
	}
	var man Manifest
	if err := json.Unmarshal(data, &man); err != nil {
		return nil, fmt.Errorf("pipeline: %s: %w", filepath.Join(dir, "manifest.json"), err)
	}
	if man.Series.Rows == "" {
		return nil, fmt.Errorf("pipeline: %s: no series files (a manifest of featurize %s)", filepath.Join(dir, "manifest.json"), man.Version)
	}
	a, err := npyio.ReadFile(filepath.Join(dir, man.Series.Rows))
	if err != nil {
		return nil, err
	}
	rows, ok := a.Data.([]int64)
	if !ok || len(rows) != man.Series.Count+1 {
		return nil, fmt.Errorf("pipeline: %s: %s of %d values; want %d int64", dir, man.Series.Rows, len(a.Float64s()), man.Series.Count+1)
	}
	s := &Series{Rows: rows}
	lines := func(name string) ([]string, error) {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		l := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
		if len(l) != man.Series.Count {
			return nil, fmt.Errorf("pipeline: %s: %d lines; want %d", name, len(l), man.Series.Count)
		}
		return l, nil
	}
	in := man.Input
	switch {
	case man.Series.IDs != "":
		if s.IDs, err = lines(man.Series.IDs); err != nil {
			return nil, err
		}
		for range s.IDs {
			s.Paths = append(s.Paths, in.Table)
		}
	case man.Series.Paths != "":
		if s.Paths, err = lines(man.Series.Paths); err != nil {
			return nil, err
		}
		for i, p := range s.Paths {
			if !filepath.IsAbs(p) {
				s.Paths[i] = filepath.Join(in.Dir, p)
			}
		}
	default:
		p, err := parsePattern(in.Pattern)
		if err != nil {
			return nil, fmt.Errorf("pipeline: %s: pattern %q: %w", dir, in.Pattern, err)
		}
		for i := 1; i <= man.Series.Count; i++ {
			s.Paths = append(s.Paths, filepath.Join(in.Dir, p.format(i)))
		}
	}
	return s, nil
}
