package org.coredev.emu.runtime.lib;

import static org.junit.jupiter.api.Assertions.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.coredev.emu.bus.Bus;
import org.coredev.emu.bus.Ram;
import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.coredev.emu.runtime.Abi;
import org.coredev.emu.runtime.GuestMemory;
import org.coredev.emu.runtime.Runtime;
import org.coredev.emu.runtime.RuntimeExport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Every compiler-rt, libc and libm symbol of ARTIQ's ksupport/api.rs (m-labs/artiq at
 * 3740b92e, Dec 2025) is registered once with its C signature, and a call through
 * {@link Runtime#dispatch} on a real {@link Rv32Cpu} reads the arguments and writes the result
 * by the calling convention of each target.
 */
class RuntimeLibRegistrationTest {
    /** api.rs's compiler-rt, libc and libm entries, in its order, with their C prototypes. */
    static final Map<String, String> API_RS = new LinkedHashMap<>();
    static {
        String[][] table = {
            {"__divsi3", "i(ii)"}, {"__modsi3", "i(ii)"}, {"__ledf2", "i(dd)"}, {"__gedf2", "i(dd)"},
            {"__unorddf2", "i(dd)"}, {"__eqdf2", "i(dd)"}, {"__ltdf2", "i(dd)"}, {"__nedf2", "i(dd)"},
            {"__gtdf2", "i(dd)"}, {"__addsf3", "f(ff)"}, {"__subsf3", "f(ff)"}, {"__mulsf3", "f(ff)"},
            {"__divsf3", "f(ff)"}, {"__lshrdi3", "l(li)"}, {"__muldi3", "l(ll)"}, {"__divdi3", "l(ll)"},
            {"__ashldi3", "l(li)"}, {"__ashrdi3", "l(li)"}, {"__udivmoddi4", "l(llp)"}, {"__floatsisf", "f(i)"},
            {"__floatunsisf", "f(i)"}, {"__fixsfsi", "i(f)"}, {"__fixunssfsi", "i(f)"}, {"__adddf3", "d(dd)"},
            {"__subdf3", "d(dd)"}, {"__muldf3", "d(dd)"}, {"__divdf3", "d(dd)"}, {"__floatsidf", "d(i)"},
            {"__floatunsidf", "d(i)"}, {"__floatdidf", "d(l)"}, {"__fixdfsi", "i(d)"}, {"__fixdfdi", "l(d)"},
            {"__fixunsdfsi", "i(d)"}, {"__udivdi3", "l(ll)"}, {"__umoddi3", "l(ll)"}, {"__moddi3", "l(ll)"},
            {"__powidf2", "d(di)"},
            {"memcpy", "p(ppi)"}, {"memmove", "p(ppi)"}, {"memset", "p(pii)"}, {"memcmp", "i(ppi)"},
            {"bcmp", "i(ppi)"}, {"strlen", "i(p)"},
            {"acos", "d(d)"}, {"acosh", "d(d)"}, {"asin", "d(d)"}, {"asinh", "d(d)"}, {"atan", "d(d)"},
            {"atan2", "d(dd)"}, {"atanh", "d(d)"}, {"cbrt", "d(d)"}, {"ceil", "d(d)"}, {"copysign", "d(dd)"},
            {"cos", "d(d)"}, {"cosh", "d(d)"}, {"erf", "d(d)"}, {"erfc", "d(d)"}, {"exp", "d(d)"},
            {"expm1", "d(d)"}, {"ldexp", "d(di)"}, {"fabs", "d(d)"}, {"floor", "d(d)"}, {"fmod", "d(dd)"},
            {"hypot", "d(dd)"}, {"j0", "d(d)"}, {"j1", "d(d)"}, {"jn", "d(id)"}, {"lgamma", "d(d)"},
            {"log", "d(d)"}, {"log10", "d(d)"}, {"nextafter", "d(dd)"}, {"pow", "d(dd)"}, {"round", "d(d)"},
            {"rint", "d(d)"}, {"sin", "d(d)"}, {"sinh", "d(d)"}, {"sqrt", "d(d)"}, {"tan", "d(d)"},
            {"tanh", "d(d)"}, {"y0", "d(d)"}, {"y1", "d(d)"}, {"yn", "d(id)"},
        };
        for (String[] row : table) API_RS.put(row[0], row[1]);
    }

    static final int RAM = 0x4000_0000, STACK = RAM + 0x8000, RA = RAM + 0x100;

    /** A CPU with 64 KiB of RAM at 0x40000000 and a runtime with the three groups registered. */
    static final class Machine {
        final Bus bus = new Bus();
        final Ram ram = bus.addRam("ram", RAM, 64 << 10);
        final Rv32Cpu cpu;
        final Runtime runtime;

        Machine(Abi abi) {
            cpu = new Rv32Cpu(abi == Abi.ILP32D ? Rv32Cpu.Variant.RV32G : Rv32Cpu.Variant.RV32IMA, bus, ram);
            runtime = new Runtime(abi, new GuestMemory(bus));
            CompilerRt.register(runtime);
            Libc.register(runtime);
            Libm.register(runtime);
            cpu.setX(2, STACK);
        }

        RuntimeExport export(String name) {
            return runtime.functionAt(runtime.resolve(name).orElseThrow());
        }

        /** Calls {@code name} as a jal from RA - 4 would, returning the cycles it charged. */
        long call(String name) {
            cpu.setX(1, RA);
            cpu.setPc(runtime.resolve(name).orElseThrow());
            long before = cpu.cycles();
            runtime.dispatch(cpu, export(name));
            assertEquals(RA, cpu.pc(), name + " returns to ra");
            return cpu.cycles() - before;
        }

        void setDouble(int reg, double d) {
            long bits = Double.doubleToRawLongBits(d);
            cpu.setX(reg, (int) bits);
            cpu.setX(reg + 1, (int) (bits >>> 32));
        }

        long pair(int reg) { return Integer.toUnsignedLong(cpu.x(reg)) | (long) cpu.x(reg + 1) << 32; }
    }

    @ParameterizedTest
    @EnumSource(value = Abi.class, names = {"ILP32", "ILP32D"})   // the RISC-V targets
    void everyApiRsSymbolOfTheThreeGroupsIsRegisteredOnceWithItsSignature(Abi abi) {
        Machine m = new Machine(abi);
        assertEquals(new TreeSet<>(API_RS.keySet()), new TreeSet<>(m.runtime.exports().keySet()));
        for (Map.Entry<String, String> e : API_RS.entrySet()) {
            RuntimeExport export = m.export(e.getKey());
            assertEquals(e.getValue(), export.signature().toString(), e.getKey());
            assertTrue(export.cycles() >= 2, e.getKey() + " costs at least a call and a return");
        }
    }

    @Test
    void registeringAGroupTwiceIsRefused() {
        Runtime runtime = new Runtime(Abi.ILP32, new GuestMemory(new Bus()));
        Libm.register(runtime);
        assertThrows(IllegalArgumentException.class, () -> Libm.register(runtime));
    }

    @Test
    void softFloatBoardPassesDoublesInRegisterPairs() {
        Machine m = new Machine(Abi.ILP32);
        m.setDouble(10, 1.5);
        m.setDouble(12, 2.25);
        long cycles = m.call("__adddf3");
        assertEquals(3.75, Double.longBitsToDouble(m.pair(10)));
        assertEquals(m.export("__adddf3").cycles(), cycles);
    }

    @Test
    void hardFloatBoardPassesDoublesInFpRegisters() {
        Machine m = new Machine(Abi.ILP32D);
        m.cpu.setF(10, Double.doubleToRawLongBits(0.5));
        m.call("sin");
        assertEquals(Double.doubleToRawLongBits(StrictMath.sin(0.5)), m.cpu.f(10));
        m.cpu.setF(10, Double.doubleToRawLongBits(3.0));
        m.cpu.setF(11, Double.doubleToRawLongBits(-2.0));
        m.call("atan2");
        assertEquals(Double.doubleToRawLongBits(StrictMath.atan2(3.0, -2.0)), m.cpu.f(10));
    }

    @Test
    void ldexpTakesItsIntInA2OnSoftFloatAndInA0OnHardFloat() {
        Machine soft = new Machine(Abi.ILP32);
        soft.setDouble(10, 3.0);
        soft.cpu.setX(12, 4);
        soft.call("ldexp");
        assertEquals(48.0, Double.longBitsToDouble(soft.pair(10)));

        Machine hard = new Machine(Abi.ILP32D);
        hard.cpu.setF(10, Double.doubleToRawLongBits(3.0));
        hard.cpu.setX(10, -1);
        hard.call("ldexp");
        assertEquals(1.5, Double.longBitsToDouble(hard.cpu.f(10)));
    }

    @Test
    void jnReadsItsDoubleFromTheRegisterPairAfterTheInt() {
        Machine m = new Machine(Abi.ILP32);
        m.cpu.setX(10, 2);
        m.setDouble(11, 1.0);  // a1 (low) and a2 (high): psABI pairs need not start at an even register
        m.call("jn");
        assertEquals(Bessel.jn(2, 1.0), Double.longBitsToDouble(m.pair(10)));
    }

    @ParameterizedTest
    @EnumSource(value = Abi.class, names = {"ILP32", "ILP32D"})   // the RISC-V targets
    void floatHelpersUseA0OrNanBoxedFa0(Abi abi) {
        Machine m = new Machine(abi);
        if (abi == Abi.ILP32) {
            m.cpu.setX(10, Float.floatToRawIntBits(1.25f));
            m.cpu.setX(11, Float.floatToRawIntBits(0.5f));
        } else {
            m.cpu.setF(10, 0xffff_ffff_0000_0000L | Float.floatToRawIntBits(1.25f));
            m.cpu.setF(11, 0xffff_ffff_0000_0000L | Float.floatToRawIntBits(0.5f));
        }
        m.call("__mulsf3");
        if (abi == Abi.ILP32) assertEquals(0.625f, Float.intBitsToFloat(m.cpu.x(10)));
        else assertEquals(0xffff_ffff_0000_0000L | Float.floatToRawIntBits(0.625f), m.cpu.f(10));
    }

    @ParameterizedTest
    @EnumSource(value = Abi.class, names = {"ILP32", "ILP32D"})   // the RISC-V targets
    void integerHelpersReturnInA0AndA1(Abi abi) {
        Machine m = new Machine(abi);
        m.cpu.setX(10, Integer.MIN_VALUE);
        m.cpu.setX(11, -1);
        m.call("__divsi3");
        assertEquals(Integer.MIN_VALUE, m.cpu.x(10));

        m.cpu.setX(10, 0);
        m.cpu.setX(11, 0x10000);
        m.cpu.setX(12, 48);
        m.call("__lshrdi3");
        assertEquals(1L, m.pair(10));
    }

    @ParameterizedTest
    @EnumSource(value = Abi.class, names = {"ILP32", "ILP32D"})   // the RISC-V targets
    void fixdfdiReturnsALongInA0A1(Abi abi) {
        Machine m = new Machine(abi);
        if (abi == Abi.ILP32) m.setDouble(10, -1e15);
        else m.cpu.setF(10, Double.doubleToRawLongBits(-1e15));
        m.call("__fixdfdi");
        assertEquals(-1_000_000_000_000_000L, m.pair(10));
    }

    @ParameterizedTest
    @EnumSource(value = Abi.class, names = {"ILP32", "ILP32D"})   // the RISC-V targets
    void udivmoddi4WritesTheRemainderThroughItsPointer(Abi abi) {
        Machine m = new Machine(abi);
        int remainder = RAM + 0x2000;
        long n = 1_000_000_000_007L, d = 1_000_000L;
        m.cpu.setX(10, (int) n);
        m.cpu.setX(11, (int) (n >>> 32));
        m.cpu.setX(12, (int) d);
        m.cpu.setX(13, 0);
        m.cpu.setX(14, remainder);
        m.call("__udivmoddi4");
        assertEquals(n / d, m.pair(10));
        assertEquals(n % d, m.runtime.memory().load64(remainder));
    }

    @Test
    void udivmoddi4WithANullRemainderPointerWritesNothing() {
        Machine m = new Machine(Abi.ILP32);
        m.cpu.setX(10, 100);
        m.cpu.setX(12, 7);
        m.cpu.setX(14, 0);
        m.call("__udivmoddi4");
        assertEquals(14, m.pair(10));
    }

    @Test
    void memcpyChargesItsFixedCostPlusACostPerByte() {
        Machine m = new Machine(Abi.ILP32);
        int src = RAM + 0x1000, dst = RAM + 0x3000;
        m.runtime.memory().write(src, "0123456789abcdef".repeat(16).getBytes());
        m.cpu.setX(10, dst);
        m.cpu.setX(11, src);
        m.cpu.setX(12, 256);
        long cycles = m.call("memcpy");
        assertEquals(dst, m.cpu.x(10));
        assertArrayEquals(m.runtime.memory().read(src, 256), m.runtime.memory().read(dst, 256));
        assertEquals(m.export("memcpy").cycles() + CycleCosts.perByteCycles("memcpy", 256), cycles);
        assertTrue(cycles > m.export("memcpy").cycles() + 100, "256 bytes cost more than a call");
    }

    @Test
    void libmCostsDependOnWhetherTheBoardHasAnFpu() {
        Machine soft = new Machine(Abi.ILP32), hard = new Machine(Abi.ILP32D);
        for (String f : List.of("sin", "exp", "pow", "j0")) {
            assertTrue(soft.export(f).cycles() > 5 * hard.export(f).cycles(), f + ": soft float is far slower");
        }
        assertEquals(soft.export("__adddf3").cycles(), hard.export("__adddf3").cycles());
    }

    @Test
    void nanResultsAreCanonicalOnTheHardFloatBoard() {
        Machine m = new Machine(Abi.ILP32D);
        m.cpu.setF(10, 0xfff4_0000_0000_0001L);  // negative signalling NaN
        m.call("sin");
        assertEquals(0x7ff8_0000_0000_0000L, m.cpu.f(10));
        m.cpu.setF(10, Double.doubleToRawLongBits(-1.0));
        m.call("sqrt");
        assertEquals(0x7ff8_0000_0000_0000L, m.cpu.f(10));
    }

    @Test
    void nanArgumentsComeBackQuietAndPositiveOnTheSoftFloatBoard() {
        Machine m = new Machine(Abi.ILP32);
        m.setDouble(10, Double.longBitsToDouble(0xfff4_0000_0000_0001L));
        m.call("sin");
        assertEquals(0x7ffc_0000_0000_0001L, m.pair(10));
    }

    @Test
    void fabsAndRoundKeepNanPayloads() {
        Machine m = new Machine(Abi.ILP32D);
        m.cpu.setF(10, 0xfff4_0000_0000_0001L);
        m.call("fabs");
        assertEquals(0x7ff4_0000_0000_0001L, m.cpu.f(10));
        m.cpu.setF(10, 0xfff4_0000_0000_0001L);
        m.call("round");  // glue.c returns x itself when the exponent is all ones
        assertEquals(0xfff4_0000_0000_0001L, m.cpu.f(10));
    }
}
