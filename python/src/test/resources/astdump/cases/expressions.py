# Own case: expressions, operators, precedence, comprehensions, calls, literals.
a + b * c - d / e // f % g @ h ** -i ** j
not a and b or c and not d or e
a < b <= c > d >= e == f != g is h is not i in j not in k
a | b ^ c & d << e >> f
-x + +y - ~z
x if cond else y if other else z
lambda: 0
lambda a, b=1, *c, d, e=2, **f: a + b
lambda *, k: k
lambda a, /, b: a
(x := 10)
[y := f(x), y ** 2]
f(a, *args, key=value, *more, **kwargs)
f(x for x in range(3))
obj.method(1)[2].attr(3)[4:5][::2][1:2:3][:, 1][..., None]
d[1:2, ::3]
d[a, b]
d[*idx]
[x for x in y if x if not x for z in x]
{k: v for k, v in items.items() if v}
{s for s in things}
(g for g in gen)
[*a, *b]
{**a, 'b': 1, **c}
{1, 2, *rest}
()
(1,)
(1, 2, *rest)
[]
{}
await_ = 1
x = [i async for i in agen()] if False else None
print(*values, sep="", end="\n")
a[b](c)(d)[e]
f(**{'a': 1})
x = 1 if y else 2
f(a)(b)(c)
not not x
x = yield_ = 3
((a))
a.b.c.d
