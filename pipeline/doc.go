// Package pipeline runs featurize's job: plan the chunks of file indices,
// compute each chunk's part files on a pool of workers, merge the parts in
// order into the final arrays, and write the manifest.
//
// The path of the data:
//
//	Plan     find files 1..N, split.ArraySplit into chunks, resolve columns
//	Pool     process (re-exec'd workers), thread (goroutines) or serial engine
//	Worker   per file: read -> windows -> features -> rows appended to part files
//	         (a record with the parts' CRC-32C; fsynced only for shards)
//	Merge    parts appended in chunk order to temp files, headers patched,
//	         fsync, rename into place; memory stays flat
//	Manifest names, shapes, dtypes, per-file row ranges, options, timings
//
// All engines run the same computer.run function, so their outputs are
// byte-identical whatever the chunk and worker counts.
//
// Everything derived from input (files, flags, worker messages) returns an
// error; bad input files give *input.ParseError values naming
// file:line:col. Final outputs appear only by rename after a complete run.
package pipeline
