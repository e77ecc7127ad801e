package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"syscall"

	urfave "github.com/urfave/cli/v2"

	"github.com/featurize/featurize/pipeline"
)

// Exit codes, chosen in one place.
const (
	exitOK          = 0
	exitError       = 1
	exitUsage       = 2
	exitBadInput    = 3
	exitInterrupted = 130
)

// Main runs the featurize command line with args (os.Args) and returns the
// exit code: call os.Exit(cli.Main(os.Args)) from main. A program that
// registers features of its own does so before calling Main; the process
// engine's workers are that program again, so they have them too.
func Main(args []string) int {
	pipeline.ServeWorkers() // a worker process serves, then exits here
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// After the first signal, a second one ends the process at once.
		<-ctx.Done()
		stop()
	}()
	code := run(ctx, args, os.Stdin, os.Stdout, os.Stderr)
	stop()
	return code
}

// run executes the CLI and maps its error to an exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := newApp(stdin, stdout, stderr)
	err := app.RunContext(ctx, permuteArgs(app, args))
	if err == nil {
		return exitOK
	}
	var quiet silentExit
	if errors.As(err, &quiet) {
		return quiet.ExitCode() // already reported (the worker command)
	}
	if !errors.As(err, new(silentInput)) {
		fmt.Fprintln(stderr, "featurize:", message(err))
	}
	return exitCode(ctx, err)
}

// silentInput is bad input already reported line by line.
type silentInput struct{ error }

func (s silentInput) Unwrap() error { return s.error }

// silentExit ends the program with a code and no further message.
type silentExit int

func (e silentExit) Error() string { return fmt.Sprintf("exit %d", int(e)) }
func (e silentExit) ExitCode() int { return int(e) }

func exitCode(ctx context.Context, err error) int {
	switch {
	case errors.Is(err, pipeline.ErrInterrupted), ctx.Err() != nil:
		return exitInterrupted
	case errors.Is(err, pipeline.ErrUsage):
		return exitUsage
	case errors.Is(err, pipeline.ErrInput):
		return exitBadInput
	}
	return exitError
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *urfave.App {
	app := &urfave.App{
		Name:      "featurize",
		Usage:     "turn numbered numeric files into NumPy feature arrays, in parallel",
		Version:   versionString(),
		Reader:    stdin,
		Writer:    stdout,
		ErrWriter: stderr,
		// Exit codes are chosen in run, after deferred cleanup.
		ExitErrHandler: func(*urfave.Context, error) {},
		OnUsageError: func(_ *urfave.Context, err error, _ bool) error {
			return fmt.Errorf("%w: %w", pipeline.ErrUsage, err)
		},
		Commands: []*urfave.Command{
			runCommand(),
			mergeCommand(),
			splitCommand(),
			inspectCommand(),
			genCommand(),
			featuresCommand(),
			workerCommand(),
		},
	}
	for _, c := range app.Commands {
		if c.OnUsageError == nil {
			c.OnUsageError = app.OnUsageError
		}
	}
	return app
}

// workerCommand is the hidden worker command: started by the process
// engine, the program serves in Main (pipeline.ServeWorkers) before any
// command runs, so a worker command that runs was started by hand.
func workerCommand() *urfave.Command {
	return &urfave.Command{
		Name:   "worker",
		Hidden: true,
		Usage:  "internal: a process-engine worker (started by run)",
		Action: func(c *urfave.Context) error {
			fmt.Fprintln(c.App.ErrWriter, "featurize worker:", pipeline.ErrNotStartedByRun)
			return silentExit(exitUsage)
		},
	}
}

// versionString is the version and, from the build's VCS stamp, the
// commit (marked +dirty for a build from changed files) and its date.
func versionString() string {
	v := pipeline.Version
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	var rev, at string
	dirty := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return v + " (" + info.GoVersion + " " + runtime.GOOS + "/" + runtime.GOARCH + ")"
	}
	rev = rev[:min(len(rev), 12)]
	if dirty {
		rev += "+dirty"
	}
	return fmt.Sprintf("%s (commit %s, %s; %s %s/%s)", v, rev, at, info.GoVersion, runtime.GOOS, runtime.GOARCH)
}
