def inner(k):
    assert k < 3, "k too large"
    return k

def middle(k):
    return inner(k) + 1

def outer(n):
    total = 0
    for k in range(n):
        total += middle(k)
        print("step", k, total)
    return total

outer(10)
