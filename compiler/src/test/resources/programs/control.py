total = 0
for i in range(10):
    if i == 3:
        continue
    if i == 8:
        break
    total += i
print(total)
for i in range(10, 0, -3):
    print(i)
n = 0
while True:
    n += 1
    if n > 4:
        break
print(n)
k = 0
while k < 3:
    k += 1
else_ = 0
if k == 1:
    print("one")
elif k == 2:
    print("two")
else:
    print("three")
for i in range(2, 5):
    for j in range(i):
        else_ += j
print(else_)
print("done", 1, 2.5, True, None)
