def check(f):
    if f > 100:
        raise ValueError("frequency too high")
    return f
print(check(5))
check(500)
