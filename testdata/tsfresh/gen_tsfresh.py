#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""
Independent reference implementation of tsfresh v0.21's feature catalogue for
plain 1-D float arrays, plus a golden-data generator.

Written from the *definitions* documented in spec.md (tsfresh's source was read
to learn what it computes; no tsfresh code is copied here).  Library calls are
the ones tsfresh itself relies on (numpy, scipy, statsmodels, PyWavelets), so
that numerical results agree with tsfresh to rounding level.

Usage:
    /usr/bin/python3 gen_tsfresh.py OUTDIR          # writes OUTDIR/golden/...
    /usr/bin/python3 gen_tsfresh.py OUTDIR --presets-only

Outputs (OUTDIR/golden/):
    <case>.npy             input series (1-D float64)
    <case>.values.npy      one float64 per name in names.json (comprehensive preset order)
    names.json             the comprehensive preset's feature names for one column
    cases.json             {case: one-line description}
    exceptions.json        {case: {calculator: "ExcType: message"}} where real tsfresh raises
                           (values of that calculator are NaN in <case>.values.npy)
    variants.json          version-dependent alternative values (see README.md)
    versions.json          library versions used
and OUTDIR/presets.json.

Reference environment ("early-2025 stack", the one tsfresh 0.21.0/0.21.1 was
released against): numpy 1.2x/2.x, scipy <= 1.15, pandas 2.x, statsmodels 0.14,
PyWavelets <= 1.8 (CWT precision 10).  Where the locally installed libraries
behave differently from that stack, this file emulates the stack explicitly
(each place is marked "VERSION NOTE") and records the alternative in
variants.json.
"""

import json
import math
import os
import sys
import warnings
from collections import OrderedDict

import numpy as np
import pandas as pd
import pywt
import scipy
import scipy.signal
import scipy.stats
import statsmodels
from numpy.linalg import LinAlgError
from statsmodels.tools.sm_exceptions import MissingDataError
from statsmodels.tsa.ar_model import AutoReg
from statsmodels.tsa.stattools import acf, adfuller, pacf

# ----------------------------------------------------------------------------
# 1.  Presets (tsfresh settings.py, v0.21) -- re-stated, not imported
# ----------------------------------------------------------------------------

# Calculators without parameters, in the order in which they are defined in
# tsfresh/feature_extraction/feature_calculators.py (that is the order in which
# ComprehensiveFCParameters picks them up).
NO_PARAM_CALCULATORS = [
    "variance_larger_than_standard_deviation",
    "has_duplicate_max",
    "has_duplicate_min",
    "has_duplicate",
    "sum_values",
    "abs_energy",
    "mean_abs_change",
    "mean_change",
    "mean_second_derivative_central",
    "median",
    "mean",
    "length",
    "standard_deviation",
    "variation_coefficient",
    "variance",
    "skewness",
    "kurtosis",
    "root_mean_square",
    "absolute_sum_of_changes",
    "longest_strike_below_mean",
    "longest_strike_above_mean",
    "count_above_mean",
    "count_below_mean",
    "last_location_of_maximum",
    "first_location_of_maximum",
    "last_location_of_minimum",
    "first_location_of_minimum",
    "percentage_of_reoccurring_values_to_all_values",
    "percentage_of_reoccurring_datapoints_to_all_datapoints",
    "sum_of_reoccurring_values",
    "sum_of_reoccurring_data_points",
    "ratio_value_number_to_time_series_length",
    "sample_entropy",
    "maximum",
    "absolute_maximum",
    "minimum",
    "benford_correlation",
]

MINIMAL = {"sum_values", "median", "mean", "length", "standard_deviation",
           "variance", "root_mean_square", "maximum", "absolute_maximum", "minimum"}
HIGH_COMP_COST = {"sample_entropy", "approximate_entropy"}
# "combiner" calculators build their own output-name suffixes.
COMBINERS = {
    "symmetry_looking", "agg_autocorrelation", "partial_autocorrelation",
    "augmented_dickey_fuller", "fft_coefficient", "fft_aggregated",
    "index_mass_quantile", "linear_trend", "cwt_coefficients",
    "spkt_welch_density", "ar_coefficient", "friedrich_coefficients",
    "agg_linear_trend", "energy_ratio_by_chunks", "query_similarity_count",
    # excluded from this reference: linear_trend_timewise, matrix_profile
}
# Calculators that tsfresh feeds with the pandas Series instead of a numpy array
PD_SERIES_INPUT = {"skewness", "kurtosis",
                   "percentage_of_reoccurring_datapoints_to_all_datapoints"}


def comprehensive_parameters():
    """Ordered mapping calculator -> list of parameter dicts (or None)."""
    p = OrderedDict((name, None) for name in NO_PARAM_CALCULATORS)
    p["time_reversal_asymmetry_statistic"] = [{"lag": lag} for lag in range(1, 4)]
    p["c3"] = [{"lag": lag} for lag in range(1, 4)]
    p["cid_ce"] = [{"normalize": True}, {"normalize": False}]
    p["symmetry_looking"] = [{"r": i * 0.05} for i in range(20)]
    p["large_standard_deviation"] = [{"r": i * 0.05} for i in range(1, 20)]
    p["quantile"] = [{"q": q} for q in (0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9)]
    p["autocorrelation"] = [{"lag": lag} for lag in range(10)]
    p["agg_autocorrelation"] = [{"f_agg": f, "maxlag": 40} for f in ("mean", "median", "var")]
    p["partial_autocorrelation"] = [{"lag": lag} for lag in range(10)]
    p["number_cwt_peaks"] = [{"n": n} for n in (1, 5)]
    p["number_peaks"] = [{"n": n} for n in (1, 3, 5, 10, 50)]
    p["binned_entropy"] = [{"max_bins": 10}]
    p["index_mass_quantile"] = [{"q": q} for q in (0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9)]
    p["cwt_coefficients"] = [{"widths": (2, 5, 10, 20), "coeff": c, "w": w}
                             for c in range(15) for w in (2, 5, 10, 20)]
    p["spkt_welch_density"] = [{"coeff": c} for c in (2, 5, 8)]
    p["ar_coefficient"] = [{"coeff": c, "k": 10} for c in range(11)]
    p["change_quantiles"] = [{"ql": ql, "qh": qh, "isabs": b, "f_agg": f}
                             for ql in (0.0, 0.2, 0.4, 0.6, 0.8)
                             for qh in (0.2, 0.4, 0.6, 0.8, 1.0)
                             for b in (False, True)
                             for f in ("mean", "var")
                             if ql < qh]
    p["fft_coefficient"] = [{"coeff": k, "attr": a}
                            for a in ("real", "imag", "abs", "angle") for k in range(100)]
    p["fft_aggregated"] = [{"aggtype": s} for s in ("centroid", "variance", "skew", "kurtosis")]
    p["value_count"] = [{"value": v} for v in (0, 1, -1)]
    p["range_count"] = [{"min": -1, "max": 1}, {"min": -1e12, "max": 0}, {"min": 0, "max": 1e12}]
    p["approximate_entropy"] = [{"m": 2, "r": r} for r in (0.1, 0.3, 0.5, 0.7, 0.9)]
    p["friedrich_coefficients"] = [{"coeff": c, "m": 3, "r": 30} for c in range(4)]
    p["max_langevin_fixed_point"] = [{"m": 3, "r": 30}]
    p["linear_trend"] = [{"attr": a} for a in ("pvalue", "rvalue", "intercept", "slope", "stderr")]
    p["agg_linear_trend"] = [{"attr": a, "chunk_len": cl, "f_agg": f}
                             for a in ("rvalue", "intercept", "slope", "stderr")
                             for cl in (5, 10, 50)
                             for f in ("max", "min", "mean", "var")]
    p["augmented_dickey_fuller"] = [{"attr": a} for a in ("teststat", "pvalue", "usedlag")]
    p["number_crossing_m"] = [{"m": 0}, {"m": -1}, {"m": 1}]
    p["energy_ratio_by_chunks"] = [{"num_segments": 10, "segment_focus": i} for i in range(10)]
    p["ratio_beyond_r_sigma"] = [{"r": r} for r in (0.5, 1, 1.5, 2, 2.5, 3, 5, 6, 7, 10)]
    # (linear_trend_timewise would sit here; excluded: needs a DatetimeIndex)
    p["count_above"] = [{"t": 0}]
    p["count_below"] = [{"t": 0}]
    p["lempel_ziv_complexity"] = [{"bins": b} for b in (2, 3, 5, 10, 100)]
    p["fourier_entropy"] = [{"bins": b} for b in (2, 3, 5, 10, 100)]
    p["permutation_entropy"] = [{"tau": 1, "dimension": d} for d in (3, 4, 5, 6, 7)]
    p["query_similarity_count"] = [{"query": None, "threshold": 0.0}]
    # (matrix_profile would sit here; excluded: optional dependency, dropped by tsfresh itself)
    # settings.py writes {"number_of_maxima": 3, "number_of_maxima": 5, "number_of_maxima": 7}:
    # a dict literal with a repeated key keeps the last value only.
    p["mean_n_absolute_max"] = [{"number_of_maxima": 7}]
    return p


def preset_parameters(preset):
    comp = comprehensive_parameters()
    if preset == "comprehensive":
        return comp
    if preset == "efficient":
        return OrderedDict((k, v) for k, v in comp.items() if k not in HIGH_COMP_COST)
    if preset == "minimal":
        return OrderedDict((k, v) for k, v in comp.items() if k in MINIMAL)
    raise ValueError(preset)


# ----------------------------------------------------------------------------
# 2.  Feature names
# ----------------------------------------------------------------------------

def _fmt(v):
    """tsfresh renders parameter values with str(); strings get double quotes."""
    if isinstance(v, str):
        return '"' + v + '"'
    return str(v)


def _simple_suffix(params):
    return "__".join(f"{k}_{_fmt(params[k])}" for k in sorted(params))


def _combiner_suffix(calc, p):
    if calc == "symmetry_looking":
        return f"r_{p['r']}"
    if calc == "agg_autocorrelation":
        return f'f_agg_"{p["f_agg"]}"__maxlag_{p["maxlag"]}'
    if calc == "partial_autocorrelation":
        return f"lag_{p['lag']}"
    if calc == "augmented_dickey_fuller":
        return f'attr_"{p["attr"]}"__autolag_"{p.get("autolag", "AIC")}"'
    if calc == "fft_coefficient":
        return f'attr_"{p["attr"]}"__coeff_{p["coeff"]}'
    if calc == "fft_aggregated":
        return f'aggtype_"{p["aggtype"]}"'
    if calc == "index_mass_quantile":
        return f"q_{p['q']}"
    if calc == "linear_trend":
        return f'attr_"{p["attr"]}"'
    if calc == "cwt_coefficients":
        return f"coeff_{p['coeff']}__w_{p['w']}__widths_{tuple(p['widths'])}"
    if calc == "spkt_welch_density":
        return f"coeff_{p['coeff']}"
    if calc == "ar_coefficient":
        return f"coeff_{p['coeff']}__k_{p['k']}"
    if calc == "friedrich_coefficients":
        return f"coeff_{p['coeff']}__m_{p['m']}__r_{p['r']}"
    if calc == "agg_linear_trend":
        return f'attr_"{p["attr"]}"__chunk_len_{p["chunk_len"]}__f_agg_"{p["f_agg"]}"'
    if calc == "energy_ratio_by_chunks":
        return f"num_segments_{p['num_segments']}__segment_focus_{p['segment_focus']}"
    if calc == "query_similarity_count":
        return _simple_suffix(p)
    raise KeyError(calc)


def feature_names(calc, plist):
    if not plist:
        return [calc]
    if calc in COMBINERS:
        return [calc + "__" + _combiner_suffix(calc, p) for p in plist]
    return [calc + "__" + _simple_suffix(p) for p in plist]


def preset_names(preset):
    out = []
    for calc, plist in preset_parameters(preset).items():
        out.extend(feature_names(calc, plist))
    return out


# ----------------------------------------------------------------------------
# 3.  Shared helpers
# ----------------------------------------------------------------------------

def _windows(x, m, step=1):
    """All length-m windows of x starting every `step` samples; shape (k, m), k may be 0."""
    k = (len(x) - m) // step + 1
    if k <= 0:
        return np.empty((0, m), dtype=x.dtype)
    idx = np.arange(m)[None, :] + step * np.arange(k)[:, None]
    return x[idx]


def _longest_run(mask):
    best = cur = 0
    for v in mask:
        if v:
            cur += 1
            if cur > best:
                best = cur
        else:
            cur = 0
    return best


def _welch_psd(x):
    """scipy.signal.welch with tsfresh's settings (nperseg=min(n,256), all else default)."""
    _, pxx = scipy.signal.welch(x, nperseg=min(len(x), 256))
    return pxx


def _binned_entropy(x, max_bins):
    if np.isnan(x).any():
        return np.nan
    hist, _ = np.histogram(x, bins=max_bins)  # raises ValueError for +-inf (range not finite)
    p = hist / x.size
    p[p == 0] = 1.0
    return -np.sum(p * np.log(p))


def _qcut_codes(values, quantiles, mode="pandas2", interval_labels=False):
    """
    pandas.qcut(values, quantiles, labels=False) re-implemented.
    Returns (codes, ok): codes is an array of bin indices (-1 for "no bin"),
    raises ValueError where pandas would (non-unique edges when there are more than
    two edges; with interval_labels=True -- i.e. qcut(..., labels=None), as used by
    friedrich_coefficients -- also when an edge is NaN, because building the
    IntervalIndex labels fails), IndexError on empty input.

    VERSION NOTE: pandas >= 2.0 computes the edges with Series.quantile, i.e.
    np.percentile(v, q*100) (linear); pandas 1.x used np.quantile(v, q).  The two
    differ by 1 ulp for some q (e.g. k/30).  mode selects the flavour.
    """
    v = np.asarray(values, dtype=float)
    finite_or_inf = v[~np.isnan(v)]
    q = np.asarray(quantiles, dtype=float)
    if finite_or_inf.size == 0:
        raise IndexError("qcut of empty / all-NaN input")
    if mode == "pandas2":
        edges = np.percentile(finite_or_inf, q * 100.0)
    else:
        edges = np.quantile(finite_or_inf, q)
    if len(edges) != 2 and len(np.unique(edges)) < len(edges):  # np.unique: NaNs compare equal
        raise ValueError("Bin edges must be unique")
    if interval_labels and np.isnan(edges).any():
        # an edge next to +-inf data can come out NaN (numpy's lerp computes inf + 0*inf)
        raise ValueError("missing values must be missing in the same location both left and right sides")
    ids = np.searchsorted(edges, v, side="left")
    ids[v == edges[0]] = 1                    # include_lowest=True
    bad = np.isnan(v) | (ids == 0) | (ids == len(edges))
    codes = ids - 1
    codes[bad] = -1
    return codes


def _kahan_group_mean(vals):
    """pandas groupby().mean(): NaN skipped, Kahan-compensated sum (pandas >= 2.0 variant
    that resets the compensation when it becomes NaN, GH#50367)."""
    s = 0.0
    comp = 0.0
    cnt = 0
    for v in vals:
        v = float(v)
        if v != v:
            continue
        cnt += 1
        y = v - comp
        t = s + y
        comp = t - s - y
        if comp != comp:
            comp = 0.0
        s = t
    return s / cnt if cnt else np.nan


def _friedrich_coefficients(x, m, r, qcut_mode="pandas2"):
    """np.polyfit(deg=m) of per-quantile-bin means of (x[t], x[t+1]-x[t]); highest power first."""
    assert m > 0
    sig = x[:-1]
    delta = np.diff(x)
    try:
        codes = _qcut_codes(sig, np.linspace(0, 1, r + 1), mode=qcut_mode, interval_labels=True)
    except (ValueError, IndexError):
        return [np.nan] * (m + 1)
    xm, ym = [], []
    for g in range(r):
        sel = codes == g
        if not sel.any():
            continue  # empty category -> NaN mean -> dropped
        a = _kahan_group_mean(sig[sel])
        b = _kahan_group_mean(delta[sel])
        if np.isnan(a) or np.isnan(b):
            continue  # DataFrame.dropna()
        xm.append(a)
        ym.append(b)
    try:
        return np.polyfit(np.array(xm), np.array(ym), deg=m)
    except (LinAlgError, ValueError, SystemError):
        # (SystemError: with numpy 1.24 on this machine lstsq's LinAlgError for non-finite input
        #  can surface as SystemError; real tsfresh never gets here for such input because qcut
        #  has already failed)
        return [np.nan] * (m + 1)


def _mexh_cwt(x, scales, precision=10):
    """
    PyWavelets cwt(x, scales, 'mexh', method='conv') re-implemented, with the
    wavelet sampled on 2**precision points over [-8, 8].
    VERSION NOTE: PyWavelets <= 1.8 hard-codes precision=10; PyWavelets >= 1.9
    (Aug 2025) defaults to precision=12, which changes cwt_coefficients.
    """
    n_pts = 2 ** precision
    grid = np.linspace(-8.0, 8.0, n_pts)
    # evaluated point by point with the C library's exp (as PyWavelets' C code does)
    den = math.sqrt(3) * math.sqrt(math.sqrt(math.pi))
    psi = np.array([(1 - t * t) * math.exp(-(t * t) / 2) * 2 / den for t in grid])
    step = grid[1] - grid[0]
    int_psi = np.cumsum(psi)
    int_psi *= step
    out = np.empty((len(scales), len(x)))
    for i, a in enumerate(scales):
        j = np.arange(a * (grid[-1] - grid[0]) + 1) / (a * step)
        j = j.astype(int)
        if j[-1] >= int_psi.size:
            j = j[j < int_psi.size]
        kern = int_psi[j][::-1]
        conv = np.convolve(x, kern)
        coef = -np.sqrt(a) * np.diff(conv)
        d = (coef.shape[-1] - x.shape[-1]) / 2.0
        if d > 0:
            coef = coef[math.floor(d):-math.ceil(d)]
        elif d < 0:
            raise ValueError("Selected scale of {} too small.".format(a))
        out[i] = coef
    return out


def _cwt_mexh_any(x, scales, precision):
    """Use PyWavelets itself where it can produce the requested precision (exactly what
    tsfresh calls), otherwise the re-implementation above (identical up to ~1e-15)."""
    try:
        return pywt.cwt(x, scales=scales, wavelet="mexh", precision=precision)[0]  # PyWavelets >= 1.9
    except TypeError:
        if precision == 10:
            return pywt.cwt(x, scales=scales, wavelet="mexh")[0]  # PyWavelets <= 1.8: fixed precision 10
        return _mexh_cwt(x, scales, precision)


def _ricker(points, a):
    """Ricker (Mexican hat) wavelet as used by tsfresh/scipy: 2/(sqrt(3a) pi^(1/4)) (1-t^2/a^2) exp(-t^2/(2a^2))."""
    amp = 2 / (np.sqrt(3 * a) * (np.pi ** 0.25))
    t = np.arange(0, points) - (points - 1.0) / 2
    t2 = t ** 2
    return amp * (1 - t2 / a ** 2) * np.exp(-t2 / (2 * a ** 2))


def _linregress(y):
    """scipy.stats.linregress(range(len(y)), y).
    VERSION NOTE: scipy >= 1.16 returns all-NaN for len(y) == 1 (rvalue NaN instead of 0.0)
    and scipy >= 1.18 changed the degenerate/two-point conventions; this reference follows
    scipy <= 1.15 (classic implementation), which is what the local scipy does."""
    return scipy.stats.linregress(np.arange(len(y)), y)


# ----------------------------------------------------------------------------
# 4.  Calculators.  Each takes (x: float64 ndarray, plist) and returns a list of
#     values aligned with feature_names(calc, plist).
# ----------------------------------------------------------------------------

CALC = {}


def calculator(name):
    def deco(f):
        CALC[name] = f
        return f
    return deco


def _single(name):
    """Decorator for parameter-less calculators f(x) -> value."""
    def deco(f):
        CALC[name] = lambda x, plist: [f(x)]
        return f
    return deco


def _per_param(name):
    """Decorator for simple calculators with parameters f(x, **p) -> value."""
    def deco(f):
        CALC[name] = lambda x, plist: [f(x, **p) for p in plist]
        return f
    return deco


@_single("variance_larger_than_standard_deviation")
def _vlsd(x):
    v = np.var(x)
    return v > np.sqrt(v)


@_per_param("ratio_beyond_r_sigma")
def _rbrs(x, r):
    return np.sum(np.abs(x - np.mean(x)) > r * np.std(x)) / x.size


@_per_param("large_standard_deviation")
def _lsd(x, r):
    return np.std(x) > r * (np.max(x) - np.min(x))


@calculator("symmetry_looking")
def _symmetry_looking(x, plist):
    d = np.abs(np.mean(x) - np.median(x))
    rng = np.max(x) - np.min(x)
    return [d < p["r"] * rng for p in plist]


@_single("has_duplicate_max")
def _hdmax(x):
    return np.sum(x == np.max(x)) >= 2


@_single("has_duplicate_min")
def _hdmin(x):
    return np.sum(x == np.min(x)) >= 2


@_single("has_duplicate")
def _hdup(x):
    return x.size != np.unique(x).size


@_single("sum_values")
def _sum_values(x):
    return 0 if len(x) == 0 else np.sum(x)


@calculator("agg_autocorrelation")
def _agg_autocorrelation(x, plist):
    n = len(x)
    var = np.var(x)
    maxlag = max(p["maxlag"] for p in plist)
    if np.abs(var) < 1e-10 or n == 1:
        r = np.zeros(n)
    else:
        # statsmodels acf: direct (np.correlate) estimator for n <= 1250, FFT above.
        r = acf(x, adjusted=True, fft=n > 1250, nlags=maxlag)[1:]
    out = []
    for p in plist:
        agg = {"mean": np.mean, "median": np.median, "var": np.var}[p["f_agg"]]
        out.append(agg(r[: int(p["maxlag"])]))
    return out


@calculator("partial_autocorrelation")
def _partial_autocorrelation(x, plist):
    want = max(p["lag"] for p in plist)
    n = len(x)
    vals = [np.nan] * (want + 1)
    if n > 1:
        use = want if want < n // 2 else n // 2 - 1
        if use > 0:
            vals = list(pacf(x, method="ld", nlags=use)) + [np.nan] * max(0, want - use)
    return [vals[p["lag"]] for p in plist]


@calculator("augmented_dickey_fuller")
def _adf(x, plist):
    cache = {}
    out = []
    for p in plist:
        autolag = p.get("autolag", "AIC")
        if autolag not in cache:
            try:
                # VERSION NOTE: statsmodels >= 0.14 raises ValueError for constant input
                # (max == min); tsfresh turns that into NaN.  statsmodels 0.13 (installed
                # here) would run the regression; emulate 0.14.
                if np.max(x) == np.min(x):
                    raise ValueError("Invalid input, x is constant")
                cache[autolag] = adfuller(x, autolag=autolag)[:3]
            except (LinAlgError, ValueError, MissingDataError):
                cache[autolag] = (np.nan, np.nan, np.nan)
        res = cache[autolag]
        out.append({"teststat": res[0], "pvalue": res[1], "usedlag": res[2]}.get(p["attr"], np.nan))
    return out


@_single("abs_energy")
def _abs_energy(x):
    return np.dot(x, x)


@_per_param("cid_ce")
def _cid_ce(x, normalize):
    if normalize:
        s = np.std(x)
        if s == 0:
            return 0.0
        x = (x - np.mean(x)) / s
    d = np.diff(x)
    return np.sqrt(np.dot(d, d))


@_single("mean_abs_change")
def _mean_abs_change(x):
    return np.mean(np.abs(np.diff(x)))


@_single("mean_change")
def _mean_change(x):
    return (x[-1] - x[0]) / (len(x) - 1) if len(x) > 1 else np.nan


@_single("mean_second_derivative_central")
def _msdc(x):
    return (x[-1] - x[-2] - x[1] + x[0]) / (2 * (len(x) - 2)) if len(x) > 2 else np.nan


_single("median")(lambda x: np.median(x))
_single("mean")(lambda x: np.mean(x))
_single("length")(lambda x: len(x))
_single("standard_deviation")(lambda x: np.std(x))
_single("variance")(lambda x: np.var(x))
_single("maximum")(lambda x: np.max(x))
_single("minimum")(lambda x: np.min(x))


@_single("absolute_maximum")
def _absmax(x):
    return np.max(np.abs(x)) if len(x) > 0 else np.nan


@_single("variation_coefficient")
def _variation_coefficient(x):
    m = np.mean(x)
    if m == 0:
        return np.nan
    return np.std(x) / m


def _zero_out_fperr(v):
    return np.float64(0.0) if np.abs(v) < 1e-14 else v


@_single("skewness")
def _skewness(x):
    """pandas Series.skew(skipna=False): adjusted Fisher-Pearson G1 with pandas' 1e-14 cut-offs."""
    n = np.float64(len(x))
    if np.isnan(x).any():
        return np.nan
    mean = x.sum(dtype=np.float64) / n
    a = x - mean
    a2 = a ** 2
    a3 = a2 * a
    m2 = _zero_out_fperr(a2.sum(dtype=np.float64))
    m3 = _zero_out_fperr(a3.sum(dtype=np.float64))
    with np.errstate(invalid="ignore", divide="ignore"):
        res = (n * (n - 1) ** 0.5 / (n - 2)) * (m3 / m2 ** 1.5)
    if m2 == 0:
        res = 0.0
    if n < 3:
        return np.nan
    return res


@_single("kurtosis")
def _kurtosis(x):
    """pandas Series.kurtosis() (skipna=True): adjusted G2 with pandas' 1e-14 cut-offs."""
    mask = np.isnan(x)
    v = x.copy()
    v[mask] = 0.0
    n = np.float64(len(x) - mask.sum())
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = v.sum(dtype=np.float64) / n
    a = v - mean
    a[mask] = 0.0
    a2 = a ** 2
    a4 = a2 ** 2
    m2 = a2.sum(dtype=np.float64)
    m4 = a4.sum(dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        adj = 3 * (n - 1) ** 2 / ((n - 2) * (n - 3))
        num = n * (n + 1) * (n - 1) * m4
        den = (n - 2) * (n - 3) * m2 ** 2
    num = _zero_out_fperr(num)
    den = _zero_out_fperr(den)
    if n < 4:
        return np.nan
    if den == 0:
        return 0.0
    with np.errstate(invalid="ignore", divide="ignore"):
        return num / den - adj


@_single("root_mean_square")
def _rms(x):
    return np.sqrt(np.mean(np.square(x))) if len(x) > 0 else np.nan


@_single("absolute_sum_of_changes")
def _asoc(x):
    return np.sum(np.abs(np.diff(x)))


@_single("longest_strike_below_mean")
def _lsbm(x):
    return _longest_run(x < np.mean(x)) if x.size > 0 else 0


@_single("longest_strike_above_mean")
def _lsam(x):
    return _longest_run(x > np.mean(x)) if x.size > 0 else 0


@_single("count_above_mean")
def _cam(x):
    return int(np.count_nonzero(x > np.mean(x)))


@_single("count_below_mean")
def _cbm(x):
    return int(np.count_nonzero(x < np.mean(x)))


# np.argmax / np.argmin return the first maximal/minimal index; a NaN counts as
# the extreme value (first NaN wins).
@_single("last_location_of_maximum")
def _llmax(x):
    return 1.0 - np.argmax(x[::-1]) / len(x) if len(x) > 0 else np.nan


@_single("first_location_of_maximum")
def _flmax(x):
    return np.argmax(x) / len(x) if len(x) > 0 else np.nan


@_single("last_location_of_minimum")
def _llmin(x):
    return 1.0 - np.argmin(x[::-1]) / len(x) if len(x) > 0 else np.nan


@_single("first_location_of_minimum")
def _flmin(x):
    return np.argmin(x) / len(x) if len(x) > 0 else np.nan


@_single("percentage_of_reoccurring_values_to_all_values")
def _porvtav(x):
    if len(x) == 0:
        return np.nan
    _, counts = np.unique(x, return_counts=True)
    if counts.shape[0] == 0:
        return 0.0
    return np.sum(counts > 1) / float(counts.shape[0])


@_single("percentage_of_reoccurring_datapoints_to_all_datapoints")
def _pordtad(x):
    # pandas value_counts() drops NaN; denominator is the full length.
    if len(x) == 0:
        return np.nan
    _, counts = np.unique(x[~np.isnan(x)], return_counts=True)
    return counts[counts > 1].sum() / x.size


@_single("sum_of_reoccurring_values")
def _sorv(x):
    uniq, counts = np.unique(x, return_counts=True)
    counts[counts < 2] = 0
    counts[counts > 1] = 1
    return np.sum(counts * uniq)


@_single("sum_of_reoccurring_data_points")
def _sordp(x):
    uniq, counts = np.unique(x, return_counts=True)
    counts[counts < 2] = 0
    return np.sum(counts * uniq)


@_single("ratio_value_number_to_time_series_length")
def _rvntsl(x):
    if x.size == 0:
        return np.nan
    return np.unique(x).size / x.size


@calculator("fft_coefficient")
def _fft_coefficient(x, plist):
    f = np.fft.rfft(x)
    out = []
    for p in plist:
        k = p["coeff"]
        if k >= len(f):
            out.append(np.nan)
            continue
        c = f[k]
        out.append({"real": lambda: c.real, "imag": lambda: c.imag, "abs": lambda: np.abs(c),
                    "angle": lambda: np.angle(c, deg=True)}[p["attr"]]())
    return out


@calculator("fft_aggregated")
def _fft_aggregated(x, plist):
    y = np.abs(np.fft.rfft(x))
    idx = np.arange(len(y), dtype=float)

    def moment(k):
        return y.dot(idx ** k) / y.sum()

    def centroid():
        return moment(1)

    def variance():
        return moment(2) - moment(1) ** 2

    def skew():
        v = variance()
        if v < 0.5:
            return np.nan
        c = moment(1)
        return (moment(3) - 3 * c * v - c ** 3) / variance() ** 1.5

    def kurtosis():
        v = variance()
        if v < 0.5:
            return np.nan
        c = moment(1)
        # (sic) tsfresh's formula ends in "- 3*c", not "- 3*c**4"
        return (moment(4) - 4 * c * moment(3) + 6 * moment(2) * c ** 2 - 3 * c) / variance() ** 2

    fn = {"centroid": centroid, "variance": variance, "skew": skew, "kurtosis": kurtosis}
    with np.errstate(invalid="ignore", divide="ignore"):
        return [fn[p["aggtype"]]() for p in plist]


@_per_param("number_peaks")
def _number_peaks(x, n):
    N = len(x)
    count = 0
    for i in range(n, N - n):
        v = x[i]
        ok = True
        for k in range(1, n + 1):
            if not (v > x[i - k] and v > x[i + k]):
                ok = False
                break
        count += ok
    return count


@calculator("index_mass_quantile")
def _index_mass_quantile(x, plist):
    a = np.abs(x)
    s = np.sum(a)
    if s == 0:
        return [np.nan] * len(plist)
    c = np.cumsum(a) / s
    return [(np.argmax(c >= p["q"]) + 1) / len(x) for p in plist]


@_per_param("number_cwt_peaks")
def _number_cwt_peaks(x, n):
    return len(scipy.signal.find_peaks_cwt(vector=x, widths=np.array(list(range(1, n + 1))),
                                           wavelet=_ricker))


@calculator("linear_trend")
def _linear_trend(x, plist):
    lr = _linregress(x)
    return [getattr(lr, p["attr"]) for p in plist]


CWT_PRECISION = 10  # VERSION NOTE: PyWavelets <= 1.8


@calculator("cwt_coefficients")
def _cwt_coefficients(x, plist, precision=None):
    precision = CWT_PRECISION if precision is None else precision
    cache = {}
    out = []
    for p in plist:
        widths = tuple(p["widths"])
        if widths not in cache:
            cache[widths] = _cwt_mexh_any(x, widths, precision)
        c = cache[widths]
        i = widths.index(p["w"])
        out.append(np.nan if c.shape[1] <= p["coeff"] else c[i, p["coeff"]])
    return out


@calculator("spkt_welch_density")
def _spkt_welch_density(x, plist):
    pxx = _welch_psd(x)
    return [pxx[p["coeff"]] if p["coeff"] < len(pxx) else np.nan for p in plist]


@calculator("ar_coefficient")
def _ar_coefficient(x, plist):
    cache = {}
    out = []
    for p in plist:
        k, c = p["k"], p["coeff"]
        if k not in cache:
            try:
                cache[k] = AutoReg(list(x), lags=k, trend="c").fit().params
            except (ZeroDivisionError, LinAlgError, ValueError):
                cache[k] = [np.nan] * k          # (sic) only k entries: index k -> IndexError -> 0
        params = cache[k]
        if c <= k:
            out.append(params[c] if c < len(params) else 0)
        else:
            out.append(np.nan)
    return out


@_per_param("change_quantiles")
def _change_quantiles(x, ql, qh, isabs, f_agg, qcut_mode="pandas2"):
    if ql >= qh:
        return 0.0
    d = np.diff(x)
    if isabs:
        d = np.abs(d)
    try:
        codes = _qcut_codes(x, [ql, qh], mode=qcut_mode)
    except ValueError:
        return 0.0
    inside = codes == 0
    both = inside[1:] & inside[:-1]
    if np.sum(both) == 0:
        return 0.0
    return {"mean": np.mean, "var": np.var}[f_agg](d[both])


@_per_param("time_reversal_asymmetry_statistic")
def _tras(x, lag):
    n = len(x)
    if 2 * lag >= n:
        return 0.0
    a = x[2 * lag:]
    b = x[lag:n - lag]
    c = x[:n - 2 * lag]
    return np.mean(a * a * b - b * c * c)


@_per_param("c3")
def _c3(x, lag):
    n = x.size
    if 2 * lag >= n:
        return 0.0
    return np.mean(x[2 * lag:] * x[lag:n - lag] * x[:n - 2 * lag])


@_per_param("mean_n_absolute_max")
def _mnam(x, number_of_maxima):
    assert number_of_maxima > 0
    top = np.sort(np.abs(x))[-number_of_maxima:]
    return np.mean(top) if len(x) > number_of_maxima else np.nan


@_per_param("binned_entropy")
def _be(x, max_bins):
    return _binned_entropy(x, max_bins)


@_single("sample_entropy")
def _sample_entropy(x):
    if np.isnan(x).any():
        return np.nan
    tol = 0.2 * np.std(x)

    def matches(m):
        w = _windows(x, m)
        if len(w) == 0:
            return np.int64(0)
        with np.errstate(invalid="ignore"):
            dist = np.max(np.abs(w[:, None, :] - w[None, :, :]), axis=2)
            # count of j with dist(i,j) <= tol, minus 1 (the "self match") per row
            return np.sum(np.sum(dist <= tol, axis=1) - 1)

    B = matches(2)
    A = matches(3)
    with np.errstate(invalid="ignore", divide="ignore"):
        return -np.log(np.float64(A) / np.float64(B))


@_per_param("approximate_entropy")
def _approximate_entropy(x, m, r):
    N = x.size
    r = r * np.std(x)
    if r < 0:
        raise ValueError("Parameter r must be positive.")
    if N <= m + 1:
        return 0

    def phi(mm):
        w = _windows(x, mm)
        with np.errstate(invalid="ignore", divide="ignore"):
            dist = np.max(np.abs(w[:, None, :] - w[None, :, :]), axis=2)
            C = np.sum(dist <= r, axis=0) / (N - mm + 1)
            return np.sum(np.log(C)) / (N - mm + 1.0)

    with np.errstate(invalid="ignore"):
        return np.abs(phi(m) - phi(m + 1))


@_per_param("fourier_entropy")
def _fourier_entropy(x, bins):
    pxx = _welch_psd(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        return _binned_entropy(pxx / np.max(pxx), bins)


@_per_param("lempel_ziv_complexity")
def _lzc(x, bins):
    edges = np.linspace(np.min(x), np.max(x), bins + 1)[1:]
    seq = np.searchsorted(edges, x, side="left")
    seen = set()
    n = len(seq)
    start, ln = 0, 1
    while start + ln <= n:
        word = tuple(seq[start:start + ln])
        if word in seen:
            ln += 1
        else:
            seen.add(word)
            start += ln
            ln = 1
    return len(seen) / n


@_per_param("permutation_entropy")
def _permutation_entropy(x, tau, dimension):
    w = _windows(x, dimension, tau)
    if len(w) == 0:
        return np.nan
    # ordinal pattern = rank vector of each window; ties ranked by position (stable)
    ranks = np.argsort(np.argsort(w))
    _, counts = np.unique(ranks, axis=0, return_counts=True)
    p = counts / len(ranks)
    return -np.sum(p * np.log(p))


@_per_param("autocorrelation")
def _autocorrelation(x, lag):
    n = len(x)
    if n < lag:
        return np.nan
    m = np.mean(x)
    s = np.sum((x[: n - lag] - m) * (x[lag:] - m))
    v = np.var(x)
    if np.isclose(v, 0):
        return np.nan
    with np.errstate(invalid="ignore", divide="ignore"):
        return s / ((n - lag) * v)


@_per_param("quantile")
def _quantile(x, q):
    if len(x) == 0:
        return np.nan
    return np.quantile(x, q)


@_per_param("number_crossing_m")
def _ncm(x, m):
    pos = x > m
    return int(np.count_nonzero(pos[1:] != pos[:-1]))


@_per_param("value_count")
def _value_count(x, value):
    if np.isnan(value):
        return int(np.isnan(x).sum())
    return int(np.count_nonzero(x == value))


@_per_param("range_count")
def _range_count(x, min, max):  # noqa: A002  (tsfresh's parameter names)
    return int(np.sum((x >= min) & (x < max)))


@calculator("friedrich_coefficients")
def _friedrich(x, plist, qcut_mode="pandas2"):
    cache = {}
    out = []
    for p in plist:
        key = (p["m"], p["r"])
        if key not in cache:
            cache[key] = _friedrich_coefficients(x, p["m"], p["r"], qcut_mode)
        c = cache[key]
        out.append(c[p["coeff"]] if p["coeff"] < len(c) else np.nan)
    return out


@_per_param("max_langevin_fixed_point")
def _mlfp(x, r, m, qcut_mode="pandas2"):
    coeff = _friedrich_coefficients(x, m, r, qcut_mode)
    try:
        return np.max(np.real(np.roots(coeff)))
    except (LinAlgError, ValueError):
        return np.nan


@calculator("agg_linear_trend")
def _agg_linear_trend(x, plist):
    cache = {}
    out = []
    n = len(x)
    for p in plist:
        cl, f = p["chunk_len"], p["f_agg"]
        if cl >= n:
            out.append(np.nan)
            continue
        if (cl, f) not in cache:
            nchunks = -(-n // cl)
            agg = [getattr(x[i * cl:(i + 1) * cl], f)() for i in range(nchunks)]
            cache[(cl, f)] = _linregress(np.array(agg))
        out.append(getattr(cache[(cl, f)], p["attr"]))
    return out


@calculator("energy_ratio_by_chunks")
def _erbc(x, plist):
    total = np.sum(x ** 2)
    out = []
    for p in plist:
        k, i = p["num_segments"], p["segment_focus"]
        assert 0 <= i < k
        if total == 0:
            out.append(np.nan)
            continue
        n = len(x)
        base, extra = divmod(n, k)           # np.array_split: first `extra` chunks get one more
        start = i * base + min(i, extra)
        stop = start + base + (1 if i < extra else 0)
        out.append(np.sum(x[start:stop] ** 2.0) / total)
    return out


@_per_param("count_above")
def _count_above(x, t):
    return np.sum(x >= t) / len(x)


@_per_param("count_below")
def _count_below(x, t):
    return np.sum(x <= t) / len(x)


@_single("benford_correlation")
def _benford(x):
    v = np.abs(np.nan_to_num(x))
    first = np.array([int(np.format_float_scientific(e)[0]) for e in v])
    benford = np.log10(1 + 1 / np.arange(1, 10))
    data = np.array([(first == d).mean() for d in range(1, 10)])
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.corrcoef(benford, data)[0, 1]


@calculator("query_similarity_count")
def _qsc(x, plist):
    # With the preset's query=None, tsfresh converts None to a 0-d float NaN array of
    # size 1 (< 3), so the count is never computed: always NaN.
    out = []
    for p in plist:
        q = p.get("query")
        if q is None or np.asarray(q, dtype=float).size < 3:
            out.append(np.nan)
        else:
            raise NotImplementedError("query_similarity_count with a query needs stumpy.mass")
    return out


# ----------------------------------------------------------------------------
# 5.  Extraction driver
# ----------------------------------------------------------------------------

def extract(x, params=None):
    """Returns (names, values, errors).  errors: {calculator: 'Exc: msg'} for calculators
    that raise in tsfresh (their values are NaN here; real tsfresh's extract_features
    would abort with that exception)."""
    x = np.asarray(x, dtype=np.float64)
    params = comprehensive_parameters() if params is None else params
    names, values, errors = [], [], {}
    for calc, plist in params.items():
        nm = feature_names(calc, plist)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                vals = CALC[calc](x, plist)
            except Exception as e:  # noqa: BLE001
                errors[calc] = f"{type(e).__name__}: {e}"
                vals = [np.nan] * len(nm)
        assert len(vals) == len(nm), calc
        names.extend(nm)
        values.extend(float(v) for v in vals)
    return names, np.array(values, dtype=np.float64), errors


# ----------------------------------------------------------------------------
# 6.  Test cases
# ----------------------------------------------------------------------------

def make_cases():
    c = OrderedDict()

    def rng(k):
        return np.random.default_rng(k)

    def add(name, desc, x):
        c[name] = (desc, np.asarray(x, dtype=np.float64))

    add("rw_1000", "random walk, cumsum of N(0,1), n=1000, seed 1", np.cumsum(rng(1).normal(size=1000)))
    add("rw_256", "random walk, cumsum of N(0,1), n=256, seed 2", np.cumsum(rng(2).normal(size=256)))
    add("noise_1000", "white noise N(0,1), n=1000, seed 3", rng(3).normal(size=1000))
    add("noise_256", "white noise N(0,1), n=256, seed 4", rng(4).normal(size=256))
    add("lognormal_300", "positive skewed data exp(N(0,2)), n=300, seed 5", np.exp(2 * rng(5).normal(size=300)))
    t = np.arange(256)
    add("sine_int_256", "sin(2*pi*4*t/256): exactly 4 periods, n=256", np.sin(2 * np.pi * 4 * t / 256))
    t = np.arange(1000)
    add("sine_nonint_1000", "3*sin(2*pi*t/37.7)+0.5: non-integer number of periods, n=1000",
        3 * np.sin(2 * np.pi * t / 37.7) + 0.5)
    t = np.arange(500)
    add("sine_noise_500", "sin(2*pi*t/50) + 0.3*N(0,1), n=500, seed 6",
        np.sin(2 * np.pi * t / 50) + 0.3 * rng(6).normal(size=500))
    add("const_50", "constant 5.0, n=50", np.full(50, 5.0))
    add("zeros_20", "constant 0.0, n=20", np.zeros(20))
    x = np.full(100, 0.1)
    x[37] = 0.1 + 1e-15
    add("near_const_100", "0.1 repeated 100 times, x[37] = 0.1+1e-15", x)
    add("ties_300", "many ties: round(2*N(0,1))/2, n=300, seed 7", np.round(2 * rng(7).normal(size=300)) / 2)
    add("ties_int_200", "integers 0..4 uniform, n=200, seed 8", rng(8).integers(0, 5, size=200).astype(float))
    x = rng(9).normal(size=100)
    x[17] = np.nan
    add("nan_100", "N(0,1) n=100 seed 9 with x[17]=NaN (tsfresh.extract_features rejects NaN input; "
        "values are the per-calculator results)", x)
    x = rng(10).normal(size=100)
    x[17] = np.inf
    add("inf_100", "N(0,1) n=100 seed 10 with x[17]=+Inf", x)
    x = rng(11).normal(size=100)
    x[42] = -np.inf
    add("ninf_100", "N(0,1) n=100 seed 11 with x[42]=-Inf", x)
    add("len1", "N(0,1), n=1, seed 12", rng(12).normal(size=1))
    add("len2", "N(0,1), n=2, seed 13", rng(13).normal(size=2))
    add("len3", "N(0,1), n=3, seed 14", rng(14).normal(size=3))
    add("len10", "N(0,1), n=10, seed 15", rng(15).normal(size=10))
    add("len21", "N(0,1), n=21, seed 16 (AutoReg(k=10) exactly determined -> ZeroDivisionError -> NaN)",
        rng(16).normal(size=21))
    add("len22", "N(0,1), n=22, seed 21 (smallest n for which ar_coefficient(k=10) is estimable)",
        rng(21).normal(size=22))
    t = np.arange(500)
    add("trend_500", "0.05*t + N(0,1), n=500, seed 17", 0.05 * t + rng(17).normal(size=500))
    e = rng(18).normal(size=1000)
    x = np.zeros(1000)
    for i in range(2, 1000):
        x[i] = 0.6 * x[i - 1] - 0.3 * x[i - 2] + e[i]
    add("ar2_1000", "AR(2): x_t = 0.6 x_{t-1} - 0.3 x_{t-2} + N(0,1), n=1000, seed 18", x)
    x = np.zeros(200)
    r = rng(19)
    pos = r.choice(200, size=12, replace=False)
    x[pos] = r.uniform(1, 10, size=12)
    add("spikes_200", "zeros with 12 positive spikes U(1,10) at random positions, n=200, seed 19", x)
    add("offset_300", "1e6 + N(0,1), n=300, seed 20 (large offset, small spread)",
        1e6 + rng(20).normal(size=300))
    return c


# ----------------------------------------------------------------------------
# 7.  Writers
# ----------------------------------------------------------------------------

def _json_params(p):
    if p is None:
        return None
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in p.items()}


def write_presets(outdir):
    res = OrderedDict()
    res["source"] = ("tsfresh v0.21 (blue-yonder/tsfresh, settings.py / feature_calculators.py); "
                     "linear_trend_timewise and matrix_profile removed")
    for preset in ("minimal", "efficient", "comprehensive"):
        entries, names = [], []
        for calc, plist in preset_parameters(preset).items():
            nm = feature_names(calc, plist)
            if plist is None:
                entries.append(OrderedDict(calculator=calc, params=None, name=nm[0]))
            else:
                for p, n in zip(plist, nm):
                    entries.append(OrderedDict(calculator=calc, params=_json_params(p), name=n))
            names.extend(nm)
        res[preset] = OrderedDict(count=len(names), calculators=entries, names=names)
    info = OrderedDict()
    for calc in comprehensive_parameters():
        info[calc] = OrderedDict(
            fctype="combiner" if calc in COMBINERS else "simple",
            minimal=calc in MINIMAL,
            high_comp_cost=calc in HIGH_COMP_COST,
            input="pd.Series" if calc in PD_SERIES_INPUT else "numpy.ndarray",
        )
    res["calculator_info"] = info
    with open(os.path.join(outdir, "presets.json"), "w") as fh:
        json.dump(res, fh, indent=1)
        fh.write("\n")
    return res


def variant_values(x):
    """Version-dependent alternatives: {variant: {name: value}} (only names whose value differs)."""
    out = OrderedDict()
    params = comprehensive_parameters()
    base_names, base_vals, _ = extract(x, OrderedDict(
        (k, params[k]) for k in ("cwt_coefficients", "friedrich_coefficients",
                                 "max_langevin_fixed_point", "change_quantiles", "linear_trend")))
    base = dict(zip(base_names, base_vals))

    def diff(names, vals):
        d = OrderedDict()
        for n, v in zip(names, vals):
            b = base[n]
            if not ((np.isnan(v) and np.isnan(b)) or v == b):
                d[n] = float(v)
        return d

    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        # PyWavelets >= 1.9: CWT precision 12
        plist = params["cwt_coefficients"]
        out["pywavelets>=1.9 (cwt precision 12)"] = diff(
            feature_names("cwt_coefficients", plist), _cwt_coefficients(x, plist, precision=12))
        # pandas 1.x qcut edges via np.quantile instead of np.percentile(q*100)
        d = OrderedDict()
        for calc, fn in (("friedrich_coefficients", lambda pl: _friedrich(x, pl, qcut_mode="pandas1")),
                         ("max_langevin_fixed_point",
                          lambda pl: [_mlfp(x, qcut_mode="pandas1", **p) for p in pl]),
                         ("change_quantiles",
                          lambda pl: [_change_quantiles(x, qcut_mode="pandas1", **p) for p in pl])):
            pl = params[calc]
            try:
                vals = fn(pl)
            except Exception:  # noqa: BLE001
                vals = [np.nan] * len(pl)
            d.update(diff(feature_names(calc, pl), vals))
        out["pandas<2 (qcut edges via np.quantile)"] = d
        # statsmodels < 0.14: adfuller does not reject constant input; it returns
        # (nan, nan, 0, ...) instead of raising
        if len(x) > 0 and np.max(x) == np.min(x):
            try:
                res = adfuller(x, autolag="AIC")[:3]
                pl = params["augmented_dickey_fuller"]
                vals = [{"teststat": res[0], "pvalue": res[1], "usedlag": res[2]}[p["attr"]] for p in pl]
                names = feature_names("augmented_dickey_fuller", pl)
                d = OrderedDict()
                for n_, v_ in zip(names, vals):
                    if not np.isnan(v_):
                        d[n_] = float(v_)
                out["statsmodels<0.14 (adfuller accepts constant input)"] = d
            except Exception:  # noqa: BLE001  (statsmodels >= 0.14 installed)
                pass
        # scipy >= 1.16: linregress on a single point returns all-NaN
        if len(x) == 1:
            pl = params["linear_trend"]
            out["scipy>=1.16 (linregress n=1 -> NaN)"] = diff(feature_names("linear_trend", pl),
                                                              [np.nan] * len(pl))
    return OrderedDict((k, v) for k, v in out.items() if v)


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    outdir = argv[1]
    os.makedirs(outdir, exist_ok=True)
    write_presets(outdir)
    for preset in ("minimal", "efficient", "comprehensive"):
        print(f"{preset}: {len(preset_names(preset))} features per column")
    if "--presets-only" in argv:
        return 0
    gdir = os.path.join(outdir, "golden")
    os.makedirs(gdir, exist_ok=True)
    names = preset_names("comprehensive")
    cases = make_cases()
    exceptions, variants, descr = OrderedDict(), OrderedDict(), OrderedDict()
    for case, (desc, x) in cases.items():
        nm, vals, errs = extract(x)
        assert nm == names
        np.save(os.path.join(gdir, case + ".npy"), x)
        np.save(os.path.join(gdir, case + ".values.npy"), vals)
        descr[case] = desc
        if errs:
            exceptions[case] = errs
        v = variant_values(x)
        if v:
            variants[case] = v
        print(f"{case:18s} n={len(x):5d}  nan={int(np.isnan(vals).sum()):4d}  raises={sorted(errs)}")
    with open(os.path.join(gdir, "names.json"), "w") as fh:
        json.dump(names, fh, indent=0)
        fh.write("\n")
    with open(os.path.join(gdir, "cases.json"), "w") as fh:
        json.dump(descr, fh, indent=1)
        fh.write("\n")
    with open(os.path.join(gdir, "exceptions.json"), "w") as fh:
        json.dump(exceptions, fh, indent=1)
        fh.write("\n")
    with open(os.path.join(gdir, "variants.json"), "w") as fh:
        json.dump(variants, fh, indent=1)
        fh.write("\n")
    versions = OrderedDict(
        python=sys.version.split()[0], numpy=np.__version__, scipy=scipy.__version__,
        pandas=pd.__version__, statsmodels=statsmodels.__version__, pywt=pywt.__version__,
        cwt_precision=CWT_PRECISION,
        emulated=("statsmodels>=0.14 adfuller constant-input check; pandas>=2 qcut edges "
                  "(np.percentile(x, 100*q)); pandas>=2 groupby-mean Kahan summation"),
    )
    with open(os.path.join(gdir, "versions.json"), "w") as fh:
        json.dump(versions, fh, indent=1)
        fh.write("\n")
    # golden/sensitive.json comes from the independent spec-following implementation
    here = os.path.dirname(os.path.abspath(__file__))
    if os.path.exists(os.path.join(here, "spec_check.py")):
        sys.path.insert(0, here)
        import spec_check  # noqa: E402  (imports this module; only used after all files exist)
        spec_check.main([argv[0], outdir], quiet=True)
        print("wrote golden/sensitive.json (run spec_check.py for the full comparison report)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
