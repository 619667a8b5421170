# range as a value: kept in a variable, iterated again, len(), truth, passed to a function, in a
# comprehension, int64 bounds and a negative step; .start, .stop and .step.
r = range(2, 11, 3)
total = 0
for x in r:
    total += x
print(total, len(r), len(range(0)), len(range(10, 0, -3)), len(range(5, 5)))
for x in r:
    total -= x
print(total)

def count(rr):
    n = 0
    for v in rr:
        n += 1
    return n

print(count(range(7)), count(r), count(range(3, -4, -2)))
squares = [v * v for v in range(4)]
down = range(10, 0, -4)
print(squares[3], [d + 1 for d in down][2], len(down))
if range(0):
    print("empty range is true")
if r:
    print("non-empty range is true")
big = range(int64(1) << 33, (int64(1) << 33) + 10, 4)
acc = int64(0)
for b in big:
    acc += b
print(acc, len(big))
w = range(5, -7, -4)
print(w.start, w.stop, w.step, range(3).start, range(3).stop, big.step, big.start)
