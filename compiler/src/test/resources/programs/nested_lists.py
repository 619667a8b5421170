# Lists of tuples and lists of lists, read by index and by for loops.
pulses = [(3, 1.5, True), (5, -2.25, False), (8, 0.125, True)]
print(len(pulses), pulses[1], pulses[-1][1], pulses[0][2])
total = 0.0
for p in pulses:
    ch, t, on = p
    if on:
        total += ch * t
print(total)
grid = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
s = 0
for row in grid:
    for x in row:
        s += x
print(s, grid[1][2], grid[-1][0], len(grid[0]))
trace = 0
for k in range(3):
    trace += grid[k][k]
print(trace)
wide = [(int64(1) << 40, "a"), (int64(-3), "bc")]
print(wide[0][0] + wide[1][0], wide[1][1])

def column(rows, k):
    out = 0
    for r in rows:
        out += r[k]
    return out
print(column(grid, 1))
grid[0][1] = 20       # an element of an inner list
print(grid[0], column(grid, 1))
try:
    print(grid[3][0])
except IndexError:
    print("IndexError")   # its message is ARTIQ's, not CPython's
