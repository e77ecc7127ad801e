#!/usr/bin/python3
"""Writes numbers.json: how Python's float() reads a large set of tricky
strings, for feature.ParseFloat's tests.

    cd internal/numparse/testdata && /usr/bin/python3 gen_numbers.py > numbers.json

Each case is [input, bits]: bits is the float64 as 16 hex digits, or null
when float() raises ValueError. "deviations" are inputs that float()
accepts and ParseFloat rejects on purpose (non-ASCII digits and
whitespace). The output is deterministic (fixed seed).
"""
import json
import math
import random
import struct
import sys
from decimal import Decimal, getcontext
from fractions import Fraction

getcontext().prec = 2000
rng = random.Random(1)


def bits(s):
    try:
        f = float(s)
    except ValueError:
        return None
    return struct.pack(">d", f).hex()


def exact(x):
    """The exact decimal expansion of the float x."""
    return format(Decimal(x), "f")


def midpoint(x):
    """The exact decimal midpoint between x > 0 and the next float up."""
    y = math.nextafter(x, math.inf)
    m = (Fraction(x) + Fraction(y)) / 2
    d = Decimal(m.numerator) / Decimal(m.denominator)
    return format(d, "e")


cases = []

# Hand-picked syntax.
hand = """
0 -0 +0 00 0.0 -0.0 .0 0. 1 -1 +1 +-1 -+1 ++1 -- - + . .. 1.. 1.2.3 ..1
1. .5 -.5 +.5 5. -5. 1.e5 .e5 e5 E5 1e 1e+ 1e- 1e+5 1e-5 1E5 1E+05 1e05
1e0 1e-0 1e+0 1ee5 1e5e5 1e5.5 1e.5 1.5e 0e0 0e999999999 1e999999999
1e-999999999 -1e999999999 1e99999999999999999999 1e-99999999999999999999
1e308 1e309 -1e309 1e-323 1e-324 1e-325 4.9e-324 5e-324 2.5e-324 2.4e-324
inf -inf +inf Inf INF iNf infinity Infinity INFINITY -Infinity +infinity
infinit infinityy infin in i nan NaN NAN -nan +nan nAn nana na n nan0
inf0 0inf 1inf 1nan -in f +n infinite nan(1) nan(0x1) snan qnan
0x1 0x1p3 0X1P3 -0x1p3 0x1.8p1 0x 0b1 0o7 1p3 0x1e3 1x 0xg
1_0 1__0 _1 1_ 1_0.5 1.0_5 1._5 1_.5 1e1_0 1e_10 1_e10 1.5_e3 +_1 -1_0
1_000_000 1_000.000_1 0_0 0_1 1e+1_0 1e-1_0 1e1__0 ._5 _.5 1_0_ 9_9_9.9_9e9_9
1d5 1D5 1f 1.0f 1L 1u 1,5 1;5 1/2 1%
12 1 2 1\t2 1\n2
"""
for s in hand.split():
    cases.append(s)
cases += ["", " ", "\t", "1 2", "1\t2", "1\x002", "\x00", "1\x00"]

# Surrounding whitespace: Python's ASCII whitespace.
for ws in [" ", "\t", "\n", "\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x1f", " \t\r\n"]:
    cases += [ws + "1.5", "2.5" + ws, ws + "-inf" + ws, ws + "nan", "1" + ws + "2"]

# Exactness boundaries.
specials = [
    5e-324, 1e-323, 2.2250738585072009e-308, 2.2250738585072014e-308,
    2.2250738585072011e-308, 1.7976931348623157e308, 8.98846567431158e307,
    2.0**53, 2.0**53 + 2, 2.0**63, 2.0**64, 2.0**52 + 0.5, 1e15, 1e16, 1e22,
    1e23, 9007199254740991.0, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, math.pi, math.e,
    123456.789, 1.7976931348623157e-308, 4.35e-320, 1.5e-323,
]
for x in specials:
    for s in [repr(x), "%.17g" % x, "%.20e" % x, "%.25e" % x, "%.16e" % x]:
        cases += [s, "-" + s]
cases += [
    "1.7976931348623158e308", "1.7976931348623159e308", "1.797693134862315807e308",
    "1.797693134862315708145274237317043567981e308",  # halfway to the next power
    "1.797693134862315708145274237317043567980e308",
    "2.4703282292062327e-324", "2.4703282292062328e-324", "2.47032822920623272e-324",
    "9007199254740993", "9007199254740993.0", "9007199254740992.5",
    "9007199254740993.0000000000000000001", "18014398509481985", "18014398509481987",
    "4503599627370497.5", "4503599627370496.5", "4503599627370497.4999999999999999999",
    "1234567890123456789", "12345678901234567890", "123456789012345678901234567890",
    "0.000000000000000000000000000000000000001",
    "000000000000000000000000000000000000001.5",
    "1.000000000000000000000000000000000000001",
    "0." + "0" * 400 + "1e400", "1" + "0" * 400 + "e-400", "0" * 500 + "1",
    "1" * 25, "9" * 19, "9" * 20, "1" + "0" * 18 + "1", "1" + "0" * 19 + "1",
    "7.3177701707893310e+15", "1e-22", "1e22", "1e23", "4.5035996273704955e+15",
    "8.5e-323", "3e-324", "2e-324", "1.0e-323", "123e-20", "123e20", "123e40",
    "9007199254740991e22", "9007199254740991e-22", "999999999999999e22",
    "1000000000000000e22", "1e37", "1e38", "12345e-22", "12345e-23",
]

# Exact midpoints between neighbouring floats, and a hair either side:
# the hardest cases for correct rounding.
for _ in range(150):
    kind = rng.random()
    if kind < 0.3:
        x = rng.uniform(0, 1000)
    elif kind < 0.6:
        x = struct.unpack(">d", rng.getrandbits(63).to_bytes(8, "big"))[0]
        if not math.isfinite(x) or x == 0:
            continue
    elif kind < 0.8:
        x = 5e-324 * rng.randint(1, 1 << 20)  # subnormals
    else:
        x = float(rng.randint(1, 1 << 60))
    m = midpoint(x)
    mant, e = m.split("e")
    cases.append(m)
    cases.append(mant + "1e" + e if "." in mant else mant + ".1e" + e)
    cases.append(exact(x))
# The midpoint below the smallest subnormal, exactly and a hair above.
tiny = Fraction(2) ** -1075
d = Decimal(tiny.numerator) / Decimal(tiny.denominator)
cases += [format(d, "e"), format(d, "e").replace("e", "1e")]

# Random decimals in many spellings.
for _ in range(2500):
    nd = rng.randint(1, 25)
    digits = "".join(rng.choice("0123456789") for _ in range(nd))
    dot = rng.randint(0, nd)
    s = digits[:dot] + "." + digits[dot:] if rng.random() < 0.8 else digits
    r = rng.random()
    if r < 0.5:
        e = rng.choice([rng.randint(-25, 25), rng.randint(-345, 320)])
        s += rng.choice("eE") + rng.choice(["", "+", "-"]) * (e >= 0) + str(e)
    if rng.random() < 0.3:
        s = rng.choice("+-") + s
    if s.strip("+-") == ".":
        continue
    cases.append(s)

# Typical data: %.6f, %g, repr, %.18e of random values.
for _ in range(1000):
    x = rng.gauss(0, 10) * 10 ** rng.randint(-8, 8)
    cases += ["%.6f" % x, "%g" % x, repr(x), "%.18e" % x]

# Random syntax.
alphabet = "0123456789.eE+-_ infatyINFATYx"
for _ in range(2500):
    n = rng.randint(1, 8)
    cases.append("".join(rng.choice(alphabet) for _ in range(n)))

seen = set()
out = []
for s in cases:
    if s in seen:
        continue
    seen.add(s)
    out.append([s, bits(s)])

deviations = ["\u0661\u0662", "\u0661.5", "1\u0662", "\u00a01", "1\u00a0",
              "\u20031.5", "1\u3000", "\u00851", "\uff11"]
# One case a line, for readable diffs.
w = sys.stdout.write
w('{"python": %s,\n' % json.dumps(sys.version.split()[0]))
for name, rows in [("cases", out), ("deviations", [[s, bits(s)] for s in deviations])]:
    w('"%s": [\n' % name)
    w(",\n".join(json.dumps(c) for c in rows))
    w("\n]" + (",\n" if name == "cases" else "\n"))
w("}\n")
