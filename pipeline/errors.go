package pipeline

import (
	"errors"
	"fmt"
	"regexp"
	"syscall"
)

// Sentinel errors. ErrUsage marks a bad Config (or option), ErrInput bad
// input data; ErrInterrupted means the run was cancelled.
var (
	ErrUsage         = errors.New("usage")
	ErrInput         = errors.New("bad input")
	ErrInterrupted   = errors.New("interrupted")
	ErrMissingFile   = errors.New("pipeline: missing input file")
	ErrUnknownColumn = errors.New("pipeline: unknown column")
	ErrMissingLabel  = errors.New("pipeline: no label for file")
	ErrNoFiles       = errors.New("pipeline: no input files")
	ErrWorker        = errors.New("pipeline: worker failed")
	ErrNoSpace       = errors.New("pipeline: out of space for the outputs (disk full or file size limit)")
)

// OptionError is an error whose message names Config fields. Error names
// them as Config does ("Window"); Format lets a caller use its own names
// (the command line: "--window").
type OptionError struct {
	text  string // the message, fields written {{Field}}
	err   error  // the errors it wraps
	class error  // ErrUsage or ErrInput
}

var optionToken = regexp.MustCompile(`\{\{([A-Z][A-Za-z]*)\}\}`)

func (e *OptionError) Error() string { return e.Format(nil) }

// Format returns the message with each Config field named by name(field)
// (nil: the field's own name).
func (e *OptionError) Format(name func(field string) string) string {
	return optionToken.ReplaceAllStringFunc(e.text, func(tok string) string {
		field := tok[2 : len(tok)-2]
		if name != nil {
			return name(field)
		}
		return field
	})
}

func (e *OptionError) Unwrap() []error {
	if e.err == nil {
		return []error{e.class}
	}
	return []error{e.err, e.class}
}

// optionErr is fmt.Errorf (with %w) for a message naming Config fields
// as {{Field}}.
func optionErr(class error, format string, args ...any) error {
	err := fmt.Errorf(format, args...)
	return &OptionError{text: err.Error(), err: err, class: class}
}

// usageErr reports a bad Config: errors.Is(err, ErrUsage).
func usageErr(format string, args ...any) error { return optionErr(ErrUsage, format, args...) }

// inputErr reports bad input: errors.Is(err, ErrInput).
func inputErr(format string, args ...any) error { return optionErr(ErrInput, format, args...) }

// Input marks err as caused by bad input (errors.Is(err, ErrInput))
// without changing its message.
func asInput(err error) error { return &classified{err: err, class: ErrInput} }

// Inputf is fmt.Errorf for bad input.
func inputf(format string, args ...any) error { return asInput(fmt.Errorf(format, args...)) }

type classified struct{ err, class error }

func (c *classified) Error() string   { return c.err.Error() }
func (c *classified) Unwrap() []error { return []error{c.err, c.class} }

// explainNoSpace marks a write that failed for want of space, so the user
// reads why and not only which file.
func explainNoSpace(err error) error {
	if err != nil && !errors.Is(err, ErrNoSpace) && (errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EFBIG) || errors.Is(err, syscall.EDQUOT)) {
		return fmt.Errorf("%w: %w", ErrNoSpace, err)
	}
	return err
}
