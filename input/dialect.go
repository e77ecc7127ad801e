package input

import (
	"errors"
	"fmt"
)

// ErrDialect: a Dialect that cannot be read by.
var ErrDialect = errors.New("input: bad dialect")

// Dialect changes how every CSV or text file is read, whatever its
// extension: the delimiter, the decimal mark and the comment character
// (the command line's --delimiter, --decimal and --comment). The zero
// Dialect changes nothing.
type Dialect struct {
	// Delimiter: "" keeps each format's; one byte such as ",", "\t", ";"
	// or "|" (fields may then be quoted, as in CSV); "whitespace" for
	// fields split by runs of blanks.
	Delimiter string `json:"delimiter,omitempty"`
	// Decimal: "" or "." for 1.5; "," for 1,5.
	Decimal string `json:"decimal,omitempty"`
	// Comment: "" keeps each format's ('#'); one byte; "none" for no
	// comments.
	Comment string `json:"comment,omitempty"`
}

// Check reports a Dialect that cannot be read by: a delimiter, decimal
// mark or comment character that is not one byte, or that could be part
// of a number or clashes with another.
func (d Dialect) Check() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrDialect}, args...)...)
	}
	oneByte := func(what, s string) error {
		if len(s) != 1 {
			return bad("%s %q: want one character", what, s)
		}
		if c := s[0]; c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '+' || c == '-' || c == '\n' || c == '\r' || c == '"' || c >= 0x80 {
			return bad("%s %q can be part of a number, a quoted field or a line end", what, s)
		}
		return nil
	}
	if d.Delimiter != "" && d.Delimiter != "whitespace" {
		if err := oneByte("delimiter", d.Delimiter); err != nil {
			return err
		}
		if d.Delimiter == "." {
			return bad(`delimiter ".": it is the decimal mark`)
		}
	}
	switch d.Decimal {
	case "", ".":
	case ",":
		if d.Delimiter == "" || d.Delimiter == "," {
			return bad(`decimal ",": give a --delimiter other than "," (";" or "\t")`)
		}
	default:
		return bad(`decimal %q: want "." or ","`, d.Decimal)
	}
	if d.Comment != "" && d.Comment != "none" {
		if err := oneByte("comment", d.Comment); err != nil {
			return err
		}
		if d.Comment == d.Delimiter || d.Comment == d.Decimal || d.Comment == "." {
			return bad("comment %q is also the delimiter or decimal mark", d.Comment)
		}
	}
	return nil
}

// apply returns f read in d.
func (d Dialect) apply(f Delimited) Delimited {
	switch d.Delimiter {
	case "":
	case "whitespace":
		f.Sep, f.Quote = 0, false
	default:
		f.Sep, f.Quote = d.Delimiter[0], true
	}
	if d.Decimal == "," {
		f.Decimal = ','
	}
	switch d.Comment {
	case "":
	case "none":
		f.Comment = 0
	default:
		f.Comment = d.Comment[0]
	}
	return f
}
