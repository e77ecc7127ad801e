package cli

import (
	"fmt"
	"io"
	"strings"

	urfave "github.com/urfave/cli/v2"

	"github.com/featurize/featurize/npyio"
	"github.com/featurize/featurize/pipeline"
)

func inspectCommand() *urfave.Command {
	return &urfave.Command{
		Name:      "inspect",
		Usage:     "describe .npy files: version, dtype, shape, order, header, first rows, column stats, problems",
		ArgsUsage: "FILE...",
		Flags: []urfave.Flag{
			&urfave.BoolFlag{Name: "json", Usage: "print JSON for scripts"},
			&urfave.IntFlag{Name: "rows", Value: 5, Usage: "first rows to show"},
		},
		Action: func(c *urfave.Context) error {
			if c.NArg() == 0 {
				return usagef("inspect needs at least one FILE")
			}
			return runInspect(c.Args().Slice(), c.Int("rows"), c.Bool("json"), c.App.Writer, c.App.ErrWriter)
		},
	}
}

// runInspect describes each file; broken files are reported on stderr and
// make the command fail after the others are shown.
func runInspect(paths []string, rows int, asJSON bool, stdout, stderr io.Writer) error {
	infos := []*npyio.Info{}
	bad := 0
	for _, p := range paths {
		info, err := npyio.Inspect(p, rows)
		if err != nil {
			bad++
			fmt.Fprintln(stderr, "featurize:", err)
			continue
		}
		if len(info.Problems) > 0 {
			bad++
			fmt.Fprintf(stderr, "featurize: %s: %s\n", p, strings.Join(info.Problems, "; "))
		}
		if asJSON {
			infos = append(infos, info)
			continue
		}
		if err := info.WriteText(stdout); err != nil {
			return err
		}
	}
	if asJSON {
		if err := writeJSON(stdout, infos); err != nil {
			return err
		}
	}
	if bad > 0 {
		return silentInput{fmt.Errorf("%w: inspect: %d of %d files are broken or inconsistent", pipeline.ErrInput, bad, len(paths))}
	}
	return nil
}
