package feature

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Errors of the registry and of parsing feature names; test for them with
// errors.Is.
var (
	ErrUnknownFeature   = errors.New("feature: unknown feature")
	ErrDuplicateFeature = errors.New("feature: duplicate feature")
	ErrNoFeatures       = errors.New("feature: no features selected")
	ErrBadParam         = errors.New("feature: bad parameter")
)

// Kind is the type of a calculator's parameter.
type Kind int

// The parameter kinds. In Values they are int, float64, string, bool and
// []int; in names they are written as Python writes them (5, 0.1, "abs",
// True, (2, 5, 10, 20)), and None stands for a missing value.
const (
	Int Kind = iota + 1
	Float
	String
	Bool
	IntList
)

func (k Kind) String() string {
	switch k {
	case Int:
		return "int"
	case Float:
		return "float"
	case String:
		return "string"
	case Bool:
		return "bool"
	case IntList:
		return "int tuple"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Param declares one parameter of a calculator.
type Param struct {
	Name string
	Kind Kind
	// Default is the value used when a feature does not give one, of the
	// Go type of Kind; nil makes the parameter required. A Float
	// parameter's default may be nil while None is a valid value: set
	// Optional.
	Default any
	// Optional lets the parameter be None (a nil value in Values).
	Optional bool
	// Check, if set, validates a given value (already of the Go type of
	// Kind, or nil for None).
	Check func(v any) error
	Doc   string
}

// Func computes one feature on one window. One Func serves every worker
// of a run at once, so it must be safe for concurrent use: it keeps no
// mutable state of its own (Window.Scratch gives it a buffer).
type Func func(w *Window) float64

// Calculator is a named, parameterised feature calculator: the unit of the
// registry. Each set of parameter values makes one feature, one value a
// window.
type Calculator struct {
	Name    string  // [a-z0-9_]+, as in tsfresh
	Doc     string  // the definition, formulas in an indented block
	Tsfresh string  // the tsfresh equivalent, "" if none
	Params  []Param // declared in the order the docs list them
	// Bind returns the function for the given parameter values, which
	// are checked against Params and complete (defaults filled in). It is
	// called once per feature, not per window.
	Bind func(p Values) (Func, error)
	// Group names the preset or family a calculator belongs to, for
	// listings ("builtin", "tsfresh", or a user's own).
	Group string

	kernel kernel // a built-in computed by the Workspace kernels, or 0
}

var registry = struct {
	sync.RWMutex
	byName  map[string]*Calculator
	order   []*Calculator
	presets map[string]*preset
}{byName: map[string]*Calculator{}, presets: map[string]*preset{}}

// preset is a registered preset's features, or the function that lists
// them on first use (the tsfresh presets: binding 1,500 features would
// cost every start of featurize, and of each of its workers, 8 ms).
type preset struct {
	once  sync.Once
	make  func() []string
	names []string
}

func (p *preset) features() []string {
	p.once.Do(func() {
		if p.make != nil {
			p.names = p.make()
		}
	})
	return p.names
}

// Register adds c to the registry. Call it from an init function or the
// start of main, before featurize runs (the process engine's workers are
// the same program, so they register the same calculators). It panics if
// c has no Name or Bind, an invalid parameter, or a name already
// registered: these are programmer mistakes.
func Register(c Calculator) {
	if c.Name == "" || strings.Trim(c.Name, "abcdefghijklmnopqrstuvwxyz0123456789_") != "" || strings.Contains(c.Name, "__") {
		panic(fmt.Sprintf("feature: Register: invalid name %q: want [a-z0-9_]+ without __", c.Name))
	}
	if c.Bind == nil {
		panic("feature: Register: " + c.Name + " has no Bind")
	}
	seen := map[string]bool{}
	for _, p := range c.Params {
		if p.Name == "" || seen[p.Name] || p.Kind < Int || p.Kind > IntList {
			panic(fmt.Sprintf("feature: Register: %s: invalid or repeated parameter %q", c.Name, p.Name))
		}
		if p.Default != nil {
			if _, err := convertParam(p, p.Default); err != nil {
				panic(fmt.Sprintf("feature: Register: %s: default of %s: %v", c.Name, p.Name, err))
			}
		}
		seen[p.Name] = true
	}
	registry.Lock()
	defer registry.Unlock()
	if _, dup := registry.byName[c.Name]; dup {
		panic("feature: Register called twice for " + c.Name)
	}
	cc := c
	cc.Params = slices.Clone(c.Params)
	registry.byName[c.Name] = &cc
	registry.order = append(registry.order, &cc)
}

// Lookup returns the registered calculator called name.
func Lookup(name string) (*Calculator, bool) {
	registry.RLock()
	defer registry.RUnlock()
	c, ok := registry.byName[name]
	return c, ok
}

// Calculators returns every registered calculator, in registration order.
func Calculators() []*Calculator {
	registry.RLock()
	defer registry.RUnlock()
	return slices.Clone(registry.order)
}

// RegisterPreset names a list of features (names as Parse takes them, or
// other presets) for --features. It panics if the name is taken by a
// preset or a calculator, or if a feature does not parse.
func RegisterPreset(name string, features []string) {
	if _, err := Expand(features); err != nil {
		panic(fmt.Sprintf("feature: RegisterPreset %s: %v", name, err))
	}
	addPreset(name, &preset{names: slices.Clone(features)})
}

// registerPresetFunc registers a preset whose features list calls on
// first use; the caller's tests check that they parse.
func registerPresetFunc(name string, list func() []string) {
	addPreset(name, &preset{make: list})
}

func addPreset(name string, p *preset) {
	registry.Lock()
	defer registry.Unlock()
	if _, dup := registry.presets[name]; dup {
		panic("feature: RegisterPreset called twice for " + name)
	}
	if _, dup := registry.byName[name]; dup {
		panic("feature: RegisterPreset: " + name + " is a calculator")
	}
	registry.presets[name] = p
}

// Preset returns the features a preset names.
func Preset(name string) ([]Feature, bool) {
	specs, ok := presetSpecs(name)
	if !ok {
		return nil, false
	}
	fs, err := Expand(specs)
	return fs, err == nil
}

// Presets returns the names of the registered presets, sorted.
func Presets() []string {
	registry.RLock()
	defer registry.RUnlock()
	var names []string
	for n := range registry.presets {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Feature is a calculator with its parameter values: one output column
// per input column.
type Feature struct {
	Calc   *Calculator
	Params Values // complete: defaults filled in
	name   string
	fn     Func
}

// Name is the feature's name as tsfresh writes it after "{column}__":
// the calculator's name, then "__{key}_{value}" for each parameter, keys
// sorted, strings in double quotes ("quantile__q_0.9",
// `fft_coefficient__attr_"abs"__coeff_3`).
func (f Feature) Name() string { return f.name }

// Eval computes the feature on one window.
func (f Feature) Eval(w *Window) float64 { return f.fn(w) }

// New makes the feature of the calculator called name with the given
// parameter values (nil for none); missing ones take their defaults. Ints
// given for a Float parameter are converted.
func New(name string, params Values) (Feature, error) {
	c, ok := Lookup(name)
	if !ok {
		return Feature{}, unknown(name)
	}
	return bind(c, params)
}

func unknown(name string) error {
	registry.RLock()
	defer registry.RUnlock()
	var names []string
	for _, c := range registry.order {
		names = append(names, c.Name)
	}
	for n := range registry.presets {
		names = append(names, n)
	}
	sort.Strings(names)
	hint := ""
	for _, n := range names {
		if strings.HasPrefix(n, name) || strings.HasPrefix(name, n) {
			hint = fmt.Sprintf(" (did you mean %q?)", n)
			break
		}
	}
	return fmt.Errorf("%w %q%s; `featurize features` lists them all", ErrUnknownFeature, name, hint)
}

// bind checks params against c, fills in defaults and binds the function.
func bind(c *Calculator, params Values) (Feature, error) {
	vals := Values{}
	for k, v := range params {
		i := slices.IndexFunc(c.Params, func(p Param) bool { return p.Name == k })
		if i < 0 {
			return Feature{}, fmt.Errorf("%w: %s has no parameter %q (%s)", ErrBadParam, c.Name, k, paramList(c))
		}
		cv, err := convertParam(c.Params[i], v)
		if err != nil {
			return Feature{}, fmt.Errorf("%w: %s: %w", ErrBadParam, c.Name, err)
		}
		vals[k] = cv
	}
	for _, p := range c.Params {
		if _, ok := vals[p.Name]; ok {
			continue
		}
		if p.Default == nil && !p.Optional {
			return Feature{}, fmt.Errorf("%w: %s needs parameter %s (%s)", ErrBadParam, c.Name, p.Name, p.Kind)
		}
		vals[p.Name] = p.Default
	}
	fn, err := c.Bind(vals)
	if err != nil {
		return Feature{}, fmt.Errorf("%w: %s: %w", ErrBadParam, c.Name, err)
	}
	return Feature{Calc: c, Params: vals, name: formatName(c, vals), fn: fn}, nil
}

func paramList(c *Calculator) string {
	if len(c.Params) == 0 {
		return "it takes none"
	}
	var ps []string
	for _, p := range c.Params {
		ps = append(ps, p.Name+" "+p.Kind.String())
	}
	return "it takes " + strings.Join(ps, ", ")
}

// convertParam checks v against p's kind (and Check) and returns it as
// the kind's Go type.
func convertParam(p Param, v any) (any, error) {
	if v == nil {
		if !p.Optional {
			return nil, fmt.Errorf("%s may not be None", p.Name)
		}
		return nil, check(p, nil)
	}
	var out any
	switch p.Kind {
	case Int:
		switch x := v.(type) {
		case int:
			out = x
		case float64:
			if x != float64(int(x)) {
				return nil, fmt.Errorf("%s = %v: want an int", p.Name, x)
			}
			out = int(x)
		}
	case Float:
		switch x := v.(type) {
		case float64, int:
			out = x // an int stays one: tsfresh's names tell 1 from 1.0
		}
	case String:
		if x, ok := v.(string); ok {
			if strings.ContainsRune(x, '"') {
				return nil, fmt.Errorf("%s = %q: a double quote cannot be written in the feature's name", p.Name, x)
			}
			out = x
		}
	case Bool:
		if x, ok := v.(bool); ok {
			out = x
		}
	case IntList:
		switch x := v.(type) {
		case []int:
			out = slices.Clone(x)
		case []any:
			ints := make([]int, len(x))
			for i, e := range x {
				switch n := e.(type) {
				case int:
					ints[i] = n
				case float64:
					if n != float64(int(n)) {
						return nil, fmt.Errorf("%s: %v is not an int", p.Name, n)
					}
					ints[i] = int(n)
				default:
					return nil, fmt.Errorf("%s: %v is not an int", p.Name, e)
				}
			}
			out = ints
		}
	}
	if out == nil {
		return nil, fmt.Errorf("%s = %v (%T): want %s", p.Name, v, v, p.Kind)
	}
	return out, check(p, out)
}

func check(p Param, v any) error {
	if p.Check == nil {
		return nil
	}
	if err := p.Check(v); err != nil {
		return fmt.Errorf("%s = %s: %w", p.Name, FormatValue(v), err)
	}
	return nil
}

// Values are a feature's parameter values by name, of the Go types of
// their kinds; a None is nil.
type Values map[string]any

// Int returns parameter name as an int (0 if None).
func (v Values) Int(name string) int { x, _ := v[name].(int); return x }

// Float returns parameter name as a float64 (NaN if None).
func (v Values) Float(name string) float64 {
	switch x := v[name].(type) {
	case float64:
		return x
	case int:
		return float64(x)
	}
	return math.NaN()
}

// String returns parameter name as a string ("" if None).
func (v Values) String(name string) string { x, _ := v[name].(string); return x }

// Bool returns parameter name as a bool.
func (v Values) Bool(name string) bool { x, _ := v[name].(bool); return x }

// Ints returns parameter name as a []int (nil if None).
func (v Values) Ints(name string) []int { x, _ := v[name].([]int); return x }

// IsNone reports whether parameter name is None.
func (v Values) IsNone(name string) bool { return v[name] == nil }
