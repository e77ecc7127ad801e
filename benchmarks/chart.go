package benchmarks

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Chart draws the results into a PNG at path: for each number style,
// featurize's median time beside the two recipes', the ratios in the
// title; and the 2-worker speedups of the process and thread engines
// beside the machine's own (two serial runs at once). Every bar carries
// its value; no legend covers the bars.
func (r *Report) Chart(path string) error {
	var panels []*plot.Plot
	W := r.Options.Workers
	for _, st := range r.Options.Styles {
		fz := r.findStyle(st, "process", W, "npy")
		lt, pd := r.findStyle(st, "python-loadtxt", W, "npy"), r.findStyle(st, "python-pandas", W, "npy")
		if fz == nil || lt == nil || pd == nil {
			continue
		}
		p, err := barPanel([]string{"featurize", "np.loadtxt\nrecipe", "pandas\nrecipe"},
			[]float64{fz.Median(), lt.Median(), pd.Median()}, "%.3f s",
			[]color.Color{featurizeColor, recipeColor, recipeColor})
		if err != nil {
			return err
		}
		p.Title.Text = fmt.Sprintf("%s numbers, %d workers: featurize %.1fx faster\nthan np.loadtxt, %.1fx than pandas",
			st, W, lt.Median()/fz.Median(), pd.Median()/fz.Median())
		p.Y.Label.Text = "median wall seconds"
		panels = append(panels, p)
	}
	st := r.Options.Styles[0]
	serial, twice := r.findStyle(st, "serial", 1, "npy"), r.findStyle(st, "serial-twice", 1, "npy")
	proc, thr := r.findStyle(st, "process", W, "npy"), r.findStyle(st, "thread", W, "npy")
	if serial != nil && twice != nil && proc != nil && thr != nil && W == 2 {
		machine := 2 * serial.Median() / twice.Median()
		p, err := barPanel([]string{"the machine\n(2 runs at once)", "featurize\nprocess", "featurize\nthread"},
			[]float64{machine, serial.Median() / proc.Median(), serial.Median() / thr.Median()}, "%.2fx",
			[]color.Color{machineColor, featurizeColor, featurizeColor})
		if err != nil {
			return err
		}
		p.Title.Text = fmt.Sprintf("speedup on %d cores (%s numbers): process\nengine %.0f%% of the machine's",
			W, st, 100*serial.Median()/proc.Median()/machine)
		p.Y.Label.Text = "speedup over one serial run"
		panels = append(panels, p)
	}
	if len(panels) == 0 {
		return fmt.Errorf("bench: nothing to chart")
	}
	img := vgimg.New(vg.Length(len(panels))*4.2*vg.Inch, 4.5*vg.Inch)
	dc := draw.New(img)
	tiles := draw.Tiles{Rows: 1, Cols: len(panels), PadX: vg.Inch / 3, PadY: vg.Inch / 6, PadLeft: vg.Inch / 6, PadRight: vg.Inch / 6, PadTop: vg.Inch / 6, PadBottom: vg.Inch / 6}
	canvases := plot.Align([][]*plot.Plot{panels}, tiles, dc)
	for i, p := range panels {
		p.Draw(canvases[0][i])
	}
	return saveImage(img, path)
}

var (
	featurizeColor = color.RGBA{R: 70, G: 110, B: 180, A: 255}
	recipeColor    = color.RGBA{R: 200, G: 120, B: 60, A: 255}
	machineColor   = color.RGBA{R: 130, G: 130, B: 130, A: 255}
)

// barPanel is a bar chart of values named by names, each bar its own
// color and labelled with its value in format.
func barPanel(names []string, values []float64, format string, colors []color.Color) (*plot.Plot, error) {
	p := plot.New()
	top := 0.0
	for i, v := range values {
		vals := make(plotter.Values, len(values))
		vals[i] = v
		bars, err := plotter.NewBarChart(vals, vg.Points(36))
		if err != nil {
			return nil, err
		}
		bars.Color = colors[i]
		bars.LineStyle.Width = 0
		p.Add(bars)
		top = max(top, v)
	}
	var xys plotter.XYs
	var labels []string
	for i, v := range values {
		xys = append(xys, plotter.XY{X: float64(i), Y: v})
		labels = append(labels, fmt.Sprintf(format, v))
	}
	l, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: labels})
	if err != nil {
		return nil, err
	}
	for i := range l.TextStyle {
		l.TextStyle[i].XAlign = draw.XCenter
		l.TextStyle[i].YAlign = draw.YBottom
	}
	p.Add(l)
	p.NominalX(names...)
	p.Y.Min, p.Y.Max = 0, top*1.15
	return p, nil
}
