# Differential test program: printed by CPython and by coredev's evaluator, outputs must match.
import math

vals = [0, 1, -1, 7, -7, 2**31, -2**63, 2**64 + 3, 3.5, -2.25, 1e-9, 1e22, 0.1]
for a in vals:
    row = []
    for b in [3, -3, 2.5, 7]:
        row.append((a + b, a - b, a * b, a / b, a // b, a % b))
    print(a, row)
print([2 ** k for k in range(-3, 70, 7)])
print([round(x, 2) for x in (2.675, 1.005, -0.5, 0.125)], round(7.5), round(-7.5), round(123.456, -1))
print(1 < 2.5 < 3, 2**53 + 1 > 2.0**53, 10**20 == 1e20, 0.1 + 0.2 == 0.3, -0.0 == 0.0)
print(int("1_000"), int("-0b101", 0), float("  -1.5e3 "), int(-2.9), abs(-3.25), divmod(-17, 5), divmod(17.5, -4))
print(hex(2**70), oct(-9), bin(37), chr(0x263a), ord("€"))
print(math.floor(-2.5), math.ceil(2.1), math.sqrt(2), math.pi, math.log2(1024), math.gcd(84, 36), math.isclose(0.1 + 0.2, 0.3))

s = "  The Quick brown fox, jumps over: the lazy dog  "
print(s.split(), s.split(","), s.strip().split(" ", 2), s.rsplit(None, 2), s.lower(), s.upper())
print(s.strip().title(), s.count("o"), s.find("fox"), s.rfind("o"), s.replace("o", "0", 2), repr(s.strip(" .")))
print(s.startswith("  The"), s.endswith(("dog", "dog  ")), "abc".center(8, "-"), "abc".ljust(6, "."), "abc".rjust(6))
print("a,b;c".partition(";"), "x=1=2".rpartition("="), "line1\nline2\r\nline3".splitlines(), "12".zfill(5), "ß".upper())
print("Hello"[1:4], "Hello"[::-1], "Hello"[-3:], "Hello"[10:], ", ".join(sorted(set("mississippi"))))
print("%s|%r|%5d|%-5d|%05.1f|%x|%o|%e|%g|%c|%%" % ("a", "a", 42, 42, 3.14159, 255, 8, 1234.5, 0.00001234, 97))
print("%(a)s-%(b)04d" % {"a": "k", "b": 7})
print("{0}{1}{0}".format("ab", "cd"), "{:>10.3f}|{:<10}|{:^10}|".format(math.e, "l", "c"), "{:,.2f}".format(1234567.891))
print("{:e}".format(0.0), "{:.3e}".format(-123456), "{:g}".format(123456789), "{:g}".format(0.0001), "{:G}".format(1e-10))
print("{:b}".format(10), "{:#o}".format(8), "{:+d}".format(5), "{: d}".format(5), "{:x}".format(-255), "{:08.2%}".format(0.1234))
w, p = 12, 3
print(f"{math.pi:{w}.{p}f}|{'x'!r:>5}|{w=}|{p*2 = }|{w:#x}|{[1, 2]}|{None}|{True:>6}")
print(repr(1e16), repr(1e15), repr(1.5e-7), repr(123456789012345678.0), str(2.0), repr(-0.0), 1e300 * 1e10, -1e300 * 1e10)
