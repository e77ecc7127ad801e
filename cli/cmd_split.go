package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	urfave "github.com/urfave/cli/v2"

	"github.com/featurize/featurize/feature"
	"github.com/featurize/featurize/split"
)

func defaultFeatureList() string {
	fs, _ := feature.Preset("default")
	var names []string
	for _, f := range fs {
		names = append(names, f.Name())
	}
	return strings.Join(names, ",")
}

func splitCommand() *urfave.Command {
	return &urfave.Command{
		Name:      "split",
		Usage:     "print np.array_split's chunks of the indices 1..N, one index range per line",
		ArgsUsage: "N K",
		Action: func(c *urfave.Context) error {
			if c.NArg() != 2 {
				return usagef("split needs N and K; have %d arguments", c.NArg())
			}
			n, err := strconv.Atoi(c.Args().Get(0))
			if err != nil || n < 0 {
				return usagef("split: N %q is not a non-negative integer", c.Args().Get(0))
			}
			k, err := strconv.Atoi(c.Args().Get(1))
			if err != nil || k < 1 {
				return usagef("split: K %q is not a positive integer", c.Args().Get(1))
			}
			return runSplit(n, k, c.App.Writer)
		},
	}
}

// runSplit prints chunk i as "i first last count" (first..last inclusive;
// an empty chunk prints "-" for both).
func runSplit(n, k int, stdout io.Writer) error {
	for i, r := range split.ArraySplit(1, n, k) {
		if r.Len() == 0 {
			fmt.Fprintf(stdout, "%d - - 0\n", i)
			continue
		}
		fmt.Fprintf(stdout, "%d %d %d %d\n", i, r.Start, r.Stop-1, r.Len())
	}
	return nil
}
