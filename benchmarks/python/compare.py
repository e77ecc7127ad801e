#!/usr/bin/python3
"""compare.py A B: check two output folders agree (feature.npy allclose with
rtol 1e-9, atol 1e-12; target.npy and groups.npy equal, same dtypes).
Prints one line per mismatch and exits 1 if any."""
import os
import sys

import numpy as np


def main(a, b):
    bad = []
    for name in ["feature.npy", "target.npy", "groups.npy"]:
        pa, pb = os.path.join(a, name), os.path.join(b, name)
        if os.path.exists(pa) != os.path.exists(pb):
            bad.append(f"{name}: in only one of {a}, {b}")
            continue
        if not os.path.exists(pa):
            continue
        x, y = np.load(pa), np.load(pb)
        if x.shape != y.shape or x.dtype != y.dtype:
            bad.append(f"{name}: {x.dtype}{x.shape} vs {y.dtype}{y.shape}")
            continue
        if name == "feature.npy":
            ok = np.isclose(x, y, rtol=1e-9, atol=1e-12, equal_nan=True)
            if not ok.all():
                r, c = np.argwhere(~ok)[0]
                bad.append(f"{name}: {np.count_nonzero(~ok)} values differ; first at row {r} col {c}: {x[r, c]!r} vs {y[r, c]!r}")
        elif not np.array_equal(x, y):
            bad.append(f"{name}: values differ")
    for line in bad:
        print(line)
    if not bad:
        print(f"agree: {a} {b}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
