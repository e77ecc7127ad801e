#!/usr/bin/python3
"""The Python recipe featurize replaces, written as a competent user would.

np.array_split over the file indices 1..N, ProcessPoolExecutor.map over the
chunks, per file np.loadtxt (or pandas.read_csv with --reader pandas), the
features of featurize's feature/doc.go vectorised with numpy over all
windows of a file (sliding_window_view), np.concatenate, np.save.

Run with Debian's /usr/bin/python3 and BLAS threads pinned to 1:
    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 /usr/bin/python3 recipe.py DIR --window 256 ...
"""
import argparse
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

FEATURES = ["mean", "std", "var", "min", "max", "ptp", "median", "q25", "q75",
            "skew", "kurtosis_biased", "rms", "abs_energy", "slope", "mean_crossings",
            "autocorr_lag1", "fft_peak_freq", "spectral_centroid"]

ARGS = None  # set in each worker by init()


def init(args):
    global ARGS
    ARGS = args


def load(path):
    """Returns (column names, 2-D float64 array rows x columns)."""
    if ARGS.reader == "pandas":
        import pandas as pd
        df = pd.read_csv(path)
        return list(df.columns), df.to_numpy(dtype=np.float64)
    with open(path) as f:
        names = f.readline().strip().split(",")
    return names, np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)


def window_features(x, feats):
    """x: (nwin, w) windows of one column; returns (nwin, len(feats))."""
    nwin, w = x.shape
    mean = x.mean(axis=1)
    d = x - mean[:, None]
    m2 = (d ** 2).mean(axis=1)
    lo, hi = x.min(axis=1), x.max(axis=1)
    const = lo == hi
    safe_m2 = np.where(const, 1.0, m2)
    out = {}
    out["mean"] = mean
    out["std"] = x.std(axis=1)
    out["var"] = x.var(axis=1)
    out["min"], out["max"], out["ptp"] = lo, hi, np.ptp(x, axis=1)
    out["median"] = np.median(x, axis=1)
    out["q25"] = np.quantile(x, 0.25, axis=1)
    out["q75"] = np.quantile(x, 0.75, axis=1)
    out["skew"] = np.where(const, 0.0, (d ** 3).mean(axis=1) / safe_m2 ** 1.5)
    out["kurtosis_biased"] = np.where(const, 0.0, (d ** 4).mean(axis=1) / safe_m2 ** 2 - 3)
    out["rms"] = np.sqrt((x ** 2).mean(axis=1))
    out["abs_energy"] = (x ** 2).sum(axis=1)
    if w > 1:
        t = np.arange(w, dtype=np.float64)
        tc = t - t.mean()
        out["slope"] = (d * tc).sum(axis=1) / (tc ** 2).sum()
        ac = (d[:, :-1] * d[:, 1:]).sum(axis=1) / ((w - 1) * safe_m2)
        out["autocorr_lag1"] = np.where(const, 0.0, ac)
    else:
        out["slope"] = np.zeros(nwin)
        out["autocorr_lag1"] = np.zeros(nwin)
    out["mean_crossings"] = np.count_nonzero(np.diff(x > mean[:, None], axis=1), axis=1).astype(np.float64)
    X = np.abs(np.fft.rfft(d, axis=1))
    f = np.fft.rfftfreq(w)
    if w > 1:
        peak = f[1 + np.argmax(X[:, 1:], axis=1)]
    else:
        peak = np.zeros(nwin)
    out["fft_peak_freq"] = np.where(const, 0.0, peak)
    sx = X.sum(axis=1)
    out["spectral_centroid"] = np.where(const, 0.0, (X * f).sum(axis=1) / np.where(const, 1.0, sx))
    return np.stack([out[k] for k in feats], axis=1)


def generate_features(chunk):
    a = ARGS
    feats = a.features.split(",") if a.features else FEATURES
    labels = a.label_map
    rows, targets, groups = [], [], []
    for i in chunk:
        names, data = load(os.path.join(a.dir, a.pattern.replace("{}", str(i))))
        n = data.shape[0]
        w = a.window or n
        s = a.stride or w
        if a.columns:
            cols = [names.index(c) for c in a.columns.split(",")]
        else:
            cols = [j for j, c in enumerate(names) if c != a.target_column]
        if n < w:
            continue
        starts = np.arange(0, n - w + 1, s)
        if a.target_column:
            starts = starts[starts + w - 1 + a.horizon < n]
        if len(starts) == 0:
            continue
        win = sliding_window_view(data, w, axis=0)[::s][: len(starts)]  # (nwin, ncols, w)
        block = np.concatenate([window_features(win[:, j, :], feats) for j in cols], axis=1)
        rows.append(block)
        if a.target_column:
            tj = names.index(a.target_column)
            targets.append(data[starts + w - 1 + a.horizon, tj])
        elif labels is not None:
            targets.append(np.full(len(starts), labels[i]))
        groups.append(np.full(len(starts), i, dtype=np.int64))
    return rows, targets, groups


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("dir")
    p.add_argument("--pattern", default="{}.csv")
    p.add_argument("--n", type=int, default=0)
    p.add_argument("--window", type=int, default=0)
    p.add_argument("--stride", type=int, default=0)
    p.add_argument("--columns", default="")
    p.add_argument("--features", default="")
    p.add_argument("--target-column", default="")
    p.add_argument("--horizon", type=int, default=0)
    p.add_argument("--labels", default="")
    p.add_argument("--chunks", type=int, default=0)
    p.add_argument("--workers", type=int, default=os.cpu_count())
    p.add_argument("--reader", choices=["loadtxt", "pandas"], default="loadtxt")
    p.add_argument("--out", "-o", default="out-python")
    a = p.parse_args()
    t0 = time.perf_counter()
    n = a.n
    if n == 0:
        while os.path.exists(os.path.join(a.dir, a.pattern.replace("{}", str(n + 1)))):
            n += 1
    a.label_map = None
    label_dtype = np.float64
    if a.labels:
        lab = np.loadtxt(a.labels, delimiter=",", skiprows=1, ndmin=2)
        if np.all(lab[:, 1] == np.round(lab[:, 1])):
            label_dtype = np.int64
        a.label_map = {int(r[0]): r[1] for r in lab}
    k = a.chunks or min(4 * a.workers, n)
    chunks = np.array_split(np.arange(1, n + 1), k)
    with ProcessPoolExecutor(a.workers, initializer=init, initargs=(a,)) as ex:
        parts = list(ex.map(generate_features, chunks))
    os.makedirs(a.out, exist_ok=True)
    feature = np.concatenate([r for p in parts for r in p[0]])
    groups = np.concatenate([g for p in parts for g in p[2]])
    np.save(os.path.join(a.out, "feature.npy"), feature)
    np.save(os.path.join(a.out, "groups.npy"), groups)
    if a.target_column or a.labels:
        target = np.concatenate([t for p in parts for t in p[1]])
        np.save(os.path.join(a.out, "target.npy"), target.astype(label_dtype if a.labels else np.float64))
    json.dump({"rows": int(feature.shape[0]), "seconds": time.perf_counter() - t0},
              open(os.path.join(a.out, "summary.json"), "w"))


if __name__ == "__main__":
    sys.exit(main())
