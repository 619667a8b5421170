# A list literal evaluated again (in a loop, in a comprehension) gets new storage each time, so a
# list kept from an earlier evaluation keeps its elements; comprehensions of lists.
prev = [0, 0]
total = 0
for i in range(4):
    cur = [i, i * 10]
    if i > 0:
        print(prev[0], prev[1], cur[0], cur[1])
    prev = cur

def rows(n):
    out = 0
    last = [0]
    k = 0
    while k < n:
        row = [k * 2]
        if k > 0:
            out += last[0] * 100 + row[0]
        last = row
        k += 1
    return out

print(rows(4))
grid = [[j * 10 + i for i in range(3)] for j in range(3)]
print(grid[0][0], grid[1][2], grid[2][1])
pairs = [[i, i + 1] for i in range(4)]
print(pairs[0][1], pairs[3][0], len(pairs))
nested = [[k for k in range(j)] for j in range(4)]
print(len(nested[0]), len(nested[3]), nested[3][2], nested[2][1])
same = [1, 2]
refs = [same for i in range(2)]
refs[0][0] = 9
print(refs[1][0], same[0])
# A module variable's list may be returned (it lives in the module's frame), and iterated there.
LIST = [1, 2]
def get_list():
    return LIST
def get_range():
    return range(3)
def main():
    for v in get_list():
        print("from the module's list", v)
    for v in get_range():
        print("from a range a later function returns", v)
    got = get_list()
    got[0] = 5
    print(LIST)
main()
