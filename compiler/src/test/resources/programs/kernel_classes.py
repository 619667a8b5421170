# Classes in kernel code: constant class attributes, methods called on the class and on
# instances (which hold no data of their own), instances as values, and context managers
# (__exit__ runs on every way out of the block: its end, an exception, a return).
class Pulse:
    """A pulse shape."""
    width = 25
    label = "pulse"
    pair = (1, 2.5)

    def double():
        return Pulse.width * 2

    def scaled(self, k):
        return self.width * k

    def describe(self):
        return self.label


p = Pulse()
print(Pulse.width, Pulse.double(), p.scaled(3), Pulse().scaled(2), p.describe(), Pulse.pair, p.pair[1])


def use(q):
    width = 1
    return q.scaled(width)


print(use(p), use(Pulse()))
if p:
    print("an instance is true")
shapes = [Pulse(), p]
print(len(shapes), shapes[1].scaled(4))


class Section:
    def __enter__(self):
        print("enter")

    def __exit__(self, a, b, c):
        print("exit")


with Section():
    print("inside")
try:
    with Section():
        print("raising")
        [0][1]
        print("not reached")
except IndexError:
    print("IndexError after exit")


def early():
    for i in range(3):
        with Section() as s:
            if i == 1:
                return i
            print("iteration", i, s)
    return -1


print(early())
