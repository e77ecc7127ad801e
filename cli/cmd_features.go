package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	urfave "github.com/urfave/cli/v2"

	"github.com/featurize/featurize/feature"
)

func featuresCommand() *urfave.Command {
	return &urfave.Command{
		Name:      "features",
		Usage:     "list the feature calculators, their parameters and definitions, and the presets",
		ArgsUsage: "[NAME...]",
		Description: "Without NAME, every calculator and preset. A NAME is a calculator (its parameters and\n" +
			"definition), a preset (its features) or a feature name as --features takes it.",
		Flags: []urfave.Flag{
			&urfave.StringFlag{Name: "preset", Usage: "list the features of this preset, as output columns name them"},
			&urfave.BoolFlag{Name: "json", Usage: "print JSON for scripts"},
			&urfave.BoolFlag{Name: "markdown", Usage: "print the catalogue as the README's Markdown table"},
		},
		Action: func(c *urfave.Context) error {
			args := c.Args().Slice()
			if p := c.String("preset"); p != "" {
				args = append(args, p)
			}
			out := c.App.Writer
			switch {
			case c.Bool("markdown"):
				return writeFeatureTable(out)
			case len(args) == 0 && c.Bool("json"):
				return writeJSON(out, catalogueJSON())
			case len(args) == 0:
				return writeCatalogue(out)
			}
			return describeFeatures(out, args, c.Bool("json"))
		},
	}
}

// catalogueOrder returns the calculators as the listing shows them: the
// built-ins in the default preset's order, then each other group's
// calculators by name.
func catalogueOrder() []*feature.Calculator {
	calcs := feature.Calculators()
	slices.SortStableFunc(calcs, func(a, b *feature.Calculator) int {
		ga, gb := groupRank(a.Group), groupRank(b.Group)
		switch {
		case ga != gb:
			return strings.Compare(ga, gb)
		case a.Group == "builtin":
			return 0 // registration order
		}
		return strings.Compare(a.Name, b.Name)
	})
	return calcs
}

// groupRank sorts builtin first, then tsfresh, then the others by name.
func groupRank(g string) string {
	switch g {
	case "builtin":
		return "0"
	case "tsfresh":
		return "1"
	}
	return "2" + g
}

func paramSummary(c *feature.Calculator) string {
	var ps []string
	for _, p := range c.Params {
		s := p.Name + " " + p.Kind.String()
		switch {
		case p.Default != nil:
			s += " = " + feature.FormatValue(p.Default)
		case p.Optional:
			s += " = None"
		}
		ps = append(ps, s)
	}
	return strings.Join(ps, ", ")
}

func writeCatalogue(w io.Writer) error {
	group := "\x00"
	for _, c := range catalogueOrder() {
		if c.Group != group {
			group = c.Group
			title := group
			if title == "" {
				title = "other"
			}
			fmt.Fprintf(w, "%s:\n", title)
		}
		name := c.Name
		if len(c.Params) > 0 {
			name += "(" + paramSummary(c) + ")"
		}
		fmt.Fprintf(w, "  %s\n      %s\n", name, c.Doc)
	}
	fmt.Fprintln(w, "presets (features a column):")
	for _, p := range feature.Presets() {
		fs, _ := feature.Preset(p)
		fmt.Fprintf(w, "  %s (%d)\n", p, len(fs))
	}
	fmt.Fprintln(w, "`featurize features NAME` describes a calculator or lists a preset's features.")
	return nil
}

type calculatorJSON struct {
	Name    string      `json:"name"`
	Group   string      `json:"group"`
	Doc     string      `json:"doc"`
	Tsfresh string      `json:"tsfresh,omitempty"`
	Params  []paramJSON `json:"params"`
}

type paramJSON struct {
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	Default  any    `json:"default,omitempty"`
	Optional bool   `json:"optional,omitempty"`
	Doc      string `json:"doc,omitempty"`
}

func toJSON(c *feature.Calculator) calculatorJSON {
	out := calculatorJSON{Name: c.Name, Group: c.Group, Doc: c.Doc, Tsfresh: c.Tsfresh, Params: []paramJSON{}}
	for _, p := range c.Params {
		out.Params = append(out.Params, paramJSON{Name: p.Name, Kind: p.Kind.String(), Default: p.Default, Optional: p.Optional, Doc: p.Doc})
	}
	return out
}

func catalogueJSON() any {
	var calcs []calculatorJSON
	for _, c := range catalogueOrder() {
		calcs = append(calcs, toJSON(c))
	}
	presets := map[string][]string{}
	for _, p := range feature.Presets() {
		fs, _ := feature.Preset(p)
		for _, f := range fs {
			presets[p] = append(presets[p], f.Name())
		}
	}
	return map[string]any{"calculators": calcs, "presets": presets}
}

// describeFeatures describes each name: a preset's features, a
// calculator's parameters, a feature's calculator.
func describeFeatures(w io.Writer, names []string, asJSON bool) error {
	var items []any
	for _, name := range names {
		if fs, ok := feature.Preset(name); ok {
			var fnames []string
			for _, f := range fs {
				fnames = append(fnames, f.Name())
			}
			if asJSON {
				items = append(items, map[string]any{"preset": name, "features": fnames})
				continue
			}
			fmt.Fprintf(w, "preset %s: %d features a column\n", name, len(fs))
			for _, n := range fnames {
				fmt.Fprintf(w, "  %s\n", n)
			}
			continue
		}
		c, ok := feature.Lookup(name)
		var f feature.Feature
		if !ok {
			var err error
			if f, err = feature.Parse(name); err != nil {
				return usagef("features: %v", err)
			}
			c = f.Calc
		}
		if asJSON {
			item := map[string]any{"calculator": toJSON(c)}
			if f.Calc != nil {
				item["feature"] = f.Name()
			}
			items = append(items, item)
			continue
		}
		if f.Calc != nil {
			fmt.Fprintf(w, "%s: a feature of %s\n", f.Name(), c.Name)
		}
		fmt.Fprintf(w, "%s (%s)\n  %s\n", c.Name, c.Group, c.Doc)
		if c.Tsfresh != "" {
			fmt.Fprintf(w, "  tsfresh: %s\n", c.Tsfresh)
		}
		for _, p := range feature.Presets() {
			fs, _ := feature.Preset(p)
			var names []string
			for _, f := range fs {
				if f.Calc == c {
					names = append(names, f.Name())
				}
			}
			if len(names) > 0 {
				more := ""
				if len(names) > 3 {
					more = fmt.Sprintf(", ... (%d in all)", len(names))
				}
				fmt.Fprintf(w, "  in preset %s: %s%s\n", p, strings.Join(names[:min(len(names), 3)], ", "), more)
			}
		}
		for _, p := range c.Params {
			fmt.Fprintf(w, "  parameter %s", p.Name+" "+p.Kind.String())
			switch {
			case p.Default != nil:
				fmt.Fprintf(w, ", default %s", feature.FormatValue(p.Default))
			case p.Optional:
				fmt.Fprint(w, ", default None")
			default:
				fmt.Fprint(w, ", required")
			}
			if p.Doc != "" {
				fmt.Fprintf(w, ": %s", p.Doc)
			}
			fmt.Fprintln(w)
		}
	}
	if asJSON {
		return writeJSON(w, items)
	}
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// writeFeatureTable writes the catalogue as the README's Markdown table.
func writeFeatureTable(w io.Writer) error {
	cell := func(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
	fmt.Fprintln(w, "| name | parameters | definition | tsfresh |")
	fmt.Fprintln(w, "|---|---|---|---|")
	for _, c := range catalogueOrder() {
		ts := ""
		if c.Tsfresh != "" {
			ts = "`" + cell(c.Tsfresh) + "`"
		}
		params := ""
		if len(c.Params) > 0 {
			params = "`" + cell(paramSummary(c)) + "`"
		}
		fmt.Fprintf(w, "| `%s` | %s | %s | %s |\n", c.Name, params, cell(c.Doc), ts)
	}
	return nil
}
