# + of lists, strs and tuples, list * n (any int, either side), == and != of lists and tuples
# element by element (nested too).
a = [1, 2]
b = a + [3]
print(b, len(b))
n = 3
print([0] * n, a * 2, 2 * a, a * -1, [True, False] * 2)
print((1, 2) + (3.0,), (1, 2) + (3.0,) == (1, 2, 3.0))
print("x" + "y", ("x" + "y") == "xy", "" + "")
s = "ab"
t = s + "-" + s
print(t, len(t))
print([[0]] == [[0]], [[0]] != [[1]], [[[0]]] == [[[0]]], ([0],) == ([0],), ([0],) != ([1],))
print([1] + [2] == [1, 2], [1] * 3 == [1, 1, 1], [1, 2] == [1], [1.5] == [1.5])
c = ["a", "b"] + ["c"]
print(c, c == ["a", "b", "c"])
for i in range(3):
    d = [i] * i
    print(d)
print([(1, "x")] * 2)
