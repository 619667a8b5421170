# Paths a two-phase unwinder (ARTIQ 6's) treats differently from a one-phase one: a clause that
# does not match inside a try of the same function, finally blocks in several frames on the way to
# a handler, a finally that raises while unwinding, a bare raise after a nested exception was
# caught, and many raises in a loop.
def inner_mismatch(k):
    try:
        try:
            if k == 1:
                raise IndexError("index")
            if k == 2:
                raise ValueError("value")
            print("no raise", k)
        except KeyError:
            print("wrong inner clause")
    except IndexError:
        print("outer clause of the same function", k)
    return k

for k in range(3):
    try:
        inner_mismatch(k)
    except ValueError:
        print("ValueError passed both clauses", k)

def level3(x):
    try:
        if x > 0:
            raise KeyError("deep")
    finally:
        print("finally 3")

def level2(x):
    try:
        level3(x)
    except IndexError:
        print("wrong clause 2")
    finally:
        print("finally 2")

def level1(x):
    try:
        level2(x)
    finally:
        print("finally 1")

try:
    level1(1)
except LookupError:
    print("caught after three finally blocks")
level1(0)

def replaced():
    try:
        raise ValueError("first")
    finally:
        raise KeyError("second")

try:
    replaced()
except ValueError:
    print("wrong: the first exception")
except KeyError:
    print("the finally's exception replaced the first")

def rethrow_after_nested():
    try:
        raise IndexError("outer")
    except IndexError:
        try:
            raise KeyError("nested")
        except KeyError:
            print("nested caught")
        raise

try:
    rethrow_after_nested()
except KeyError:
    print("wrong: the nested exception came back")
except IndexError:
    print("the handled exception came back")

def same_frame_cleanup():
    try:
        try:
            raise ZeroDivisionError("z")
        finally:
            print("cleanup in the handler's frame")
    except ArithmeticError:
        print("caught by its base class")

same_frame_cleanup()

def raises(i):
    if i % 3 == 0:
        raise ValueError("v")
    if i % 3 == 1:
        raise KeyError("k")
    return i

counts = [0, 0, 0]
for i in range(60):
    try:
        try:
            raises(i)
            counts[2] += 1
        except ValueError:
            counts[0] += 1
            raise
    except ValueError:
        counts[0] += 10
    except Exception:
        counts[1] += 1
print(counts)

def handler_raises():
    try:
        try:
            raise IndexError("a")
        except IndexError:
            raise KeyError("b")
    except KeyError:
        print("a raise in a handler is caught by the enclosing try")

handler_raises()
