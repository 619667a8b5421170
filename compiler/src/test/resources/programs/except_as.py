def pick(xs, i):
    return xs[i]


messages = 0
for k in range(3):
    try:
        if k == 0:
            print(pick([1, 2, 3], 5))
        elif k == 1:
            raise ZeroDivisionError("no divisor")  # the message is the program's own: ARTIQ and CPython word / by 0 apart
        else:
            raise ValueError("k is two")
    except IndexError as e:
        print("index:", len(str(e)) > 0)   # ARTIQ's message ("index {0} out of bounds 0:{1}"), not CPython's
        messages += 1
    except (ZeroDivisionError, ValueError) as err:
        print("other:", err, len(str(err)))
        messages += 1
print(messages)
try:
    assert messages == 2, "never"
    assert messages == 3, "three expected"
except AssertionError as e:
    print(e)
