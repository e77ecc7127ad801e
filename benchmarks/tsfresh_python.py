"""The Python reference of tsfresh's calculators (testdata/tsfresh/gen_tsfresh.py:
the same numpy, scipy, statsmodels, pandas and PyWavelets calls tsfresh makes)
timed per window, as a stand-in for tsfresh itself, which Debian does not
package. One core, the efficient preset, windows of a random walk.

    /usr/bin/python3 benchmarks/tsfresh_python.py [--windows 40]
"""
import argparse
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "testdata", "tsfresh"))
import gen_tsfresh  # noqa: E402

p = argparse.ArgumentParser()
p.add_argument("--windows", type=int, default=40)
a = p.parse_args()
params = gen_tsfresh.comprehensive_parameters()
efficient = {k: v for k, v in params.items() if k not in ("sample_entropy", "approximate_entropy")}
rng = np.random.default_rng(1)
for w in (256, 1024):
    x = np.cumsum(rng.normal(size=w * a.windows))
    gen_tsfresh.extract(x[:w], efficient)  # warm up imports and caches
    times = []
    for i in range(a.windows):
        t0 = time.perf_counter()
        gen_tsfresh.extract(x[i * w:(i + 1) * w], efficient)
        times.append(time.perf_counter() - t0)
    print("efficient preset, w=%d: median %.1f ms a window and column (%d windows)" % (w, 1e3 * float(np.median(times)), a.windows))
