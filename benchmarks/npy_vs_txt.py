#!/usr/bin/python3
"""Side-by-side .npy vs text write/read of a rows x 72 float64 matrix: Go's
npyio (benchmarks/npybench) and numpy (np.save/np.load/np.savetxt/np.loadtxt),
plus `cp` of the same .npy bytes, alternating in rounds; prints medians as a
Markdown table. Every write is fsynced, in Go and in Python alike.

    /usr/bin/python3 benchmarks/npy_vs_txt.py [--rows 100000] [--rounds 5]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(fn):
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def fsynced(path, write):
    def run():
        with open(path, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
    return run


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--rows", type=int, default=100000)
    p.add_argument("--cols", type=int, default=72)
    p.add_argument("--rounds", type=int, default=5)
    a = p.parse_args()
    d = tempfile.mkdtemp(prefix="npybench-")
    exe = os.path.join(d, "npybench")
    subprocess.run(["go", "build", "-o", exe, "./benchmarks/npybench"], cwd=REPO, check=True)
    m = np.random.default_rng(1).normal(0, 100, (a.rows, a.cols))
    np.save(os.path.join(d, "src.npy"), m)
    py_npy, py_txt = os.path.join(d, "py.npy"), os.path.join(d, "py.txt")

    def go(op):
        out = subprocess.run([exe, "-op", op, "-dir", d], check=True, capture_output=True, text=True).stdout
        return float(out)

    def cp():
        dst = os.path.join(d, "cp.npy")
        t0 = time.perf_counter()
        subprocess.run(["cp", os.path.join(d, "go.npy"), dst], check=True)
        fd = os.open(dst, os.O_RDONLY)
        os.fsync(fd)
        os.close(fd)
        t = time.perf_counter() - t0
        os.remove(dst)
        return t

    ops = {
        "go write npy": lambda: go("write-npy"),
        "numpy np.save": lambda: timed(fsynced(py_npy, lambda f: np.save(f, m))),
        "cp (same .npy bytes)": cp,
        "go read npy": lambda: go("read-npy"),
        "numpy np.load": lambda: timed(lambda: np.load(py_npy)),
        "go write txt": lambda: go("write-txt"),
        "numpy np.savetxt": lambda: timed(fsynced(py_txt, lambda f: np.savetxt(f, m))),
        "go read txt": lambda: go("read-txt"),
        "numpy np.loadtxt": lambda: timed(lambda: np.loadtxt(py_txt)),
    }
    times = {k: [] for k in ops}
    for r in range(a.rounds):
        for k, fn in ops.items():
            times[k].append(fn())
    npy_bytes = os.path.getsize(os.path.join(d, "go.npy"))
    txt_bytes = os.path.getsize(os.path.join(d, "go.txt"))
    assert open(os.path.join(d, "go.txt"), "rb").read() == open(py_txt, "rb").read(), "go.txt differs from np.savetxt's"
    assert open(os.path.join(d, "go.npy"), "rb").read() == open(py_npy, "rb").read(), "go.npy differs from np.save's"
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"{a.rows} x {a.cols} float64; .npy {npy_bytes/1e6:.1f} MB, .txt {txt_bytes/1e6:.1f} MB "
          f"(txt/npy size {txt_bytes/npy_bytes:.2f}x); median of {a.rounds} alternating rounds; MB/s of the file written or read\n")
    print("| operation | median s | MB/s |")
    print("|---|---:|---:|")
    for k, t in med.items():
        size = txt_bytes if "txt" in k else npy_bytes
        print(f"| {k} | {t:.4f} | {size/1e6/t:.0f} |")
    print()
    print("| ratio | value |")
    print("|---|---:|")
    for name, num, den in [
        ("go write npy / cp", "go write npy", "cp (same .npy bytes)"),
        ("np.save / go write npy (speed-up)", "numpy np.save", "go write npy"),
        ("np.load / go read npy (speed-up)", "numpy np.load", "go read npy"),
        ("np.savetxt / go write txt (speed-up)", "numpy np.savetxt", "go write txt"),
        ("np.loadtxt / go read txt (speed-up)", "numpy np.loadtxt", "go read txt"),
        ("go: write txt / write npy (time)", "go write txt", "go write npy"),
        ("go: read txt / read npy (time)", "go read txt", "go read npy"),
        ("numpy: savetxt / save (time)", "numpy np.savetxt", "numpy np.save"),
        ("numpy: loadtxt / load (time)", "numpy np.loadtxt", "numpy np.load"),
    ]:
        print(f"| {name} | {med[num]/med[den]:.2f} |")


if __name__ == "__main__":
    sys.exit(main())
