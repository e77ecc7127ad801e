// Package numparse reads decimal numbers from bytes exactly as Python's
// float() does (and so as np.loadtxt and pandas' round-trip parser do),
// without allocating: Clinger's fast path, Eisel-Lemire for up to 19
// significant digits, strconv.ParseFloat for the rest.
//
// It is shared by the CSV/text readers of package input and the text
// reader of package npyio. Nothing in it panics on any input.
package numparse
