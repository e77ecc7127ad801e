"""External workers against the Python recipe, side by side.

    go build -o featurize . && /usr/bin/python3 benchmarks/external.py ./featurize --rounds 7

(a) the recipe (examples/python-worker/recipe.py: np.array_split,
ProcessPoolExecutor, np.concatenate, np.save) and (b) `featurize run
--worker-cmd` with the same function (examples/python-worker/feats.py), 2
workers, on the bench's data, alternating, medians; the outputs must be the
same bytes. Then the protocol's cost per file, with a function that returns
at once, over many tiny files; and the parent's peak RSS of both when the
output is over 1 GB.
"""
import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLE = os.path.join(HERE, "..", "examples", "python-worker")
PY = sys.executable


def timed(argv, cwd=None):
    t0 = time.perf_counter()
    subprocess.run(argv, check=True, cwd=cwd, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def maxrss_kib(argv, cwd=None):
    """Peak RSS of the command's own process (not its children), KiB."""
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + argv, check=True, cwd=cwd,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True).stderr
    return int(out.strip().splitlines()[-1])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("featurize")
    p.add_argument("--rounds", type=int, default=7)
    p.add_argument("--n", type=int, default=1000)
    p.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "featurize-external-bench"))
    a = p.parse_args()
    fz = os.path.abspath(a.featurize)
    os.makedirs(a.work, exist_ok=True)
    data = os.path.join(a.work, "data")
    if not os.path.exists(os.path.join(data, "%d.csv" % a.n)):
        shutil.rmtree(data, ignore_errors=True)
        subprocess.run([fz, "gen", "--n", str(a.n), "--rows", "2000", "--seed", "1", "-o", data], check=True, stdout=subprocess.DEVNULL)
    feats = os.path.join(EXAMPLE, "feats.py")
    recipe = os.path.join(EXAMPLE, "recipe.py")
    env_cmd = "%s %s" % (PY, feats)

    # (a) against (b).
    ta, tb = [], []
    for r in range(a.rounds):
        order = [0, 1] if r % 2 == 0 else [1, 0]
        for k in order:
            if k == 0:
                ta.append(timed([PY, recipe, data, str(a.n), "--workers", "2", "--chunks", "8", "-o", os.path.join(a.work, "rec")], cwd=EXAMPLE))
            else:
                tb.append(timed([fz, "run", data, "--worker-cmd", env_cmd, "--features", "none", "--workers", "2", "--chunks", "8",
                                 "-o", os.path.join(a.work, "fz"), "--quiet"]))
    same = open(os.path.join(a.work, "rec", "feature.npy"), "rb").read() == open(os.path.join(a.work, "fz", "feature.npy"), "rb").read()
    print("data: %d files x 2000 rows x 3 columns; 21 numpy features a file; 2 workers, 8 chunks; %d rounds" % (a.n, a.rounds))
    print("| case | median s | min s | max s |")
    print("|---|---:|---:|---:|")
    for name, t in (("(a) recipe: ProcessPoolExecutor + np.array_split", ta), ("(b) featurize --worker-cmd", tb)):
        print("| %s | %.3f | %.3f | %.3f |" % (name, statistics.median(t), min(t), max(t)))
    print("(b) / (a): %.3f; feature.npy the same bytes: %s" % (statistics.median(tb) / statistics.median(ta), same))

    # The protocol's cost a file: a function that returns at once.
    tiny = os.path.join(a.work, "tiny")
    if not os.path.exists(os.path.join(tiny, "5000.csv")):
        os.makedirs(tiny, exist_ok=True)
        for i in range(1, 5001):
            open(os.path.join(tiny, "%d.csv" % i), "w").write("a\n1\n")
    noop = os.path.join(a.work, "noop.py")
    open(noop, "w").write("import numpy as np\nfrom featurize_worker import serve\nz = np.zeros(4)\nserve(lambda path: z)\n")
    per = {}
    for n in (10, 5000):
        t = [timed([fz, "run", tiny, "--n", str(n), "--worker-cmd", "%s %s" % (PY, noop), "--features", "none", "--workers", "2",
                    "-o", os.path.join(a.work, "noop-%d" % n), "--quiet"]) for _ in range(a.rounds)]
        per[n] = statistics.median(t)
    print("protocol cost: a no-op function over 5000 files %.3f s, over 10 files %.3f s: %.1f us a file (2 workers)" %
          (per[5000], per[10], (per[5000] - per[10]) / 4990 * 1e6))

    # Peak RSS with an output over 1 GB: 64 features a row, every row of a file.
    big = os.path.join(a.work, "big.py")
    open(big, "w").write(
        "import numpy as np\n"
        "def generate_features(path):\n"
        "    x = np.loadtxt(path, delimiter=',', skiprows=1)\n"
        "    return np.hstack([np.tile(x, 21), x[:, :1]])\n"
        "if __name__ == '__main__':\n"
        "    from featurize_worker import serve\n"
        "    serve(generate_features)\n")
    rec_rss = maxrss_kib([PY, recipe, data, str(a.n), "--workers", "2", "--chunks", "8", "--module", "big", "-o", os.path.join(a.work, "rec-big")], cwd=a.work)
    out_big = os.path.join(a.work, "fz-big")
    fz_rss = maxrss_kib([fz, "run", data, "--worker-cmd", "%s %s" % (PY, big), "--features", "none", "--workers", "2", "--chunks", "8", "-o", out_big, "--quiet"])
    size = os.path.getsize(os.path.join(out_big, "feature.npy"))
    mem = json.load(open(os.path.join(out_big, "manifest.json")))["memory"]
    print("output %.2f GB: recipe parent peak RSS %.0f MiB; featurize parent %.0f MiB (its manifest: parent %.0f MiB, largest worker %.0f MiB)" %
          (size / 1e9, rec_rss / 1024, fz_rss / 1024, mem["parent_max_rss_kib"] / 1024, mem["worker_max_rss_kib"] / 1024))
    shutil.rmtree(out_big)
    shutil.rmtree(os.path.join(a.work, "rec-big"))


if __name__ == "__main__":
    main()
