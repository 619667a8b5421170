def divide(a, b):
    return a // b

def check(x):
    if x > 10:
        raise ValueError("too big")
    return x

def safe_divide(a, b):
    try:
        return divide(a, b)
    except ZeroDivisionError:
        print("caught division by zero in safe_divide")
        return 0

print(safe_divide(7, 2), safe_divide(1, 0))
total = 0
for i in range(8, 14):
    try:
        total += check(i)
    except ValueError:
        print("skip", i)
        continue
    print("kept", i)
print(total)

try:
    assert total < 0, "negative expected"
except (ValueError, AssertionError):
    print("assertion caught")
else:
    print("not reached")

try:
    print("body runs")
except ZeroDivisionError:
    print("not reached")
else:
    print("else runs")

n = 0
try:
    try:
        n = 1
        check(50)
        n = 2
    except ZeroDivisionError:
        print("inner handler not reached")
    print("not reached either")
except ValueError:
    print("outer caught", n)

try:
    x = 5 % (n - 1)
except:
    print("bare except caught")

def nested(k):
    try:
        return check(k) * 2
    except ValueError:
        try:
            return divide(k, 0)
        except ZeroDivisionError:
            return -1
print(nested(3), nested(30))
try:
    safe_divide(1, 0)
    check(100)
except ValueError:
    print("after a handled exception, another one")
check(99)
