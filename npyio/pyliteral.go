package npyio

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// A small parser for the Python literals found in .npy headers: a dict with
// str keys whose values are str, bool, int, None, tuples and lists (nested
// dicts and floats parse but are never valid). It accepts what numpy's
// ast.literal_eval accepts for such headers, except int forms (hex, octal,
// binary) and string forms (triple quotes, bytes, raw strings, \x escapes)
// that no numpy version writes; those are syntax errors.

type pyKind int

const (
	pyStr pyKind = iota
	pyInt
	pyBigInt // an int that does not fit in int64
	pyFloat
	pyBool
	pyNone
	pyTuple
	pyList
	pyDict
)

type pyValue struct {
	kind  pyKind
	str   string    // pyStr; the source text of numbers
	int   int64     // pyInt
	bool  bool      // pyBool
	items []pyValue // pyTuple, pyList; pyDict: key, value, key, value, ...
	pos   int       // offset of the value in the parsed text
}

// describe returns a short description of v for error messages.
func (v pyValue) describe() string {
	switch v.kind {
	case pyStr:
		return strconv.Quote(v.str)
	case pyInt, pyBigInt, pyFloat:
		return v.str
	case pyBool:
		if v.bool {
			return "True"
		}
		return "False"
	case pyNone:
		return "None"
	case pyTuple:
		return "a tuple"
	case pyList:
		return "a list"
	}
	return "a dict"
}

// pySyntaxError is a parse failure at offset pos of the parsed text.
type pySyntaxError struct {
	pos int
	msg string
}

const maxPyDepth = 64

type pyParser struct {
	src    []byte
	pos    int
	latin1 bool // strings are latin-1 (format versions 1 and 2), else UTF-8
	long   bool // accept Python 2 'L' suffixes on ints (versions 1 and 2)
	depth  int
	err    *pySyntaxError
}

// parsePyLiteral parses src as one Python literal, optionally surrounded by
// whitespace.
func parsePyLiteral(src []byte, latin1, long bool) (pyValue, *pySyntaxError) {
	p := &pyParser{src: src, latin1: latin1, long: long}
	p.space()
	v := p.value()
	if p.err != nil {
		return pyValue{}, p.err
	}
	p.space()
	if p.pos < len(p.src) {
		p.fail("unexpected " + p.show() + " after the dict")
		return pyValue{}, p.err
	}
	return v, nil
}

// fail records the first error and returns a zero value for convenience.
func (p *pyParser) fail(msg string) pyValue {
	if p.err == nil {
		p.err = &pySyntaxError{p.pos, msg}
	}
	return pyValue{}
}

func (p *pyParser) show() string {
	if p.pos >= len(p.src) {
		return "end of header"
	}
	return strconv.QuoteRune(rune(p.src[p.pos]))
}

// space skips whitespace, backslash line continuations and comments.
func (p *pyParser) space() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r', '\f':
			p.pos++
		case '\\':
			if p.pos+1 < len(p.src) && p.src[p.pos+1] == '\n' {
				p.pos += 2
				continue
			}
			return
		case '#':
			for p.pos < len(p.src) && p.src[p.pos] != '\n' && p.src[p.pos] != '\r' {
				p.pos++
			}
		default:
			return
		}
	}
}

func (p *pyParser) value() pyValue {
	p.space()
	if p.pos >= len(p.src) {
		return p.fail("unexpected end of header")
	}
	start := p.pos
	switch c := p.src[p.pos]; {
	case c == '{':
		return p.container('}', pyDict)
	case c == '(':
		return p.container(')', pyTuple)
	case c == '[':
		return p.container(']', pyList)
	case c == '\'' || c == '"':
		s, ok := p.string()
		if !ok {
			return pyValue{}
		}
		return pyValue{kind: pyStr, str: s, pos: start}
	case c == '-' || c == '+' || c == '.' || ('0' <= c && c <= '9'):
		return p.number()
	case c == '_' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z'):
		for p.pos < len(p.src) && isNameByte(p.src[p.pos]) {
			p.pos++
		}
		name := string(p.src[start:p.pos])
		switch name {
		case "True":
			return pyValue{kind: pyBool, bool: true, pos: start}
		case "False":
			return pyValue{kind: pyBool, pos: start}
		case "None":
			return pyValue{kind: pyNone, pos: start}
		case "u", "U": // Python 2 unicode literal
			if p.pos < len(p.src) && (p.src[p.pos] == '\'' || p.src[p.pos] == '"') {
				s, ok := p.string()
				if !ok {
					return pyValue{}
				}
				return pyValue{kind: pyStr, str: s, pos: start}
			}
		}
		p.pos = start
		return p.fail("name " + strconv.Quote(name) + " is not a literal")
	}
	return p.fail("unexpected " + p.show())
}

func isNameByte(c byte) bool {
	return c == '_' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
}

// container parses a dict, tuple or list whose opening bracket is at p.pos.
// A parenthesised single value without a trailing comma is that value, as
// in Python.
func (p *pyParser) container(close byte, kind pyKind) pyValue {
	if p.depth++; p.depth > maxPyDepth {
		return p.fail("literal nested too deeply")
	}
	defer func() { p.depth-- }()
	v := pyValue{kind: kind, pos: p.pos}
	p.pos++
	comma := false
	for {
		p.space()
		if p.pos < len(p.src) && p.src[p.pos] == close {
			p.pos++
			break
		}
		if len(v.items) > 0 && !comma {
			return p.fail("expected ',' or " + strconv.QuoteRune(rune(close)) + ", found " + p.show())
		}
		item := p.value()
		if p.err != nil {
			return pyValue{}
		}
		v.items = append(v.items, item)
		if kind == pyDict {
			p.space()
			if p.pos >= len(p.src) || p.src[p.pos] != ':' {
				return p.fail("expected ':', found " + p.show())
			}
			p.pos++
			item := p.value()
			if p.err != nil {
				return pyValue{}
			}
			v.items = append(v.items, item)
		}
		p.space()
		comma = p.pos < len(p.src) && p.src[p.pos] == ','
		if comma {
			p.pos++
		}
	}
	if kind == pyTuple && len(v.items) == 1 && !comma {
		return v.items[0] // (x) is x
	}
	return v
}

// string parses a quoted string (after an optional u prefix) at p.pos.
func (p *pyParser) string() (string, bool) {
	if c := p.src[p.pos]; c == 'u' || c == 'U' {
		p.pos++
	}
	q := p.src[p.pos]
	p.pos++
	if p.pos+1 < len(p.src) && p.src[p.pos] == q && p.src[p.pos+1] == q {
		p.fail("triple-quoted strings are not supported")
		return "", false
	}
	var out []byte
	for {
		if p.pos >= len(p.src) {
			p.fail("unterminated string")
			return "", false
		}
		c := p.src[p.pos]
		switch {
		case c == q:
			p.pos++
			return string(out), true
		case c == '\n' || c == '\r':
			p.fail("newline in string")
			return "", false
		case c == '\\':
			p.pos++
			e := byte(0)
			if p.pos < len(p.src) {
				e = p.src[p.pos]
			}
			switch e {
			case '\\', '\'', '"':
				out = append(out, e)
			case 'n':
				out = append(out, '\n')
			case 't':
				out = append(out, '\t')
			case 'r':
				out = append(out, '\r')
			default:
				p.fail("unsupported escape in string")
				return "", false
			}
			p.pos++
		case c < utf8.RuneSelf:
			out = append(out, c)
			p.pos++
		case p.latin1:
			out = utf8.AppendRune(out, rune(c))
			p.pos++
		default:
			r, n := utf8.DecodeRune(p.src[p.pos:])
			if r == utf8.RuneError && n <= 1 {
				p.fail("invalid UTF-8 in string")
				return "", false
			}
			out = append(out, p.src[p.pos:p.pos+n]...)
			p.pos += n
		}
	}
}

// number parses an optionally signed decimal int (digits may be separated
// by single underscores), or something float-like, returned as pyFloat.
func (p *pyParser) number() pyValue {
	start := p.pos
	neg := false
	if c := p.src[p.pos]; c == '-' || c == '+' {
		neg = c == '-'
		p.pos++
		p.space()
	}
	digits := p.pos
	float := false
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case '0' <= c && c <= '9', c == '_':
		case c == '.', c == 'e', c == 'E', c == 'j', c == 'J':
			float = true
		case (c == '-' || c == '+') && (p.src[p.pos-1] == 'e' || p.src[p.pos-1] == 'E'):
		default:
			goto done
		}
		p.pos++
	}
done:
	text := string(p.src[digits:p.pos])
	if float {
		if strings.Trim(text, ".eEjJ+-_") == "" {
			p.pos = start
			return p.fail("unexpected " + p.show())
		}
		return pyValue{kind: pyFloat, str: string(p.src[start:p.pos]), pos: start}
	}
	if text == "" {
		p.pos = start
		return p.fail("expected a number after the sign")
	}
	if text[0] == '_' || text[len(text)-1] == '_' || strings.Contains(text, "__") ||
		strings.ContainsAny(text, "+-") {
		p.pos = digits
		return p.fail("bad int literal " + strconv.Quote(text))
	}
	if p.long && p.pos < len(p.src) && (p.src[p.pos] == 'L' || p.src[p.pos] == 'l') {
		p.pos++
	}
	if p.pos < len(p.src) && isNameByte(p.src[p.pos]) {
		return p.fail("bad int literal")
	}
	clean := strings.ReplaceAll(text, "_", "")
	if len(clean) > 1 && clean[0] == '0' && strings.Trim(clean, "0") != "" {
		// Python 3 rejects leading zeros ("07") except in zero itself.
		p.pos = digits
		return p.fail("leading zeros in int literal " + strconv.Quote(text))
	}
	if neg {
		clean = "-" + clean
	}
	v := pyValue{kind: pyInt, str: clean, pos: start}
	n, err := strconv.ParseInt(clean, 10, 64)
	if err != nil {
		v.kind = pyBigInt
		return v
	}
	v.int = n
	return v
}
