# for/while ... else (the else runs when no break left the loop), str == and !=, [x] * n.
def find(xs, v):
    for i in range(len(xs)):
        if xs[i] == v:
            break
    else:
        return -1
    return i

ys = [0] * 4
ys[2] = 7
print(ys, find(ys, 7), find(ys, 9))
zs = 2 * [1.5, -2.0]
print(zs, len(zs))
names = ["ttl0", "led"]
k = 0
while k < 3:
    k += 1
    if k == 10:
        break
else:
    print("while done", k)
for n in names:
    print(n == "led", n != "led", n == "")
s = "abc"
print(s == "abc", s != "abd", s == "ab", "" == "")
for i in range(2):
    for j in range(3):
        if j == 1:
            break
    else:
        print("never")
    print("outer", i)
