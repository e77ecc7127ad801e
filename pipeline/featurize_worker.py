"""featurize_worker: serve a feature function to featurize's worker pool.

featurize puts this module on the worker's PYTHONPATH; nothing to install.

    import numpy as np
    from featurize_worker import serve

    def generate_features(path):           # one input file
        x = np.loadtxt(path, delimiter=",", skiprows=1)
        return x.mean(axis=0), None         # X: (k,) or (rows, k); y: (rows,), a scalar, or None

    serve(generate_features, names=["mean_a", "mean_b"])

With per="chunk", the function gets a chunk's file indices as np.array_split
makes them (an int array) and returns X, y and optionally the index of the
file each row came from (groups); without groups, groups.npy holds the chunk.

The protocol (featurize's README documents it for workers in any language):
one JSON line of hello on stdout; then, for each task line read from stdin,
an answer per file (or chunk): a JSON line, then the arrays it announces in
.npy format; then a done line. Whatever the function prints goes to stderr,
which featurize forwards.
"""

import io
import json
import os
import sys
import traceback

import numpy as np

PROTOCOL = 1


def serve(fn, names=None, per="file"):
    """Answer featurize's tasks with fn until stdin closes."""
    if per not in ("file", "chunk"):
        raise ValueError("per must be 'file' or 'chunk'")
    sys.stdout.flush()
    # Buffered even under python -u: a few writes a task, not one per array.
    out = _Writer(os.fdopen(sys.stdout.fileno(), "wb", buffering=1 << 16, closefd=False))
    sys.stdout = sys.stderr  # prints must not corrupt the protocol

    def send(obj):
        out.write(json.dumps(obj).encode() + b"\n")

    send({"featurize_worker": PROTOCOL, "names": None if names is None else [str(n) for n in names], "per": per})
    out.flush()
    for line in sys.stdin.buffer:
        task = json.loads(line)
        if per == "file":
            for f in task["files"]:
                _answer(out, send, {"index": f["index"]}, fn, f["path"])
        else:
            chunks = {}
            for f in task["files"]:
                chunks.setdefault(f["chunk"], []).append(f["index"])
            for chunk, indices in chunks.items():
                _answer(out, send, {"chunk": chunk}, fn, np.array(indices, dtype=np.int64))
        send({"done": task["task"]})
        out.flush()


def _answer(out, send, head, fn, arg):
    try:
        x, y, groups = _split(fn(arg))
    except Exception as e:  # the file's error, with its traceback
        head["error"] = "%s: %s" % (type(e).__name__, e)
        head["traceback"] = traceback.format_exc()
        send(head)
        return
    head.update(x=True, y=y is not None, groups=groups is not None)
    send(head)
    for a in (x, y, groups):
        if a is not None:
            _save(out, a)


_headers = {}


def _save(out, a):
    """np.save(out, a), with the header of each dtype and shape made once."""
    a = np.asarray(a, order="C")  # keeps 0-d arrays 0-d
    key = (a.dtype.str, a.shape)
    h = _headers.get(key)
    if h is None:
        if len(_headers) > 1024:
            _headers.clear()
        buf = io.BytesIO()
        np.lib.format.write_array_header_1_0(buf, np.lib.format.header_data_from_array_1_0(a))
        h = _headers[key] = buf.getvalue()
    out.write(h)
    out.write(a.data)


class _Writer:
    """Only write and flush: np.save on a real file object wants its
    position, which a pipe has not."""

    def __init__(self, f):
        self.write, self.flush = f.write, f.flush


def _split(result):
    """X, y and groups from what the function returned."""
    if isinstance(result, tuple):
        if not 1 <= len(result) <= 3:
            raise ValueError("return X, or (X, y), or (X, y, groups); got %d values" % len(result))
        result = result + (None,) * (3 - len(result))
    else:
        result = (result, None, None)
    x, y, groups = (None if a is None else np.asarray(a) for a in result)
    for name, a in (("X", x), ("y", y), ("groups", groups)):
        if a is not None and a.dtype.kind not in "biuf":
            raise TypeError("%s has dtype %s; want numbers" % (name, a.dtype))
    if x is None:
        raise ValueError("X is None")
    return x, y, groups
