x = 1.5
y = 0.25
print(x + y, x - y, x * y, x / y)
print(x > y, x < y, x == 1.5, x != 1.5, x >= 1.5, x <= 1.0)
print(x + 1, 2 * y, 1 / 3, -x, abs(-2.5))
print(int(7.9), int(-7.9), float(3), int64(2.5e10))
print(0.1 + 0.2, 1e20 * 10.0, 1.0)
z = 0.0
if z:
    print("nonzero")
else:
    print("zero is false")
print(True, False, None)
