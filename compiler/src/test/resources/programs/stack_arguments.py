# More than eight word or eight float arguments: the rest go on the stack (RISC-V psABI).
def ten_ints(a, b, c, d, e, f, g, h, i, j):
    return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h + 9 * i + 10 * j

def split_wide(a, b, c, d, e, f, g, x, y):
    # x: an int64 whose low word is in a7 and high word on the stack; y on the stack
    return int64(a + b + c + d + e + f + g) * x + y

def wide_on_stack(a, b, c, d, e, f, g, h, i, x):
    # i on the stack at 0, x 8-byte aligned at 8
    return x - int64(a + b + c + d + e + f + g + h + i)

def floats(a, b, c, d, e, f, g, h, p, q, r, n):
    # p, q, r: floats beyond fa7 (in a-registers on rv32g, some on the stack on rv32ima)
    return a - b + c - d + e - f + g - h + p * 2.0 + q * 3.0 + r / 4.0 + n

def mixed(n, x, k, y, m, z, w, u, v, t, s, big):
    return (n + k + m + w, x * y * z, u + v + t + s, big)

def countdown(a, b, c, d, e, f, g, h, i, j):
    if j == 0:
        return a + b + c + d + e + f + g + h + i
    return countdown(a + 1, b, c, d, e, f, g, h, i * 2, j - 1) + j

def divide_all(a, b, c, d, e, f, g, h, i, j):
    return a // j + b // j + c + d + e + f + g + h + i

print(ten_ints(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
print(ten_ints(-1, -2, -3, -4, -5, -6, -7, -8, -9, 100000))
print(split_wide(1, 2, 3, 4, 5, 6, 7, int64(3000000000), int64(-5)))
print(wide_on_stack(1, 2, 3, 4, 5, 6, 7, 8, 9, int64(1) << 40))
print(floats(1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 0.25, -1.0, 10.0, 7))
print(mixed(1, 2.0, 3, 4.0, 5, 6.0, 7, 8.5, 9.5, 10.5, 11.5, int64(1) << 33))
print(countdown(0, 1, 2, 3, 4, 5, 6, 7, 1, 5))
total = 0
for k in range(3):
    total += ten_ints(k, k, k, k, k, k, k, k, k, k + 1)
print(total)
try:
    divide_all(10, 20, 1, 1, 1, 1, 1, 1, 1, 0)
except ZeroDivisionError:
    print("caught the zero divisor")
print(divide_all(10, 20, 1, 1, 1, 1, 1, 1, 1, 3))
