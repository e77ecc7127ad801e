package pipeline

import (
	"fmt"
	"os"

	"github.com/featurize/featurize/input"
)

// LongSpec is a long-format input: one table whose ids are the series,
// each in place of a file (its index is its position in the table).
type LongSpec struct {
	input.Long
	File  string           `json:"file"` // absolute
	Index *input.LongIndex `json:"index"`
}

// planLong indexes cfg's long table into spec and returns each series'
// stat for the hash: its bytes, and the table's modification time.
func planLong(spec *Spec, cfg Config) (*inputStats, error) {
	l := cfg.Long
	switch {
	case cfg.Glob != "" || cfg.Files != nil || cfg.N > 0 || cfg.Pattern != "{}.csv":
		return nil, usageErr("{{Long}} reads one table, {{InputDir}}; {{Pattern}}, {{Glob}}, {{Files}} and {{N}} name numbered files")
	case (l.Kind == "") != (l.Value == ""):
		return nil, usageErr("{{Long}}: the stacked format needs both the kind and the value column")
	case len(cfg.ExternalCommand) > 0:
		return nil, usageErr("{{ExternalCommand}} reads files; a long table's series are not files")
	}
	fi, err := os.Stat(cfg.InputDir)
	if err != nil {
		return nil, inputf("%w", err)
	}
	if fi.IsDir() {
		return nil, usageErr("{{Long}}: %s is a folder; give the long table's file", cfg.InputDir)
	}
	header, _ := input.ParseHeader(spec.Header)
	format, _ := input.LookupFormat(spec.InputFormat)
	ix, err := input.IndexLong(cfg.InputDir, format, spec.Dialect, header, l)
	if err != nil {
		return nil, asInput(err)
	}
	spec.Long = &LongSpec{Long: l, File: absPath(cfg.InputDir), Index: ix}
	stats := newInputStats()
	for _, s := range ix.Series {
		stats.add(fileStat{Size: s.End - s.Start, MTime: fi.ModTime().UnixNano()})
	}
	return stats.finish(), nil
}

// seriesName names series i of a long table in messages: the file, the
// line its rows begin on, and its id.
func (l *LongSpec) seriesName(file string, i int) string {
	s := l.Index.Series[i-1]
	if s.Line > 0 {
		return fmt.Sprintf("%s:%d (id %s)", file, s.Line, s.ID)
	}
	return fmt.Sprintf("%s (id %s)", file, s.ID)
}

// readInput reads input i, a file or a long table's series.
func readInput(r *input.Reader, spec *Spec, i int) (*input.Table, error) {
	if l := spec.Long; l != nil {
		return r.ReadLong(l.File, l.Index, l.Long, l.Index.Series[i-1])
	}
	return r.Read(spec.FilePath(i))
}
