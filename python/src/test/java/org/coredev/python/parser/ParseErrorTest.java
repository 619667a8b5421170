package org.coredev.python.parser;

import org.coredev.python.ParseException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Syntax errors: message, line and column (1-based), and the printed form with source line and caret. */
class ParseErrorTest {
    private static ParseException fail(String src) {
        return assertThrows(ParseException.class, () -> Parser.parse("bad.py", src));
    }

    private static void assertError(String src, int line, int col, String message) {
        ParseException e = fail(src);
        assertEquals(message, e.detail(), "message");
        assertEquals(line, e.line(), "line of: " + e.getMessage());
        assertEquals(col, e.column(), "column of: " + e.getMessage());
    }

    @Test
    void messageHasFileLineColumnSourceLineAndCaret() {
        ParseException e = fail("x = 1\ny = (1, 2\n");
        assertEquals("bad.py:2:5: '(' was never closed\n    y = (1, 2\n        ^", e.getMessage());
    }

    @Test
    void missingColonAfterIf() { assertError("if x\n    pass\n", 1, 5, "expected ':'"); }

    @Test
    void missingIndentedBlock() {
        assertError("if x:\npass\n", 2, 1, "expected an indented block after 'if' statement on line 1");
    }

    @Test
    void unexpectedIndent() { assertError("x = 1\n    y = 2\n", 2, 5, "unexpected indent"); }

    @Test
    void unindentNotMatchingAnyOuterLevel() {
        assertError("if x:\n    a\n  b\n", 3, 3, "unindent does not match any outer indentation level");
    }

    @Test
    void inconsistentTabsAndSpaces() {
        assertError("if x:\n        a\n\tb\n", 3, 2, "inconsistent use of tabs and spaces in indentation");
    }

    @Test
    void assignmentToLiteral() { assertError("1 = x\n", 1, 1, "cannot assign to literal"); }

    @Test
    void assignmentToCall() { assertError("x, f() = 1, 2\n", 1, 4, "cannot assign to function call"); }

    @Test
    void augmentedAssignmentToTuple() {
        assertError("a, b += 1\n", 1, 1, "'tuple' is an illegal expression for augmented assignment");
    }

    @Test
    void leadingZeroInDecimal() {
        assertError("x = 0777\n", 1, 5, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
    }

    @Test
    void unterminatedString() { assertError("s = 'abc\n", 1, 5, "unterminated string literal (detected at line 1)"); }

    @Test
    void unterminatedTripleQuotedString() {
        assertError("s = '''abc\n\n", 1, 5, "unterminated triple-quoted string literal (detected at line 3)");
    }

    @Test
    void unmatchedClosingBracket() { assertError("x = 1)\n", 1, 6, "unmatched ')'"); }

    @Test
    void mismatchedBrackets() {
        assertError("x = (1]\n", 1, 7, "closing parenthesis ']' does not match opening parenthesis '('");
    }

    @Test
    void invalidCharacter() { assertError("x = 1 € 2\n", 1, 7, "invalid character '€' (U+20AC)"); }

    @Test
    void defaultBeforeNonDefaultParameter() {
        assertError("def f(a=1, b):\n    pass\n", 1, 12, "non-default argument follows default argument");
    }

    @Test
    void positionalArgumentAfterKeyword() {
        assertError("f(a=1, b)\n", 1, 8, "positional argument follows keyword argument");
    }

    @Test
    void mixingBytesAndText() { assertError("x = b'a' 'b'\n", 1, 10, "cannot mix bytes and nonbytes literals"); }

    @Test
    void singleClosingBraceInFString() { assertError("f'a}'\n", 1, 4, "f-string: single '}' is not allowed"); }

    @Test
    void emptyFStringField() { assertError("f'{}'\n", 1, 4, "f-string: valid expression required before '}'"); }

    @Test
    void python2PrintStatement() { assertError("print 'hello'\n", 1, 7, "invalid syntax"); }

    @Test
    void tryWithoutHandlers() { assertError("try:\n    pass\nx = 1\n", 3, 1, "expected 'except' or 'finally' block"); }

    @Test
    void exceptAndExceptStarDoNotMix() {
        assertError("try:\n    pass\nexcept A:\n    pass\nexcept* B:\n    pass\n", 5, 1,
                "cannot have both 'except' and 'except*' on the same 'try'");
    }

    @Test
    void truncatedHexEscape() {
        assertError("s = '\\x4'\n", 1, 1, "(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\xXX escape");
    }

    @Test
    void unknownCodingCookie() {
        ParseException e = assertThrows(ParseException.class,
                () -> Parser.parse("bad.py", "# coding: uft-8\nx = 1\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("bad.py: unknown encoding: uft-8", e.getMessage());
    }

    @Test
    void invalidUtf8IsReported() {
        byte[] src = {'x', '=', '\'', (byte) 0xf6, '\'', '\n'};
        ParseException e = assertThrows(ParseException.class, () -> Parser.parse("bad.py", src));
        assertEquals("(unicode error) 'utf-8' codec can't decode byte 0xf6", e.detail());
        assertEquals(1, e.line());
    }

    @Test
    void endOfFileInsideExpression() { assertError("x = [1,\n", 1, 5, "'[' was never closed"); }

    @Test
    void deeplyNestedInputIsRefusedNotAStackOverflow() {
        assertEquals("too many nested parentheses", fail("x = " + "(".repeat(500) + "1" + ")".repeat(500) + "\n").detail());
        assertEquals("too many nested expressions", fail("x = " + "-".repeat(100_000) + "1\n").detail());
        assertEquals("too many nested expressions", fail("x = " + "not ".repeat(50_000) + "y\n").detail());
        assertEquals("too many nested expressions", fail("x = 2" + " ** 2".repeat(50_000) + "\n").detail());
        assertEquals("too many nested expressions", fail("f = " + "lambda: ".repeat(50_000) + "0\n").detail());
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 150; i++) deep.append(" ".repeat(i)).append("if x:\n");
        deep.append(" ".repeat(150)).append("pass\n");
        assertEquals("too many levels of indentation", fail(deep.toString()).detail());
    }

    /** Snippets CPython 3.11 and 3.12 reject (verdicts from {@code ast.parse}); each must raise ParseException. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
                "del *a",
                "del f()",
                "print(*a, **b, *c)",
                "f(**a, *b)",
                "f(a for a in b, c)",
                "f(c, a for a in b)",
                "def f(*): pass",
                "def f(**k, a): pass",
                "x = yield = 1",
                "(a, b) += 1",
                "f() += 1",
                "(a, b): int",
                "[a]: int",
                "with a as f(): pass",
                "import a.b as c.d",
                "from a import b,",
                "global x, ",
                "class C(x for x in y): pass",
                "match x:\n    case 1 + 1:\n        pass",
                "match x:\n    case {**_}:\n        pass",
                "match x:\n    case (a as _):\n        pass",
                "match x:\n    case 1 - 1:\n        pass",
                "match x:\n    case C(a=1, b):\n        pass",
                "f'{x!z}'",
                "f'{x!}'",
                "'a' f'b' b'c'",
                "x = 1_",
                "x = 1__0",
                "x = 0b2",
                "x = 0o8",
                "x = 1e",
                "x = 0x",
                "if x:\npass",
                "a if b",
                "a if b else",
                "lambda x=1, y: 0",
                "lambda *, **k: 0",
                "def f(a=1, /, b): pass",
                "def f(/, a): pass",
                "def f(a, /, /): pass",
                "def f(*a, /): pass",
                "x = {**a: 1}",
                "x = {*a: 1}",
                "x = {a: *b}",
                "x = [*a for a in b]",
                "x = {**a for a in b}",
                "x = (*a)",
                "try:\n    pass\nelse:\n    pass",
                "try:\n    pass\nfinally:\n    pass\nelse:\n    pass",
                "x = not",
                "x = a not b",
                "x = a is not not b",
                "a <> b",
                "x = `a`",
                "exec 'x'",
                "if True:\n  x\n y",
                "\tif True:\n  pass",
                "x = r'\\'",
                "x = '\\N{NOT A NAME}'",
                "x = b'\u00e9'",
                "x = '''\n",
                "x = \\\n",
                "x = 1 \\ 2",
                "def f[](): pass",
                "def f[T=int](): pass",
                "x = a.1",
                "x = 1.a",
                "x = [1 for x in y if z else w]",
                "x = a[]",
                "f(a, =1)",
                "f(a.b=1)",
                "f((a)=1)",
                "f(True=1)",
                "x = a := 1",
                "(a.b := 1)",
                "def f(x: *int): pass",
                "x: *int"})
    void snippetRejectedByCPythonIsRejected(String src) {
        fail(src);
    }

    /** Edge cases CPython accepts; each must parse. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
                "*a = 1",
                "a, *b, *c = d",
                "x = *a",
                "def f(a, a): pass",
                "lambda: (yield)",
                "[a] = 1",
                "() = 1",
                "a.b: int",
                "x: int = 1, 2",
                "x: int = *a",
                "for x in *a, *b: pass",
                "for *x in y: pass",
                "with a as (b, c): pass",
                "from . import *",
                "from .a import (b)",
                "nonlocal x",
                "return",
                "break",
                "continue",
                "@x\nasync def f(): pass",
                "async for x in y: pass",
                "await x",
                "async with a: pass",
                "x = [await y for y in z]",
                "match x:\n    case a.b():\n        pass",
                "match x:\n    case _ as y:\n        pass",
                "match x:\n    case a | b:\n        pass",
                "match x:\n    case [a, *b, *c]:\n        pass",
                "match x:\n    case f'{x}':\n        pass",
                "match x:\n    case -1j:\n        pass",
                "match x:\n    case {a.b: 1}:\n        pass",
                "f'{ x = }'",
                "f'{x:=1}'",
                "f'{(x:=1)}'",
                "x = 1.e5",
                "x = 09.5",
                "x = 00",
                "x = 1_000j",
                "x = (yield)",
                "def f(a, /, b=1, *, c): pass",
                "x = (*a,)",
                "x[*a] = 1",
                "x[a:b, *c]",
                "print(x for x in y)",
                "del (a, b), [c]",
                "del (a)",
                "assert (a, b)",
                "try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass",
                "x = 'a\\\nb'",
                "x = b'\\u1234'",
                "# coding: latin-1\nx = 1",
                "x = 1 .real",
                "x = 1if 1else 2",
                "f(a=1, a=2)",
                "[i := 0 for i in range(3)]",
                "def f(*x: *int): pass",
                "with (a, b) as c: pass",
                "with (a as b,): pass",
                "with (): pass"})
    void snippetAcceptedByCPythonParses(String src) {
        Parser.parse("ok.py", src);
    }

    /** Seeded corruptions of valid code: every outcome is a tree or a ParseException, never another exception. */
    @Test
    void corruptedSourceNeverCrashesTheParser() {
        String base = """
                import os
                @decorator(arg=1)
                class Thing(Base):
                    def method(self, a, /, b=2, *args, c, **kw) -> dict[str, int]:
                        with open(a) as f, lock:
                            data = [x ** 2 for x in range(10) if x % 2]
                        match data:
                            case [1, *rest] | {"k": _}:
                                return f"{rest!r:>{b}} {a=}"
                        try:
                            yield from (lambda q: q)(a)
                        except* ValueError as e:
                            raise RuntimeError("x") from e
                        return {**kw, 'a': 1, "b": b'\\x00'}
                """;
        Random random = new Random(20261127);
        String alphabet = "()[]{}:;,.=+-*/%@'\"\\\n\t #fbrux0123456789_aZ<>!&|^~";
        for (int round = 0; round < 3000; round++) {
            StringBuilder sb = new StringBuilder(base);
            int edits = 1 + random.nextInt(4);
            for (int k = 0; k < edits; k++) {
                int at = random.nextInt(sb.length());
                switch (random.nextInt(3)) {
                    case 0 -> sb.deleteCharAt(at);
                    case 1 -> sb.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> sb.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String src = sb.toString();
            try {
                Parser.parse("fuzz.py", src);
            } catch (ParseException expected) {
                // a syntax error is a fine outcome
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("parser crashed on round " + round + ":\n" + src, e);
            }
        }
    }
}
