# Slices of lists: defaults for either direction, negative and out-of-range bounds, a negative
# step, every element type, a new list each time (changing it leaves the original alone).
a = [10, 11, 12, 13, 14, 15]
b = a[1:]
print(len(b), b[0], b[-1])
c = a[:3]
print(len(c), c[2])
d = a[-2:]
print(len(d), d[0], d[1])
e = a[::2]
print(len(e), e[0], e[1], e[2])
f = a[::-1]
print(len(f), f[0], f[5])
g = a[4:1:-1]
print(len(g), g[0], g[2])
h = a[10:20]
print(len(h))
k = a[-100:2]
print(len(k), k[1])
m = a[5:0:-2]
print(len(m), m[0], m[1], m[2])
b[0] = 99
print(a[1], b[0])
fl = [0.5, 1.5, 2.5][1:]
print(fl[0] + fl[1])
s = ["x", "yy", "zzz"][-2:]
print(s[0], s[1])
t = [True, False, True][1:3]
print(t[0], t[1])
w = [int64(1) << 40, int64(3)][:1]
print(w[0])
for i in range(3):
    part = a[i:i + 2]
    print(part[0] + part[1])
