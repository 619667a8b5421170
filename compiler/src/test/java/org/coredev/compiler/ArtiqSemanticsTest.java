package org.coredev.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.coredev.emu.device.CoreDevice;
import org.coredev.emu.device.DeviceConfig;
import org.coredev.emu.device.DeviceDbFile;
import org.coredev.emu.device.KernelRunAssert;
import org.coredev.emu.runtime.rpc.PrintingHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Where a kernel's semantics differ from CPython's, by ARTIQ's design: {@code is} as ARTIQ's
 * compiler has it (inferencer.py unifies both sides; the IR compares the values), and lists that
 * keep their length. The cases that agree with CPython are in programs/ (identity.py, slices.py).
 */
class ArtiqSemanticsTest {
    private static String run(String program, Target target) throws Exception {
        byte[] elf = Compiler.compileProgram("k.py", program, target);
        DeviceConfig b = DeviceDbFile.builtIn();
        DeviceConfig config = new DeviceConfig(b.source(), target.loaderTarget(), b.refPeriod(), b.channels(), b.loopbacks(),
                b.stimulusFiles(), b.rawDb());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CoreDevice device = new CoreDevice(config).withHost(new PrintingHost(new PrintStream(out, true), System.err, Compiler.rpcServices(elf)));
        KernelRunAssert.assertThat(device.run("k.py", elf)).finished();
        return out.toString();
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void tuplesAndEqualStringsCompareByValue(Target target) throws Exception {
        // CPython: False for two tuple objects; ARTIQ compares the aggregate, field by field.
        assertEquals("True False True\n", run("""
                a = [1, 2]
                p = (1, a, "x")
                q = (1, a, "x")
                r = (1, [1, 2], "x")
                print(p is q, p is r, 3 is 3)
                """, target));
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void assigningASliceKeepsTheListsLength(Target target) throws Exception {
        // CPython would resize b; a kernel's list has a fixed length, so a size mismatch is a ValueError.
        assertEquals("1 5 6 4\nValueError kept 4\n", run("""
                b = [1, 2, 3, 4]
                b[1:3] = [5, 6]
                print(b[0], b[1], b[2], b[3])
                try:
                    b[1:3] = [1, 2, 3]
                except ValueError:
                    print("ValueError kept", len(b))
                """, target));
    }

    @Test
    void isNeedsOneType() {
        CompileException none = assertThrows(CompileException.class, () -> Compiler.compileProgram("k.py", "x = 3\nprint(x is None)\n", Target.RV32G));
        assertEquals("k.py:2:12: 'is' compares values of one type (int is None): ARTIQ's kernels have no None in other types", none.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void isOnFloatsAndShiftsByTheWidthOrMoreAsArtiqsTestsExpect(Target target) throws Exception {
        // artiq/test/lit/integration/builtin.py: float() is 0.0; arithmetics.py: 1 << 32 == 0.
        assertEquals("True False True\n0 0 -1 1 0 -1\n", run("""
                x = 1.5
                y = 2.5
                print(float() is 0.0, x is y, x is 1.5)
                n = 32
                m = 64
                print(1 << n, int64(1) << m, -8 >> n, 1 << (n - 32), int64(5) >> m, int64(-5) >> m)
                """, target));
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void aFunctionNothingCallsDoesNotBlockTheRunButACalledMethodsErrorsDo(Target target) throws Exception {
        // ARTIQ compiles what the kernel reaches; an unused helper whose parameter has no type is not compiled.
        assertEquals("1 4\n", run("""
                def unused(m):
                    return m[0] + m.foo
                class C:
                    def first(self, x):
                        return x[0]
                print(1, C().first([4]))
                """, target));
        CompileException e = org.junit.jupiter.api.Assertions.assertThrows(CompileException.class,
                () -> run("class C:\n    def m(self, x):\n        return x + \"a\"\nprint(C().m(1))\n", target));
        assertEquals("k.py:3:16: type mismatch in operands of +: int vs str", e.getMessage());
    }
}
