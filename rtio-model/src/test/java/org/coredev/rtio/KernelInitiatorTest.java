package org.coredev.rtio;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.coredev.rtio.phy.TtlInOut;
import org.coredev.rtio.phy.TtlOut;
import org.junit.jupiter.api.Test;

/** The rtio CSR bank as the kernel CPU sees it on the bus. */
class KernelInitiatorTest {
    private static RtioCore core() {
        RtioCore c = new RtioCore(RtioConfig.kasli(), List.of(
                Channel.of(0, "ttl0", new TtlOut()), Channel.of(1, "ttl1", new TtlInOut())));
        c.connect(0, 1, 0);
        return c;
    }

    @Test
    void nowIsCommittedWhenTheLowWordIsWritten() {
        for (int stride : new int[] {4, 8}) {
            KernelInitiator ki = new KernelInitiator(core(), stride);
            ki.write32(0, KernelInitiator.NOW_HI * stride, 1);
            assertEquals(0, ki.now(), "now_hi alone changes nothing");
            ki.write32(0, KernelInitiator.NOW_LO * stride, 5);
            assertEquals((1L << 32) | 5, ki.now());
            assertEquals(1, ki.read32(0, KernelInitiator.NOW_HI * stride));
            assertEquals(5, ki.read32(0, KernelInitiator.NOW_LO * stride));
        }
    }

    @Test
    void rv32gBankMatchesTheBoardsCsrAddresses() {
        // csr.rs of a 64-bit CSR bus: o_status 0x98, i_status 0xc8, counter 0xd0, counter_update 0xe0.
        KernelInitiator ki = new KernelInitiator(core(), 8);
        assertEquals(0x98, KernelInitiator.O_STATUS * 8);
        assertEquals(0xc8, KernelInitiator.I_STATUS * 8);
        assertEquals(0xe0, KernelInitiator.COUNTER_UPDATE * 8);
        ki.write32(12_345, 0xe0, 1);
        assertEquals(12_344, ki.read32(0, 0xd0 + 8));
        assertEquals(0, ki.read32(0, 0xd0));
        assertEquals(29 * 8, ki.sizeBytes());
    }

    @Test
    void writingTheLowDataWordIssuesTheWriteAtNow() {
        RtioCore c = core();
        KernelInitiator ki = new KernelInitiator(c, 4);
        ki.setNow(10_000);
        ki.write32(0, KernelInitiator.TARGET * 4, 0 << 8);
        ki.write32(0, (KernelInitiator.O_DATA + 14) * 4, 7);     // bits 32..63: no command yet
        c.drain();
        assertEquals(0, c.eventLog().size());
        ki.write32(0, (KernelInitiator.O_DATA + 15) * 4, 1);     // bits 0..31: write command
        c.drain();
        assertEquals(1, c.eventLog().size());
        assertEquals((7L << 32) | 1, c.eventLog().get(0).data());
        assertEquals(10_000, c.eventLog().get(0).timestampMu());
    }

    @Test
    void writingTargetClearsOData() {
        KernelInitiator ki = new KernelInitiator(core(), 4);
        ki.write32(0, (KernelInitiator.O_DATA + 14) * 4, 7);
        ki.writeTarget(0);
        assertEquals(0, ki.read32(0, (KernelInitiator.O_DATA + 14) * 4));
    }

    @Test
    void underflowStatusIsReadThroughOStatus() {
        KernelInitiator ki = new KernelInitiator(core(), 4);
        ki.setNow(100);
        assertEquals(2, ki.output(10_000, 0, 1));
        assertEquals(2, ki.read32(10_000, KernelInitiator.O_STATUS * 4));
    }

    @Test
    void readCommandSettlesWhenTheEventArrives() {
        RtioCore c = core();
        KernelInitiator ki = new KernelInitiator(c, 4);
        ki.setNow(20_000);
        ki.output(0, (1 << 8) | 2, 1);                 // gate rising on ttl1
        ki.setNow(21_000);
        ki.output(0, 0, 1);                            // ttl0 high, wired to ttl1
        ki.writeTarget(1 << 8);
        ki.write32(0, KernelInitiator.I_TIMEOUT * 4, 0);
        ki.write32(0, (KernelInitiator.I_TIMEOUT + 1) * 4, 30_000);
        long settles = ki.iStatusSettlesAtMu();
        assertEquals(21_080, settles, "edge at 21000, input latency 80");
        assertEquals(InputResult.WAIT_STATUS, ki.read32(settles - 1, KernelInitiator.I_STATUS * 4));
        assertEquals(0, ki.read32(settles, KernelInitiator.I_STATUS * 4));
        assertEquals(21_080, ki.read32(settles, (KernelInitiator.I_TIMESTAMP + 1) * 4));
        assertEquals(1, ki.read32(settles, KernelInitiator.I_DATA * 4));
    }

    @Test
    void unmappedOffsetsReadZeroAndIgnoreWrites() {
        KernelInitiator ki = new KernelInitiator(core(), 8);
        ki.write32(0, 4, 99);
        assertEquals(0, ki.read32(0, 4));
        assertEquals(0, ki.read32(0, 29 * 8));
        assertThrows(RtioException.class, () -> new KernelInitiator(core(), 2));
    }

    @Test
    void readWithNoPossibleEventAndNoTimeoutFailsInsteadOfHanging() {
        RtioCore c = core();
        RtioException e = assertThrows(RtioException.class, () -> c.input(0, 1, -1));
        assertTrue(e.getMessage().contains("channel 0x0001:ttl1"), e.getMessage());
    }

    @Test
    void outputWideWritesEveryWordBeforeTheCommand() {
        RtioCore c = core();
        KernelInitiator ki = new KernelInitiator(c, 4);
        ki.setNow(10_000);
        assertEquals(0, ki.outputWide(0, 0, new int[] {1, 2, 3}));
        c.drain();
        assertArrayEquals(new int[] {1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, c.eventLog().wideData(0));
    }

    @Test
    void inputShortcutTimesOutAtTheFirstTickAfterTheTimeout() {
        KernelInitiator ki = new KernelInitiator(core(), 4);
        InputResult r = ki.input(100, 1, 1001);
        assertEquals(InputResult.WAIT_EVENT, r.status());
        assertEquals(1008, r.atMu());
        assertEquals(-1, r.timestampOrMinusOne());
    }
}
