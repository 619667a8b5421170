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

    // ---- ARTIQ 6's find_eh_action (release-6 libeh/dwarf.rs): type infos are name slices ----

    private static final int L6 = EhMachine.RAM + 0x5000;

    /** Two call sites: [F, F+0x10] with filters 1 ("0:KeyError") then 2, and a cleanup [F+0x10, F+0x20]. */
    private Lsda named(String second) {
        int[] bytes = {
            0xff,                   // no @LPStart
            0x03, 25,               // @TType udata4, base at L6+3+25 = L6+28
            0x01, 8,                // call sites: uleb128, 8 bytes
            0x00, 0x10, 0x40, 1,    // [F, F+0x10]: pad F+0x40, action record at offset 0
            0x10, 0x10, 0x50, 0,    // [F+0x10, F+0x20]: pad F+0x50, cleanup
            0x01, 0x01,             // record 0: filter 1, next one byte on
            0x02, 0x00,             // record 2: filter 2, end
        };
        for (int k = 0; k < bytes.length; k++) m.memory.store8(L6 + k, bytes[k]);
        m.memory.store32(L6 + 24, slice(L6 + 0x40, "0:KeyError"));   // filter 1
        m.memory.store32(L6 + 20, slice(L6 + 0x60, second));         // filter 2
        return Lsda.parse(m.memory, L6, F);
    }

    private int slice(int at, String text) {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        m.memory.write(at + 8, b);
        m.memory.store32(at, at + 8);
        m.memory.store32(at + 4, b.length);
        return at;
    }

    private static byte[] name(String s) { return s.getBytes(java.nio.charset.StandardCharsets.UTF_8); }

    @Test
    void namedTypeInfoWithTheSameBytesCatches() {
        assertEquals(new Lsda.Catch(F + 0x40), named("0:ValueError").actionForName(F + 4, name("0:KeyError")));
        assertEquals(new Lsda.Catch(F + 0x40), named("0:ValueError").actionForName(F + 4, name("0:ValueError")));
    }

    @Test
    void noNamedMatchIsNoActionEvenForAPadThatCleansUp() {
        assertEquals(new Lsda.None(), named("0:ValueError").actionForName(F + 4, name("0:IndexError")));
        assertEquals(new Lsda.None(), named("0:ValueError").actionForName(F + 4, name("0:KeyErro")), "a prefix is not the name");
    }

    @Test
    void anEmptyNameSliceCatchesEverything() {
        assertEquals(new Lsda.Catch(F + 0x40), named("").actionForName(F + 4, name("0:IndexError")));
    }

    @Test
    void artiq6CallSiteRangesIncludeTheirEnd() {
        assertEquals(new Lsda.Catch(F + 0x40), named("").actionForName(F + 0x10, name("0:IndexError")), "the first site's end, before the second");
        assertEquals(new Lsda.Cleanup(F + 0x50), named("").actionForName(F + 0x11, name("0:IndexError")));
    }

    @Test
    void artiq6RefusesAnLsdaWithoutTypeTable() {
        int[] bytes = {0xff, 0xff, 0x01, 4, 0x00, 0x10, 0x40, 0};
        for (int k = 0; k < bytes.length; k++) m.memory.store8(L6 + k, bytes[k]);
        Lsda lsda = Lsda.parse(m.memory, L6, F);
        EhException e = assertThrows(EhException.class, () -> lsda.actionForName(F + 4, name("0:KeyError")));
        assertTrue(e.getMessage().contains("no type table"), e.getMessage());
    }
}
