# [a, b] = ... and a, b = list (a ValueError unless the lengths match), and bool(), int(),
# float(), list(), list(iterable).
[x, y] = [1, 2]
print(x, y)
lst = [3, 4]
[a, b] = lst
c, d = lst
print(a, b, c, d)
print(bool(), int(), float(), list(range(4)), list(lst), list(range(0)))
e = list()
if False:
    e = [1]
print(e == [], len(e))
copy = list(lst)
copy[0] = 9
print(lst, copy)
for n in range(4):
    try:
        p, q, r = [7] * n
        print("unpacked", p, q, r)
    except ValueError:
        print("ValueError at", n)
