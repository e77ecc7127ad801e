package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/featurize/featurize/npyio"
	"github.com/featurize/featurize/pipeline"
	"github.com/featurize/featurize/split"
)

// dryRunReadLimit is how many input bytes --dry-run reads to count the
// windows and find the problems a run would; beyond it, it estimates.
const dryRunReadLimit = 1 << 30

// runDryRun prints what a run of cfg would do: the inputs, chunks,
// workers, features, output shapes and sizes, and the warnings and
// failures a run would give, computing no feature and writing nothing.
func runDryRun(ctx context.Context, cfg pipeline.Config, stdout io.Writer) error {
	p, err := pipeline.PreviewRun(ctx, cfg, dryRunReadLimit)
	if err != nil {
		return err
	}
	s := p.Spec
	tw := tabwriter.NewWriter(stdout, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "dry run: nothing computed, nothing written")
	source := filepath.Join(s.AbsDir, s.Pattern)
	switch {
	case s.Long != nil:
		source = fmt.Sprintf("ids of the long table %s", s.Long.File)
	case s.Glob != "":
		source = fmt.Sprintf("%s under %s", s.Glob, s.AbsDir)
	case s.Files != nil:
		source = fmt.Sprintf("the listed files under %s", s.AbsDir)
	}
	fmt.Fprintf(tw, "inputs:\t%d series, %s (%s)\n", s.N, source, humanBytes(s.InputBytes))
	workers, capped := p.Workers, ""
	if workers < cfg.Workers && cfg.Engine != pipeline.EngineSerial {
		capped = fmt.Sprintf(" (--workers %d: no more workers than chunks)", cfg.Workers)
	}
	noun := "workers"
	if workers == 1 {
		noun = "worker"
	}
	fmt.Fprintf(tw, "chunks:\t%d (np.array_split of 1..%d), on %d %s %s%s\n", len(s.Chunks), s.N, workers, engineName(cfg), noun, capped)
	chunks := s.Chunks
	for i, r := range chunks {
		if i == 5 && len(chunks) > 8 {
			fmt.Fprintf(tw, "\t... %d more\n", len(chunks)-7)
			for j := len(chunks) - 2; j < len(chunks); j++ {
				fmt.Fprintf(tw, "\t%s\n", chunkLine(j, chunks[j]))
			}
			break
		}
		fmt.Fprintf(tw, "\t%s\n", chunkLine(i, r))
	}
	win := "each series whole"
	if s.Window > 0 {
		win = fmt.Sprintf("%d rows every %d", s.Window, s.Stride)
	}
	fmt.Fprintf(tw, "windows:\t%s\n", win)
	fmt.Fprintf(tw, "features:\t%d a column x %d columns (%s) = %d a row\n", len(s.Features), len(s.Columns), strings.Join(s.Columns, ", "), s.Width())
	about := ""
	if !p.Exact {
		about = "about "
	}
	for k, a := range p.Outputs {
		fmt.Fprintf(tw, "output:\t%s %s %s, %s%s\n", filepath.Join(cfg.OutDir, a.Path), a.DType, npyio.ShapeString(a.Shape), about, humanBytes(p.Bytes[k]))
	}
	if !p.Exact {
		fmt.Fprintf(tw, "\t(estimated from the first input: the inputs hold over %s)\n", humanBytes(dryRunReadLimit))
	}
	fmt.Fprintf(tw, "warnings:\t%d\n", len(p.Warnings))
	for _, w := range p.Warnings[:min(len(p.Warnings), 10)] {
		fmt.Fprintf(tw, "\t%s\n", firstLine(w))
	}
	verb := "fail"
	if s.SkipBad {
		verb = "be left out (--skip-bad)"
	}
	if len(p.Failures) > 0 {
		fmt.Fprintf(tw, "failures:\t%d inputs would %s:\n", len(p.Failures), verb)
		for _, f := range p.Failures[:min(len(p.Failures), 10)] {
			fmt.Fprintf(tw, "\t%s\n", firstLine(f.Error))
		}
	}
	tw.Flush()
	if len(p.Failures) > 0 && !s.SkipBad {
		return silentInput{fmt.Errorf("%w: dry run: %d inputs would fail", pipeline.ErrInput, len(p.Failures))}
	}
	return nil
}

func chunkLine(i int, r split.Range) string {
	if r.Len() == 0 {
		return fmt.Sprintf("%d - - 0", i)
	}
	return fmt.Sprintf("%d %d %d %d", i, r.Start, r.Stop-1, r.Len())
}

func engineName(cfg pipeline.Config) string {
	if len(cfg.ExternalCommand) > 0 {
		return "external"
	}
	return cfg.Engine.String()
}

// humanBytes writes a size in B, KB, MB or GB.
func humanBytes(n int64) string {
	switch {
	case n < 1e3:
		return fmt.Sprintf("%d B", n)
	case n < 1e6:
		return fmt.Sprintf("%.1f KB", float64(n)/1e3)
	case n < 1e9:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%.2f GB", float64(n)/1e9)
}
