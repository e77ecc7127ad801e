// Package cli is featurize's command line and nothing else: the commands
// (run, merge, split, inspect, features, gen), their flags and the
// environment variables that also set them, the exit codes, the progress
// bar, run's dry run, finding a Slurm array task's or Kubernetes Indexed
// Job's shard, and inspect's and features' tables. The work is pipeline's; cli turns flags into a
// pipeline.Config, renders pipeline's errors with flag names, and maps
// them to exit codes:
//
//	0    success
//	1    internal or I/O error (a worker that kept dying, a full disk, a busy output folder)
//	2    usage error (a bad flag or value)
//	3    bad input (a missing, empty or malformed file); file:line:col
//	130  interrupted (Ctrl-C, SIGTERM)
//
// A program with features of its own registers them and calls Main (see
// examples/custom-feature); Main serves the process engine's workers
// first, so the workers, which are that program started again, have the
// same features.
package cli
