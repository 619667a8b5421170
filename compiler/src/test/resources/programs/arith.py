a = 7
b = -2
print(a + b, a - b, a * b)
print(a // b, a % b, -a // 2, -a % 2, a // 2, a % -3)
print(-7 // -2, -7 % -2, 0 // 5, 0 % -5)
print(2 ** 10, 3 ** 0, (-2) ** 3)
print(a & 3, a | 8, a ^ 5, ~a, 1 << 4, -16 >> 2)
print(7 / 2, -1 / 4)
x = 10
x += 5
x -= 3
x *= 2
x //= 5
x %= 3
print(x)
print(1 < 2 < 3, 3 > 2 > 2, 1 == 1 != 2, 2 <= 2 >= 1)
print(True and False, True or False, not True, 0 or 5, 3 and 4, 0 and 9)
print(abs(-5), abs(5), min(3, -1), max(3, -1))
print(5 if a > 3 else 6)
assert 7 // 2 == 3
assert -7 // 2 == -4
