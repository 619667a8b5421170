# 'is' on values of one type, as ARTIQ compares them: numbers and bools by value, lists by their
# storage, strs by their slice; None is None.
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a is not c)
x = 5
y = 5
print(x is y, x is not y, True is True)
s = "abc"
t = s
print(s is t, None is None)
def same(u, v):
    return u is v
print(same(a, b), same(a, c))
