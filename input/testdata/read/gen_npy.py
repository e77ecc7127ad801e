#!/usr/bin/python3
"""Writes the .npy fixtures of feature's reader tests:

    cd feature/testdata/read && /usr/bin/python3 gen_npy.py

data_<dtype>_<shape>_<order>.npy holds, at C index k, k*1.5 - 2 for float
dtypes, k - 2 for signed integers, k for unsigned ones and k % 2 == 1 for
bool, so the tests can compute what they hold.
"""
import numpy as np


def values(dtype, shape):
    k = np.arange(int(np.prod(shape)), dtype=np.float64).reshape(shape)
    kind = np.dtype(dtype).kind
    if kind in "fc":
        v = k * 1.5 - 2
    elif kind == "i":
        v = k - 2
    elif kind == "b":
        v = k % 2 == 1
    else:
        v = k
    return v.astype(dtype)


def save(name, dtype, shape, order):
    a = values(dtype, shape)
    if order == "f":
        a = np.asfortranarray(a)
    np.save("data_%s_%s_%s.npy" % (name, "x".join(map(str, shape)) or "scalar", order), a)


for name, dtype in [("f8", "<f8"), ("f4be", ">f4"), ("f2", "<f2"), ("i1", "i1"),
                    ("i2", "<i2"), ("i4", "<i4"), ("i8", "<i8"), ("u1", "u1"),
                    ("u2", "<u2"), ("u4", ">u4"), ("u8", "<u8"), ("b1", "?")]:
    save(name, dtype, (5,), "c")
    save(name, dtype, (4, 3), "c")
    save(name, dtype, (4, 3), "f")
save("f8", "<f8", (1, 1), "c")
save("f8", "<f8", (3, 1), "f")
# Errors.
save("f8", "<f8", (2, 2, 2), "c")
save("f8", "<f8", (), "c")
save("c16", "<c16", (3,), "c")
save("f8", "<f8", (0, 3), "c")
save("f8", "<f8", (3, 0), "c")
save("f8", "<f8", (0,), "c")
