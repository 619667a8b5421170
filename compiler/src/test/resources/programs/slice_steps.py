# Slices whose step is a variable: every direction, bounds that clamp, each step from -7 to 7
# but 0 over lists of several lengths, assignment through such a slice, and a step of 0 at run
# time (ValueError, as CPython).
def show(xs, lo, hi, step):
    print(xs[lo:hi:step])

a = [10, 11, 12, 13, 14, 15, 16]
for step in range(-7, 8):
    if step != 0:
        print(step, a[::step], a[1::step], a[:-2:step], a[5:1:step], a[-100:100:step], a[100:-100:step])
for n in range(5):
    xs = [k * k for k in range(n)]
    for step in [-3, -1, 2, 5]:
        print(n, step, xs[::step])
        show(xs, 1, -1, step)
s = 2
b = [0, 0, 0, 0, 0, 0]
b[1::s] = [7, 8, 9]
print(b, ["x", "yy", "zzz", "w"][::-s], [0.5, 1.5, 2.5][::s - 1])
try:
    print(a[::s - 2])
except ValueError as e:
    print("ValueError", e)
show(a, 0, 3, s - 2)
