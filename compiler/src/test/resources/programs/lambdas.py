# Lambdas assigned to a name: at module level, in a function reading its variables, with a default.
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
