package org.coredev.emu.runtime.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** str() and repr() of RPC values against what python3 prints for the same Python values. */
class PythonTextTest {
    private static final RpcType LI = new RpcType.ListOf(RpcType.INT32);

    /** Python source of a value -> the RpcValue a kernel would send for it. */
    private static Map<String, RpcValue> cases() {
        Map<String, RpcValue> c = new LinkedHashMap<>();
        for (String f : List.of("0.1", "1e-09", "1.0", "2.5", "-0.0", "0.0", "1e16", "1234567890123456.0",
                "12345678901234567.0", "0.0001", "0.00001", "1/3", "2/3", "5e-324", "1.7976931348623157e308",
                "123456789.123", "-1.5e-300", "100.0", "1e22", "1e23", "float('inf')", "-float('inf')",
                "float('nan')", "0.3", "9007199254740993.0", "3.141592653589793", "1e-4", "123e-7"))
            c.put(f, RpcValue.float64(evalFloat(f)));
        c.put("0", RpcValue.int32(0));
        c.put("-2147483648", RpcValue.int32(Integer.MIN_VALUE));
        c.put("-9223372036854775808", RpcValue.int64(Long.MIN_VALUE));
        c.put("True", RpcValue.TRUE);
        c.put("False", RpcValue.FALSE);
        c.put("None", RpcValue.NONE);
        c.put("'x'", RpcValue.str("x"));
        c.put("\"it's\"", RpcValue.str("it's"));
        c.put("'say \"hi\"'", RpcValue.str("say \"hi\""));
        c.put("'both \\' and \"'", RpcValue.str("both ' and \""));
        c.put("'tab\\tnl\\ncr\\rbs\\\\'", RpcValue.str("tab\tnl\ncr\rbs\\"));
        c.put("'\\x00\\x1f\\x7f\\x80\\xa0\\xe9'", RpcValue.str("\u0000\u001f\u007f\u0080\u00a0\u00e9"));
        c.put("'\\u200b\\u2028\\u3000\\ue000\\U0001f600\\u4e2d'", RpcValue.str("\u200b\u2028\u3000\ue000\uD83D\uDE00\u4e2d"));
        c.put("b''", new RpcValue.Bytes(new byte[0]));
        c.put("b'a\\'\\x00\\xff\\n\\\\'", new RpcValue.Bytes(new byte[] {'a', '\'', 0, (byte) 0xff, '\n', '\\'}));
        c.put("b'\"\\''", new RpcValue.Bytes(new byte[] {'"', '\''}));
        c.put("bytearray(b'ab')", new RpcValue.ByteArray(new byte[] {'a', 'b'}));
        c.put("[]", new RpcValue.ListOf(RpcType.INT32, List.of()));
        c.put("[1, 2, 3]", RpcValue.list(RpcType.INT32, RpcValue.int32(1), RpcValue.int32(2), RpcValue.int32(3)));
        c.put("[0.5, 1e-09]", RpcValue.list(RpcType.FLOAT64, RpcValue.float64(0.5), RpcValue.float64(1e-9)));
        c.put("['a', \"b'\"]", RpcValue.list(RpcType.STR, RpcValue.str("a"), RpcValue.str("b'")));
        c.put("[[1], []]", RpcValue.list(LI, RpcValue.list(RpcType.INT32, RpcValue.int32(1)), new RpcValue.ListOf(RpcType.INT32, List.of())));
        c.put("()", RpcValue.tuple());
        c.put("(1,)", RpcValue.tuple(RpcValue.int32(1)));
        c.put("(1, 'a', None, True, 2.0)", RpcValue.tuple(RpcValue.int32(1), RpcValue.str("a"), RpcValue.NONE, RpcValue.TRUE, RpcValue.float64(2)));
        c.put("[(1, [True])]", RpcValue.list(new RpcType.Tuple(List.of(RpcType.INT32, new RpcType.ListOf(RpcType.BOOL))), RpcValue.tuple(RpcValue.int32(1), RpcValue.list(RpcType.BOOL, RpcValue.TRUE))));
        c.put("range(0, 10)", new RpcValue.Range(RpcType.INT32, 0, 10, 1));
        c.put("range(5, -5, -2)", new RpcValue.Range(RpcType.INT64, 5, -5, -2));
        return c;
    }

    private static double evalFloat(String source) {
        return switch (source) {
            case "1/3" -> 1.0 / 3;
            case "2/3" -> 2.0 / 3;
            case "float('inf')" -> Double.POSITIVE_INFINITY;
            case "-float('inf')" -> Double.NEGATIVE_INFINITY;
            case "float('nan')" -> Double.NaN;
            default -> Double.parseDouble(source);
        };
    }

    @Test
    void strAndReprMatchPython3() {
        Map<String, RpcValue> cases = cases();
        StringBuilder script = new StringBuilder("import sys\nsys.stdout.reconfigure(encoding='utf-8')\n");
        for (String source : cases.keySet()) {
            script.append("v = ").append(source).append("\n");
            script.append("print(repr(str(v)))\nprint(repr(repr(v)))\n");
        }
        // python prints repr() of each text, so control characters cannot break the lines apart.
        List<String> lines = Python3.run(script.toString()).lines().toList();
        List<String> expected = new ArrayList<>(), actual = new ArrayList<>();
        int k = 0;
        for (Map.Entry<String, RpcValue> e : cases.entrySet()) {
            expected.add(e.getKey() + " str " + lines.get(k++));
            expected.add(e.getKey() + " repr " + lines.get(k++));
            actual.add(e.getKey() + " str " + PythonText.strRepr(e.getValue().toPython()));
            actual.add(e.getKey() + " repr " + PythonText.strRepr(e.getValue().repr()));
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }

    @Test
    void shortestFloatDigitsAgreeWithPythonOnManyValues() {
        // A deterministic spread of doubles: powers of ten, their neighbours, and seeded random bits.
        List<Double> values = new ArrayList<>();
        for (int e = -320; e <= 308; e += 7) {
            double d = Double.parseDouble("1e" + e);
            values.add(d);
            values.add(Math.nextUp(d));
            values.add(Math.nextDown(d));
        }
        // The smallest subnormals, where Java's two-digit minimum (4.9E-324) differs from Python (5e-324).
        for (long bits = 1; bits <= 64; bits++) values.add(Double.longBitsToDouble(bits));
        java.util.Random random = new java.util.Random(20261127);
        while (values.size() < 1500) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (!Double.isNaN(d)) values.add(d);
        }
        StringBuilder script = new StringBuilder("import struct\nfor b in [");
        for (double d : values) script.append(Double.doubleToRawLongBits(d)).append(',');
        script.append("]:\n    print(repr(struct.unpack('<d', struct.pack('<q', b))[0]))\n");
        List<String> expected = Python3.run(script.toString()).lines().toList();
        List<String> actual = values.stream().map(PythonText::floatRepr).toList();
        assertEquals(expected, actual);
    }

    private static RpcValue.Array array(RpcType element, List<Integer> shape, long... values) {
        List<RpcValue> v = new ArrayList<>();
        for (long x : values) v.add(switch (element) {
            case RpcType.Int32 i -> RpcValue.int32((int) x);
            case RpcType.Bool b -> x != 0 ? RpcValue.TRUE : RpcValue.FALSE;
            default -> RpcValue.int64(x);
        });
        return new RpcValue.Array(element, shape, v);
    }

    @Test
    void intAndBoolArraysPrintAsNumpyDoes() {
        Map<String, RpcValue> cases = new LinkedHashMap<>();
        cases.put("np.array([1, 10, -100], dtype=np.int32)", array(RpcType.INT32, List.of(3), 1, 10, -100));
        cases.put("np.array([1, 10])", array(RpcType.INT64, List.of(2), 1, 10));
        cases.put("np.array([True, False])", array(RpcType.BOOL, List.of(2), 1, 0));
        cases.put("np.arange(8).reshape(2, 2, 2)", array(RpcType.INT64, List.of(2, 2, 2), 0, 1, 2, 3, 4, 5, 6, 7));
        cases.put("np.array([[1, 2], [3, 44]], dtype=np.int32)", array(RpcType.INT32, List.of(2, 2), 1, 2, 3, 44));
        cases.put("np.array([], dtype=np.int32)", array(RpcType.INT32, List.of(0)));
        StringBuilder script = new StringBuilder("""
                try:
                    import numpy as np
                except ImportError:
                    raise SystemExit('numpy is needed as the reference for array output: install the Debian package python3-numpy')
                """);
        for (String source : cases.keySet()) script.append("v = ").append(source).append("\nprint(repr(str(v)))\nprint(repr(repr(v)))\n");
        List<String> lines = Python3.run(script.toString()).lines().toList();
        List<String> expected = new ArrayList<>(), actual = new ArrayList<>();
        int k = 0;
        for (Map.Entry<String, RpcValue> e : cases.entrySet()) {
            expected.add(e.getKey() + " " + lines.get(k++) + " " + lines.get(k++));
            actual.add(e.getKey() + " " + PythonText.strRepr(e.getValue().toPython()) + " " + PythonText.strRepr(e.getValue().repr()));
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }
}
