def gcd(a, b):
    while b != 0:
        a, b = b, a % b
    return a

x, y = 1, 2
x, y = y, x
print(x, y, gcd(1071, 462))
label = "total:"
if x > y:
    label = "sum:"
print(label, x + y)
print("a", "b", sep="-", end="!\n")
print(1, 2, 3, sep="")
print("no newline", end="")
print(" then newline")
print("é ü ✓", end=None)
print()
def shout(n):
    print("inner", n)
    return n * 2
print("outer", 1.5, shout(4), True, print("nested"))
