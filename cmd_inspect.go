package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/featurize/featurize/npyio"
	"github.com/featurize/featurize/pipeline"
)

func inspectCommand() *cli.Command {
	return &cli.Command{
		Name:      "inspect",
		Usage:     "describe .npy files: version, dtype, shape, order, header, first rows, column stats, problems",
		ArgsUsage: "FILE...",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "json", Usage: "print JSON for scripts"},
			&cli.IntFlag{Name: "rows", Value: 5, Usage: "first rows to show"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usagef("inspect needs at least one FILE")
			}
			return runInspect(c.Args().Slice(), c.Int("rows"), c.Bool("json"), c.App.Writer)
		},
	}
}

// runInspect describes each file; a broken file is reported and makes the
// command fail after the others are shown.
func runInspect(paths []string, rows int, asJSON bool, stdout io.Writer) error {
	var infos []*npyio.Info
	var firstErr error
	for _, p := range paths {
		info, err := npyio.Inspect(p, rows)
		if err != nil {
			if firstErr == nil {
				firstErr = fmt.Errorf("%w: %w", pipeline.ErrInput, err)
			}
			if !asJSON {
				fmt.Fprintf(stdout, "%s: error: %v\n", p, err)
			}
			continue
		}
		if asJSON {
			infos = append(infos, info)
			continue
		}
		if err := info.WriteText(stdout); err != nil {
			return err
		}
		if len(info.Problems) > 0 && firstErr == nil {
			firstErr = fmt.Errorf("%w: %s: %s", pipeline.ErrInput, p, info.Problems[0])
		}
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(infos); err != nil {
			return err
		}
	}
	return firstErr
}
