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
