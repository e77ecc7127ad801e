#!/usr/bin/python3
"""Write the golden files of the feature package: inputs and the values numpy
and scipy compute for them, as feature/doc.go defines the features.

Run from anywhere with the Debian interpreter (numpy 1.24, scipy 1.10):

    /usr/bin/python3 testdata/gen_features.py

It writes feature/testdata/golden/*.json. Inputs are stored losslessly as
base64 of little-endian float64 bytes; expected values as repr() strings
("nan", "inf" included), which Go's strconv.ParseFloat reads back exactly.

Files:
  features_random.json   random windows, 3 seeds x 3 distributions, lengths
                         1..1000
  features_long.json     lengths 8193, 10000 and 20000 (numpy's reduction is
                         cut into chunks of 8192 values); to keep the file
                         small their inputs are not stored but generated
                         with splitmix64, which the Go test reproduces
  features_special.json  constant, tiny (w = 1, 2, 3), tie-heavy (values in
                         {0, 1, 2}, impulses, patterns), large-offset
                         (1e9 + small noise), Bluestein-length, NaN and
                         infinity windows
  rfft.json              (in internal/numpyexact/testdata) np.fft.rfft, bit for bit, for lengths 1..48 and a
                         few radix-general and Bluestein lengths
  hypot.json             (in internal/numpyexact/testdata) np.hypot (glibc's hypot) on awkward pairs

Features follow the numpy/scipy equivalents that feature/doc.go gives, with its
overrides: 0 for skew, kurtosis, autocorr_lag1, fft_peak_freq and
spectral_centroid of a constant window (max == min), and 0 for slope,
autocorr_lag1 and fft_peak_freq when w == 1. Two deviations, both counted
on stdout:
  slope: the definition column, evaluated exactly with fractions and
         rounded once, not np.polyfit, which loses up to ~7 digits on
         windows with a large offset (it solves the least-squares problem
         on raw x); polyfit is checked against it elsewhere.
  skew, kurtosis: scipy returns NaN when m2 <= (1e-15 * mean)^2 even for a
         window that is not constant; the definition m3 / m2**1.5 (resp.
         m4 / m2**2 - 3) is used there, as feature/doc.go says.
"""

import base64
import json
import os
import sys
import warnings
from fractions import Fraction

import numpy as np
import scipy
import scipy.stats

FEATURES = [
    "mean", "std", "var", "min", "max", "ptp", "median", "q25", "q75",
    "skew", "kurtosis_biased", "rms", "abs_energy", "slope", "mean_crossings",
    "autocorr_lag1", "fft_peak_freq", "spectral_centroid",
]

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "feature", "testdata", "golden")
EXACT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "internal", "numpyexact", "testdata")

stats = {"polyfit_differs": 0, "slope_cases": 0, "scipy_nan_skew": 0}


def enc(a):
    return base64.b64encode(np.ascontiguousarray(a, dtype="<f8").tobytes()).decode()


def fstr(v):
    return repr(float(v))


def exact_slope(x):
    """sum(x*(t-tbar)) / sum((t-tbar)**2), exactly, rounded once."""
    w = len(x)
    # Scale by 2 so t - tbar = (2t - (w-1))/2 stays integral.
    num = sum(Fraction(float(v)) * (2 * i - (w - 1)) for i, v in enumerate(x))
    den = Fraction(w * (w * w - 1), 12) * 2
    return float(num / den)


def expected(x):
    x = np.asarray(x, dtype=np.float64)
    w = len(x)
    t = np.arange(w)
    mean = np.mean(x)
    d = x - mean
    const = bool(np.max(x) == np.min(x))
    finite = bool(np.all(np.isfinite(x)))
    out = {}
    out["mean"] = mean
    out["std"] = np.std(x)
    out["var"] = np.var(x)
    out["min"] = np.min(x)
    out["max"] = np.max(x)
    out["ptp"] = np.ptp(x)
    out["median"] = np.median(x)
    out["q25"] = np.quantile(x, 0.25)
    out["q75"] = np.quantile(x, 0.75)
    if const:
        out["skew"] = out["kurtosis_biased"] = 0.0
    else:
        sk = scipy.stats.skew(x)
        ku = scipy.stats.kurtosis(x)
        if finite and np.isnan(sk):
            stats["scipy_nan_skew"] += 1
            m2, m3, m4 = np.mean(d**2), np.mean((d**2) * d), np.mean((d**2) ** 2)
            sk = m3 / m2**1.5
            ku = m4 / m2**2.0 - 3
        out["skew"] = sk
        out["kurtosis_biased"] = ku
    out["rms"] = np.sqrt(np.mean(x**2))
    out["abs_energy"] = np.sum(x**2)
    if w == 1:
        out["slope"] = 0.0
    elif finite:
        s = exact_slope(x)
        p = np.polyfit(t, x, 1)[0]
        stats["slope_cases"] += 1
        if not np.isclose(p, s, rtol=1e-9, atol=1e-12):
            stats["polyfit_differs"] += 1
        out["slope"] = s
    else:  # polyfit raises on NaN; the definition gives NaN
        tm = t - t.mean()
        out["slope"] = np.sum(d * tm) / np.sum(tm**2)
    out["mean_crossings"] = np.count_nonzero(np.diff(x > x.mean()))
    if w == 1 or const:
        out["autocorr_lag1"] = 0.0
    else:
        out["autocorr_lag1"] = np.sum(d[:-1] * d[1:]) / ((w - 1) * np.mean(d**2))
    X = np.abs(np.fft.rfft(d))
    f = np.fft.rfftfreq(w)
    out["fft_peak_freq"] = 0.0 if (w == 1 or const) else f[1 + np.argmax(X[1:])]
    out["spectral_centroid"] = 0.0 if const else np.sum(f * X) / np.sum(X)
    return [fstr(out[k]) for k in FEATURES]


def case(name, x):
    x = np.asarray(x, dtype=np.float64)
    return {"name": name, "x": enc(x), "want": expected(x)}


def write(fname, cases):
    doc = {
        "generator": "testdata/gen_features.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "features": FEATURES,
        "cases": cases,
    }
    path = os.path.join(OUT, fname)
    with open(path, "w") as fh:
        json.dump(doc, fh, indent=0, separators=(",", ":"))
        fh.write("\n")
    print(f"{path}: {len(cases)} cases, {os.path.getsize(path)} bytes")


def draw(rng, dist, n):
    if dist == "normal":
        return rng.standard_normal(n)
    if dist == "uniform":
        return rng.uniform(-500.0, 500.0, n)
    if dist == "lognormal":  # skewed, heavy right tail
        return rng.lognormal(0.0, 1.5, n)
    raise ValueError(dist)


LENGTHS = [1, 2, 3, 4, 5, 7, 8, 9, 16, 100, 127, 128, 129, 256, 1000]


def random_cases():
    cases = []
    for seed in (1, 2, 3):
        rng = np.random.default_rng(seed)
        for dist in ("normal", "uniform", "lognormal"):
            for n in LENGTHS:
                cases.append(case(f"seed{seed}/{dist}/w{n}", draw(rng, dist, n)))
    return cases


MASK64 = (1 << 64) - 1


def splitmix64(seed, n):
    """n uniform values in [0, 1) with 53 random bits each, from Vigna's
    splitmix64; the Go test makes the same values, so long inputs need not
    be stored."""
    out = np.empty(n)
    z = seed & MASK64
    for i in range(n):
        z = (z + 0x9E3779B97F4A7C15) & MASK64
        r = z
        r = ((r ^ (r >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        r = ((r ^ (r >> 27)) * 0x94D049BB133111EB) & MASK64
        r ^= r >> 31
        out[i] = float(r >> 11) * 2.0**-53
    return out


def gen_long(kind, seed, n):
    """The long inputs: one IEEE operation or two on splitmix64 values, which
    Go reproduces exactly."""
    u = splitmix64(seed, n)
    if kind == "uniform":  # (2u - 1) * 1000
        return (2.0 * u - 1.0) * 1000.0
    if kind == "square":  # skewed: u*u*100
        return (u * u) * 100.0
    if kind == "offset":  # 1e6 + u
        return 1e6 + u
    raise ValueError(kind)


def long_cases():
    cases = []
    for kind, seed, n in (("uniform", 1, 8193), ("square", 2, 10000), ("offset", 3, 10000), ("uniform", 4, 20000)):
        x = gen_long(kind, seed, n)
        cases.append({
            "name": f"splitmix{seed}/{kind}/w{n}",
            "gen": {"kind": kind, "seed": seed, "n": n},
            "check": [fstr(x[0]), fstr(x[-1]), fstr(np.sum(x))],
            "want": expected(x),
        })
    return cases


def special_cases():
    cases = []
    # Constant windows: the mean of 0.1 repeated is not exactly 0.1.
    for n in (1, 2, 3, 5, 8, 9, 100, 1000):
        cases.append(case(f"constant/0.1/w{n}", [0.1] * n))
    cases.append(case("constant/int3/w7", [3.0] * 7))
    cases.append(case("constant/zero/w4", [0.0] * 4))
    cases.append(case("constant/-2.5/w9", [-2.5] * 9))
    cases.append(case("constant/1e9/w16", [1e9] * 16))
    cases.append(case("constant/1e9+0.1/w129", [1e9 + 0.1] * 129))
    cases.append(case("constant/1/3/w256", [1 / 3] * 256))

    # Tiny windows.
    rng = np.random.default_rng(5)
    for v in (0.0, -3.5, 1e300, 5e-324, 0.1):
        cases.append(case(f"tiny/w1/{v!r}", [v]))
    for x in ([1.0, 2.0], [2.0, 1.0], [-1.0, 1.0], [0.1, 0.2], [1e9, 1e9 + 1]):
        cases.append(case(f"tiny/w2/{x!r}", x))
    for x in ([1.0, 2.0, 3.0], [3.0, 2.0, 1.0], [1.0, 3.0, 2.0], [0.0, 0.0, 1.0], [0.1, 0.7, 0.2]):
        cases.append(case(f"tiny/w3/{x!r}", x))
    for n in (1, 2, 3):
        for i in range(6):
            cases.append(case(f"tiny/random/w{n}/{i}", rng.standard_normal(n) * 10.0 ** rng.integers(-3, 4)))

    # Tie-heavy: values from {0, 1, 2}, often repeated; impulses and
    # patterns, whose spectra have bins that tie exactly in exact arithmetic.
    rng = np.random.default_rng(6)
    tie_lengths = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 20, 25, 32, 49, 64, 100, 127, 128, 129, 256]
    for n in tie_lengths:
        reps = 8 if n <= 16 else 3
        for i in range(reps):
            if i % 2:
                x = rng.choice([0.0, 1.0, 2.0], size=n, p=[0.8, 0.15, 0.05])
            else:
                x = np.repeat(rng.choice([0.0, 1.0, 2.0], size=n // 2 + 1), 2)[:n]
            cases.append(case(f"ties/random/w{n}/{i}", x))
    for n in list(range(3, 17)) + [25, 49, 100]:
        for pos in sorted({0, n // 2, n - 1}):
            x = np.zeros(n)
            x[pos] = 1.0 + pos % 2
            cases.append(case(f"ties/impulse/w{n}/at{pos}", x))
    for n in (4, 6, 8, 9, 12, 16, 30, 100):
        cases.append(case(f"ties/alt01/w{n}", np.resize([0.0, 1.0], n)))
        cases.append(case(f"ties/0011/w{n}", np.resize([0.0, 0.0, 1.0, 1.0], n)))
        cases.append(case(f"ties/012/w{n}", np.resize([0.0, 1.0, 2.0], n)))
        cases.append(case(f"ties/step/w{n}", np.r_[np.zeros(n // 2), np.ones(n - n // 2)]))
        cases.append(case(f"ties/palindrome/w{n}", np.r_[np.arange(n // 2), np.arange(n - n // 2)[::-1]] % 3))

    # Large offset: d = x - mean is exact, m2 is small.
    rng = np.random.default_rng(7)
    for n in (2, 3, 5, 8, 16, 100, 128, 1000):
        cases.append(case(f"offset/1e9+noise/w{n}", 1e9 + rng.normal(0.0, 1e-3, n)))
        cases.append(case(f"offset/-1e9+noise/w{n}", -1e9 + rng.normal(0.0, 1e-2, n)))
        cases.append(case(f"offset/1e9+ints/w{n}", 1e9 + rng.choice([0.0, 1.0, 2.0], n)))
    for n in (4, 9, 64):
        cases.append(case(f"offset/1e15+ints/w{n}", 1e15 + rng.integers(0, 8, n).astype(float)))
    # Not constant, but scipy's near-zero m2 test would say NaN.
    x = np.full(8, 1e9)
    x[5] = np.nextafter(1e9, 2e9)
    cases.append(case("offset/1e9+1ulp/w8", x))

    # Lengths with a general radix (7, 11, 13, 49) and Bluestein lengths.
    rng = np.random.default_rng(8)
    for n in (7, 11, 13, 14, 22, 26, 49, 77, 97, 191, 211, 223, 271, 1009):
        cases.append(case(f"radix/normal/w{n}", rng.standard_normal(n)))
        cases.append(case(f"radix/ties/w{n}", rng.choice([0.0, 1.0, 2.0], size=n, p=[0.8, 0.15, 0.05])))

    # NaN and infinities.
    nan, inf = float("nan"), float("inf")
    for name, x in (
        ("nan/w1", [nan]),
        ("nan/w2", [nan, 1.0]),
        ("nan/w5/mid", [1.0, nan, 2.0, 3.0, 4.0]),
        ("nan/w16/at7", np.where(np.arange(16) == 7, nan, np.arange(16.0))),
        ("nan/all/w4", [nan] * 4),
        ("inf/w1", [inf]),
        ("inf/w3", [1.0, inf, 2.0]),
        ("-inf/w4", [-inf, 1.0, 2.0, 3.0]),
        ("inf-inf/w3", [inf, -inf, 0.0]),
        ("inf/const/w2", [inf, inf]),
        ("inf/end/w9", list(range(8)) + [inf]),
        ("inf/w5/two", [0.0, inf, 1.0, inf, 2.0]),
    ):
        cases.append(case(name, x))
    return cases


def rfft_cases():
    rng = np.random.default_rng(9)
    cases = []
    lengths = list(range(1, 49)) + [64, 77, 100, 121, 127, 128, 129, 143, 169, 211, 223, 256, 257, 271, 1009]
    for i, n in enumerate(lengths):
        kind = ("ties", "normal")[i % 2]
        if kind == "normal":
            x = rng.standard_normal(n)
        else:
            x = rng.choice([0.0, 1.0, 2.0], size=n, p=[0.8, 0.15, 0.05])
        d = x - x.mean()
        X = np.fft.rfft(d)
        cases.append({"n": n, "kind": kind, "d": enc(d), "re_im": enc(X.view(np.float64))})
    return cases


def hypot_cases():
    rng = np.random.default_rng(10)
    a = []
    # Comparable magnitudes (the kernel's two branches), wide ranges, the
    # scaled paths (huge and tiny), exact cases and specials.
    a.append(rng.standard_normal((800, 2)))
    a.append(rng.standard_normal((300, 2)) * 10.0 ** rng.integers(-300, 300, (300, 2)))
    a.append(np.c_[rng.uniform(1, 2, 200), rng.uniform(1, 2, 200) * 1e-8])
    a.append(rng.standard_normal((100, 2)) * 1e305)
    a.append(rng.standard_normal((100, 2)) * 1e-310)
    a.append(np.array([[3.0, 4.0], [0.0, 0.0], [-0.0, 5.0], [1.0, 0.0], [5e-324, 5e-324],
                       [1.7976931348623157e308, 1.7976931348623157e308], [1e-200, 1e200],
                       [np.inf, np.nan], [np.nan, -np.inf], [np.nan, 1.0], [-np.inf, 2.0],
                       [0.5, 0.5], [1.0, 1.0], [np.nextafter(1.0, 2.0), 1.0]]))
    xy = np.concatenate(a)
    return {"xy": enc(xy), "want": enc(np.hypot(xy[:, 0], xy[:, 1]))}


def main():
    warnings.simplefilter("ignore")
    np.seterr(all="ignore")
    os.makedirs(OUT, exist_ok=True)
    write("features_random.json", random_cases())
    write("features_long.json", long_cases())
    write("features_special.json", special_cases())
    doc = {"generator": "testdata/gen_features.py", "numpy": np.__version__, "cases": rfft_cases()}
    with open(os.path.join(EXACT, "rfft.json"), "w") as fh:
        json.dump(doc, fh, indent=0, separators=(",", ":"))
        fh.write("\n")
    doc = {"generator": "testdata/gen_features.py", "numpy": np.__version__, **hypot_cases()}
    with open(os.path.join(EXACT, "hypot.json"), "w") as fh:
        json.dump(doc, fh, indent=0, separators=(",", ":"))
        fh.write("\n")
    print(f"slope: np.polyfit differs from the exact definition (rtol 1e-9, atol 1e-12) "
          f"in {stats['polyfit_differs']} of {stats['slope_cases']} finite windows")
    print(f"skew/kurtosis: scipy's near-zero-variance NaN replaced by the definition in "
          f"{stats['scipy_nan_skew']} windows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
