# The program's own exception classes, tuples of classes with 'as', and the built-in hierarchy.
class CalibrationError(Exception):
    pass

class DriftError(CalibrationError):
    """Raised when the reference drifts."""

class Other(Exception):
    pass

def check(k):
    if k == 1:
        raise CalibrationError("bad calibration")
    if k == 2:
        raise DriftError("drifted")
    if k == 3:
        raise Other
    if k == 4:
        return 1 // (k - 4)
    if k == 5:
        raise IndexError("index")
    if k == 6:
        raise KeyError("key")
    if k == 7:
        raise NotImplementedError("later")
    if k == 8:
        raise OverflowError("big")
    if k == 9:
        raise TimeoutError("slow")
    return k

for k in range(10):
    try:
        check(k)
        print(k, "fine")
    except DriftError as e:
        print(k, "drift", str(e))
    except CalibrationError as e:
        print(k, "calibration", e)
    except (Other, ZeroDivisionError) as e:
        print(k, "other or zero")
    except LookupError:
        print(k, "lookup")
    except (RuntimeError, OSError):
        print(k, "runtime or os")
    except ArithmeticError as e:
        print(k, "arithmetic", e)

for k in range(1, 10):
    try:
        check(k)
    except Exception:
        print(k, "an Exception")

try:
    try:
        check(2)
    except Other:
        print("not this one")
except BaseException as e:
    print("base", e)

try:
    try:
        check(1)
    except CalibrationError:
        print("re-raising")
        raise
except CalibrationError as e:
    print("again", e)

check(2)
print("not reached")
