# Own case: structural pattern matching.
match command.split():
    case [action]:
        pass
    case [action, obj]:
        pass
    case ["go", direction] | ["move", direction]:
        pass
    case ["drop", *objects]:
        pass
    case [*_]:
        pass
    case Point(x=0, y=0):
        pass
    case Point(1, y=var) as p if var > 0:
        pass
    case {"x": x, "y": y, **rest}:
        pass
    case {1: _, -2.5: _, None: _, True: _}:
        pass
    case Color.RED | mod.Color.GREEN:
        pass
    case 1 | -1 | 1.5 | 1 + 2j | -1 - 2j:
        pass
    case "str" "cat" | b"bytes":
        pass
    case None | True | False:
        pass
    case (a, b, *c):
        pass
    case (single,):
        pass
    case ():
        pass
    case (nested as inner):
        pass
    case _:
        pass

match x, y:
    case a, b:
        pass

match (x):
    case [1, 2, *rest] if rest:
        pass

match = 1
match.attr = 2
match[0] = 3
match(x)
case = 4
_ = 5
