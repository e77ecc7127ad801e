#!/usr/bin/python3
"""Generate the numpy-written fixtures in testdata/npy/ for package npyio.

Run from the repository root with Debian's numpy (1.24):

    /usr/bin/python3 testdata/gen.py

The output is deterministic; commit it. Files:

data_<dtype>_<shape>_<order>[_v<major>].npy
    np.save of an array whose values follow a formula the Go tests
    recompute (npyio/read_test.go, fixtureValue). With n elements, h = n // 2
    and k the element's index in C (row-major) order:

        b1:       k % 3 == 0
        i<s>:     (k - h) * IMUL[s]
        u<s>:     k * UMUL[s]
        f2:       (k - h) / 4
        f4, f8:   (k - h) / 3, rounded to the dtype
        c8, c16:  (k - h) / 4 - 1j * k / 2

    <dtype> is the numpy kind and size (b1, i1..i8, u1..u8, f2, f4, f8, c8,
    c16) with suffix "be" for big-endian; one-byte dtypes have no byte
    order. <shape> is "scalar" (0-d) or the dimensions joined by "x". <order>
    is C, or F for np.asfortranarray. A _v2 / _v3 suffix marks files written
    with format version 2.0 / 3.0 (np.save picks 1.0).

savetxt_<name>.txt
    np.savetxt(f, array) with default arguments, for the TextWriter tests;
    the arrays are in SAVETXT below.
"""
import os

import numpy as np

IMUL = {1: 5, 2: 1001, 4: 100003, 8: 700000000000000001}
UMUL = {1: 11, 2: 2801, 4: 186000001, 8: 802000000000000001}

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "npy")

SHAPES = [(), (5,), (0,), (3, 4), (0, 3), (2, 3, 4)]


def values(kind, size, shape):
    n = int(np.prod(shape, dtype=np.int64))
    h = n // 2
    k = np.arange(n, dtype=object)  # exact Python ints, no overflow
    if kind == "b":
        v = np.array([x % 3 == 0 for x in k], dtype=bool)
    elif kind == "i":
        v = np.array([(x - h) * IMUL[size] for x in k], dtype="i%d" % size)
    elif kind == "u":
        v = np.array([x * UMUL[size] for x in k], dtype="u%d" % size)
    elif kind == "f" and size == 2:
        v = np.array([(x - h) / 4 for x in k], dtype=np.float64).astype("f2")
    elif kind == "f":
        v = np.array([(x - h) / 3 for x in k], dtype=np.float64).astype("f%d" % size)
    else:
        v = np.array([complex((x - h) / 4, -x / 2) for x in k], dtype=np.complex128).astype("c%d" % size)
    return v.reshape(shape)


def dtypes():
    for kind, size in [("b", 1), ("i", 1), ("u", 1)]:
        yield kind, size, "|"
    for kind, sizes in [("i", [2, 4, 8]), ("u", [2, 4, 8]), ("f", [2, 4, 8]), ("c", [8, 16])]:
        for size in sizes:
            yield kind, size, "<"
            yield kind, size, ">"


def name(kind, size, order, shape, layout, version=None):
    dt = "%s%d%s" % (kind, size, "be" if order == ">" else "")
    sh = "x".join(str(d) for d in shape) if shape else "scalar"
    v = "_v%d" % version if version else ""
    return "data_%s_%s_%s%s.npy" % (dt, sh, layout, v)


def save(path, arr, version=None):
    with open(os.path.join(OUT, path), "wb") as f:
        if version is None:
            np.save(f, arr)
        else:
            np.lib.format.write_array(f, arr, version=(version, 0))


SAVETXT = {
    "specials": np.array([0.0, -0.0, 1.0, -1.5, np.nan, -np.nan, np.inf, -np.inf,
                          5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
                          0.1, 1 / 3, 1e22, 1e-5, 123456789.123, -2.5e-300]),
    "matrix": np.arange(12).reshape(3, 4) / 7 - 0.5,
    "int64": np.array([[0, 1, -1], [2**53 + 1, 2**63 - 1, -2**63]], dtype=np.int64),
    "float32": np.array([[0.1, 1e-45], [3.4028235e38, -2.5]], dtype=np.float32),
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for kind, size, order in dtypes():
        for shape in SHAPES:
            a = values(kind, size, shape).astype(np.dtype(order + kind + str(size)))
            save(name(kind, size, order, shape, "C"), a.copy(order="C"))  # not ascontiguousarray: it makes 0-d 1-d
            if len(shape) >= 2 and a.size > 0:
                f = np.asfortranarray(a)
                assert f.flags.f_contiguous and not f.flags.c_contiguous
                save(name(kind, size, order, shape, "F"), f)
    for kind, size, order, shape, layout in [("f", 8, "<", (3, 4), "C"), ("i", 2, ">", (2, 3, 4), "F"),
                                             ("c", 16, "<", (5,), "C"), ("b", 1, "|", (0,), "C")]:
        a = values(kind, size, shape).astype(np.dtype(order + kind + str(size)))
        a = np.asfortranarray(a) if layout == "F" else a
        for version in (2, 3):
            save(name(kind, size, order, shape, layout, version), a, version)
    for key, arr in SAVETXT.items():
        np.savetxt(os.path.join(OUT, "savetxt_%s.txt" % key), arr)


if __name__ == "__main__":
    main()
