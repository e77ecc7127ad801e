"""The recipe's feature function, served to featurize's worker pool.

    featurize run testdata/demo --worker-cmd '/usr/bin/python3 examples/python-worker/feats.py' \
        --features none --labels testdata/demo/labels.csv -o out

Each call gets one input file and returns its features (and, optionally, a
target). featurize starts --workers copies of this script, hands them the
files, retries a file's chunk if a copy dies, and writes feature.npy,
target.npy, groups.npy and manifest.json as np.save would.
"""
import numpy as np

COLUMNS = ["ax", "ay", "az"]
STATS = ["mean", "std", "min", "max", "p10", "p90", "energy"]


def generate_features(path):
    x = np.loadtxt(path, delimiter=",", skiprows=1)
    feats = [
        x.mean(axis=0),
        x.std(axis=0),
        x.min(axis=0),
        x.max(axis=0),
        np.percentile(x, 10, axis=0),
        np.percentile(x, 90, axis=0),
        (x**2).sum(axis=0),
    ]
    return np.concatenate(feats)  # one row: 7 statistics of 3 columns


if __name__ == "__main__":
    from featurize_worker import serve  # featurize puts it on PYTHONPATH

    serve(generate_features, names=["%s_%s" % (s, c) for s in STATS for c in COLUMNS])
