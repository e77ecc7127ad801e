package pipeline

import (
	"math"
	"path/filepath"
	"slices"
	"testing"

	"github.com/kshedden/gonpy"

	"github.com/featurize/featurize/npyio"
)

// TestGonpyReadsOutputs: gonpy, an independent Go .npy reader, reads every
// array featurize writes (float64 and float32 features, float64 and int64
// targets, int64 groups) to the same shapes and values as npyio. Go
// consumers of the outputs read them with it; featurize itself never does
// (gonpy panics on malformed headers).
func TestGonpyReadsOutputs(t *testing.T) {
	in := t.TempDir()
	writeDataset(t, in, 4)
	for _, tc := range []struct {
		name   string
		dtype  npyio.DType
		labels bool
	}{{"float64, labels", npyio.Float64, true}, {"float32, target column", npyio.Float32, false}} {
		out := t.TempDir()
		opts := baseOptions(in, out)
		opts.DType = tc.dtype
		if tc.labels {
			opts.Labels = filepath.Join(in, "labels.csv")
		} else {
			opts.TargetColumn = "speed"
		}
		runOK(t, opts)
		for _, name := range []string{"feature.npy", "target.npy", "groups.npy"} {
			path := filepath.Join(out, name)
			want, err := npyio.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			r, err := gonpy.NewFileReader(path)
			if err != nil {
				t.Fatalf("%s %s: gonpy: %v", tc.name, name, err)
			}
			if !slices.Equal(r.Shape, want.Shape) || r.ColumnMajor {
				t.Errorf("%s %s: gonpy shape %v (column-major %v); want %v", tc.name, name, r.Shape, r.ColumnMajor, want.Shape)
			}
			var got []float64
			switch r.Dtype {
			case "f8":
				got, err = r.GetFloat64()
			case "f4":
				var f []float32
				f, err = r.GetFloat32()
				for _, v := range f {
					got = append(got, float64(v))
				}
			case "i8":
				var n []int64
				n, err = r.GetInt64()
				for _, v := range n {
					got = append(got, float64(v))
				}
			default:
				t.Fatalf("%s %s: gonpy dtype %q", tc.name, name, r.Dtype)
			}
			if err != nil {
				t.Fatalf("%s %s: gonpy: %v", tc.name, name, err)
			}
			w := want.Float64s()
			if len(got) != len(w) {
				t.Fatalf("%s %s: gonpy read %d values; want %d", tc.name, name, len(got), len(w))
			}
			for i := range w {
				if math.Float64bits(got[i]) != math.Float64bits(w[i]) && !(math.IsNaN(got[i]) && math.IsNaN(w[i])) {
					t.Fatalf("%s %s[%d]: gonpy %v; npyio %v", tc.name, name, i, got[i], w[i])
				}
			}
		}
	}
}
