package org.coredev.emu.runtime.eh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.junit.jupiter.api.Test;

/** A hand-made LSDA exercising each rule of ARTIQ's find_eh_action (artiq/firmware/libeh/dwarf.rs). */
class LsdaTest {
    private static final int L = EhMachine.RAM + 0x4000, F = 0x4501_0000, ID_WORD = L + 48;
    private final EhMachine m = new EhMachine(Rv32Cpu.Variant.RV32IMA);

    LsdaTest() {
        int[] bytes = {
            0xff,                   // @LPStart omitted: landing pads relative to the function start
            0x03, 37,               // @TType udata4, base at L+3+37 = L+40
            0x01, 16,               // call sites: uleb128, 16 bytes
            0x00, 0x10, 0x40, 1,    // [F, F+0x10): pad F+0x40, action record 1
            0x10, 0x10, 0x50, 5,    // [F+0x10, F+0x20): pad F+0x50, action record at offset 4
            0x20, 0x10, 0x00, 0,    // [F+0x20, F+0x30): no landing pad
            0x30, 0x10, 0x60, 7,    // [F+0x30, F+0x40): pad F+0x60, action record at offset 6
            0x02, 0x01,             // record 1: filter 2, next record one byte after this field
            0x00, 0x00,             // record at 2: filter 0 (cleanup), end
            0x7f, 0x00,             // record at 4: filter -1 (exception specification), end
            0x01, 0x00,             // record at 6: filter 1, end
        };
        for (int k = 0; k < bytes.length; k++) m.memory.store8(L + k, bytes[k]);
        m.memory.store32(L + 32, ID_WORD);  // type filter 2: a type info whose first word is the id
        m.memory.store32(L + 36, 0);        // type filter 1: null, catch-all
        m.memory.store32(ID_WORD, 5);
    }

    private Lsda lsda() { return Lsda.parse(m.memory, L, F); }

    @Test
    void callSiteTableIsDecoded() {
        assertEquals(List.of(
                new Lsda.CallSite(F, F + 0x10, F + 0x40, 1),
                new Lsda.CallSite(F + 0x10, F + 0x20, F + 0x50, 5),
                new Lsda.CallSite(F + 0x20, F + 0x30, 0, 0),
                new Lsda.CallSite(F + 0x30, F + 0x40, F + 0x60, 7)), lsda().callSites());
        assertEquals(List.of(2, 0), lsda().filters(1));
        assertEquals(ID_WORD, lsda().typeInfo(2));
        assertEquals(0, lsda().typeInfo(1));
    }

    @Test
    void typeInfoWhoseFirstWordIsTheIdCatches() {
        assertEquals(new Lsda.Catch(F + 0x40), lsda().actionFor(F + 4, 5));
    }

    @Test
    void nonMatchingChainWithAZeroFilterIsACleanup() {
        assertEquals(new Lsda.Cleanup(F + 0x40), lsda().actionFor(F + 4, 6));
    }

    @Test
    void negativeFilterEndsTheSearch() {
        assertEquals(new Lsda.None(), lsda().actionFor(F + 0x14, 5));
    }

    @Test
    void callSiteWithoutLandingPadUnwindsOn() {
        assertEquals(new Lsda.None(), lsda().actionFor(F + 0x24, 5));
    }

    @Test
    void nullTypeInfoCatchesEveryId() {
        assertEquals(new Lsda.Catch(F + 0x60), lsda().actionFor(F + 0x3f, 12345));
    }

    @Test
    void ipBeforeOrAfterEveryRangeHasNoAction() {
        assertEquals(new Lsda.None(), lsda().actionFor(F - 1, 5));
        assertEquals(new Lsda.None(), lsda().actionFor(F + 0x40, 5));
    }

    @Test
    void cyclicActionChainIsMalformed() {
        m.memory.store8(L + 22, 0x7e);  // record 1's displacement -2: points at itself
        EhException e = assertThrows(EhException.class, () -> lsda().actionFor(F + 4, 6));
        assertTrue(e.getMessage().contains(".gcc_except_table"), e.getMessage());
    }

    @Test
    void callSiteTableOverrunningItsLengthIsMalformed() {
        m.memory.store8(L + 4, 15);  // one byte short: the last entry overruns
        EhException e = assertThrows(EhException.class, this::lsda);
        assertTrue(e.getMessage().contains("overrun"), e.getMessage());
    }

    @Test
    void lebTypeTableEncodingIsRefused() {
        m.memory.store8(L + 1, 0x01);
        assertThrows(EhException.class, () -> lsda().actionFor(F + 4, 5));
    }
}
