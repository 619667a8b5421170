# Functions passed as arguments: lambdas and module functions a callee only calls.
def square(x):
    return x * x


def apply(f, x):
    return f(x)


def twice(f, x):
    return apply(f, apply(f, x))


def catch(f):
    try:
        f()
        return "fine"
    except ZeroDivisionError:
        return "zero"
    except IndexError:
        return "index"


def combine(f, g, x):
    return f(x) + g(x)


scale = 3
print(apply(square, 4), apply(lambda v: v + 1, 4), twice(square, 3), twice(lambda v: v * scale, 2))
print(catch(lambda: 1 // 0), catch(lambda: [1.0][10]), catch(lambda: square(2)))
print(combine(square, lambda v: -v, 5), combine(lambda v: v, lambda v: v * 10, 2))
