package org.coredev.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Integer arithmetic wraps at 32 and 64 bits as the board's does (CPython's would not). */
class IntegerWrappingTest {
    @ParameterizedTest
    @EnumSource(Target.class)
    void int32AndInt64OverflowWrapAround(Target target) throws Exception {
        String program = """
                a = 2147483647
                a += 1
                b = int64(9223372036854775807)
                b += 1
                c = 65536
                m = -2147483647 - 1
                print(a, b, c * c, m // -1)
                """;
        int a = Integer.MAX_VALUE;
        a += 1;
        long b = Long.MAX_VALUE;
        b += 1;
        int c = 65536;
        String expected = a + " " + b + " " + (c * c) + " " + (Integer.MIN_VALUE / -1) + "\n";
        KernelRunner.Result r = KernelRunner.runOnDevice("wrap.py", Compiler.compileProgram("wrap.py", program, target), target);
        assertEquals("finished", r.outcome(), r.detail());
        assertEquals(expected, r.stdout());
    }
}
