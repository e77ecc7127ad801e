package feature

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// tsfreshJSONValue converts a parameter value of presets.json as Python
// wrote it: 1 is an int, 1.0 a float, a list a tuple of ints.
func tsfreshJSONValue(t *testing.T, v any) any {
	switch x := v.(type) {
	case json.Number:
		if strings.ContainsAny(string(x), ".eE") {
			f, err := x.Float64()
			if err != nil {
				t.Fatal(err)
			}
			return f
		}
		n, err := x.Int64()
		if err != nil {
			t.Fatal(err)
		}
		return int(n)
	case []any:
		ints := make([]int, len(x))
		for i, e := range x {
			ints[i] = tsfreshJSONValue(t, e).(int)
		}
		return ints
	}
	return v
}

// TestTsfreshPresetEntries: the presets' calculators and parameters are
// tsfresh's, in tsfresh's order, ints and floats told apart.
func TestTsfreshPresetEntries(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "tsfresh", "presets.json"))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.UseNumber()
	var presets map[string]json.RawMessage
	if err := dec.Decode(&presets); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"minimal", "efficient", "comprehensive"} {
		var p struct {
			Count       int
			Calculators []struct {
				Calculator string
				Params     map[string]any
			}
		}
		d := json.NewDecoder(strings.NewReader(string(presets[name])))
		d.UseNumber()
		if err := d.Decode(&p); err != nil {
			t.Fatal(err)
		}
		got := tsfreshPreset(name)
		if len(got) != p.Count || len(got) != len(p.Calculators) {
			t.Fatalf("%s: %d entries; tsfresh has %d", name, len(got), p.Count)
		}
		for i, want := range p.Calculators {
			var params Values
			if want.Params != nil {
				params = Values{}
				for k, v := range want.Params {
					params[k] = tsfreshJSONValue(t, v)
				}
			}
			if got[i].calc != want.Calculator || !reflect.DeepEqual(got[i].params, params) {
				t.Fatalf("%s entry %d: %s %s; tsfresh %s %s", name, i, got[i].calc, fmt.Sprint(got[i].params), want.Calculator, fmt.Sprint(params))
			}
		}
	}
}

// TestTsfreshCatalogue: the presets minimal, efficient and comprehensive
// are tsfresh's names in tsfresh's order, and every name of the
// comprehensive set is a registered feature.
func TestTsfreshCatalogue(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "tsfresh", "presets.json"))
	if err != nil {
		t.Fatal(err)
	}
	var presets map[string]json.RawMessage
	if err := json.Unmarshal(b, &presets); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"minimal", "efficient", "comprehensive"} {
		var p struct{ Names []string }
		if err := json.Unmarshal(presets[name], &p); err != nil {
			t.Fatal(err)
		}
		fs, ok := Preset(name)
		if !ok {
			t.Fatalf("no preset %s", name)
		}
		var got []string
		for _, f := range fs {
			got = append(got, f.Name())
		}
		want := p.Names
		if len(got) != len(want) {
			t.Fatalf("%s: %d features; tsfresh has %d", name, len(got), len(want))
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("%s feature %d: %s; tsfresh %s", name, i, got[i], want[i])
			}
		}
	}
	g := loadTsfreshGolden(t)
	for _, name := range g.names {
		if _, err := Parse(name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
