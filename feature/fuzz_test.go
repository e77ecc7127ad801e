package feature

import "testing"

// FuzzParse: any name either fails with an error or parses to a feature
// whose canonical name parses back to the same feature.
func FuzzParse(f *testing.F) {
	_ = testCalc
	for _, s := range []string{
		"mean", "quantile__q_0.9", "quantile__q_1e-05", " quantile__q_0.1 ",
		`test_params__attr_"real"__coeff_3__isabs_True__r_-0.25__widths_(2, 5)`,
		`test_params__coeff_0__f_agg_None__widths_()`, `test_params__coeff_1__widths_(7,)`,
		`test_params__coeff_2__attr_"a__b"`, "test_params__coeff_-1", "quantile__q_nan",
		"quantile__q_inf", "quantile", "mean__x_1", `test_params__coeff_5__coeff_6`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		feat, err := Parse(name)
		if err != nil {
			return
		}
		again, err := Parse(feat.Name())
		if err != nil {
			t.Fatalf("Parse(%q) = %q, which does not parse: %v", name, feat.Name(), err)
		}
		if again.Name() != feat.Name() {
			t.Fatalf("Parse(%q) = %q; that parses to %q", name, feat.Name(), again.Name())
		}
	})
}
