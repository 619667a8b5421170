def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))

def power_sum(n, x):
    if n == 0:
        return 0.0
    return x * (1.0 + power_sum(n - 1, x))

def count_down(n):
    if n <= 0:
        return int64(0)
    return count_down(n - 1) + n

print(ackermann(2, 3), power_sum(5, 0.5), count_down(500))
def sign(x):
    if x > 0:
        return 1
    elif x < 0:
        return -1
    return 0
print(sign(-4), sign(0), sign(9))
def is_even(n):
    return n % 2 == 0
print(is_even(4), is_even(-3), 3 if is_even(2) and not is_even(3) else 4)
