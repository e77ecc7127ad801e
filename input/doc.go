// Package input reads series from storage into named columns: CSV,
// whitespace-separated text and .npy files (Reader, ReadTable).
//
// A Reader reads one file at a time into a column-major Table, reusing its
// buffers, so that reading a file of a size it has seen allocates only to
// open it. The format follows the file's extension; Header says whether a
// CSV or text file's first row names the columns. Numbers are read exactly
// as Python's float() reads them (package internal/numparse).
//
// Every problem in the input is an error, a *ParseError naming
// file:line:col where it has a position, wrapping one of the package's
// sentinel errors (ErrEmptyFile, ErrFieldCount, ErrSyntax, ErrQuote,
// ErrShape, ErrDType, ErrDuplicateColumn, ErrNotText); nothing read from a
// file makes the package panic. A Reader is not safe for concurrent use:
// give each worker its own.
package input
