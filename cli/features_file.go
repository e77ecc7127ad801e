package cli

import (
	"bytes"
	"encoding/json"
	"os"

	"github.com/featurize/featurize/feature"
)

// readFeaturesFile reads a --features-file: a JSON list of feature and
// preset names, or an object in tsfresh's settings form,
// {"calculator": null | [{"param": value, ...}, ...], ...}, in order.
func readFeaturesFile(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, usagef("--features-file: %v", err)
	}
	var list []string
	if json.Unmarshal(data, &list) == nil {
		return list, nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	bad := func(format string, args ...any) error {
		return usagef("--features-file %s: "+format+`; want ["name", ...] or {"calculator": null or [{"param": value}, ...]}`, append([]any{path}, args...)...)
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, bad("not a JSON list of names or object")
	}
	var names []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, bad("%v", err)
		}
		calc := t.(string)
		var params []map[string]any
		if err := dec.Decode(&params); err != nil {
			return nil, bad("%s: %v", calc, err)
		}
		if params == nil {
			params = []map[string]any{nil}
		}
		for _, p := range params {
			vals := feature.Values{}
			for k, v := range p {
				vals[k] = jsonValue(v)
			}
			f, err := feature.New(calc, vals)
			if err != nil {
				return nil, usagef("--features-file %s: %v", path, err)
			}
			names = append(names, f.Name())
		}
	}
	return names, nil
}

// jsonValue turns a decoded JSON value into a parameter value: whole
// numbers become ints (as tsfresh's settings write them), others float64,
// lists []any.
func jsonValue(v any) any {
	switch x := v.(type) {
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return int(n)
		}
		f, _ := x.Float64()
		return f
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e)
		}
		return out
	}
	return v
}
