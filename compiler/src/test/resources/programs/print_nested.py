# Printing lists of lists and lists of tuples: the kernel copies them into the board's layout
# (an inner list as a pointer to its header, a tuple as its C struct) for the print RPC.
grid = [[1, 2, 3], [4, 5, 6]]
print(grid, len(grid))
grid[1][0] = -4
print(grid[1], grid)
print([[True], [False, True]], [[0.5, -1.0]], [["ttl0", ""], ["led"]])
pulses = [(3, 1.5, True), (5, -2.25, False)]
print(pulses)
print([("a", 1), ("bc", int64(-2) << 40)], [(True, False), (False, True)])
deep = [[[1], [2, 3]], [[4, 5, 6]]]
print(deep, len(deep), deep[0])
print([[(1, False)], [(2, True), (3, True)]])
squares = [[k * k for k in range(n)] for n in range(4)]
print(squares)
# Each print gives back the stack its copy took.
for k in range(300):
    row = [[k, k + 1], [k + 2]]
    if k % 100 == 0:
        print(k, row)
print(pulses[1], grid[0])
