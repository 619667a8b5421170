# Default and keyword parameters: filled in by position at each call.
def scale(x, factor=2, offset=0):
    return x * factor + offset

def describe(name, value=1.5, verbose=False):
    if verbose:
        print(name, "=", value)
    else:
        print(name)

print(scale(3))
print(scale(3, 5))
print(scale(3, offset=7))
print(scale(offset=-1, x=4, factor=3))
describe("a")
describe("b", 2.25)
describe("c", verbose=True)
describe(verbose=True, name="d", value=-0.5)

def count_down(n, step=1):
    if n <= 0:
        return 0
    return 1 + count_down(n - step, step=step)

print(count_down(10), count_down(10, step=3))
