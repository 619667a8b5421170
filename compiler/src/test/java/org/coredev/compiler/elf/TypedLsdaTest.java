package org.coredev.compiler.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.coredev.compiler.backend.FunctionCode;
import org.coredev.emu.bus.Bus;
import org.coredev.emu.runtime.GuestMemory;
import org.coredev.emu.runtime.eh.Lsda;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The LSDAs written for ARTIQ 6 (typed: a type table of name slices), read back by the emulator's
 * LSDA reader as ARTIQ 6's personality reads them, big-endian as on an OR1K board.
 */
class TypedLsdaTest {
    private static final int F = 0x4086_0100, KEY = 0x4086_0800, ALL = 0x4086_0810, VALUE = 0x4086_0820;

    private final Bus bus = new Bus();
    private final GuestMemory memory;

    TypedLsdaTest() {
        bus.addRam("ram", 0x4086_0000, 0x1_0000);
        memory = new GuestMemory(bus, ByteOrder.BIG_ENDIAN);
        slice(KEY, "0:KeyError");
        slice(ALL, "");
        slice(VALUE, "0:ValueError");
    }

    private void slice(int at, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        memory.write(at + 0x100, b);
        memory.store32(at, at + 0x100);
        memory.store32(at + 4, b.length);
    }

    private static byte[] name(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    /** LSDAs at several alignments of their end, so that the type table's padding varies. */
    @ParameterizedTest
    @ValueSource(ints = {0x4086_2000, 0x4086_2004})
    void callSitesFiltersAndTypeInfosReadBackAsWritten(int address) {
        FunctionCode f = new FunctionCode("g", false, 0, 0x80, 16, 4, 8, List.of(), List.of(
                new FunctionCode.CallSite(0x10, 8, 0x40, List.of("key", "all")),
                new FunctionCode.CallSite(0x20, 8, 0x50, List.of()),
                new FunctionCode.CallSite(0x30, 8, 0x60, List.of("value")),
                new FunctionCode.CallSite(0x38, 8, 0x70, List.of("key", "all"))), -1, 0);
        byte[] bytes = EhFrameWriter.typedLsda(f, address, Map.of("key", KEY, "all", ALL, "value", VALUE), true);
        assertEquals(0, (address + bytes.length) % 4, "the type table (the LSDA's end) is 4-byte aligned");
        memory.write(address, bytes);
        Lsda lsda = Lsda.parse(memory, address, F);
        assertEquals(4, lsda.callSites().size());
        assertEquals(List.of(1, 2), lsda.filters(lsda.callSites().get(0).action()));
        assertEquals(0, lsda.callSites().get(1).action(), "no catch clauses: a cleanup");
        assertEquals(List.of(3), lsda.filters(lsda.callSites().get(2).action()));
        assertEquals(lsda.callSites().get(0).action(), lsda.callSites().get(3).action(), "the same clauses share one chain");
        assertEquals(KEY, lsda.typeInfo(1));
        assertEquals(ALL, lsda.typeInfo(2));
        assertEquals(VALUE, lsda.typeInfo(3));
        int ip = F + 0x10 + 7;   // a return address past the call's delay slot, minus one
        assertEquals(new Lsda.Catch(F + 0x40), lsda.actionForName(ip, name("0:KeyError")));
        assertEquals(new Lsda.Catch(F + 0x40), lsda.actionForName(ip, name("0:IndexError")), "the catch-all");
        assertEquals(new Lsda.Cleanup(F + 0x50), lsda.actionForName(F + 0x27, name("0:KeyError")));
        assertEquals(new Lsda.Catch(F + 0x60), lsda.actionForName(F + 0x33, name("0:ValueError")));
        assertEquals(new Lsda.None(), lsda.actionForName(F + 0x33, name("0:KeyError")));
    }
}
