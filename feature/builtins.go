package feature

// The built-in features: the default preset, computed by the Workspace's
// kernels, which share work between them and between overlapping windows.
// Their definitions are in the doc comment of Workspace.Compute and in
// doc.go.
func init() {
	docs := [numKernels]struct{ doc, tsfresh string }{
		kMean:             {"sum(x) / w", "mean"},
		kStd:              {"sqrt(m_2), population (ddof=0)", "standard_deviation"},
		kVar:              {"m_2 = mean((x - mean)^2), population (ddof=0)", "variance"},
		kMin:              {"smallest value", "minimum"},
		kMax:              {"largest value", "maximum"},
		kPtp:              {"max - min", ""},
		kMedian:           {"middle of the sorted window (mean of the two middles for even w)", "median"},
		kQ25:              {"np.quantile(x, 0.25), method linear", "quantile__q_0.25"},
		kQ75:              {"np.quantile(x, 0.75), method linear", "quantile__q_0.75"},
		kSkew:             {"m_3 / m_2^1.5 (scipy.stats.skew, bias=True); 0 for a constant window", ""},
		kKurtosis:         {"m_4 / m_2^2 - 3 (scipy.stats.kurtosis, Fisher, bias=True; tsfresh's kurtosis is pandas' unbiased one); 0 for a constant window", ""},
		kRMS:              {"sqrt(mean(x^2))", "root_mean_square"},
		kAbsEnergy:        {"sum(x^2)", "abs_energy"},
		kSlope:            {"least-squares slope of x against t = 0..w-1 (np.polyfit(t, x, 1)[0]); 0 when w == 1", "linear_trend__attr_\"slope\""},
		kMeanCrossings:    {"how often x > mean(x) changes between neighbours", ""},
		kAutocorrLag1:     {"sum(d[:-1]*d[1:]) / ((w-1)*m_2), d = x - mean; 0 when w == 1 or the window is constant", ""},
		kFFTPeakFreq:      {"f[1 + argmax(X[1:])], X = |rfft(d)|, f = rfftfreq(w), the first maximum; 0 when w == 1 or the window is constant", ""},
		kSpectralCentroid: {"sum(f*X) / sum(X), X = |rfft(d)|, f = rfftfreq(w); 0 for a constant window", ""},
	}
	var names []string
	for k := range numKernels {
		k := kernel(k)
		Register(Calculator{
			Name:    kernelNames[k],
			Doc:     docs[k].doc,
			Tsfresh: docs[k].tsfresh,
			Group:   "builtin",
			Bind:    func(Values) (Func, error) { return func(w *Window) float64 { return w.builtin(k) }, nil },
			kernel:  k + 1,
		})
		names = append(names, kernelNames[k])
	}
	RegisterPreset("default", names)
}
