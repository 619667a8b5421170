# Lambdas assigned to a name (at module level, in a function reading its variables, with a
# default) and called where they stand.
square = lambda x: x * x
print(square(7))

def scaled(k, xs):
    scale = lambda v, offset=1: v * k + offset
    total = 0
    for x in xs:
        total += scale(x)
    return total + scale(0, 100)

print(scaled(3, [1, 2, 3]))
both = lambda a, b: (a + b, a - b)
s, d = both(10, 4)
print(s, d)
# Lambdas called where they stand, with defaults and keywords, reading the enclosing variables.
print((lambda: 1)(), (lambda x: x)(1), (lambda x, y: x + y)(1, 2))
print((lambda x, y=1: x + y)(1), (lambda x, y=1: x + y)(x=3), (lambda x, y=1: x + y)(y=2, x=3))
def offsetter(k):
    total = 0
    for i in range(3):
        total += (lambda v: v * k + i)(i)
    return total
print(offsetter(10))
