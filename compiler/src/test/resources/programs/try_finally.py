# finally runs on every way out of its try: normal end, exceptions (caught outside or in its own
# clauses), return, break and continue; a bare raise re-raises the exception being handled.
def divide(a, b):
    try:
        return a // b
    finally:
        print("divide", a, b, "done")

def checked(x):
    try:
        if x < 0:
            raise ValueError("negative")
        print("ok", x)
    except ValueError:
        print("rejecting", x)
        raise
    finally:
        print("checked", x)
    return x * 2

print(divide(7, 2))
try:
    divide(1, 0)
except ZeroDivisionError:
    print("caught zero division")

print(checked(3))
try:
    checked(-1)
except ValueError:
    print("re-raised ValueError reached the caller")

total = 0
for i in range(6):
    try:
        if i == 1:
            continue
        if i == 4:
            break
        total += i
    finally:
        total += 100
print(total)

def nested():
    try:
        try:
            raise IndexError("inner")
        finally:
            print("inner finally")
    except IndexError:
        print("outer caught")
        try:
            raise KeyError("again")
        except KeyError:
            print("handled inside the handler")
        raise
    finally:
        print("outer finally")

try:
    nested()
except IndexError:
    print("IndexError after both finally blocks")

def finally_wins():
    try:
        return 1
    finally:
        print("finally before the return value is used")

print(finally_wins())
def mismatch():
    try:
        raise KeyError("k")
    except ValueError:
        print("wrong clause")
    finally:
        print("finally after no matching clause")

try:
    mismatch()
except KeyError:
    print("KeyError passed through")

def finally_in_handler_loop(n):
    found = 0
    for k in range(n):
        try:
            if k % 2 == 0:
                raise IndexError("even")
        except IndexError:
            try:
                if k == 4:
                    return found
                continue
            finally:
                found += 1
    return -1

print(finally_in_handler_loop(10))
i = 0
while i < 3:
    try:
        i += 1
    finally:
        print("iteration", i)
try:
    try:
        assert i == 0, "i is not zero"
    finally:
        print("cleanup before the AssertionError")
except AssertionError:
    raise
