package benchmarks

import (
	"fmt"
	"image/color"

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
	left.Y.Min = 0
	i := 0
	for _, engine := range []string{"process", "thread", "serial", "python-loadtxt", "python-pandas"} {
		var pts plotter.XYs
		for _, c := range r.Cases {
			if c.Engine == engine && c.Format == "npy" {
				pts = append(pts, plotter.XY{X: float64(c.Workers), Y: c.Median()})
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
