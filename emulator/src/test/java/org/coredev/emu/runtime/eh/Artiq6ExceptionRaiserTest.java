package org.coredev.emu.runtime.eh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.coredev.emu.runtime.Abi;
import org.junit.jupiter.api.Test;

/**
 * ARTIQ 6's exception runtime on the C++ fixture catch.cpp linked with name-slice type infos
 * (catch-named-rv32ima.elf): catch clauses "0:artiq.coredevice.exceptions.RTIOUnderflow" (catch
 * (int)) and "...RTIOOverflow" (catch (long)); kernel_raise(id) raises the built-in with that id.
 */
class Artiq6ExceptionRaiserTest {
    private final List<Integer> notes = new ArrayList<>();
    private EhMachine m;
    private Artiq6ExceptionRaiser raiser;

    private void load() throws Exception {
        m = new EhMachine(Rv32Cpu.Variant.RV32IMA);
        raiser = new Artiq6ExceptionRaiser(m.memory, m.tables, EhMachine.SCRATCH, Abi.ILP32);
        m.exportCatchFixture(raiser, notes, a -> 0);   // ARTIQ 6 kernels have no end_catch
        m.load("catch-named-rv32ima.elf");
    }

    private boolean inFunction(int address, String function) {
        return m.tables.symbolize(address, false).replaceFirst("\\+0x[0-9a-f]+$", "").equals(function);
    }

    @Test
    void exportsAreArtiq6s() throws Exception {
        load();
        for (String name : List.of("__artiq_raise", "__artiq_reraise", "_Unwind_Resume", "__artiq_personality"))
            assertTrue(m.runtime.resolve(name).isPresent(), name);
        for (String name : List.of("__artiq_resume", "__artiq_end_catch", "__nac3_raise"))
            assertTrue(m.runtime.resolve(name).isEmpty(), name + " is not in ARTIQ 6's api.rs");
    }

    @Test
    void catchClauseNamingTheExceptionGetsItAfterTheCleanupInAnInnerFrame() throws Exception {
        load();
        m.call("catch_int", 0);
        List<ExceptionRuntime.Caught> caught = new ArrayList<>();
        // Up to the handler: C++ catch clauses then compare a selector that ARTIQ's personality does not set.
        assertNull(m.runServing(caught, 2));
        assertEquals(List.of(100), notes, "the Guard's destructor ran once");
        assertEquals(2, caught.size());
        assertTrue(caught.get(0).cleanup() && inFunction(caught.get(0).landingPad(), "inner"), caught.toString());
        assertFalse(caught.get(1).cleanup());
        assertTrue(inFunction(caught.get(1).landingPad(), "catch_int"), caught.toString());
        assertTrue(m.calls.contains("_Unwind_Resume"), "the cleanup resumed phase 2");
        assertTrue(raiser.handled(), "the handler frame sets handled");
        ArtiqException e = ArtiqException.readNamed(m.memory, raiser.inFlightAddress());
        assertEquals("RTIOUnderflow", e.name());
        assertEquals(0, e.id());
        assertEquals("raised 0", e.formattedMessage());
    }

    @Test
    void theCleanupRunsBeforeTheHandlerIsEnteredAndSeesHandledFalse() throws Exception {
        load();
        m.call("catch_int", 0);
        List<ExceptionRuntime.Caught> caught = new ArrayList<>();
        assertNull(m.runServing(caught, 1));
        assertTrue(caught.getFirst().cleanup());
        assertFalse(raiser.handled(), "a cleanup frame before the handler frame: __artiq_reraise would resume");
        assertEquals(raiser.unwindExceptionAddress(), m.cpu.x(10));
        assertEquals(ExceptionRuntime.EXCEPTION_CLASS, m.memory.load64(m.cpu.x(10)));
        assertEquals(raiser.inFlightAddress(), m.cpu.x(11));
    }

    @Test
    void aClauseForAnotherNameIsPassedOverAndTheOuterFrameCatches() throws Exception {
        load();
        m.call("nested", 0);   // catch_long's catch (long) is RTIOOverflow; nested's catch (int) takes the underflow
        List<ExceptionRuntime.Caught> caught = new ArrayList<>();
        assertNull(m.runServing(caught, 2));
        assertEquals(2, caught.size(), "inner's cleanup, then nested's handler: catch_long's pad is never entered");
        assertTrue(caught.getFirst().cleanup() && inFunction(caught.getFirst().landingPad(), "inner"), caught.toString());
        assertTrue(inFunction(caught.get(1).landingPad(), "nested"), caught.toString());
    }

    @Test
    void withoutAHandlerTheForcedUnwindRunsTheCleanupsAndRecordsTheBacktrace() throws Exception {
        load();
        m.call("catch_long", 0);
        List<ExceptionRuntime.Caught> caught = new ArrayList<>();
        ExceptionRuntime.Uncaught u = m.runServing(caught);
        assertNotNull(u);
        assertEquals(1, caught.size(), "the cleanup ran during the forced unwind");
        assertEquals(List.of(100), notes);
        assertEquals(List.of("inner", "inner", "catch_long"), u.backtrace().stream().map(f -> m.symbolize(f.pc())).toList(),
                "the frame that resumed is recorded again, as the stop function sees it twice");
        assertEquals("artiq.coredevice.exceptions.RTIOUnderflow(0): raised 0", u.exception().toString());
        assertEquals(1, u.exceptions().size(), "one exception in flight at a time");
    }

    @Test
    void aNullTypeInfoCatchesEveryName() throws Exception {
        load();
        m.call("catch_all", 3);
        List<ExceptionRuntime.Caught> caught = new ArrayList<>();
        assertNull(m.runServing(caught));
        assertEquals(30 - 2, m.cpu.x(10));
    }

    @Test
    void reraiseAfterTheHandlerRaisesTheExceptionAnewFromItsCaller() throws Exception {
        load();
        m.call("catch_int", 0);
        assertNull(m.runServing(new ArrayList<>(), 2));
        m.cpu.setX(1, EhMachine.EXIT);   // __artiq_reraise called from a frame without unwind tables
        ExceptionRuntime.Uncaught u = assertInstanceOf(ExceptionRuntime.Uncaught.class, raiser.reraise(m.cpu));
        assertEquals("RTIOUnderflow", u.exception().name());
        assertEquals("raised 0", u.exception().formattedMessage());
    }

    @Test
    void reraiseWithNothingRaisedIsARuntimeError() throws Exception {
        load();
        m.cpu.setX(1, EhMachine.EXIT);
        m.cpu.setX(2, EhMachine.STACK_TOP);
        ExceptionRuntime.Uncaught u = assertInstanceOf(ExceptionRuntime.Uncaught.class, raiser.reraise(m.cpu));
        assertEquals("RuntimeError", u.exception().name());
        assertEquals("No active exception to reraise", u.exception().message());
    }

    @Test
    void resumeWithNothingBeingUnwoundIsReported() throws Exception {
        load();
        m.cpu.setX(1, EhMachine.EXIT);
        EhException e = assertThrows(EhException.class, () -> raiser.resume(m.cpu));
        assertTrue(e.getMessage().contains("no exception being unwound"), e.getMessage());
    }

    @Test
    void runtimeRaisedExceptionsKeepTheirStringsWhileALaterOneIsRaised() throws Exception {
        load();
        m.cpu.setX(1, EhMachine.EXIT);
        m.cpu.setX(2, EhMachine.STACK_TOP);
        raiser.raiseBuiltin(m.cpu, "ValueError", "first", 0, 0, 0);
        byte[] copy = m.memory.read(raiser.inFlightAddress(), ArtiqException.SIZE);   // a handler's copy of it
        raiser.raiseBuiltin(m.cpu, "KeyError", "second", 0, 0, 0);
        int at = EhMachine.SCRATCH + Artiq6ExceptionRaiser.SCRATCH_SIZE;
        m.memory.write(at, copy);
        ArtiqException first = ArtiqException.readNamed(m.memory, at);
        assertEquals("ValueError", first.name());
        assertEquals("first", first.message());
        assertEquals("KeyError", ArtiqException.readNamed(m.memory, raiser.inFlightAddress()).name());
    }

    @Test
    void namesOfTheKernelsOwnClassesAndOfBuiltinsDecode() {
        ArtiqException own = ArtiqException.named("23:MyError", "k.py", 1, 2, "run", "m", List.of(0L, 0L, 0L));
        assertEquals(23, own.id());
        assertEquals("MyError", own.name());
        assertEquals("MyError: m", own.toString());
        assertEquals("23:MyError", own.nameString());
        ArtiqException host = ArtiqException.named("3:__main__.Lost", "k.py", 1, 2, "run", "m", List.of(0L, 0L, 0L));
        assertFalse(host.builtin(), "object id 3 of a host class is not DMAError");
        assertEquals("3:__main__.Lost", host.nameString());
        assertEquals("__main__.Lost: m", host.toString());
        ArtiqException unknown = ArtiqException.named("0:numpy.linalg.Oops", "k.py", 1, 2, "run", "m", List.of(0L, 0L, 0L));
        assertEquals("0:numpy.linalg.Oops", unknown.nameString());
        assertEquals("0:artiq.coredevice.exceptions.RTIOUnderflow",
                ArtiqException.named("0:artiq.coredevice.exceptions.RTIOUnderflow", "", 0, 0, "", "", List.of(0L, 0L, 0L)).nameString());
        ArtiqException python = ArtiqException.named("0:ZeroDivisionError", "k.py", 1, 2, "run", "m", List.of(0L, 0L, 0L));
        assertEquals(ExceptionNames.id("ZeroDivisionError").orElseThrow(), python.id());
        assertEquals("0:artiq.coredevice.exceptions.RTIOUnderflow", ArtiqException.builtinNameString("RTIOUnderflow"));
        assertEquals("0:ZeroDivisionError", ArtiqException.builtinNameString("ZeroDivisionError"));
    }
}
