package org.coredev.emu.device;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.List;
import net.fornwall.jelf.ElfFile;
import net.fornwall.jelf.ElfSegment;
import net.fornwall.jelf.ElfSymbol;
import org.coredev.rtio.trace.RtioEvent;
import org.junit.jupiter.api.Test;

/**
 * The cycle model against the ranges ARTIQ's own hardware tests accept for a real board
 * (artiq/test/coredevice/test_rtio.py): a faithful model lands inside each of them.
 */
class BoardSpeedTest {
    /** test_pulse_rate: the smallest sustainable TTL switching interval is 100 to 480 ns. */
    @Test
    void sustainedPulseRateIsInsideArtiqsRange() throws Exception {
        byte[] elf = Files.readAllBytes(CoreDeviceTest.KERNELS.resolve("pulse_rate.elf"));
        int dtOffset = fileOffsetOf(elf, "dt");
        int low = 8, high = 1000;               // low underflows, high does not
        assertFalse(sustains(elf, dtOffset, low));
        assertTrue(sustains(elf, dtOffset, high));
        while (high - low > 1) {
            int mid = (low + high) / 2;
            if (sustains(elf, dtOffset, mid)) high = mid;
            else low = mid;
        }
        System.out.printf("board speed: sustained TTL switching interval %d ns (ARTIQ accepts 100-480)%n", high);
        assertTrue(high > 100 && high < 480, "sustained switching interval " + high + " ns");
    }

    private static boolean sustains(byte[] elf, int dtOffset, int dt) throws Exception {
        byte[] image = elf.clone();
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putInt(dtOffset, dt);
        KernelRun run = TestDeviceDb.device().run("pulse_rate.elf", image);
        if (run.outcome() instanceof KernelOutcome.Finished) return true;
        assertEquals("RTIOUnderflow", ((KernelOutcome.Uncaught) run.outcome()).name());
        return false;
    }

    /** Two consecutive counter reads are 50 ns to 1 us apart. */
    @Test
    void consecutiveCounterReadsAreInsideArtiqsRange() throws Exception {
        KernelRun run = CoreDeviceTest.run(TestDeviceDb.device(), "counter_reads");
        List<RtioEvent> led = run.events("led0");
        assertEquals(1, led.size(), run.format());
        long apart = led.getFirst().data();
        System.out.printf("board speed: consecutive counter reads %d ns apart (ARTIQ accepts 50-1000)%n", apart);
        assertTrue(apart >= 50 && apart <= 1000, "counter reads " + apart + " ns apart");
    }

    /** Where a global variable's initial value sits in the ELF file. */
    static int fileOffsetOf(byte[] bytes, String symbol) throws Exception {
        ElfFile elf = ElfFile.from(bytes);
        ElfSymbol s = null;
        for (ElfSymbol candidate : elf.getSymbolTableSection().symbols)
            if (symbol.equals(candidate.getName())) s = candidate;
        assertNotNull(s, symbol);
        for (int i = 0; i < elf.e_phnum; i++) {
            ElfSegment ph = elf.getProgramHeader(i);
            if (ph.p_type == ElfSegment.PT_LOAD && s.st_value >= ph.p_vaddr && s.st_value < ph.p_vaddr + ph.p_filesz)
                return (int) (ph.p_offset + s.st_value - ph.p_vaddr);
        }
        throw new AssertionError(symbol + " is not in a loaded segment");
    }
}
