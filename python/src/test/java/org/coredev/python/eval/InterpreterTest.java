package org.coredev.python.eval;

import org.coredev.python.ParseException;
import org.coredev.python.lexer.Source;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Statements, functions, classes, exceptions and errors of the host evaluator. */
class InterpreterTest {
    private final Interpreter in = new Interpreter();
    private final StringBuilder out = new StringBuilder();

    private Map<String, Object> run(String src) {
        in.setStdout(out::append);
        return in.run(new Source("prog.py", src), "__main__").dict;
    }

    private String r(Map<String, Object> g, String name) {
        return in.repr(g.get(name));
    }

    private ParseException error(String src) {
        return assertThrows(ParseException.class, () -> run(src));
    }

    @Test
    void functionsBindPositionalKeywordDefaultAndStarParameters() {
        var g = run("""
                def f(a, b=2, /, c=3, *rest, d, e=5, **kw):
                    return (a, b, c, rest, d, e, kw)
                r1 = f(1, d=4)
                r2 = f(1, 20, 30, 40, 50, d=4, e=6, z=7)
                r3 = f(*[1, 2], **{'c': 9, 'd': 8})
                """);
        assertEquals("(1, 2, 3, (), 4, 5, {})", r(g, "r1"));
        assertEquals("(1, 20, 30, (40, 50), 4, 6, {'z': 7})", r(g, "r2"));
        assertEquals("(1, 2, 9, (), 8, 5, {})", r(g, "r3"));
    }

    @Test
    void wrongArgumentsRaiseTypeErrorAtTheCall() {
        ParseException e = error("def f(a, *, k):\n    return a\n\nf(1, 2)\n");
        assertEquals("TypeError: f() takes 1 positional argument but 2 were given", e.detail());
        assertEquals(4, e.line());
        assertEquals("prog.py:4:1: TypeError: f() takes 1 positional argument but 2 were given\n    f(1, 2)\n    ^", e.getMessage());
        assertEquals("TypeError: f() missing 1 required keyword-only argument: 'k'", error("def f(a, *, k):\n    pass\nf(1)\n").detail());
        assertEquals("TypeError: f() got an unexpected keyword argument 'z'", error("def f(a):\n    pass\nf(1, z=2)\n").detail());
    }

    @Test
    void closuresSeeEnclosingScopesAndNonlocalRebinds() {
        var g = run("""
                def counter():
                    n = 0
                    def bump(by=1):
                        nonlocal n
                        n += by
                        return n
                    return bump
                c = counter()
                c(); c(5)
                total = c()
                x = 1
                def set_global():
                    global x
                    x = 42
                set_global()
                """);
        assertEquals("7", r(g, "total"));
        assertEquals("42", r(g, "x"));
    }

    @Test
    void recursionWorks() {
        var g = run("def fact(n):\n    return 1 if n <= 1 else n * fact(n - 1)\nr = fact(30)\n");
        assertEquals("265252859812191058636308480000000", r(g, "r"));
    }

    @Test
    void classesHaveMethodsAttributesInheritanceAndSuper() {
        var g = run("""
                class Device:
                    kind = "generic"
                    def __init__(self, name, channel=0):
                        self.name = name
                        self.channel = channel
                    def describe(self):
                        return f"{self.kind}:{self.name}@{self.channel}"
                    def __repr__(self):
                        return "Device(" + repr(self.name) + ")"

                class TTLOut(Device):
                    kind = "ttl"
                    def __init__(self, name, channel):
                        super().__init__(name, channel)
                        self.pulses = []
                    def pulse(self, t):
                        self.pulses.append(t)
                        return self
                    @property
                    def count(self):
                        return len(self.pulses)
                    @staticmethod
                    def unit():
                        return "mu"
                    @classmethod
                    def make(cls, n):
                        return cls("ttl" + str(n), n)

                t = TTLOut.make(4).pulse(10).pulse(20)
                desc = t.describe()
                n = t.count
                unit = t.unit()
                same = isinstance(t, Device) and issubclass(TTLOut, Device)
                shown = repr([t])
                """);
        assertEquals("'ttl:ttl4@4'", r(g, "desc"));
        assertEquals("2", r(g, "n"));
        assertEquals("'mu'", r(g, "unit"));
        assertEquals("True", r(g, "same"));
        assertEquals("\"[Device('ttl4')]\"", r(g, "shown"));
        PyInstance t = assertInstanceOf(PyInstance.class, g.get("t"));
        assertEquals("TTLOut", t.cls.name);
        assertEquals(4L, in.getAttr(t, "channel"));
    }

    @Test
    void userOperatorsAndDunderMethodsAreHonoured() {
        var g = run("""
                class V:
                    def __init__(self, x):
                        self.x = x
                    def __add__(self, o):
                        return V(self.x + o.x)
                    def __eq__(self, o):
                        return self.x == o.x
                    def __len__(self):
                        return self.x
                    def __str__(self):
                        return "V%d" % self.x
                s = str(V(1) + V(2))
                eq = V(3) == V(3)
                empty = not V(0)
                """);
        assertEquals("'V3'", r(g, "s"));
        assertEquals("True", r(g, "eq"));
        assertEquals("True", r(g, "empty"));
    }

    @Test
    void exceptionsAreRaisedCaughtAndFinallyRuns() {
        var g = run("""
                log = []
                class ConfigError(ValueError):
                    pass
                def check(v):
                    try:
                        if v < 0:
                            raise ConfigError("negative: %d" % v)
                        log.append("ok")
                    except ValueError as e:
                        log.append("caught " + str(e))
                        return "bad"
                    else:
                        log.append("else")
                    finally:
                        log.append("finally")
                    return "good"
                results = [check(1), check(-2)]
                try:
                    {}["missing"]
                except KeyError as e:
                    key_error = repr(e)
                try:
                    1 / 0
                except (TypeError, ZeroDivisionError):
                    zero = True
                """);
        assertEquals("['good', 'bad']", r(g, "results"));
        assertEquals("['ok', 'else', 'finally', 'caught negative: -2', 'finally']", r(g, "log"));
        assertEquals("\"KeyError('missing')\"", r(g, "key_error"));
        assertEquals("True", r(g, "zero"));
    }

    @Test
    void uncaughtExceptionNamesFileLineAndColumn() {
        ParseException e = error("x = 1\ny = {'a': 1}\nz = y['b'] + x\n");
        assertEquals("prog.py:3:5: KeyError: 'b'\n    z = y['b'] + x\n        ^", e.getMessage());
        ParseException n = error("def f():\n    return undefined_name\nf()\n");
        assertEquals("NameError: name 'undefined_name' is not defined", n.detail());
        assertEquals(2, n.line());
        assertEquals(12, n.column());
    }

    @Test
    void loopsSupportBreakContinueAndElse() {
        var g = run("""
                found = None
                for i in range(10):
                    if i % 2:
                        continue
                    if i > 5:
                        found = i
                        break
                else:
                    found = -1
                n = 0
                while n < 3:
                    n += 1
                else:
                    n = n * 100
                """);
        assertEquals("6", r(g, "found"));
        assertEquals("300", r(g, "n"));
    }

    @Test
    void unpackingAssignmentsAndSliceAssignment() {
        var g = run("""
                a, (b, c), *rest = 1, [2, 3], 4, 5
                first, *middle, last = "hello"
                xs = list(range(6))
                xs[1:3] = ["a"]
                xs[::2] = [0, 0, 0]
                del xs[-1]
                d = {"k": [1]}
                d["k"] += [2]
                """);
        assertEquals("[4, 5]", r(g, "rest"));
        assertEquals("['e', 'l', 'l']", r(g, "middle"));
        assertEquals("[0, 'a', 0, 4]", r(g, "xs"));
        assertEquals("{'k': [1, 2]}", r(g, "d"));
        assertEquals("ValueError: too many values to unpack (expected 2)", error("a, b = 1, 2, 3\n").detail());
    }

    @Test
    void printWritesToTheConfiguredStdout() {
        run("print('a', 1, 2.5, None, sep=',')\nprint([1, 'x'], end='!')\n");
        assertEquals("a,1,2.5,None\n[1, 'x']!", out.toString());
    }

    @Test
    void supportedModulesImport() {
        var g = run("""
                import math
                from copy import deepcopy
                from itertools import product
                import functools as ft
                r = (math.floor(2.7), math.sqrt(16), deepcopy([[1]]), list(product('ab', [0])), ft.reduce(lambda a, b: a * b, [1, 2, 3]))
                """);
        assertEquals("(2, 4.0, [[1]], [('a', 0), ('b', 0)], 6)", r(g, "r"));
    }

    @Test
    void unsupportedModuleFailsWithItsNameAndPlace() {
        ParseException e = error("x = 1\nimport numpy as np\n");
        assertEquals(2, e.line());
        assertEquals(1, e.column());
        assertTrue(e.detail().startsWith("ModuleNotFoundError: No module named 'numpy'"), e.detail());
    }

    @Test
    void unsupportedConstructsFailWithTheirNameAndPlace() {
        ParseException w = error("x = 1\nasync def f():\n    pass\n");
        assertEquals("prog.py:2:1: unsupported construct: async def\n    async def f():\n    ^", w.getMessage());
        ParseException y = error("def g():\n    yield 1\nlist(g())\n");
        assertEquals("unsupported construct: yield (generators)", y.detail());
        assertEquals(2, y.line());
        assertEquals(5, y.column());
        assertEquals("unsupported construct: complex number", error("z = 1 + 2j\n").detail());
    }

    @Test
    void withCallsEnterAndExitInOrderAndExitMaySwallow() {
        var g = run("""
                log = []
                class M:
                    def __init__(self, name, swallow=False):
                        self.name = name
                        self.swallow = swallow
                    def __enter__(self):
                        log.append("enter " + self.name)
                        return self.name.upper()
                    def __exit__(self, t, v, tb):
                        log.append("exit " + self.name + " " + (t.__name__ if t is not None else "-"))
                        return self.swallow
                with M("a") as x, M("b") as y:
                    log.append(x + y)
                with M("c", True):
                    raise ValueError("gone")
                try:
                    with M("d"):
                        raise KeyError("kept")
                except KeyError:
                    log.append("caught")
                def f():
                    with M("e"):
                        return 1
                r = f()
                """);
        assertEquals("['enter a', 'enter b', 'AB', 'exit b -', 'exit a -', 'enter c', 'exit c ValueError', "
                + "'enter d', 'exit d KeyError', 'caught', 'enter e', 'exit e -']", r(g, "log"));
        assertEquals("1", r(g, "r"));
    }

    @Test
    void endlessLoopIsStoppedNotHung() {
        ParseException e = error("while True:\n    pass\n");
        assertTrue(e.detail().startsWith("evaluation stopped after"), e.detail());
    }

    @Test
    void runawayRecursionRaisesRecursionError() {
        ParseException e = error("def f(n):\n    return f(n + 1)\nf(0)\n");
        assertEquals("RecursionError: maximum recursion depth exceeded", e.detail());
    }

    @Test
    void hugeIntegerPowerIsRefusedInsteadOfExhaustingMemory() {
        assertEquals("MemoryError: integer power result too large", error("x = 10 ** 10 ** 10\n").detail());
    }

    @Test
    void hostCanCallFunctionsAndMethodsAndRegisterModules() {
        PyModule host = new PyModule("artiq.experiment");
        host.dict.put("kernel", new PyBuiltin("kernel", (i, a, k) -> {
            ((PyFunction) a.get(0)).attrs.put("artiq_kernel", true);
            return a.get(0);
        }));
        in.registerModule(host);
        var g = run("""
                from artiq.experiment import *
                class Exp:
                    def build(self, n):
                        self.n = n
                        self.names = ["ttl%d" % i for i in range(n)]
                    @kernel
                    def run(self):
                        pass
                """);
        PyClass exp = assertInstanceOf(PyClass.class, g.get("Exp"));
        Object obj = in.callFromHost(exp, List.of(), Map.of());
        in.callFromHost(in.getAttr(obj, "build"), List.of(3L), Map.of());
        assertEquals("['ttl0', 'ttl1', 'ttl2']", in.repr(in.getAttr(obj, "names")));
        PyBoundMethod run = assertInstanceOf(PyBoundMethod.class, in.getAttr(obj, "run"));
        assertSame(Boolean.TRUE, ((PyFunction) run.function()).attrs.get("artiq_kernel"));
        ParseException e = assertThrows(ParseException.class,
                () -> in.callFromHost(in.getAttr(obj, "build"), List.of("x"), Map.of()));
        assertEquals("TypeError: 'str' object cannot be interpreted as an integer", e.detail());
        assertEquals(5, e.line());
    }

    @Test
    void walrusInComprehensionBindsInEnclosingScope() {
        var g = run("vals = [y := i * 2 for i in range(3)]\nlast = y\n");
        assertEquals("4", r(g, "last"));
    }

    @Test
    void loopVariableOfComprehensionDoesNotLeak() {
        ParseException e = error("xs = [q for q in range(3)]\nprint(q)\n");
        assertEquals("NameError: name 'q' is not defined", e.detail());
    }
}
