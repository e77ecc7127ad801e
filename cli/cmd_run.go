package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	urfave "github.com/urfave/cli/v2"

	"github.com/featurize/featurize/feature"
	"github.com/featurize/featurize/input"
	"github.com/featurize/featurize/npyio"
	"github.com/featurize/featurize/pipeline"
)

// env names the environment variable that also sets a flag.
func env(flag string) []string {
	return []string{"FEATURIZE_" + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))}
}

// runFlags are the run command's flags.
func runFlags() []urfave.Flag {
	return []urfave.Flag{
		&urfave.StringFlag{Name: "pattern", Value: "{}.csv", Usage: "file name with the index as Python formats it: {}.csv, {:03d}.csv, subj{:02d}/acc.csv", EnvVars: env("pattern")},
		&urfave.BoolFlag{Name: "dry-run", Usage: "print the plan (inputs, chunks, workers, features, output shapes and sizes, the warnings and failures a run would give) without computing or writing anything", EnvVars: env("dry-run")},
		&urfave.StringFlag{Name: "glob", Usage: "instead of numbered files, every file under INPUT_DIR that matches ('*.csv', '**/*.csv.gz'), in natural order (2 before 10); a file's index is its position", EnvVars: env("glob")},
		&urfave.StringFlag{Name: "files", Usage: "instead of numbered files, the files listed in this file, a path a line (relative to INPUT_DIR); a file's index is its line's position", EnvVars: env("files")},
		&urfave.IntFlag{Name: "n", Usage: "indices 1..N", DefaultText: "1, 2, 3, ... while the file exists", EnvVars: env("n")},
		&urfave.IntFlag{Name: "window", Usage: "rows per window", DefaultText: "0: the whole file is one window", EnvVars: env("window")},
		&urfave.IntFlag{Name: "stride", Usage: "rows between window starts", DefaultText: "--window", EnvVars: env("stride")},
		&urfave.StringFlag{Name: "id-column", Usage: "INPUT is one table in tsfresh's long format: this column's value names each row's series (as extract_features' column_id)", EnvVars: env("id-column")},
		&urfave.StringFlag{Name: "sort-column", Usage: "with --id-column: order each series' rows by this column (column_sort)", EnvVars: env("sort-column")},
		&urfave.StringFlag{Name: "kind-column", Usage: "with --id-column, the stacked format: this column names the series' column a row's value belongs to (column_kind)", EnvVars: env("kind-column")},
		&urfave.StringFlag{Name: "value-column", Usage: "with --kind-column: the column of the values (column_value)", EnvVars: env("value-column")},
		&urfave.StringFlag{Name: "columns", Usage: "feature columns, comma-separated (default: every column but the target column)", EnvVars: env("columns")},
		&urfave.StringFlag{Name: "features", Usage: "features and presets, comma-separated, named as tsfresh names them (quantile__q_0.9); featurize features lists them", DefaultText: "default: " + defaultFeatureList(), EnvVars: env("features")},
		&urfave.StringFlag{Name: "worker-cmd", Usage: "a worker command of yours that computes features of whole files (see README: external workers), e.g. 'python3 feats.py'; its features follow the built-in ones", EnvVars: env("worker-cmd")},
		&urfave.StringFlag{Name: "features-file", Usage: "a JSON file of features: a list of names, or tsfresh's {calculator: null or [parameters, ...]}; added after --features", EnvVars: env("features-file")},
		&urfave.StringFlag{Name: "target-column", Usage: "target = this column at the window's last row + horizon", EnvVars: env("target-column")},
		&urfave.IntFlag{Name: "horizon", Value: 0, Usage: "rows past the window's last row for --target-column", EnvVars: env("horizon")},
		&urfave.StringFlag{Name: "labels", Usage: "CSV of index,label: every window of file i gets label[i]", EnvVars: env("labels")},
		&urfave.StringFlag{Name: "index-column", Usage: "the index column of a --labels file with a header", DefaultText: "index", EnvVars: env("index-column")},
		&urfave.StringFlag{Name: "label-column", Usage: "the label column of a --labels file with a header", DefaultText: "label", EnvVars: env("label-column")},
		&urfave.StringFlag{Name: "delimiter", Usage: "the delimiter of every CSV or text file: a character (',', ';', '|', '\\t' or tab), or whitespace for runs of blanks", DefaultText: "by format: ',' for CSV, whitespace for text", EnvVars: env("delimiter")},
		&urfave.StringFlag{Name: "decimal", Usage: "the decimal mark: '.' or ',' (1,5; give a --delimiter such as ';')", DefaultText: ".", EnvVars: env("decimal")},
		&urfave.StringFlag{Name: "comment", Usage: "the character that starts a comment; '' for none", DefaultText: "#", EnvVars: env("comment")},
		&urfave.StringFlag{Name: "input-format", Usage: "csv, text or npy for every input file", DefaultText: "by each file's extension: .csv, .npy, else text", EnvVars: env("input-format")},
		&urfave.StringFlag{Name: "header", Value: "auto", Usage: "is the first row of a CSV or text file a header: auto (for CSV, iff a field is not a number; text files have none), yes or no", EnvVars: env("header")},
		&urfave.BoolFlag{Name: "allow-target-feature", Usage: "let --columns include --target-column (its features then see the target)", EnvVars: env("allow-target-feature")},
		&urfave.IntFlag{Name: "chunks", Usage: "np.array_split the indices into K chunks", DefaultText: fmt.Sprintf("%d per worker, at most N; measured in benchmarks/README.md", pipeline.ChunksPerWorker), EnvVars: env("chunks")},
		&urfave.IntFlag{Name: "workers", Value: runtime.NumCPU(), Usage: "concurrent workers", DefaultText: "number of CPUs", EnvVars: env("workers")},
		&urfave.StringFlag{Name: "engine", Value: "process", Usage: "process, thread or serial", EnvVars: env("engine")},
		&urfave.StringFlag{Name: "format", Value: "npy", Usage: "npy, or txt (np.savetxt's default format)", EnvVars: env("format")},
		&urfave.StringFlag{Name: "dtype", Value: "float64", Usage: "feature dtype: float64 or float32", EnvVars: env("dtype")},
		&urfave.StringFlag{Name: "out", Aliases: []string{"o"}, Value: "out", Usage: "output directory", EnvVars: env("out")},
		&urfave.BoolFlag{Name: "quiet", Usage: "no progress output (as --progress none)", EnvVars: env("quiet")},
		progressFlag(),
		&urfave.IntFlag{Name: "retries", Value: 2, Usage: "times a chunk is retried on a fresh worker after the worker died", EnvVars: env("retries")},
		&urfave.DurationFlag{Name: "task-timeout", Usage: "kill a worker whose chunk takes longer", DefaultText: "no limit", EnvVars: env("task-timeout")},
		&urfave.BoolFlag{Name: "resume", Usage: "reuse the complete part files of an earlier, interrupted run with the same options", EnvVars: env("resume")},
		&urfave.BoolFlag{Name: "skip-bad", Usage: "leave out unreadable input files (listed in the manifest) instead of failing", EnvVars: env("skip-bad")},
		&urfave.StringFlag{Name: "shard", Usage: "compute only shard `I/N` (chunk c goes to shard c mod N) into OUT/" + pipeline.PartsDirName + "; when every shard is done, run: featurize merge OUT", DefaultText: "from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX when set, else the whole run", EnvVars: env("shard")},
		&urfave.IntFlag{Name: "shards", Usage: "shard count for a Kubernetes Indexed Job (with JOB_COMPLETION_INDEX)", EnvVars: env("shards")},
		&urfave.StringFlag{Name: "cpuprofile", Usage: "write a CPU profile (go tool pprof) of this process to FILE and of each worker process to FILE.worker-PID"},
		&urfave.BoolFlag{Name: "keep-parts", Usage: "keep the per-chunk part files in OUT/" + pipeline.PartsDirName + " after a successful run", EnvVars: env("keep-parts")},
		noLockFlag(),
	}
}

// noLockFlag turns off the output folder's lock, for file systems that
// have none.
func noLockFlag() urfave.Flag {
	return &urfave.BoolFlag{Name: "no-lock", Usage: "do not lock the output folder (for file systems without locks; then make sure no other run uses it)", EnvVars: env("no-lock")}
}

func runCommand() *urfave.Command {
	return &urfave.Command{
		Name:      "run",
		Usage:     "compute feature.npy, target.npy, groups.npy and manifest.json from files 1..N",
		ArgsUsage: "[INPUT_DIR]",
		Flags:     runFlags(),
		Action: func(c *urfave.Context) error {
			cfg, err := runConfig(c)
			if err != nil {
				return err
			}
			if path := c.String("cpuprofile"); path != "" {
				stop, err := startCPUProfile(path)
				if err != nil {
					return err
				}
				defer stop()
				cfg.WorkerEnv = append(cfg.WorkerEnv, "FEATURIZE_WORKER_CPUPROFILE="+path)
			}
			if c.Bool("dry-run") {
				if cfg.Workers == 0 {
					cfg.Workers = runtime.NumCPU()
				}
				return runDryRun(c.Context, cfg, c.App.Writer)
			}
			mode, err := progressMode(c)
			if err != nil {
				return err
			}
			return runRun(c.Context, cfg, mode, c.App.Writer, c.App.ErrWriter)
		},
	}
}

// startCPUProfile profiles this process into path until stop is called.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// runConfig decodes the run command's flags (and the environment: the
// shard of a Slurm array task or a Kubernetes Indexed Job).
func runConfig(c *urfave.Context) (pipeline.Config, error) {
	var cfg pipeline.Config
	if c.NArg() > 1 {
		return cfg, usagef("run takes one INPUT_DIR; have %d arguments", c.NArg())
	}
	dir := c.Args().First()
	if dir == "" {
		dir = "."
	}
	specs := feature.SplitList(c.String("features"))
	if path := c.String("features-file"); path != "" {
		more, err := readFeaturesFile(path)
		if err != nil {
			return cfg, err
		}
		specs = append(specs, more...)
	}
	var feats []feature.Feature
	switch {
	case len(specs) == 1 && specs[0] == "none":
		feats = []feature.Feature{} // the worker's features alone
	case len(specs) > 0:
		var err error
		if feats, err = feature.Expand(specs); err != nil {
			return cfg, usagef("--features: %w", err)
		}
	}
	var worker []string
	if line := c.String("worker-cmd"); line != "" {
		var err error
		if worker, err = shellWords(line); err != nil || len(worker) == 0 {
			return cfg, usagef("--worker-cmd: %v", err)
		}
	}
	engine, err := pipeline.ParseEngine(c.String("engine"))
	if err != nil {
		return cfg, err
	}
	format, err := pipeline.ParseFormat(c.String("format"))
	if err != nil {
		return cfg, err
	}
	dtype, err := npyio.ParseDType(c.String("dtype"))
	if err != nil || dtype == npyio.Int64 {
		return cfg, usagef("--dtype %q: want float64 or float32", c.String("dtype"))
	}
	header, err := input.ParseHeader(c.String("header"))
	if err != nil {
		return cfg, usagef("--header %q: want auto, yes or no", c.String("header"))
	}
	var inFormat input.Format
	if name := c.String("input-format"); name != "" {
		var ok bool
		if inFormat, ok = input.LookupFormat(name); !ok {
			return cfg, usagef("--input-format %q: want csv, text or npy", name)
		}
	}
	dialect := input.Dialect{Delimiter: c.String("delimiter"), Decimal: c.String("decimal"), Comment: c.String("comment")}
	switch dialect.Delimiter {
	case `\t`, "tab":
		dialect.Delimiter = "\t"
	case `\s+`:
		dialect.Delimiter = "whitespace"
	}
	if c.IsSet("comment") && dialect.Comment == "" {
		dialect.Comment = "none"
	}
	columns := splitList(c.String("columns"))
	long := input.Long{ID: c.String("id-column"), Sort: c.String("sort-column"), Kind: c.String("kind-column"), Value: c.String("value-column")}
	if long.ID == "" && (long.Sort != "" || long.Kind != "" || long.Value != "") {
		return cfg, usagef("--sort-column, --kind-column and --value-column go with --id-column")
	}
	if long.ID != "" && (inFormat == input.NPY || inFormat == nil && input.FormatFor(dir) == input.NPY) {
		long.Names, columns = columns, nil // a .npy table's columns are named by --columns
	}
	var files []string
	if list := c.String("files"); list != "" {
		if files, err = readFileList(list); err != nil {
			return cfg, fmt.Errorf("%w: --files: %w", pipeline.ErrInput, err)
		}
	}
	shard, err := resolveShard(c.String("shard"), c.Int("shards"), os.Getenv)
	if err != nil {
		return cfg, err
	}
	return pipeline.Config{
		InputDir:           dir,
		Pattern:            c.String("pattern"),
		Glob:               c.String("glob"),
		Files:              files,
		N:                  c.Int("n"),
		Header:             header,
		Dialect:            dialect,
		InputFormat:        inFormat,
		Window:             c.Int("window"),
		Stride:             c.Int("stride"),
		Columns:            columns,
		Long:               long,
		Features:           feats,
		ExternalCommand:    worker,
		TargetColumn:       c.String("target-column"),
		Horizon:            c.Int("horizon"),
		Labels:             c.String("labels"),
		IndexColumn:        c.String("index-column"),
		LabelColumn:        c.String("label-column"),
		AllowTargetFeature: c.Bool("allow-target-feature"),
		Engine:             engine,
		Workers:            c.Int("workers"),
		Chunks:             c.Int("chunks"),
		Retries:            c.Int("retries"),
		TaskTimeout:        c.Duration("task-timeout"),
		OutDir:             c.String("out"),
		Format:             format,
		DType:              dtype,
		Resume:             c.Bool("resume"),
		SkipBad:            c.Bool("skip-bad"),
		KeepParts:          c.Bool("keep-parts"),
		NoLock:             c.Bool("no-lock"),
		Shard:              shard,
		OptionName:         flagName,
	}, nil
}

// runRun runs the pipeline and prints the one-line summary on stdout.
func runRun(ctx context.Context, cfg pipeline.Config, mode string, stdout, stderr io.Writer) error {
	rep := newReporter(stderr, mode)
	cfg.Reporter = rep
	res, err := pipeline.Run(ctx, cfg)
	if err != nil {
		return err
	}
	if res.Shard != nil {
		fmt.Fprintf(stdout, "featurize: shard %s: %d rows from chunks %v in %s -> %s; when every shard is done: featurize merge %s\n",
			res.Shard.Shard, res.Rows, res.Shard.Chunks, time.Duration(res.Seconds*float64(time.Second)).Round(time.Millisecond),
			res.Spec.PartsDir, cfg.OutDir)
		return nil
	}
	printSummary(stdout, res)
	return nil
}

func mergeCommand() *urfave.Command {
	return &urfave.Command{
		Name:      "merge",
		Usage:     "assemble the part files of sharded runs (run --shard I/N) in DIR into the final outputs",
		ArgsUsage: "DIR",
		Flags: []urfave.Flag{
			&urfave.StringFlag{Name: "format", Usage: "npy or txt", DefaultText: "the shards' --format", EnvVars: env("format")},
			&urfave.BoolFlag{Name: "quiet", Usage: "no progress output (as --progress none)", EnvVars: env("quiet")},
			progressFlag(),
			noLockFlag(),
		},
		Action: func(c *urfave.Context) error {
			if c.NArg() != 1 {
				return usagef("merge needs one DIR; have %d arguments", c.NArg())
			}
			mode, err := progressMode(c)
			if err != nil {
				return err
			}
			mc := pipeline.MergeConfig{Dir: c.Args().First(), NoLock: c.Bool("no-lock"), Reporter: newReporter(c.App.ErrWriter, mode)}
			if f := c.String("format"); f != "" {
				format, err := pipeline.ParseFormat(f)
				if err != nil {
					return err
				}
				mc.Format = &format
			}
			res, err := pipeline.Merge(c.Context, mc)
			if err != nil {
				return err
			}
			printSummary(c.App.Writer, res)
			return nil
		},
	}
}

func printSummary(stdout io.Writer, res *pipeline.Result) {
	var names []string
	for _, p := range res.Outputs {
		names = append(names, filepath.Base(p))
	}
	feat := res.Manifest.Arrays["feature"]
	width := 0
	if len(feat.Shape) == 2 {
		width = feat.Shape[1]
	}
	from := fmt.Sprintf("%d files", res.Spec.N-res.Manifest.SkippedCount)
	if n := res.Manifest.SkippedCount; n > 0 {
		from += fmt.Sprintf(" (%d left out: --skip-bad)", n)
	}
	fmt.Fprintf(stdout, "featurize: %d rows x %d features from %s in %s -> %s/{%s}\n",
		res.Rows, width, from, time.Duration(res.Seconds*float64(time.Second)).Round(time.Millisecond),
		filepath.Dir(res.Outputs[0]), strings.Join(names, ","))
}

// readFileList reads a --files list: a path a line; blank lines and lines
// starting with # are left out.
func readFileList(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	files := []string{}
	for line := range strings.Lines(string(data)) {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			files = append(files, line)
		}
	}
	return files, nil
}

func progressFlag() urfave.Flag {
	return &urfave.StringFlag{Name: "progress", Value: progressAuto, Usage: "auto (a bar on a terminal, else none), bar (redrawn in place), plain (a line every 5 s, for logs) or none", EnvVars: env("progress")}
}

// progressMode is --progress, none with --quiet.
func progressMode(c *urfave.Context) (string, error) {
	if c.Bool("quiet") {
		return progressNone, nil
	}
	switch m := c.String("progress"); m {
	case progressAuto, progressBar, progressPlain, progressNone:
		return m, nil
	default:
		return "", usagef("--progress %q: want auto, bar, plain or none", m)
	}
}
