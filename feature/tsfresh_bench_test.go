package feature

import (
	"fmt"
	"testing"
)

// BenchmarkTsfresh computes, per calculator of the tsfresh catalogue, all
// of its features in the comprehensive preset's grid on one window a
// iteration (a random walk of benchSignal's kind), with a warmed-up
// Evaluator: the cost a window and column.
//
//	go test ./feature -run '^$' -bench 'BenchmarkTsfresh$' -benchtime 200x
func BenchmarkTsfresh(b *testing.B) {
	g := loadTsfreshGolden(b)
	byCalc := map[string][]Feature{}
	var order []string
	for _, name := range g.names {
		f, err := Parse(name)
		if err != nil {
			continue
		}
		if byCalc[f.Calc.Name] == nil {
			order = append(order, f.Calc.Name)
		}
		byCalc[f.Calc.Name] = append(byCalc[f.Calc.Name], f)
	}
	for _, w := range []int{256, 1024} {
		x := benchSignal(w)
		for _, calc := range order {
			b.Run(fmt.Sprintf("%s/w=%d", calc, w), func(b *testing.B) {
				benchSet(b, byCalc[calc], x)
			})
		}
	}
}

func benchSet(b *testing.B, feats []Feature, x []float64) {
	set, err := NewSet(feats)
	if err != nil {
		b.Fatal(err)
	}
	ev := set.NewEvaluator()
	dst := make([]float64, len(feats))
	ev.Windows(dst, len(feats), 0, x, len(x), 1, 1)
	b.ReportAllocs()
	for b.Loop() {
		ev.Windows(dst, len(feats), 0, x, len(x), 1, 1)
	}
}

// BenchmarkTsfreshPreset computes whole presets (what of them is
// registered) on one window a iteration.
func BenchmarkTsfreshPreset(b *testing.B) {
	for _, preset := range []string{"minimal", "efficient", "comprehensive"} {
		var feats []Feature
		for _, e := range tsfreshPreset(preset) {
			if f, err := New(e.calc, e.params); err == nil {
				feats = append(feats, f)
			}
		}
		for _, w := range []int{256, 1024} {
			b.Run(fmt.Sprintf("%s/w=%d", preset, w), func(b *testing.B) { benchSet(b, feats, benchSignal(w)) })
		}
	}
}
