package benchmarks

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Chart draws two panels into a PNG at path: median wall time against
// workers for each engine (with the Python recipes as points), and .npy
// against .txt output.
func (r *Report) Chart(path string) error {
	left := plot.New()
	left.Title.Text = "wall time against workers"
	left.X.Label.Text = "workers"
	left.Y.Label.Text = "median seconds"
	lo, hi := math.Inf(1), 0.0 // of the medians drawn
	i := 0
	for _, engine := range []string{"process", "thread", "serial", "python-loadtxt", "python-pandas"} {
		var pts plotter.XYs
		for _, c := range r.Cases {
			if c.Engine == engine && c.Format == "npy" {
				m := c.Median()
				pts = append(pts, plotter.XY{X: float64(c.Workers), Y: m})
				if m > 0 {
					lo, hi = min(lo, m), max(hi, m)
				}
			}
		}
		if len(pts) == 0 {
			continue
		}
		line, points, err := plotter.NewLinePoints(pts)
		if err != nil {
			return err
		}
		line.Color, points.Color = plotutil.Color(i), plotutil.Color(i)
		points.Shape = plotutil.Shape(i)
		left.Add(line, points)
		left.Legend.Add(engine, line, points)
		i++
	}
	left.Legend.Top = true
	left.Legend.Left = true
	left.X.Min, left.X.Max = 0.5, float64(r.Options.Workers)+0.5
	var ticks []plot.Tick
	for w := 1; w <= r.Options.Workers; w++ {
		ticks = append(ticks, plot.Tick{Value: float64(w), Label: fmt.Sprint(w)})
	}
	left.X.Tick.Marker = plot.ConstantTicks(ticks)
	if hi > 0 {
		// featurize and the recipe are an order of magnitude apart: a log
		// scale shows both, and equal ratios as equal distances. The axis
		// spans whole decades, each labelled.
		left.Y.Scale = plot.LogScale{}
		left.Y.Label.Text = "median seconds (log scale)"
		left.Y.Min = math.Pow(10, math.Floor(math.Log10(lo)))
		left.Y.Max = math.Pow(10, math.Ceil(math.Log10(hi)))
		var yt []plot.Tick
		for v := left.Y.Min; v <= left.Y.Max*1.001; v *= 10 {
			yt = append(yt, plot.Tick{Value: v, Label: fmt.Sprint(float32(v))})
		}
		left.Y.Tick.Marker = plot.ConstantTicks(yt)
	}

	right := plot.New()
	right.Title.Text = fmt.Sprintf("output format (process, %d workers)", r.Options.Workers)
	right.Y.Label.Text = "median seconds"
	var vals plotter.Values
	var names []string
	for _, f := range []string{"npy", "txt"} {
		if c := r.find("process", r.Options.Workers, f); c != nil {
			vals = append(vals, c.Median())
			names = append(names, "."+f)
		}
	}
	bars, err := plotter.NewBarChart(vals, vg.Points(40))
	if err != nil {
		return err
	}
	bars.Color = color.RGBA{R: 70, G: 110, B: 180, A: 255}
	right.Add(bars)
	right.NominalX(names...)
	right.Y.Min = 0

	img := vgimg.New(11*vg.Inch, 4.5*vg.Inch)
	dc := draw.New(img)
	tiles := draw.Tiles{Rows: 1, Cols: 2, PadX: vg.Inch / 3, PadY: vg.Inch / 6, PadLeft: vg.Inch / 6, PadRight: vg.Inch / 6, PadTop: vg.Inch / 6, PadBottom: vg.Inch / 6}
	canvases := plot.Align([][]*plot.Plot{{left, right}}, tiles, dc)
	left.Draw(canvases[0][0])
	right.Draw(canvases[0][1])
	return saveImage(img, path)
}
