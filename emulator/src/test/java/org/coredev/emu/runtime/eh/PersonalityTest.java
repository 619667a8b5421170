package org.coredev.emu.runtime.eh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coredev.emu.cpu.StopReason;
import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.coredev.emu.runtime.GuestFault;
import org.coredev.emu.runtime.RuntimeExport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The personality and raise/resume/end_catch on the C++ fixture catch.cpp, run on coredev's CPU. */
class PersonalityTest {
    private static final int[] CALLEE_SAVED = {2, 8, 9, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27};

    private final List<Integer> notes = new ArrayList<>();

    private EhMachine machine(Rv32Cpu.Variant variant) throws Exception {
        EhMachine m = new EhMachine(variant);
        m.exportCatchFixture(m.raiser, notes, a -> {
            m.raiser.endCatch(a.cpu().x(1));
            return 0;
        });
        m.load(variant == Rv32Cpu.Variant.RV32G ? "catch-rv32g.elf" : "catch-rv32ima.elf");
        return m;
    }

    private static boolean inFunction(EhMachine m, int address, String function) {
        return m.tables.symbolize(address, false).replaceFirst("\\+0x[0-9a-f]+$", "").equals(function);
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void catchAllRunsItsHandlerAfterTheCleanup(Rv32Cpu.Variant variant) throws Exception {
        EhMachine m = machine(variant);
        m.call("catch_all", 3);
        List<ExceptionRaiser.Caught> caught = new ArrayList<>();
        assertNull(m.runServing(caught), "the exception is caught");
        assertEquals(30 - 2, m.cpu.x(10), "catch_all returned kept - 2");
        assertEquals(List.of(103), notes, "the Guard's destructor ran once");
        assertEquals(2, caught.size());
        assertTrue(caught.get(0).cleanup() && inFunction(m, caught.get(0).landingPad(), "inner"), caught.toString());
        assertFalse(caught.get(1).cleanup());
        assertTrue(inFunction(m, caught.get(1).landingPad(), "catch_all"), caught.toString());
        assertTrue(m.calls.contains("_Unwind_Resume"));
        assertEquals(0, m.raiser.inFlight(), "end_catch retired the exception");
    }

    /** The landing pad in catch_int gets catch_int's registers (as at its call of inner) and the exception in a0/a1. */
    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void catchClauseMatchingTheIdGetsControlWithRestoredRegisters(Rv32Cpu.Variant variant) throws Exception {
        EhMachine m = machine(variant);
        m.call("catch_int", 0);
        int inner = m.image.entry("inner");
        for (int step = 0; m.cpu.pc() != inner; step++) {
            assertTrue(step < 10_000, "never reached inner");
            if (m.cpu.run(1) instanceof StopReason.RuntimeCall call) m.runtime.dispatch(m.cpu, m.runtime.functionAt(call.pc()));
        }
        int[] atCall = new int[32];
        for (int reg : CALLEE_SAVED) atCall[reg] = m.cpu.x(reg);
        List<ExceptionRaiser.Caught> caught = new ArrayList<>();
        assertNull(m.runServing(caught, 2));
        ExceptionRaiser.Caught handler = caught.get(1);
        assertFalse(handler.cleanup());
        assertTrue(inFunction(m, handler.landingPad(), "catch_int"), caught.toString());
        assertEquals(handler.landingPad(), m.cpu.pc());
        for (int reg : CALLEE_SAVED) assertEquals(atCall[reg], m.cpu.x(reg), "x" + reg + " restored from the CFI");
        assertEquals(m.raiser.unwindExceptionAddress(0), m.cpu.x(10));
        assertEquals(ExceptionRaiser.EXCEPTION_CLASS, m.memory.load64(m.cpu.x(10)));
        assertEquals(m.raiser.slotAddress(0), m.cpu.x(11));
        ArtiqException e = ArtiqException.read(m.memory, m.cpu.x(11));
        assertEquals(0, e.id());
        assertEquals("raised 0", e.formattedMessage());
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void catchClauseForAnotherIdLetsTheExceptionEscape(Rv32Cpu.Variant variant) throws Exception {
        EhMachine m = machine(variant);
        m.call("catch_long", 0);  // catch (long) accepts id 1 only
        List<ExceptionRaiser.Caught> caught = new ArrayList<>();
        ExceptionRaiser.Uncaught u = m.runServing(caught);
        assertNotNull(u);
        assertEquals(1, caught.size(), "only the cleanup ran");
        assertEquals(List.of("inner", "inner", "catch_long"), u.backtrace().stream().map(f -> m.symbolize(f.pc())).toList());
        assertEquals("RTIOUnderflow", u.exception().name());
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void catchClauseForItsOwnIdCatches(Rv32Cpu.Variant variant) throws Exception {
        EhMachine m = machine(variant);
        m.call("catch_long", 1);
        List<ExceptionRaiser.Caught> caught = new ArrayList<>();
        m.runServing(caught, 2);
        assertTrue(inFunction(m, caught.get(1).landingPad(), "catch_long"), caught.toString());
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void outerFrameCatchesWhatTheInnerCatchRejects(Rv32Cpu.Variant variant) throws Exception {
        EhMachine m = machine(variant);
        m.call("nested", 0);
        List<ExceptionRaiser.Caught> caught = new ArrayList<>();
        m.runServing(caught, 2);
        assertTrue(inFunction(m, caught.get(1).landingPad(), "nested"), caught.toString());
        assertFalse(caught.get(1).cleanup());
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void uncaughtExceptionReportsItsBacktraceAsTheBoardDoes(Rv32Cpu.Variant variant) throws Exception {
        EhMachine m = machine(variant);
        m.call("no_catch", 3);
        ExceptionRaiser.Uncaught u = m.runServing(new ArrayList<>());
        assertNotNull(u);
        assertEquals(List.of("inner", "inner", "no_catch"), u.backtrace().stream().map(f -> m.symbolize(f.pc())).toList());
        assertEquals(1, u.exceptions().size());
        ExceptionRaiser.InFlight f = u.exceptions().getFirst();
        assertEquals(0, f.initialBacktraceSize());
        assertEquals(3, f.currentBacktraceSize());
        assertEquals(u.backtrace().get(2).sp(), f.stackPointer());
        assertEquals("artiq.coredevice.exceptions.DMAError(0): raised 3", u.exception().toString());
        assertEquals("inner", u.exception().function());
    }

    @Test
    void moreThanTenNestedExceptionsEndInRuntimeError() throws Exception {
        EhMachine m = machine(Rv32Cpu.Variant.RV32G);
        m.cpu.setX(1, EhMachine.EXIT);  // a raise from a frame without unwind tables
        m.cpu.setX(2, EhMachine.STACK_TOP);
        ExceptionRaiser.Outcome last = null;
        for (int k = 0; k <= ExceptionRaiser.MAX_IN_FLIGHT; k++) last = m.raiser.raiseBuiltin(m.cpu, "ValueError", "v{0}", k, 0, 0);
        ExceptionRaiser.Uncaught u = assertInstanceOf(ExceptionRaiser.Uncaught.class, last);
        assertEquals(11, u.exceptions().size());
        assertEquals("RuntimeError", u.exception().name());
        assertEquals("too many nested exceptions", u.exception().message());
        assertEquals("v9", u.exceptions().get(9).exception().formattedMessage());
    }

    @Test
    void reraisingAnInFlightExceptionMovesItToTheTop() throws Exception {
        EhMachine m = machine(Rv32Cpu.Variant.RV32G);
        m.cpu.setX(1, EhMachine.EXIT);
        m.raiser.raiseBuiltin(m.cpu, "ValueError", "first", 0, 0, 0);
        m.raiser.raiseBuiltin(m.cpu, "KeyError", "second", 0, 0, 0);
        assertEquals("first", ArtiqException.read(m.memory, m.raiser.slotAddress(0)).message(), "a nested raise keeps the outer one's strings");
        assertEquals("second", ArtiqException.read(m.memory, m.raiser.slotAddress(1)).message());
        // raise e of ARTIQ's compiler: the new location written into the slot, then the slot raised.
        ArtiqException first = ArtiqException.read(m.memory, m.raiser.slotAddress(0));
        m.memory.store32(m.raiser.slotAddress(0) + 12, 14);
        ExceptionRaiser.Uncaught u = assertInstanceOf(ExceptionRaiser.Uncaught.class, m.raiser.raise(m.cpu, m.raiser.slotAddress(0)));
        assertEquals(2, m.raiser.inFlight());
        assertEquals("first", u.exception().message());
        assertEquals(14, u.exception().line(), "the slot as it is now: artiq/test/lit/exceptions/reraise_update.py");
        assertEquals(first.file(), u.exception().file());
        m.raiser.endCatch(0);
        assertEquals(1, m.raiser.inFlight());
        assertThrows(EhException.class, () -> {
            m.raiser.endCatch(0);
            m.raiser.endCatch(0);
        });
    }

    @Test
    void overlongRuntimeMessageIsShortenedToFitItsSlot() throws Exception {
        EhMachine m = machine(Rv32Cpu.Variant.RV32G);
        m.cpu.setX(1, EhMachine.EXIT);
        String message = "x".repeat(5000);
        ExceptionRaiser.Uncaught u = assertInstanceOf(ExceptionRaiser.Uncaught.class,
                m.raiser.raiseBuiltin(m.cpu, "ValueError", message, 0, 0, 0));
        String kept = ArtiqException.read(m.memory, m.raiser.slotAddress(0)).message();
        assertTrue(kept.length() < 512 && message.startsWith(kept) && !kept.isEmpty(), "kept " + kept.length());
        assertEquals(kept, u.exception().message());
    }

    @Test
    void exportsCoverTheBoardsExceptionApi() throws Exception {
        EhMachine m = machine(Rv32Cpu.Variant.RV32G);
        for (String name : List.of("__artiq_raise", "__artiq_resume", "__artiq_end_catch", "__artiq_personality",
                "__nac3_raise", "__nac3_resume", "__nac3_end_catch", "__nac3_personality", "__artiq_reraise", "_Unwind_Resume")) {
            assertTrue(m.runtime.resolve(name).isPresent(), name);
        }
        RuntimeExport personality = m.runtime.functionAt(m.runtime.resolve("__artiq_personality").getAsInt());
        assertThrows(GuestFault.class, () -> m.runtime.dispatch(m.cpu, personality));
    }

    @Test
    void artiqRaiseExportUnwindsFromItsCaller() throws Exception {
        EhMachine m = machine(Rv32Cpu.Variant.RV32G);
        int object = EhMachine.RAM + 0x3000;
        new ArtiqException(19, "k.py", 3, 4, "run", "division by zero", List.of(0L, 0L, 0L)).write(m.memory, object, object + 64);
        m.cpu.setX(1, EhMachine.EXIT);
        m.cpu.setX(10, object);
        long before = m.cpu.cycles();
        KernelRaise r = assertThrows(KernelRaise.class,
                () -> m.runtime.dispatch(m.cpu, m.runtime.functionAt(m.runtime.resolve("__artiq_raise").getAsInt())));
        ExceptionRaiser.Uncaught u = assertInstanceOf(ExceptionRaiser.Uncaught.class, r.outcome());
        assertEquals("ZeroDivisionError", u.exception().name());
        assertEquals("k.py", u.exception().file());
        assertTrue(m.cpu.cycles() > before, "the raise costs cycles");
    }

    // ---- LSDA against clang's annotated assembly ----

    private record ExpectedSite(boolean landingPad, int action) {}
    private record ExpectedLsda(String function, List<ExpectedSite> sites, java.util.Map<Integer, String> typeInfos) {}

    private static List<ExpectedLsda> fromAssembly() throws Exception {
        List<String> lines = Files.readAllLines(EhMachine.FIXTURES.resolve("catch-rv32g.s"));
        List<ExpectedLsda> out = new ArrayList<>();
        String function = null;
        Pattern label = Pattern.compile("^([A-Za-z_]\\w*):");
        Pattern action = Pattern.compile("^\\s*\\.byte\\s+(\\d+)\\s+#\\s+On action");
        Pattern type = Pattern.compile("# TypeInfo (\\d+)");
        Pattern word = Pattern.compile("\\.word\\s+(\\S+)");
        ExpectedLsda current = null;
        boolean pad = false;
        for (int k = 0; k < lines.size(); k++) {
            String line = lines.get(k);
            Matcher l = label.matcher(line);
            if (l.find() && !line.startsWith("GCC_except_table")) function = l.group(1);
            if (line.startsWith(".Lexception")) {
                current = new ExpectedLsda(function, new ArrayList<>(), new java.util.TreeMap<>());
                out.add(current);
            }
            if (current == null) continue;
            if (line.contains("jumps to")) pad = true;
            if (line.contains("has no landing pad")) pad = false;
            Matcher a = action.matcher(line);
            if (a.find()) current.sites().add(new ExpectedSite(pad, Integer.parseInt(a.group(1))));
            Matcher t = type.matcher(line);
            if (t.find() && !line.contains("Catch TypeInfo")) {
                Matcher w = word.matcher(line.contains(".word") ? line : lines.get(k + 1));
                if (!w.find()) throw new AssertionError("no .word for " + line);
                current.typeInfos().put(Integer.parseInt(t.group(1)), w.group(1));
            }
        }
        return out;
    }

    @Test
    void lsdaCallSitesAndTypeTableMatchClangsAssembly() throws Exception {
        EhMachine m = machine(Rv32Cpu.Variant.RV32G);
        List<ExpectedLsda> expected = fromAssembly();
        assertEquals(5, expected.size(), expected.toString());
        for (ExpectedLsda e : expected) {
            int start = m.image.entry(e.function());
            EhFrame.Fde fde = m.tables.find(start).orElseThrow();
            assertEquals(start, fde.pcBegin(), e.function());
            assertNotNull(fde.lsda(), e.function());
            Lsda lsda = Lsda.parse(m.memory, fde.lsda(), fde.pcBegin());
            assertEquals(e.sites().size(), lsda.callSites().size(), e.function());
            for (int k = 0; k < e.sites().size(); k++) {
                Lsda.CallSite site = lsda.callSites().get(k);
                assertEquals(e.sites().get(k).landingPad(), site.landingPad() != 0, e.function() + " call site " + k);
                assertEquals(e.sites().get(k).action(), site.action(), e.function() + " call site " + k);
                if (site.landingPad() != 0) assertTrue(fde.contains(site.landingPad()), "landing pad inside " + e.function());
                assertTrue(fde.contains(site.start()) && Integer.compareUnsigned(site.end(), fde.pcEnd()) <= 0, e.function());
            }
            assertFalse(e.typeInfos().isEmpty(), e.function());
            for (var entry : e.typeInfos().entrySet()) {
                String symbol = entry.getValue();
                int typeInfo = lsda.typeInfo(entry.getKey());
                if (symbol.equals("0")) assertEquals(0, typeInfo, e.function() + " catch-all");
                else {
                    Matcher name = Pattern.compile("(_ZTI\\w)").matcher(symbol);
                    assertTrue(name.find(), symbol);
                    assertEquals(m.image.entry(name.group(1)), typeInfo, e.function() + " type info " + symbol);
                }
            }
        }
    }

    @Test
    void callSiteOutsideEveryRangeHasNoAction() throws Exception {
        EhMachine m = machine(Rv32Cpu.Variant.RV32G);
        EhFrame.Fde fde = m.tables.find(m.image.entry("catch_int")).orElseThrow();
        Lsda lsda = Lsda.parse(m.memory, fde.lsda(), fde.pcBegin());
        assertInstanceOf(Lsda.None.class, lsda.actionFor(fde.pcEnd() + 100, 0));
    }
}
