package org.coredev.python.eval;

import org.coredev.python.lexer.Source;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Python semantics of expressions in the host evaluator. Each expected value is what CPython
 * prints for {@code repr(expression)}.
 */
class ExpressionSemanticsTest {
    private static String repr(String expr) {
        Interpreter in = new Interpreter();
        PyModule m = in.run(new Source("<test>", "__r = " + expr + "\n"), "__main__");
        return in.repr(m.dict.get("__r"));
    }

    private static void check(String expr, String expected) {
        assertEquals(expected, repr(expr), expr);
    }

    @Test
    void intsNeverOverflow() {
        check("2**64", "18446744073709551616");
        check("2**63 - 1 + 1", "9223372036854775808");
        check("-(2**63)", "-9223372036854775808");
        check("9223372036854775807 * 3", "27670116110564327421");
        check("(2**100) // 7", "181092942889747057356671886482");
        check("(2**100) % 7", "2");
        check("-(2**70) >> 3", "-147573952589676412928");
        check("1 << 70", "1180591620717411303424");
        check("~5", "-6");
        check("abs(-2**80)", "1208925819614629174706176");
    }

    @Test
    void floorDivisionAndModuloFollowTheDivisorSign() {
        check("7 // 2", "3");
        check("-7 // 2", "-4");
        check("7 // -2", "-4");
        check("7 % -3", "-2");
        check("-7 % 3", "2");
        check("-7.5 // 2", "-4.0");
        check("7.5 % -2", "-0.5");
        check("divmod(-7, 2)", "(-4, 1)");
        check("-0.0 % 5", "0.0");
        check("5 % -0.5", "-0.0");
    }

    @Test
    void powerOfIntsIsExactAndNegativeExponentGivesFloat() {
        check("3 ** 40", "12157665459056928801");
        check("2 ** -1", "0.5");
        check("(-2) ** 3", "-8");
        check("2.0 ** 0.5", "1.4142135623730951");
        check("pow(3, 4, 5)", "1");
        check("0 ** 0", "1");
        check("(-1) ** 1001", "-1");
    }

    @Test
    void trueDivisionGivesFloat() {
        check("1 / 3", "0.3333333333333333");
        check("10 / 2", "5.0");
        check("(2**80) / (2**78)", "4.0");
        check("1e300 * 10 / 10", "1e+300");
    }

    @Test
    void comparisonsMixIntsAndFloatsExactly() {
        check("1 == 1.0", "True");
        check("True == 1", "True");
        check("2**53 + 1 == float(2**53 + 1)", "False");
        check("2**53 + 1 > float(2**53)", "True");
        check("1 < 2 < 3 > 0", "True");
        check("'a' < 'b'", "True");
        check("[1, 2] < [1, 3]", "True");
        check("(1, 'a') == (1.0, 'a')", "True");
        check("None is None", "True");
        check("1 != 2", "True");
    }

    @Test
    void floatReprIsShortestRoundTrip() {
        check("0.1 + 0.2", "0.30000000000000004");
        check("1e-09", "1e-09");
        check("1e16", "1e+16");
        check("1e15", "1000000000000000.0");
        check("123456789.0", "123456789.0");
        check("5e-324", "5e-324");
        check("-0.0", "-0.0");
        check("1/3", "0.3333333333333333");
        check("2.5e-10", "2.5e-10");
        check("float('inf')", "inf");
    }

    @Test
    void dictPreservesInsertionOrderAndMergesEqualKeys() {
        check("{'b': 1, 'a': 2, 1: 'x', 1.0: 'y', True: 'z'}", "{'b': 1, 'a': 2, 1: 'z'}");
        check("dict(a=1, b=2) | {'a': 3}", "{'a': 3, 'b': 2}");
        check("list({3: 0, 1: 0, 2: 0})", "[3, 1, 2]");
        check("{**{'x': 1}, 'y': 2}", "{'x': 1, 'y': 2}");
    }

    @Test
    void stringMethods() {
        check("'a,b,,c'.split(',')", "['a', 'b', '', 'c']");
        check("'  a b  c '.split()", "['a', 'b', 'c']");
        check("'a b c'.split(None, 1)", "['a', 'b c']");
        check("'a.b.c'.rsplit('.', 1)", "['a.b', 'c']");
        check("'-'.join(['x', 'y'])", "'x-y'");
        check("'  pad '.strip()", "'pad'");
        check("'xxhixx'.strip('x')", "'hi'");
        check("'Hello'.upper() + 'Hello'.lower()", "'HELLOhello'");
        check("'abc'.startswith(('x', 'a'))", "True");
        check("'hello'.replace('l', 'L', 1)", "'heLlo'");
        check("'hello'.find('l')", "2");
        check("'hello'.rfind('l')", "3");
        check("'ab'.center(7, '*')", "'***ab**'");
        check("'7'.zfill(3)", "'007'");
        check("'-7'.zfill(4)", "'-007'");
        check("'a=b=c'.partition('=')", "('a', '=', 'b=c')");
        check("'hello world'.title()", "'Hello World'");
        check("'abc'[::-1]", "'cba'");
        check("'abcdef'[1:5:2]", "'bd'");
        check("'x' * 3", "'xxx'");
        check("'a\\nb\\r\\nc'.splitlines()", "['a', 'b', 'c']");
        check("'ttl12'.isalnum()", "True");
        check("'Abc'.count('b')", "1");
    }

    @Test
    void percentFormatting() {
        check("'%d-%s' % (5, 'x')", "'5-x'");
        check("'%5.2f|%-6s|%06.1f' % (3.14159, 'ab', -2.5)", "' 3.14|ab    |-002.5'");
        check("'%x %X %o %#x' % (255, 255, 8, 255)", "'ff FF 10 0xff'");
        check("'%(name)s=%(v)r' % {'name': 'k', 'v': 'q'}", "\"k='q'\"");
        check("'%e' % 12345.678", "'1.234568e+04'");
        check("'%g %g' % (0.0001, 1e20)", "'0.0001 1e+20'");
        check("'%3d%%' % 50", "' 50%'");
        check("'%c' % 65", "'A'");
        check("'%.3s' % 'abcdef'", "'abc'");
        check("'%+d % d' % (5, 5)", "'+5  5'");
    }

    @Test
    void strFormatAndFormatSpec() {
        check("format(True, '5') + '{:>6}'.format(True) + ('%5s|%-4d|' % (True, False))", "'    1     1 True|0   |'");
        check("'{} {}'.format(1, 'a')", "'1 a'");
        check("'{1}{0}'.format('a', 'b')", "'ba'");
        check("'{x[0]}-{y.real}'.format(x=[7], y=2)", "'7-2'");
        check("'{:>6}|{:<4}|{:^5}'.format('a', 'b', 'c')", "'     a|b   |  c  '");
        check("'{:08.3f}'.format(3.14159)", "'0003.142'");
        check("'{:,}'.format(1234567)", "'1,234,567'");
        check("'{:_x}'.format(2**20)", "'10_0000'");
        check("'{:+.2e}'.format(12345.6789)", "'+1.23e+04'");
        check("'{:.3g}'.format(0.00012345)", "'0.000123'");
        check("'{:%}'.format(0.25)", "'25.000000%'");
        check("'{!r}'.format('q')", "\"'q'\"");
        check("format(255, '#010b')", "'0b11111111'");
        check("'{:.1f}'.format(0.25)", "'0.2'");
        check("'{:.0f}'.format(2.5)", "'2'");
        check("'{:*^9}'.format('mid')", "'***mid***'");
        check("'{:g}'.format(1e16)", "'1e+16'");
        check("'{:.2}'.format(1.0)", "'1.0'");
        check("'{:10.4}'.format(3.14159265)", "'     3.142'");
        check("'{:=+8}'.format(-42)", "'-     42'");
    }

    @Test
    void fstringsEvaluateFieldsWithConversionsAndSpecs() {
        check("(lambda x, w: f'{x!r:>{w}}|{x=}|{w:03d}')('a', 5)", "\"  'a'|x='a'|005\"");
        check("f'{1 + 1 = }'", "'1 + 1 = 2'");
        check("f'{3.5:.2f}{{}}'", "'3.50{}'");
    }

    @Test
    void builtinFunctions() {
        check("sorted([3, 1, 2], reverse=True)", "[3, 2, 1]");
        check("sorted(['b', 'A', 'c'], key=str.lower)", "['A', 'b', 'c']");
        check("list(enumerate('ab', 1))", "[(1, 'a'), (2, 'b')]");
        check("list(zip([1, 2, 3], 'ab'))", "[(1, 'a'), (2, 'b')]");
        check("list(range(10, 0, -3))", "[10, 7, 4, 1]");
        check("len(range(0, 10, 3))", "4");
        check("min([4, 2, 8]), max(4, 9, key=lambda v: -v)", "(2, 4)");
        check("sum([0.1] * 10)", "0.9999999999999999");
        check("any(x > 2 for x in [1, 3])", "True");
        check("all([])", "True");
        check("list(map(lambda a, b: a * b, [1, 2], [3, 4]))", "[3, 8]");
        check("list(filter(None, [0, 1, '', 'a']))", "[1, 'a']");
        check("round(2.675, 2), round(0.5), round(1.5), round(-2.5), round(1234, -2)", "(2.67, 0, 2, -2, 1200)");
        check("hex(-255), oct(8), bin(5)", "('-0xff', '0o10', '0b101')");
        check("int('0x1f', 16), int('  42 '), int(3.9), int(-3.9), float('1e3')", "(31, 42, 3, -3, 1000.0)");
        check("chr(9731), ord('A')", "('\u2603', 65)");
        check("isinstance(True, int), isinstance(1, (str, float))", "(True, False)");
        check("list(reversed([1, 2, 3]))", "[3, 2, 1]");
        check("tuple('abc'), set([1, 1]), frozenset()", "(('a', 'b', 'c'), {1}, frozenset())");
        check("str(1.0), str(None), repr('it\\'s')", "('1.0', 'None', '\"it\\'s\"')");
        check("list(range(5))[-2:]", "[3, 4]");
        check("[1, 2, 3, 4][::-2]", "[4, 2]");
        check("divmod(7.5, 2)", "(3.0, 1.5)");
    }

    @Test
    void comprehensionsHaveTheirOwnScope() {
        check("[x * y for x in range(3) if x for y in 'ab']", "['a', 'b', 'aa', 'bb']");
        check("{k: v for k, v in [('a', 1), ('b', 2)]}", "{'a': 1, 'b': 2}");
        check("{x % 3 for x in range(10)}", "{0, 1, 2}");
        check("[[j for j in range(i)] for i in range(3)]", "[[], [0], [0, 1]]");
    }

}
