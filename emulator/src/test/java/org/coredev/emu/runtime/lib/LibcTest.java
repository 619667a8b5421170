package org.coredev.emu.runtime.lib;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import org.coredev.emu.bus.Bus;
import org.coredev.emu.runtime.GuestFault;
import org.coredev.emu.runtime.GuestMemory;
import org.junit.jupiter.api.Test;

/** The libc exports on guest memory: C semantics, and faults that name the function and address. */
class LibcTest {
    static final int RAM = 0x4000_0000, SIZE = 64 << 10;
    final Bus bus = new Bus();
    final GuestMemory memory;

    LibcTest() {
        bus.addRam("ram", RAM, SIZE);
        memory = new GuestMemory(bus);
    }

    private byte[] bytes(String s) { return s.getBytes(StandardCharsets.US_ASCII); }

    @Test
    void memcpyCopiesAndReturnsTheDestination() {
        memory.write(RAM + 100, bytes("hello, world"));
        assertEquals(RAM + 200, Libc.memcpy(memory, RAM + 200, RAM + 100, 12));
        assertArrayEquals(bytes("hello, world"), memory.read(RAM + 200, 12));
    }

    @Test
    void memmoveHandlesOverlapInBothDirections() {
        memory.write(RAM, bytes("abcdefgh"));
        Libc.memmove(memory, RAM + 2, RAM, 6);
        assertArrayEquals(bytes("ababcdef"), memory.read(RAM, 8));
        memory.write(RAM, bytes("abcdefgh"));
        Libc.memmove(memory, RAM, RAM + 2, 6);
        assertArrayEquals(bytes("cdefghgh"), memory.read(RAM, 8));
    }

    @Test
    void memsetStoresTheLowByteOfC() {
        assertEquals(RAM + 8, Libc.memset(memory, RAM + 8, 0x1ab, 4));
        assertArrayEquals(new byte[] {0, (byte) 0xab, (byte) 0xab, (byte) 0xab, (byte) 0xab, 0},
                memory.read(RAM + 7, 6));
    }

    @Test
    void memcmpComparesBytesAsUnsigned() {
        memory.write(RAM, new byte[] {1, 2, (byte) 0x80});
        memory.write(RAM + 16, new byte[] {1, 2, 0x01});
        assertEquals(0x7f, Libc.memcmp(memory, RAM, RAM + 16, 3));
        assertEquals(-0x7f, Libc.memcmp(memory, RAM + 16, RAM, 3));
        assertEquals(0, Libc.memcmp(memory, RAM, RAM + 16, 2));
    }

    @Test
    void zeroLengthTouchesNoMemory() {
        assertEquals(0, Libc.memcpy(memory, 0, 0, 0));
        assertEquals(0, Libc.memcmp(memory, 0, 4, 0));
        assertEquals(8, Libc.memset(memory, 8, 0, 0));
    }

    @Test
    void strlenCountsUpToTheNul() {
        memory.write(RAM + 40, bytes("kernel\0tail"));
        assertEquals(6, Libc.strlen(memory, RAM + 40));
        assertEquals(0, Libc.strlen(memory, RAM + 46));
    }

    @Test
    void copyLeavingRamIsAFaultNamingFunctionAndAddress() {
        GuestFault f = assertThrows(GuestFault.class, () -> Libc.memcpy(memory, RAM + SIZE - 4, RAM, 8));
        assertEquals(RAM + SIZE, f.address());
        assertTrue(f.getMessage().contains("memcpy") && f.getMessage().contains("0x40010000"), f.getMessage());
    }

    @Test
    void hugeLengthIsAFaultNotAnAllocation() {
        GuestFault f = assertThrows(GuestFault.class, () -> Libc.memset(memory, RAM, 0, 0xffff_fff0));
        assertTrue(f.getMessage().contains("memset") && f.getMessage().contains("4294967280 bytes"), f.getMessage());
        assertThrows(GuestFault.class, () -> Libc.memcmp(memory, RAM, RAM, -1));
    }

    @Test
    void nullPointerIsAFault() {
        GuestFault f = assertThrows(GuestFault.class, () -> Libc.strlen(memory, 0));
        assertEquals(0, f.address());
    }

    @Test
    void unterminatedStringFaultsAtTheEndOfRam() {
        byte[] filler = new byte[64];
        java.util.Arrays.fill(filler, (byte) 'x');
        memory.write(RAM + SIZE - 64, filler);
        GuestFault f = assertThrows(GuestFault.class, () -> Libc.strlen(memory, RAM + SIZE - 64));
        assertEquals(RAM + SIZE, f.address());
    }
}
