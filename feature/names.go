package feature

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// formatName writes a feature's name as tsfresh does: the calculator's
// name, then "__{key}_{value}" for each parameter, keys sorted.
func formatName(c *Calculator, vals Values) string {
	if len(c.Params) == 0 {
		return c.Name
	}
	keys := make([]string, 0, len(c.Params))
	for _, p := range c.Params {
		keys = append(keys, p.Name)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(c.Name)
	for _, k := range keys {
		b.WriteString("__")
		b.WriteString(k)
		b.WriteByte('_')
		b.WriteString(FormatValue(vals[k]))
	}
	return b.String()
}

// FormatValue writes a parameter value as tsfresh's names do: Python's
// str() of it, strings in double quotes.
func FormatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case string:
		return `"` + x + `"`
	case bool:
		if x {
			return "True"
		}
		return "False"
	case int:
		return strconv.Itoa(x)
	case float64:
		return PyFloat(x)
	case []int:
		parts := make([]string, len(x))
		for i, n := range x {
			parts[i] = strconv.Itoa(n)
		}
		if len(x) == 1 {
			return "(" + parts[0] + ",)"
		}
		return "(" + strings.Join(parts, ", ") + ")"
	}
	return fmt.Sprint(v)
}

// PyFloat formats v as Python's repr(v): the shortest digits that read
// back as v, positional with at least one fractional digit when the
// decimal exponent is in [-4, 16), else d.ddde±XX.
func PyFloat(v float64) string {
	switch {
	case math.IsNaN(v):
		return "nan"
	case math.IsInf(v, 1):
		return "inf"
	case math.IsInf(v, -1):
		return "-inf"
	}
	s := strconv.FormatFloat(v, 'e', -1, 64) // [-]d[.ddd]e±XX
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	mant, expText, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(expText)
	digits := strings.Replace(mant, ".", "", 1)
	var out string
	if exp >= -4 && exp < 16 {
		switch {
		case exp < 0:
			out = "0." + strings.Repeat("0", -exp-1) + digits
		case exp+1 >= len(digits):
			out = digits + strings.Repeat("0", exp+1-len(digits)) + ".0"
		default:
			out = digits[:exp+1] + "." + digits[exp+1:]
		}
	} else {
		m := digits[:1]
		if len(digits) > 1 {
			m += "." + digits[1:]
		}
		sign := "+"
		if exp < 0 {
			sign, exp = "-", -exp
		}
		out = fmt.Sprintf("%se%s%02d", m, sign, exp)
	}
	if neg {
		out = "-" + out
	}
	return out
}

// Parse makes the feature a name describes, as Feature.Name writes it
// ("quantile__q_0.9", `fft_coefficient__attr_"abs"__coeff_3`): a list of
// column names selected elsewhere can be pasted back. Parameters may come
// in any order; ones left out take their defaults.
func Parse(name string) (Feature, error) {
	name = strings.TrimSpace(name)
	calcName, rest, _ := strings.Cut(name, "__")
	c, ok := Lookup(calcName)
	if !ok {
		return Feature{}, unknown(calcName)
	}
	vals := Values{}
	for rest != "" {
		var part string
		part, rest = cutParam(rest)
		p, text, ok := matchParam(c, part)
		if !ok {
			return Feature{}, fmt.Errorf("%w: %q: %s has no parameter in %q (%s)", ErrBadParam, name, c.Name, part, paramList(c))
		}
		if _, dup := vals[p.Name]; dup {
			return Feature{}, fmt.Errorf("%w: %q gives %s twice", ErrBadParam, name, p.Name)
		}
		v, err := parseValue(p, text)
		if err != nil {
			return Feature{}, fmt.Errorf("%w: %q: %s: %w", ErrBadParam, name, p.Name, err)
		}
		vals[p.Name] = v
	}
	return bind(c, vals)
}

// cutParam cuts the first "key_value" of a name's parameters at the next
// "__" outside quotes and parentheses.
func cutParam(s string) (part, rest string) {
	depth, quoted := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '(':
			depth++
		case c == ')':
			depth--
		case depth == 0 && c == '_' && i+1 < len(s) && s[i+1] == '_':
			return s[:i], s[i+2:]
		}
	}
	return s, ""
}

// matchParam finds the parameter a "key_value" part sets: the longest
// parameter name that prefixes it with "_".
func matchParam(c *Calculator, part string) (Param, string, bool) {
	best := -1
	for i, p := range c.Params {
		if strings.HasPrefix(part, p.Name+"_") && (best < 0 || len(p.Name) > len(c.Params[best].Name)) {
			best = i
		}
	}
	if best < 0 {
		return Param{}, "", false
	}
	return c.Params[best], part[len(c.Params[best].Name)+1:], true
}

// parseValue reads a parameter value as FormatValue writes it.
func parseValue(p Param, text string) (any, error) {
	if text == "None" {
		return nil, nil
	}
	switch p.Kind {
	case String:
		if len(text) < 2 || text[0] != '"' || text[len(text)-1] != '"' || strings.Contains(text[1:len(text)-1], `"`) {
			return nil, fmt.Errorf("%s: want a string in double quotes, without quotes inside", text)
		}
		return text[1 : len(text)-1], nil
	case Bool:
		switch text {
		case "True":
			return true, nil
		case "False":
			return false, nil
		}
		return nil, fmt.Errorf("%s: want True or False", text)
	case Int:
		n, err := strconv.Atoi(text)
		if err != nil {
			return nil, fmt.Errorf("%s: want an int", text)
		}
		return n, nil
	case Float:
		if n, err := strconv.Atoi(text); err == nil {
			return n, nil // an int stays one, as in tsfresh's names
		}
		f, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return nil, fmt.Errorf("%s: want a number", text)
		}
		return f, nil
	case IntList:
		inner, open := strings.CutPrefix(text, "(")
		inner, closed := strings.CutSuffix(inner, ")")
		if !open || !closed {
			return nil, fmt.Errorf("%s: want a tuple of ints such as (2, 5)", text)
		}
		var ints []int
		for _, f := range strings.Split(inner, ",") {
			if f = strings.TrimSpace(f); f == "" {
				continue
			}
			n, err := strconv.Atoi(f)
			if err != nil {
				return nil, fmt.Errorf("%s: %q is not an int", text, f)
			}
			ints = append(ints, n)
		}
		return ints, nil
	}
	return nil, fmt.Errorf("unknown kind %v", p.Kind)
}

// Expand turns a list of feature names and preset names into features, in
// order. A feature named twice is an ErrDuplicateFeature; an empty list
// ErrNoFeatures.
func Expand(specs []string) ([]Feature, error) {
	var out []Feature
	seen := map[string]bool{}
	for _, s := range specs {
		s = strings.TrimSpace(s)
		var fs []Feature
		if p, ok := presetSpecs(s); ok {
			var err error
			if fs, err = Expand(p); err != nil {
				return nil, fmt.Errorf("preset %s: %w", s, err)
			}
		} else {
			f, err := Parse(s)
			if err != nil {
				return nil, err
			}
			fs = []Feature{f}
		}
		for _, f := range fs {
			if seen[f.name] {
				return nil, fmt.Errorf("%w %q", ErrDuplicateFeature, f.name)
			}
			seen[f.name] = true
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return nil, ErrNoFeatures
	}
	return out, nil
}

func presetSpecs(name string) ([]string, bool) {
	registry.RLock()
	p, ok := registry.presets[name]
	registry.RUnlock()
	if !ok {
		return nil, false
	}
	return slices.Clone(p.features()), true
}

// SplitList splits a comma-separated list of feature names, leaving the
// commas inside parentheses and quotes ("widths_(2, 5, 10, 20)") alone.
func SplitList(s string) []string {
	var out []string
	depth, quoted, start := 0, false, 0
	flush := func(end int) {
		if f := strings.TrimSpace(s[start:end]); f != "" {
			out = append(out, f)
		}
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == ',' && depth == 0:
			flush(i)
			start = i + 1
		}
	}
	flush(len(s))
	return out
}
