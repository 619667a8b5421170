package org.coredev.emu.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bus routes each access to the one region holding all of it, whichever window it used last. */
class BusTest {
    /** Records every access it gets, as offsets. */
    static final class Recorder implements MmioDevice {
        final List<String> seen = new ArrayList<>();
        final int length;
        Recorder(int length) { this.length = length; }
        @Override public int length() { return length; }
        @Override public int load(int offset, int size) { seen.add("load " + offset + "/" + size); return 0x1000 + offset; }
        @Override public void store(int offset, int value, int size) { seen.add("store " + offset + "/" + size + "=" + value); }
    }

    private final Bus bus = new Bus();
    private final Ram ram = bus.addRam("ram", 0x4000_0000, 0x1000);
    private final Recorder a = new Recorder(0x100), b = new Recorder(0x10);

    BusTest() {
        bus.addDevice("a", 0x6000_0000, a);
        bus.addDevice("b", 0x6000_0100, b);   // right behind a
    }

    @Test
    void accessesGoToTheirOwnWindowWhicheverWasUsedLast() throws BusFault {
        assertEquals(0x1004, bus.load(0x6000_0004, 4));
        assertEquals(0x1008, bus.load(0x6000_0108, 4));   // b, right after a cached a
        bus.store(0x6000_00fc, 7, 4);
        bus.store(0x6000_0100, 9, 2);
        bus.store(0x4000_0010, 0x55, 1);                 // RAM after a device access
        assertEquals(0x55, bus.load(0x4000_0010, 1));
        assertEquals(0x1000 + 0xff, bus.load(0x6000_00ff, 1));
        assertEquals(List.of("load 4/4", "store 252/4=7", "load 255/1"), a.seen);
        assertEquals(List.of("load 8/4", "store 0/2=9"), b.seen);
        assertEquals(0x55, ram.bytes()[0x10]);
    }

    @Test
    void anAccessPastTheEndOfAWindowIsAFaultEvenRightAfterAHit() throws BusFault {
        bus.load(0x6000_0108, 4);                        // b is the cached window
        BusFault f = assertThrows(BusFault.class, () -> bus.load(0x6000_010e, 4));
        assertTrue(f.getMessage().contains("nothing mapped") && f.getMessage().contains("0x6000010e"), f.getMessage());
        assertThrows(BusFault.class, () -> bus.store(0x6000_010e, 1, 4));
        assertThrows(BusFault.class, () -> bus.load(0x6000_0110, 1));   // just past b
        assertThrows(BusFault.class, () -> bus.load(0x4000_0ffe, 4));   // RAM's end
        assertEquals(List.of("load 8/4"), b.seen, "nothing reached a device");
        assertEquals(List.of(), a.seen);
    }
}
