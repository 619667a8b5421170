package org.coredev.python.ast;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Python's repr of floats, strings and bytes (expected values are CPython's). */
class ReprTest {
    @Test
    void floatsUseShortestDigitsAndPythonExponentForm() {
        assertEquals("1e-09", Repr.floatRepr(1e-9));
        assertEquals("0.0001", Repr.floatRepr(1e-4));
        assertEquals("1e-05", Repr.floatRepr(1e-5));
        assertEquals("1e+16", Repr.floatRepr(1e16));
        assertEquals("1000000000000000.0", Repr.floatRepr(1e15));
        assertEquals("0.30000000000000004", Repr.floatRepr(0.1 + 0.2));
        assertEquals("5e-324", Repr.floatRepr(Double.MIN_VALUE));
        assertEquals("1.7976931348623157e+308", Repr.floatRepr(Double.MAX_VALUE));
        assertEquals("-0.0", Repr.floatRepr(-0.0));
        assertEquals("125000000.0", Repr.floatRepr(125e6));
        assertEquals("inf", Repr.floatRepr(Double.POSITIVE_INFINITY));
        assertEquals("nan", Repr.floatRepr(Double.NaN));
    }

    @Test
    void stringsPickQuotesAndEscapeLikePython() {
        assertEquals("'abc'", Repr.str("abc"));
        assertEquals("\"it's\"", Repr.str("it's"));
        assertEquals("'both \\' \"'", Repr.str("both ' \""));
        assertEquals("'\\n\\t\\\\\\x00\\x7f'", Repr.str("\n\t\\\u0000\u007f"));
        assertEquals("'é\\xa0\\u2028😀'", Repr.str("é\u00a0\u2028😀"));
    }

    @Test
    void bytesEscapeNonPrintables() {
        assertEquals("b\"a\\x00\\xff'\"", Repr.bytes(new byte[] {'a', 0, (byte) 0xff, '\''}));
    }

    @Test
    void imaginaryLiteralsDropIntegralFraction() {
        assertEquals("1j", Repr.imaginary(1.0));
        assertEquals("2.5j", Repr.imaginary(2.5));
        assertEquals("1e+16j", Repr.imaginary(1e16));
    }
}
