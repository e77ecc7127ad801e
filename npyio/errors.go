package npyio

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
)

// Sentinel errors. Errors returned by this package wrap one of these (or
// io.ErrUnexpectedEOF for a short body, or an *os.PathError from the file
// system); test for them with errors.Is.
var (
	// ErrBadMagic: the file does not start with "\x93NUMPY".
	ErrBadMagic = errors.New("npyio: bad magic string")
	// ErrBadVersion: the format version is not 1.0, 2.0 or 3.0.
	ErrBadVersion = errors.New("npyio: unsupported format version")
	// ErrHeaderTooLong: the header is longer than MaxHeaderLen.
	ErrHeaderTooLong = errors.New("npyio: header too long")
	// ErrBadHeader: the header is not a Python dict literal with exactly
	// the keys 'descr', 'fortran_order' and 'shape' of the right types.
	ErrBadHeader = errors.New("npyio: bad header")
	// ErrUnknownDType: the descr is not a numeric dtype this package reads.
	ErrUnknownDType = errors.New("npyio: unknown dtype")
	// ErrBadShape: the shape is not a tuple of non-negative ints, or parts
	// of a concatenation have incompatible shapes.
	ErrBadShape = errors.New("npyio: bad shape")
	// ErrTooLarge: the element count or the byte size overflows.
	ErrTooLarge = errors.New("npyio: array too large")
	// ErrTrailingData: bytes follow the last element.
	ErrTrailingData = errors.New("npyio: trailing data after array")
	// ErrBadData: a value that its dtype cannot hold (a bool byte other
	// than 0 or 1).
	ErrBadData = errors.New("npyio: bad data")
	// ErrMismatch: parts of a concatenation differ in dtype or order.
	ErrMismatch = errors.New("npyio: parts do not match")
	// ErrComplex: a complex array where real values are required.
	ErrComplex = errors.New("npyio: complex values")
	// ErrNotInteger: a float64 value written to an Int64 Writer is not an
	// integer in the int64 range.
	ErrNotInteger = errors.New("npyio: value is not an int64")
	// ErrClosed: use of a closed Writer.
	ErrClosed = errors.New("npyio: writer closed")
	// ErrFieldCount: a text row has a different number of values than the
	// first row.
	ErrFieldCount = errors.New("npyio: wrong number of values")
	// ErrBadNumber: a text field is not a number.
	ErrBadNumber = errors.New("npyio: bad number")
)

// FormatError reports a problem in a .npy file: which file, the byte offset
// at which the problem was found, and the cause (one of the sentinel errors
// above, or io.ErrUnexpectedEOF). It is printed as
//
//	npyio: FILE: CAUSE: DETAIL (offset N)
type FormatError struct {
	File   string // path or name; empty if unknown
	Offset int64  // byte offset in the file; -1 if the problem has no position
	Err    error  // cause
	Detail string // what exactly is wrong, may be empty
}

func (e *FormatError) Error() string {
	var b strings.Builder
	b.WriteString("npyio: ")
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteString(": ")
	}
	b.WriteString(strings.TrimPrefix(e.Err.Error(), "npyio: "))
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	if e.Offset >= 0 {
		fmt.Fprintf(&b, " (offset %d)", e.Offset)
	}
	return b.String()
}

func (e *FormatError) Unwrap() error { return e.Err }

func formatErr(off int64, err error, format string, args ...any) *FormatError {
	return &FormatError{Offset: off, Err: err, Detail: fmt.Sprintf(format, args...)}
}

// withFile sets the file name of a *FormatError (in place); any other error
// that does not already name a path is wrapped with the name.
func withFile(name string, err error) error {
	if err == nil {
		return nil
	}
	var fe *FormatError
	if errors.As(err, &fe) {
		if fe.File == "" {
			fe.File = name
		}
		return err
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return err
	}
	return fmt.Errorf("npyio: %s: %w", name, err)
}

// ParseError is a positioned error in text read by ReadText, printed as
//
//	FILE:LINE:COL: CAUSE: DETAIL
//
// Line and Column are 1-based; Column counts bytes.
type ParseError struct {
	File   string
	Line   int
	Column int
	Err    error // ErrBadNumber, ErrFieldCount or a read error
	Detail string
}

func (e *ParseError) Error() string {
	msg := strings.TrimPrefix(e.Err.Error(), "npyio: ")
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, msg)
}

func (e *ParseError) Unwrap() error { return e.Err }
