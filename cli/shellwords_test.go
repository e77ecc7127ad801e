package cli

import (
	"slices"
	"testing"
)

func TestShellWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
		err  bool
	}{
		{"python3 feats.py", []string{"python3", "feats.py"}, false},
		{"  python3   -u 'my feats.py' --x=\"a b\"  ", []string{"python3", "-u", "my feats.py", "--x=a b"}, false},
		{`a\ b "c\"d" 'e\f' "g\h"`, []string{"a b", `c"d`, `e\f`, `g\h`}, false},
		{`''`, []string{""}, false},
		{"", nil, false},
		{"'open", nil, true},
		{`"open`, nil, true},
		{`end\`, nil, true},
	} {
		got, err := shellWords(tc.in)
		if (err != nil) != tc.err || !slices.Equal(got, tc.want) {
			t.Errorf("shellWords(%q) = %q, %v; want %q (error %v)", tc.in, got, err, tc.want, tc.err)
		}
	}
}
