# Assignment to slices of the same length: a range, a step, a reversed copy of itself, an
# overlapping source, floats.
a = [0, 1, 2, 3, 4, 5]
a[1:3] = [10, 20]
print(a[0], a[1], a[2], a[3])
a[::2] = [7, 8, 9]
print(a[0], a[2], a[4], a[5])
a[::-1] = a[:]
print(a[0], a[5])
b = [1, 2, 3, 4]
b[1:] = b[:3]
print(b[0], b[1], b[2], b[3])
f = [0.5, 1.5, 2.5]
f[-2:] = [9.5, 8.5]
print(f[1] + f[2])
