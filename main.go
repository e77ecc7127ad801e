// Command featurize turns many numeric series into machine-learning-ready
// NumPy arrays, in parallel.
package main

import (
	"os"

	"github.com/featurize/featurize/cli"
)

func main() { os.Exit(cli.Main(os.Args)) }
