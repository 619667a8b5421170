# Differential test program: containers, functions, classes and exceptions.
from copy import deepcopy
from itertools import chain, product
from functools import reduce

d = {"b": 2, "a": 1}
d["c"] = 3
d.update({"a": 10}, z=26)
d.setdefault("y", [])
d["y"].append(1)
print(d, list(d.keys()), list(d.values()), list(d.items()), d.get("q"), d.get("q", 0), d.pop("b"), len(d))
print(sorted(d), sorted(d.items(), key=lambda kv: -len(kv[0]) if isinstance(kv[1], int) else 0), dict.fromkeys("ab", 0))
print({1: "a", True: "b", 1.0: "c"}, {(1, 2): "t"}[(1.0, 2)], {**d, "a": 0})
lst = [5, 3, 8, 1]
lst.sort()
lst.insert(1, 2)
lst.extend(range(2))
lst.remove(8)
print(lst, lst.pop(), lst.pop(0), lst.index(3), lst.count(1), lst[::2], lst * 2, [0] * 3 + [1])
lst[1:3] = ["x", "y", "z"]
del lst[0]
print(lst, list(reversed(lst)), sorted([3, 1, 2], reverse=True), min(lst, key=str), max([], default=None))
s = {3, 1, 2}
s.add(4)
s.discard(10)
print(sorted(s), sorted(s | {9}), sorted(s & {1, 2, 7}), sorted(s - {1}), sorted(s ^ {1, 8}), {1, 2} <= s, frozenset({1}) == {1})
t = (1, [2, 3], "x")
c = deepcopy(t)
c[1].append(4)
print(t, c, t.index("x"), t.count(1), t + (5,), t[1:], len(t))
print(list(enumerate("abc", 1)), list(zip("ab", range(5), [True, False])), list(map(str, range(3))), list(filter(lambda v: v % 2, range(7))))
print(list(chain([1], (2,), "3")), list(product("ab", repeat=2)), reduce(lambda a, b: a * b, range(1, 8)), sum([1.5, 2, 3]), any([]), all([0]))
print([x * y for x in range(4) if x for y in range(x)], {x: x * x for x in range(4)}, sorted({x % 3 for x in range(9)}))
a, *b, c = range(6)
(p, q), r = "pq", [7]
print(a, b, c, p, q, r)


def make_counter(start=0, *, step=1):
    count = start

    def inc(times=1):
        nonlocal count
        for _ in range(times):
            count += step
        return count
    return inc


ctr = make_counter(10, step=5)
print(ctr(), ctr(3), make_counter()())


def describe(*args, sep="-", **kwargs):
    return sep.join(str(a) for a in args) + "|" + ",".join(f"{k}={v}" for k, v in sorted(kwargs.items()))


print(describe(1, 2, 3), describe(*"ab", sep="+", z=1, a=2), describe(**{"x": [1]}))


class Channel:
    count = 0

    def __init__(self, name, number):
        self.name = name
        self.number = number
        Channel.count += 1

    def __repr__(self):
        return "Channel(%r, %d)" % (self.name, self.number)

    def __eq__(self, other):
        return isinstance(other, Channel) and self.number == other.number

    def __lt__(self, other):
        return self.number < other.number

    @property
    def label(self):
        return self.name.upper()

    @classmethod
    def numbered(cls, n):
        return cls("ch%d" % n, n)

    @staticmethod
    def kind():
        return "ttl"


class InputChannel(Channel):
    def __init__(self, name, number, gate=10):
        super().__init__(name, number)
        self.gate = gate

    def __repr__(self):
        return "In" + super().__repr__()


chans = [InputChannel("pmt", 3), Channel.numbered(1), Channel("led", 2)]
print(sorted(chans), chans[1].label, Channel.kind(), Channel.count, chans[0] == Channel("x", 3), chans[0] in chans, chans[0].gate)
print(isinstance(chans[0], Channel), issubclass(InputChannel, Channel), type(chans[1]).__name__, hasattr(chans[2], "gate"), getattr(chans[2], "gate", -1))


class ConfigError(Exception):
    pass


def check(v):
    try:
        if v is None:
            raise ConfigError("missing value")
        return 100 // v
    except ZeroDivisionError as e:
        return "zero: " + str(e)
    except ConfigError as e:
        return "config: %s %r" % (e, e.args)
    finally:
        print("checked", v)


print(check(5), check(0), check(None))
try:
    {"a": 1}["b"]
except LookupError as e:
    print(type(e).__name__, e, repr(e))
try:
    [1][5]
except IndexError as e:
    print("index", e)
try:
    int("x1")
except ValueError as e:
    print("value", e)
try:
    raise KeyError("k")
except (TypeError, KeyError) as e:
    print("caught", repr(e))
i = 0
while True:
    i += 1
    if i < 3:
        continue
    if i > 5:
        break
else:
    print("not reached")
print("i", i)
for n in range(3):
    pass
else:
    print("for-else", n)
