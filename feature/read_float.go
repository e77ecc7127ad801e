package feature

import (
	"fmt"

	"github.com/featurize/featurize/internal/numparse"
)

// ParseFloat reads a number as Python's float() does (see package
// numparse), after trimming ASCII blanks. On failure it returns an error
// wrapping ErrSyntax.
func ParseFloat(b []byte) (float64, error) {
	f, err := numparse.ParseFloat(b)
	if err != nil {
		return 0, fmt.Errorf("%w %s", ErrSyntax, formatField(b))
	}
	return f, nil
}
