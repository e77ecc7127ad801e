package cli

import (
	"strconv"
	"strings"

	urfave "github.com/urfave/cli/v2"
)

// permuteArgs moves a command's positional arguments after its flags, so
// `featurize run DIR --window 256` works like GNU tools do; urfave/cli v2
// stops parsing flags at the first positional argument.
func permuteArgs(app *urfave.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	var cmd *urfave.Command
	at := 1
	for ; at < len(args); at++ {
		if !strings.HasPrefix(args[at], "-") {
			cmd = app.Command(args[at])
			break
		}
	}
	if cmd == nil {
		return args
	}
	valued := map[string]bool{}
	for _, f := range cmd.Flags {
		_, isBool := f.(*urfave.BoolFlag)
		for _, name := range f.Names() {
			valued[name] = !isBool
		}
	}
	out := append([]string(nil), args[:at+1]...)
	var positional []string
	rest := args[at+1:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		switch {
		case a == "--":
			positional = append(positional, rest[i+1:]...)
			i = len(rest)
		case strings.HasPrefix(a, "-") && a != "-" && !isNumber(a):
			out = append(out, a)
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") && valued[name] && i+1 < len(rest) {
				i++
				out = append(out, rest[i])
			}
		default:
			positional = append(positional, a)
		}
	}
	if len(positional) > 0 {
		out = append(out, "--")
		out = append(out, positional...)
	}
	return out
}

// isNumber reports whether a is a number, such as -1: an argument, not a
// flag (featurize has no flags named by digits).
func isNumber(a string) bool {
	_, err := strconv.ParseFloat(a, 64)
	return err == nil
}
