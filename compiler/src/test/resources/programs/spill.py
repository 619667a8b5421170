# More live values than callee-saved registers (12 words, 12 doubles): some must spill,
# across calls too.
def mix(a, b):
    return a * 3 + b

a0 = 1
a1 = 2
a2 = 3
a3 = 4
a4 = 5
a5 = 6
a6 = 7
a7 = 8
a8 = 9
a9 = 10
a10 = 11
a11 = 12
a12 = 13
a13 = 14
a14 = 15
w = int64(1) << 33
f0 = 0.5
f1 = 1.5
f2 = 2.5
f3 = 3.5
f4 = 4.5
f5 = 5.5
f6 = 6.5
f7 = 7.5
f8 = 8.5
f9 = 9.5
f10 = 10.5
f11 = 11.5
f12 = 12.5
f13 = 13.5
for i in range(3):
    a0 = mix(a0, a14)
    a7 = mix(a7, a1)
    f0 = f0 + f13 * 2.0
    w = w + a3
print(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, w)
print(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13)
print(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13 + a14)
print(f0 + f1 + f2 + f3 + f4 + f5 + f6 + f7 + f8 + f9 + f10 + f11 + f12 + f13)
