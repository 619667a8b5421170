# numpy arrays as ARTIQ's kernels have them: creation from lists, shape, indexing, views,
# element-wise arithmetic with broadcasting of numbers, in-place operators, @.
def total(a):
    s = 0
    for x in a:
        s += x
    return s


def scaled_row(m, r, k):
    row = m[r]
    return total(row * k)


v = array([3, 1, 4, 1, 5])
print(v, len(v), v.shape, v[-1], total(v))
m = array([[1, 2, 3], [4, 5, 6]])
print(m)
print(m.shape, m[1, 2], m[-1][0], len(m), scaled_row(m, 1, 10))
w = v * 2 + 1
print(w)
print(10 - v, v // 2, v % 3, 2 ** v)
f = v / 2
print(f[0], f[1], f[4], (f + v)[2])
w -= v
print(w)
w *= w
print(w, v)
part = v[1:4]
print(part, part.shape)
part[0] = 9
print(v)
rows = m[1:]
rows[0, 0] = -4
print(m[1], -m[0], +m[0])
print([int(x * x) for x in v])
print([int(total(r)) for r in m])
print(m @ array([1, 0, -1]), array([1, 1]) @ m, array([1, 2, 3]) @ array([4, 5, 6]))
print(m @ array([[1, 0], [0, 1], [1, 1]]))
grid = array([[0.5, 1.5], [2.5, 3.5]])
grid[1, 0] = 7
print(grid[0, 1], grid[1, 0], grid.shape)
stack = array([m, m])
print(stack.shape, stack[1, 1, 2])
empty = array([1])
empty = array([])
print(len(empty), empty.shape)
try:
    print(m[2, 0])
except IndexError:
    print("index error")
try:
    print(v + array([1, 2]))
except ValueError:
    print("shapes differ")
try:
    print(array([[1, 2], [3]]))
except ValueError:
    print("jagged")
try:
    print(m @ array([1, 2]))
except ValueError:
    print("inner dimensions")
