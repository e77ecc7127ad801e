"""The Python recipe featurize replaces, with the same feature function:
np.array_split of the file indices, a ProcessPoolExecutor, np.concatenate,
np.save. For comparison with `featurize run --worker-cmd` (benchmarks/).

    python3 recipe.py DATA_DIR N --workers 2 --chunks 8 -o OUT
"""
import argparse
import os
import sys
from concurrent.futures import ProcessPoolExecutor

import numpy as np

sys.path[:0] = [os.getcwd(), os.path.dirname(os.path.abspath(__file__))]


def work(args):
    data, fn_name, indices = args
    import importlib
    mod = importlib.import_module(fn_name)
    rows = [np.atleast_2d(mod.generate_features(os.path.join(data, "%d.csv" % i))) for i in indices]
    return np.concatenate(rows)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("data")
    p.add_argument("n", type=int)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--chunks", type=int, default=8)
    p.add_argument("--module", default="feats")
    p.add_argument("-o", "--out", default="out-recipe")
    a = p.parse_args()
    chunks = np.array_split(np.arange(1, a.n + 1), a.chunks)
    with ProcessPoolExecutor(a.workers) as ex:
        parts = list(ex.map(work, [(a.data, a.module, c) for c in chunks]))
    os.makedirs(a.out, exist_ok=True)
    np.save(os.path.join(a.out, "feature.npy"), np.concatenate(parts))


if __name__ == "__main__":
    main()
