# List comprehensions over range() (counted first, bounds evaluated once) and lists, with conditions: storage alloca'd on the stack.
squares = [i * i for i in range(6)]
print(squares, len(squares))
evens = [x for x in squares if x % 2 == 0 if x > 0]
print(evens)
down = [0.5 * k for k in range(10, 0, -3)]
print(down)
none = [k for k in range(5, 5)]
print(none, len(none))
names = ["ttl0", "led", "ttl1"]
ttls = [n == "led" for n in names]
print(ttls)
big = [int64(1) << (10 * j) for j in range(1, 5)]
print(big)
# Each comprehension's variable is its own (Python 3): an int here, a list there, a str outside.
print([x * 2 for x in [1, 2]])
print([[y + 1 for y in x] for x in [[1], [2, 3]]])
x = "outside"
print([len(x) for x in [[0], [0, 0]]], x)
