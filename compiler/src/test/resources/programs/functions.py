def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

def gcd(a, b):
    while b != 0:
        t = a % b
        a = b
        b = t
    return a

def scale(x, f):
    return x * f

def greet():
    print("hello")

print(fib(15), gcd(48, 18))
print(scale(3.0, 2.5))
greet()
def fact(n):
    r = int64(1)
    for i in range(1, n + 1):
        r *= i
    return r
print(fact(20))
