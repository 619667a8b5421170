package org.coredev.emu.cpu.rv32;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * The memory translated blocks reach: the primary RAM's fast paths refuse every store into the
 * range of code words, and the full paths behind them store into data between code words but
 * never into code.
 */
class BlockMemoryTest {
    static final int BASE = 0x4000_0000, SIZE = 0x1_0000;

    @Test
    void theCodeRangeCoversEveryMarkedWord() {
        BlockMemory m = new BlockMemory(new byte[SIZE], BASE, SIZE);
        assertEquals(0, m.codeSpan, "no code yet");
        m.markCode(0x200);
        m.markCode(0x100);
        m.markCode(0x2fe);   // a misaligned offset marks its word
        assertEquals(0x100, m.codeLow);
        assertEquals(0x300 - 0x100, m.codeSpan);
    }

    @Test
    void storesIntoTheCodeRangeLeaveTheFastPathAndOnlyDataIsWritten() {
        byte[] mem = new byte[SIZE];
        BlockMemory m = new BlockMemory(mem, BASE, SIZE);
        m.markCode(0x100);
        m.markCode(0x200);
        for (int o : new int[] {0x100, 0x180, 0x200, 0x203}) {
            assertFalse(BlockMemory.ramSb(mem, SIZE, m.codeLow, m.codeSpan, o, 1), "sb at 0x" + Integer.toHexString(o));
        }
        assertFalse(BlockMemory.ramSh(mem, SIZE, m.codeLow, m.codeSpan, 0x202, 1));
        assertFalse(BlockMemory.ramSw(mem, SIZE, m.codeLow, m.codeSpan, 0x1fc, 1));
        // Outside the range: the fast path stores, little-endian.
        assertTrue(BlockMemory.ramSw(mem, SIZE, m.codeLow, m.codeSpan, 0x204, 0x11223344));
        assertTrue(BlockMemory.ramSw(mem, SIZE, m.codeLow, m.codeSpan, 0xfc, 0x55667788));
        assertEquals(0x44, mem[0x204]);
        assertEquals(0x11223344L, BlockMemory.ramLw(mem, SIZE, 0x204));
        // Data between the code words: the full path stores; code itself: nobody does.
        assertTrue(m.sw(BASE + 0x180, 0x0a0b0c0d));
        assertEquals(0x0a0b0c0dL, m.lw(BASE + 0x180));
        assertFalse(m.sw(BASE + 0x200, 7));
        assertFalse(m.sb(BASE + 0x103, 7));
        assertEquals(0, mem[0x200]);
        assertEquals(0, mem[0x103]);
    }

    @Test
    void fastLoadsMissOnMisalignedAndOutsideAddresses() {
        byte[] mem = new byte[SIZE];
        mem[0x11] = (byte) 0x80;
        assertEquals(BlockMemory.MISS, BlockMemory.ramLw(mem, SIZE, 0x12));
        assertEquals(BlockMemory.MISS, BlockMemory.ramLh(mem, SIZE, 0x11));
        assertEquals(BlockMemory.MISS, BlockMemory.ramLb(mem, SIZE, SIZE));
        assertEquals(BlockMemory.MISS, BlockMemory.ramLbu(mem, SIZE, -1));
        assertEquals(-128L, BlockMemory.ramLb(mem, SIZE, 0x11));
        assertEquals(0x80L, BlockMemory.ramLbu(mem, SIZE, 0x11));
        assertEquals((short) 0x8000, (short) BlockMemory.ramLh(mem, SIZE, 0x10));
        assertEquals(0x8000L, BlockMemory.ramLhu(mem, SIZE, 0x10));
        assertFalse(BlockMemory.ramSw(mem, SIZE, 0, 0, SIZE, 1), "past the RAM");
        assertFalse(BlockMemory.ramSh(mem, SIZE, 0, 0, 0x13, 1), "misaligned");
    }
}
