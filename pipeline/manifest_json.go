package pipeline

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"unicode/utf8"
)

// writeManifest writes json.MarshalIndent(man, "", "  ") and a final
// newline to w, made fast for wide outputs: the feature names (a million
// of them for 100,000 columns) are written by hand, one a line, not
// through reflection and a second indenting pass, nor held in memory
// twice.
func writeManifest(w io.Writer, man *Manifest) error {
	small := *man
	small.FeatureNames = nil
	data, err := json.MarshalIndent(&small, "", "  ")
	if err != nil {
		return err
	}
	// In encoding/json's output this key and value, quotes unescaped, can
	// only be the field itself.
	const key = `"feature_names": null`
	at := bytes.Index(data, []byte(key))
	if at < 0 || man.FeatureNames == nil {
		_, err := w.Write(append(data, '\n'))
		return err
	}
	if _, err := w.Write(data[:at]); err != nil {
		return err
	}
	buf := make([]byte, 0, 64<<10)
	buf = append(buf, `"feature_names": [`...)
	flush := func() error {
		if len(buf) < 60<<10 {
			return nil
		}
		_, err := w.Write(buf)
		buf = buf[:0]
		return err
	}
	names := man.FeatureNames
	if g := man.grid; g != nil && len(g.columns)*len(g.features) <= len(names) {
		// Each column and each "__feature" escaped once, not each of the
		// million names: a name's escape is its parts' escapes, as a
		// suffix starts with '_' and so ends any byte sequence before it.
		suffixes := make([][]byte, len(g.features))
		for k, f := range g.features {
			e := appendJSONString(nil, "__"+f)
			suffixes[k] = append(e[1:len(e)-1], '"')
		}
		var col []byte
		for _, c := range g.columns {
			e := appendJSONString(col[:0], c)
			col = e[:len(e)-1]
			for _, suf := range suffixes {
				if len(names) < len(man.FeatureNames) {
					buf = append(buf, ',')
				}
				buf = append(buf, "\n    "...)
				buf = append(buf, col...)
				buf = append(buf, suf...)
				names = names[1:]
			}
			if err := flush(); err != nil {
				return err
			}
		}
	}
	for i, n := range names {
		if i > 0 || len(names) < len(man.FeatureNames) {
			buf = append(buf, ',')
		}
		buf = append(buf, "\n    "...)
		buf = appendJSONString(buf, n)
		if err := flush(); err != nil {
			return err
		}
	}
	if len(man.FeatureNames) > 0 {
		buf = append(buf, "\n  "...)
	}
	buf = append(buf, ']')
	buf = append(buf, data[at+len(key):]...)
	buf = append(buf, '\n')
	_, err = w.Write(buf)
	return err
}

// appendJSONString appends s as encoding/json writes a string (HTML
// characters escaped, invalid UTF-8 as U+FFFD).
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	plain := true
	for i := 0; i < len(s) && plain; i++ {
		plain = jsonPlain[s[i]]
	}
	if plain {
		b = append(b, s...)
		return append(b, '"')
	}
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, `\u00`...)
				b = append(b, hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, `\u202`...)
			b = strconv.AppendInt(b, int64(r&0xf), 16)
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

const hexDigits = "0123456789abcdef"

// jsonPlain marks the bytes encoding/json writes as they are.
var jsonPlain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()
