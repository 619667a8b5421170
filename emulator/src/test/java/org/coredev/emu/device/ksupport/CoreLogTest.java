package org.coredev.emu.device.ksupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.coredev.emu.device.LogLine;
import org.coredev.emu.runtime.GuestFault;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** core_log called as a kernel calls it, under both kernel ABIs (varargs use the integer convention in both). */
class CoreLogTest {
    private Machine m;

    private void boot(Rv32Cpu.Variant variant) {
        m = new Machine(variant);
        CoreLog.register(m.runtime, m.cpu, Machine.MU_PER_CYCLE, m.log::add);
    }

    /** core_log(fmt, a1, a2, ...) with integer arguments in registers; returns the logged lines. */
    private List<String> log(String format, int... varargs) {
        int[] args = new int[1 + varargs.length];
        args[0] = m.cString(format);
        System.arraycopy(varargs, 0, args, 1, varargs.length);
        int before = m.log.size();
        assertEquals(0, m.call("core_log", args), "core_log returns 0");
        return m.logText().subList(before, m.log.size());
    }

    private static List<String> lines(String... text) {
        return java.util.Arrays.stream(text).map(t -> CoreLog.PREFIX + t).toList();
    }

    /** Cycles of the call's jump into the runtime: an empty message costs only that and the call. */
    private long jumpCycles() {
        long t = m.cpu.cycles();
        log("");
        return m.cpu.cycles() - t - CoreLog.CALL_CYCLES;
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void integersFollowWidthsFlagsAndPrecision(Rv32Cpu.Variant variant) {
        boot(variant);
        assertEquals(lines("[-42][   42][42   ][00042][+42][ 42]"),
                log("[%d][%5d][%-5d][%05i][%+d][% d]\n", -42, 42, 42, 42, 42, 42));
        assertEquals(lines("[ff][FF][0xff][0XFF][17][00012][4294967295]"),
                log("[%x][%X][%#x][%#X][%o][%.5u][%u]\n", 255, 255, 255, 255, 15, 12, -1));
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void longIs32BitsAndShortTruncates(Rv32Cpu.Variant variant) {
        boot(variant);
        assertEquals(lines("-3 4294967293 fffffffd | -1 65535 | 5 -2"),
                log("%ld %lu %lx | %hd %hu | %zu %td\n", -3, -3, -3, 0x1ffff, 0x1ffff, 5, -2));
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void charactersStringsAndPercent(Rv32Cpu.Variant variant) {
        boot(variant);
        int hello = m.cString("hello");
        assertEquals(lines("A|hello|  hello|hel|<NULL>|100%|%y"),
                log("%c|%s|%7s|%.3s|%s|100%%|%y\n", 'A', hello, hello, hello, 0));
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void starTakesWidthAndPrecisionFromTheArguments(Rv32Cpu.Variant variant) {
        boot(variant);
        assertEquals(lines("[   7][7   ][007]"), log("[%*d][%*d][%.*d]\n", 4, 7, -4, 7, 3, 7));
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void longLongSkipsTheOddRegisterForAnAlignedPair(Rv32Cpu.Variant variant) {
        boot(variant);
        // fmt in a0; the long long goes to the even pair a2/a3, a1 stays unused.
        m.cpu.setX(11, 0x7777);
        m.setPair(12, -5_000_000_000L);
        int format = m.cString("%lld\n");
        m.call("core_log", format);
        assertEquals(lines("-5000000000"), m.logText());
        // An int first fills a1, so the pair starts at a2 with nothing skipped; the next int is a4.
        m.cpu.setX(11, 3);
        m.setPair(12, 0x1_0000_00ffL);
        m.cpu.setX(14, 9);
        m.call("core_log", m.cString("%d %llx %d\n"));
        assertEquals(CoreLog.PREFIX + "3 1000000ff 9", m.logText().getLast());
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void doubleIsPassedInIntegerRegistersThenOnTheStack(Rv32Cpu.Variant variant) {
        boot(variant);
        // "%d x6 then %f %d": six ints fill a1..a6; the double would start at a7 (odd): it goes to
        // the stack at sp+0 (8-aligned), and the int after it to sp+8.
        int sp = Machine.STACK_TOP - 64;
        m.cpu.setX(2, sp);
        for (int k = 0; k < 6; k++) m.cpu.setX(11 + k, k + 1);
        m.cpu.setX(17, 0xdead);
        m.memory.store64(sp, Double.doubleToRawLongBits(2.5));
        m.memory.store32(sp + 8, 77);
        m.call("core_log", m.cString("%d%d%d%d%d%d %f %d\n"));
        assertEquals(lines("123456 2.500000 77"), m.logText());
        // A double right after the format: a1 skipped, the value in a2/a3 (not fa0 under ilp32d).
        m.setPair(12, Double.doubleToRawLongBits(-0.125));
        m.call("core_log", m.cString("%g\n"));
        assertEquals(CoreLog.PREFIX + "-0.125000", m.logText().getLast());
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void floatsPrintSixDecimalsWhateverTheWidth(Rv32Cpu.Variant variant) {
        boot(variant);
        for (double[] c : new double[][] {{3.25}, {1234.5}, {0.0}, {0.1}, {100.0}}) {
            m.setPair(12, Double.doubleToRawLongBits(c[0]));
            m.call("core_log", m.cString("%10.2f\n"));
        }
        assertEquals(lines("3.250000", "1234.500000", "0.000000", "0.100000", "100.000000"), m.logText());
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void textWithoutNewlineWaitsForTheLineToEnd(Rv32Cpu.Variant variant) {
        boot(variant);
        assertEquals(List.of(), log("x=%d", 1));
        assertEquals(lines("x=1, y=2", "next"), log(", y=%d\nnext\n", 2));
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void lineIsStampedWithTheSimulatedTimeOfTheCall(Rv32Cpu.Variant variant) {
        boot(variant);
        m.cpu.addCycles(1000);
        long jump = jumpCycles();
        long before = m.nowMu();
        log("now\n");
        LogLine line = m.log.getFirst();
        // Stamped when the comms CPU gets the text: after the jump and the formatting of 4 bytes.
        assertEquals(before + (jump + 4 * CoreLog.CYCLES_PER_BYTE) * Machine.MU_PER_CYCLE, line.timeMu());
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void uartBacklogMakesTheKernelWait(Rv32Cpu.Variant variant) {
        boot(variant);
        String text = "a".repeat(40);
        long jump = jumpCycles();
        long t0 = m.cpu.cycles();
        log(text + "\n");
        long first = m.cpu.cycles() - t0;
        // 33 characters of prefix and newline + 40, all but 16 waited for at 86.806 us each.
        long uartWait = ((33 + 40 - 16) * CoreLog.UART_CHARACTER_MU + 7) / 8;
        long formatting = CoreLog.CALL_CYCLES + (long) CoreLog.CYCLES_PER_BYTE * 41 + jump;
        assertEquals(uartWait + formatting, first);
        // A second line right away also waits for the 16 characters still in the FIFO.
        long t1 = m.cpu.cycles();
        log(text + "\n");
        assertTrue(m.cpu.cycles() - t1 > first, "second line waits longer: " + (m.cpu.cycles() - t1));
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void invalidUtf8KeepsTheValidPrefix(Rv32Cpu.Variant variant) {
        boot(variant);
        int format = m.bytes(new byte[] {'o', 'k', (byte) 0xff, '\n'}, true);
        m.call("core_log", format);
        assertEquals(lines("ok(invalid utf-8)"), m.logText());
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void percentNStoresTheCountSoFar(Rv32Cpu.Variant variant) {
        boot(variant);
        int slot = m.words(0);
        log("abc%n\n", slot);
        assertEquals(3, m.memory.load32(slot));
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void formatOutsideMemoryIsAGuestFault(Rv32Cpu.Variant variant) {
        boot(variant);
        GuestFault f = assertThrows(GuestFault.class, () -> m.call("core_log", 0x1000));
        assertEquals(0x1000, f.address());
    }
}
