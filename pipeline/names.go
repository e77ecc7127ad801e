package pipeline

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// namePattern is a file name pattern with the index in it, as Python's
// str.format writes it: "{}.csv", "{:03d}.csv", "subj{:02d}/acc.csv";
// {{ and }} are literal braces.
type namePattern struct {
	lit    []string // the literal parts, one more than the fields
	fields []indexField
}

// indexField is one {} of a pattern: the index, padded to width with pad.
type indexField struct {
	width int
	pad   byte
}

// parsePattern parses a --pattern: literal text and at least one field
// {}, {:d}, {:Nd} (padded with spaces) or {:0Nd} (with zeros), the d
// optional; {0...} may name the index explicitly.
func parsePattern(p string) (*namePattern, error) {
	np := &namePattern{}
	var lit strings.Builder
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '{' && i+1 < len(p) && p[i+1] == '{', c == '}' && i+1 < len(p) && p[i+1] == '}':
			lit.WriteByte(c)
			i++
		case c == '}':
			return nil, fmt.Errorf("a single } at byte %d (}} is a literal one)", i+1)
		case c == '{':
			end := strings.IndexByte(p[i:], '}')
			if end < 0 {
				return nil, fmt.Errorf("a { at byte %d is not closed", i+1)
			}
			f, err := parseIndexField(p[i+1 : i+end])
			if err != nil {
				return nil, err
			}
			np.lit = append(np.lit, lit.String())
			lit.Reset()
			np.fields = append(np.fields, f)
			i += end
		default:
			lit.WriteByte(c)
		}
	}
	np.lit = append(np.lit, lit.String())
	if len(np.fields) == 0 {
		return nil, fmt.Errorf("no {} for the file index")
	}
	return np, nil
}

func parseIndexField(s string) (indexField, error) {
	bad := fmt.Errorf("{%s}: featurize reads {}, {:d}, {:Nd} and {:0Nd} (N a width)", s)
	name, spec, _ := strings.Cut(s, ":")
	if name != "" && name != "0" {
		return indexField{}, bad
	}
	spec = strings.TrimSuffix(spec, "d")
	f := indexField{pad: ' '}
	if strings.HasPrefix(spec, "0") && len(spec) > 1 {
		f.pad, spec = '0', spec[1:]
	}
	if spec != "" {
		w, err := strconv.Atoi(spec)
		if err != nil || w < 1 || w > 64 || spec[0] == '+' || spec[0] == '-' {
			return indexField{}, bad
		}
		f.width = w
	}
	return f, nil
}

// format returns the pattern with index i in every field.
func (p *namePattern) format(i int) string {
	var b strings.Builder
	digits := strconv.Itoa(i)
	for k, f := range p.fields {
		b.WriteString(p.lit[k])
		for range f.width - len(digits) {
			b.WriteByte(f.pad)
		}
		b.WriteString(digits)
	}
	b.WriteString(p.lit[len(p.lit)-1])
	return b.String()
}

// regexp matches what the pattern may name, the first field as its
// group; a match's index is confirmed by formatting it again.
func (p *namePattern) regexp() *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	for k := range p.fields {
		b.WriteString(regexp.QuoteMeta(p.lit[k]))
		if k == 0 {
			b.WriteString("( *[0-9]+)")
		} else {
			b.WriteString(" *[0-9]+")
		}
	}
	b.WriteString(regexp.QuoteMeta(p.lit[len(p.lit)-1]) + "$")
	return regexp.MustCompile(b.String())
}

// glob is the pattern with * for its fields, for filepath.Glob.
func (p *namePattern) glob() string {
	var b strings.Builder
	for k := range p.fields {
		b.WriteString(escapeGlob(p.lit[k]))
		b.WriteString("*")
	}
	b.WriteString(escapeGlob(p.lit[len(p.lit)-1]))
	return b.String()
}

// naturalCompare orders names as people count: digit runs by their
// value, so 2.csv comes before 10.csv; equal values by their text.
func naturalCompare(a, b string) int {
	if c := naturalOrder(a, b); c != 0 {
		return c
	}
	return strings.Compare(a, b) // s02 and s2: by text, for one order
}

func naturalOrder(a, b string) int {
	for a != "" && b != "" {
		da, db := digitRun(a), digitRun(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if c := len(na) - len(nb); c != 0 {
				return c
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return int(a[0]) - int(b[0])
		}
		a, b = a[1:], b[1:]
	}
	return len(a) - len(b)
}

func digitRun(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// globFiles returns the regular files under dir that pattern matches (a
// path relative to dir; * and ? do not cross /, ** matches any number of
// folders), relative to dir, in natural order.
func globFiles(dir, pattern string) ([]string, error) {
	if _, err := filepath.Match(pattern, ""); err != nil {
		return nil, fmt.Errorf("glob %q: %w", pattern, err)
	}
	re, err := globRegexp(filepath.ToSlash(pattern))
	if err != nil {
		return nil, err
	}
	depth := strings.Count(filepath.ToSlash(pattern), "/") // how deep a match can be, without **
	if strings.Contains(pattern, "**") {
		depth = -1
	}
	var out []string
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if d.IsDir() {
			if depth >= 0 && rel != "." && strings.Count(filepath.ToSlash(rel), "/") >= depth {
				return fs.SkipDir
			}
			return nil
		}
		if !re.MatchString(filepath.ToSlash(rel)) {
			return nil
		}
		if d.Type().IsRegular() {
			out = append(out, rel)
		} else if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() { // a symlink
			out = append(out, rel)
		}
		return nil
	})
	slices.SortFunc(out, naturalCompare)
	return out, err
}

// globRegexp translates a glob into a regexp over slash-separated paths.
func globRegexp(g string) (*regexp.Regexp, error) {
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(g); i++ {
		switch c := g[i]; c {
		case '*':
			if strings.HasPrefix(g[i:], "**/") {
				b.WriteString("(?:.*/)?")
				i += 2
			} else if strings.HasPrefix(g[i:], "**") {
				b.WriteString(".*")
				i++
			} else {
				b.WriteString("[^/]*")
			}
		case '?':
			b.WriteString("[^/]")
		case '[':
			end := strings.IndexByte(g[i+1:], ']')
			if end < 0 {
				return nil, fmt.Errorf("glob %q: unclosed [", g)
			}
			class := g[i+1 : i+1+end]
			if strings.HasPrefix(class, "^") || strings.HasPrefix(class, "!") {
				class = "^" + class[1:]
			}
			b.WriteString("[" + strings.ReplaceAll(class, `\`, `\\`) + "]")
			i += end + 1
		case '\\':
			if i+1 < len(g) {
				i++
				b.WriteString(regexp.QuoteMeta(g[i : i+1]))
			}
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	return regexp.Compile(b.String())
}

// listInputs sets spec.Files from cfg's Glob or Files. A glob leaves out
// the labels file and anything under the output folder.
func listInputs(spec *Spec, cfg Config) error {
	switch {
	case cfg.Files != nil:
		spec.Files = slices.Clone(cfg.Files)
	case cfg.Glob != "":
		files, err := globFiles(spec.Dir, cfg.Glob)
		if err != nil {
			return usageErr("{{Glob}}: %v", err)
		}
		out := realPath(cfg.OutDir) // once, not once a file
		files = slices.DeleteFunc(files, func(f string) bool {
			abs := absPath(filepath.Join(spec.Dir, f))
			return abs == spec.AbsLabels || inside(realPath(abs), out)
		})
		if len(files) == 0 {
			return inputErr("%w: {{Glob}} %q matches no file under %s", ErrNoFiles, cfg.Glob, spec.Dir)
		}
		spec.Files = files
	}
	return nil
}
