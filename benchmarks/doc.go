// Package benchmarks runs featurize and the Python recipe it replaces side
// by side on the same data and cores, and reports medians and ratios
// (go run ./benchmarks/cmd/bench; the results and the other measurements
// are in README.md).
//
// Every case is a separate process timed by wall clock, run in alternating
// rounds so that a noisy neighbour slows every case alike. The Python
// recipe (python/recipe.py, embedded) runs with Debian's numpy and pandas
// and BLAS threads pinned to 1.
package benchmarks
