#!/usr/bin/env python3
"""Measures coredev's own libm functions (asinh ... yn) and the board's fdlibm against values
computed with mpmath (60 significant digits, 400 for Bessel arguments above 1e6), in ulps of the
correctly rounded result.

Input: target/runtime-lib/fdlibm_rv32g-own.txt, written by RuntimeLibFdlibmTest: one line per
golden call, "name x [y] board coredev" in hex. Needs python3 with mpmath (pip install mpmath);
takes about two minutes. Usage (from emulator/):
    python3 src/test/runtime-lib/libm-accuracy.py target/runtime-lib/fdlibm_rv32g-own.txt
"""
import math
import struct
import sys

import mpmath


def double(h):
    return struct.unpack('>d', bytes.fromhex(h.rjust(16, '0')))[0]


def ordered(x):
    b = struct.unpack('>q', struct.pack('>d', x))[0]
    return -(b & 0x7fffffffffffffff) if b < 0 else b


def exact(name, x, y):
    """The true value, or None where the result is not a finite number."""
    m = mpmath
    if name == 'asinh': return m.asinh(x)
    if name == 'acosh': return m.acosh(x) if x >= 1 else None
    if name == 'atanh': return m.atanh(x) if abs(x) < 1 else None
    if name == 'erf': return m.erf(x)
    if name == 'erfc': return m.erfc(x) if x < 30 else m.mpf(0)
    if name == 'lgamma':
        if x <= 0 and x == int(x): return None
        return m.loggamma(x).real if x > 0 else m.log(abs(m.gamma(x)))
    if name in ('j0', 'j1'): return m.besselj(int(name[1]), x)
    if name in ('y0', 'y1'): return m.bessely(int(name[1]), x) if x > 0 else None
    if name == 'jn': return m.besselj(int(x), y)
    if name == 'yn': return m.bessely(int(x), y) if y > 0 else None
    raise ValueError(name)


def main(path):
    worst = {}
    for line in open(path):
        p = line.split()
        name = p[0]
        x = double(p[1])
        y = double(p[2]) if len(p) == 5 else 0.0
        board, ours = double(p[-2]), double(p[-1])
        if not all(math.isfinite(v) for v in (x, y, board, ours)):
            continue
        arg = y if name in ('jn', 'yn') else x
        mpmath.mp.dps = 400 if name[0] in 'jy' and abs(arg) > 1e6 else 60
        try:
            t = exact(name, x, y)
        except (mpmath.libmp.NoConvergence, ValueError, ZeroDivisionError, OverflowError):
            t = None
        if t is None:
            continue
        t = float(t)
        if not math.isfinite(t):
            continue
        w = worst.setdefault(name, [0, 0, 0])
        w[0] = max(w[0], abs(ordered(t) - ordered(ours)))
        w[1] = max(w[1], abs(ordered(t) - ordered(board)))
        w[2] += 1
    print('function  lines  max ulp coredev  max ulp board (fdlibm)')
    for name, (ours, board, n) in sorted(worst.items()):
        print(f'{name:8} {n:6} {ours:16} {board:16}')


if __name__ == '__main__':
    main(sys.argv[1])
