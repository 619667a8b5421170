# Own case: every statement form (valid in Python 3.11 and 3.12).
import os, sys as system
import a.b.c as d
from . import sibling
from ..pkg.mod import (x as y, z,)
from ... import deep
from module import *
x = y = 1
a, *b, c = range(5)
[p, q] = (1, 2)
obj.attr: int = 3
name: "str"
(paren): int = 4
seq[0]: float
i += 1; j -= 2; k *= 3; l @= m; n /= 4; o //= 5; r %= 6; s **= 7; t >>= 1; u <<= 2; v &= 3; w ^= 4; xx |= 5
del x, y[0], z.attr, (a, b), [c]
assert x, "message"
global g1, g2
pass


def f(a, b=1, /, c=2, *args, d, e=3, **kwargs) -> int:
    nonlocal_name = 1
    return a


async def g(x: int, *, y: str = "s") -> None:
    async with lock as held, other():
        await x
    async for item in aiter():
        yield item
    return


@decorator
@decorator.attr(arg=1)
@(lambda fn: fn)
class C(Base, metaclass=Meta, **extra):
    """Docstring."""
    attr: int = 0

    def method(self, /):
        return (yield from self.other())


if a:
    pass
elif b:
    pass
elif c:
    x = 1
else:
    y = 2

while cond:
    break
else:
    continue_ = 1

for i, (j, k) in enumerate(pairs):
    continue
else:
    done = True

with open(path) as fh, ctx() as (a, b), plain:
    data = fh.read()

with (open(path) as fh, ctx() as target):
    pass

with (a, b):
    pass

try:
    risky()
except ValueError as exc:
    raise RuntimeError("bad") from exc
except (KeyError, IndexError):
    raise
except:
    pass
else:
    ok()
finally:
    cleanup()

try:
    grouped()
except* TypeError as eg:
    handle(eg)
except* (OSError, ValueError):
    pass

def gen():
    x = yield
    y = yield 1, 2
    z = await_not_keyword = 3
    lambda: (yield)


class Empty: pass
if x: y = 1; z = 2
