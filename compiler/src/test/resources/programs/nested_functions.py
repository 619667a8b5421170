# Functions defined in a function, reading its variables (closures that do not escape).
def scan(start, step, n):
    scale = 3
    offset = start * 2

    def point(k):
        return offset + k * step * scale

    def total(upto):
        s = 0
        for k in range(upto):
            s += point(k)
        return s

    def fact(m):
        if m <= 1:
            return 1
        return m * fact(m - 1)

    values = 0
    for k in range(n):
        values += point(k)
    scale = 10          # read at each call, as Python's closure does
    return values, total(n), fact(n)

def with_defaults(x):
    gain = 2.5
    def amplified(v, extra=1.0):
        return v * gain + extra
    return amplified(x) + amplified(x, extra=0.0)

print(scan(1, 2, 4))
print(scan(-3, 1, 5))
print(with_defaults(2))
