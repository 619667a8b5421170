package org.coredev.rtio;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.coredev.rtio.phy.SpiMaster;
import org.coredev.rtio.phy.SpiTransfer;
import org.coredev.rtio.phy.TtlClockGen;
import org.coredev.rtio.phy.TtlInOut;
import org.coredev.rtio.phy.TtlOut;
import org.coredev.rtio.trace.RtioEvent;
import org.junit.jupiter.api.Test;

/** PHY behaviour: SPI master v2, TTL in/out, clock generator. */
class PhyTest {
    private static int config(int flags, int length, int div, int cs) {
        return flags | ((length - 1) << 8) | ((div - 2) << 16) | (cs << 24);
    }

    @Test
    void spiTransferShowsSlaveChipSelectLengthAndWireOrderBits() {
        SpiMaster spi = new SpiMaster();
        List<SpiTransfer> seen = new ArrayList<>();
        spi.attachSlave(t -> {
            seen.add(t);
            return 0;
        });
        RtioCore c = new RtioCore(RtioConfig.kasli(), List.of(Channel.of(5, "spi_urukul0", spi)));
        c.output(0, (5 << 8) | 1, 10_000, config(SpiMaster.END, 8, 4, 0b100));
        c.output(0, 5 << 8, 10_008, 0xA5_00_00_00);
        c.drain();
        SpiTransfer t = seen.getFirst();
        assertEquals(0b100, t.chipSelect());
        assertEquals(8, t.lengthBits());
        assertEquals(0xA5, t.mosi(), "MSB first: the top 8 bits of the data word");
        assertEquals(10_008, t.startMu());
        assertEquals(10_008 + 8 * 4 * 8, t.endMu(), "length * div coarse cycles");
        assertTrue(t.endOfTransaction());
        assertEquals(4, t.divider());
    }

    @Test
    void offlineBusTouchesNoSlave() {
        SpiMaster spi = new SpiMaster();
        int[] calls = {0};
        spi.attachSlave(t -> ++calls[0]);
        RtioCore c = new RtioCore(RtioConfig.kasli(), List.of(Channel.of(0, "spi0", spi)));
        c.output(0, 0, 10_000, 0x1234);     // config still at reset: offline
        c.drain();
        assertEquals(0, calls[0]);
        assertEquals(1, spi.transfers());
    }

    @Test
    void spiReadReturnsSlaveBitsAsInputEventAfterTheTransfer() {
        SpiMaster spi = new SpiMaster();
        spi.attachSlave(t -> 0x3C);
        RtioCore c = new RtioCore(RtioConfig.kasli(), List.of(Channel.of(0, "spi0", spi)));
        c.output(0, 1, 10_000, config(SpiMaster.END | SpiMaster.INPUT, 8, 2, 1));
        c.output(0, 0, 10_008, 0);
        InputResult r = c.input(0, 0, -1);
        assertEquals(0, r.status());
        assertEquals(0x3C, r.data());
        assertEquals(0, r.timestampMu(), "SPI inputs carry no timestamp");
        assertEquals(10_008 + 8 * 2 * 8, r.atMu());
    }

    @Test
    void lsbFirstTransfersReverseTheBitOrder() {
        SpiMaster spi = new SpiMaster();
        int[] mosi = {0};
        spi.attachSlave(t -> {
            mosi[0] = t.mosi();
            return 0b1000_0000;             // first bit on the wire high
        });
        RtioCore c = new RtioCore(RtioConfig.kasli(), List.of(Channel.of(0, "spi0", spi)));
        c.output(0, 1, 10_000, config(SpiMaster.END | SpiMaster.INPUT | SpiMaster.LSB_FIRST, 8, 2, 1));
        c.output(0, 0, 10_008, 0x01);
        InputResult r = c.input(0, 0, -1);
        assertEquals(0b1000_0000, mosi[0], "bit 0 of the data goes first");
        assertEquals(1 << 24, r.data(), "the first received bit lands at bit 32 - length");
    }

    @Test
    void configWriteDuringTransferIsBusyAndKeepsTheOldConfig() {
        SpiMaster spi = new SpiMaster();
        RtioCore c = new RtioCore(RtioConfig.kasli(), List.of(Channel.of(0, "spi0", spi)));
        int cfg = config(SpiMaster.END, 32, 10, 1);
        c.output(0, 1, 10_000, cfg);
        c.output(0, 0, 10_008, 0);
        c.output(0, 1, 10_016, config(SpiMaster.END, 8, 2, 2));
        c.drain();
        assertEquals(cfg, spi.config());
        assertEquals(AsyncError.Kind.BUSY, c.asyncErrors().getFirst().kind());
        assertEquals(10_016, c.asyncErrors().getFirst().timestampMu());
    }

    @Test
    void spiEventsOfOneCycleCollideBecauseReplacementIsDisabled() {
        SpiMaster spi = new SpiMaster();
        RtioCore c = new RtioCore(RtioConfig.kasli(), List.of(Channel.of(0, "spi0", spi)));
        c.output(0, 1, 10_000, 1);
        c.output(0, 1, 10_000, 2);
        c.drain();
        assertEquals(List.of("RTIO collision involving channel 0x0000:spi0"), c.coreLog());
    }

    @Test
    void inOutReportsOneEventPerCoarseCycle() {
        TtlInOut in = new TtlInOut();
        RtioCore c = new RtioCore(RtioConfig.kasli(), List.of(Channel.of(0, "ttl_in", in)));
        c.output(0, 2, 1000, 3);             // gate both edges
        c.addStimulus(0, 2001, true);
        c.addStimulus(0, 2003, false);       // same coarse cycle: not reported
        c.addStimulus(0, 2010, true);
        assertEquals(2081, c.input(0, 0, 5000).timestampMu());
        assertEquals(2090, c.input(0, 0, 5000).timestampMu());
        assertEquals(-1, c.input(0, 0, 5000).timestampOrMinusOne());
    }

    @Test
    void resetClosesTheGate() {
        TtlInOut in = new TtlInOut();
        RtioCore c = new RtioCore(RtioConfig.kasli(), List.of(Channel.of(0, "ttl_in", in)));
        c.output(0, 2, 1000, 1);
        c.advanceTo(1000);
        assertEquals(1, in.sensitivity());
        c.reset(1500);
        assertEquals(0, in.sensitivity());
        c.addStimulus(0, 2000, true);
        assertEquals(-1, c.input(1500, 0, 5000).timestampOrMinusOne());
    }

    @Test
    void outputEnableSwitchesThePadBetweenOutputAndOutside() {
        TtlInOut io = new TtlInOut();
        RtioCore c = new RtioCore(RtioConfig.kasli(), List.of(Channel.of(0, "ttl", io)));
        c.output(0, 0, 1000, 1);             // o = 1, but oe = 0: the pad follows the outside (low)
        c.advanceTo(1000);
        assertFalse(io.level());
        c.output(1000, 1, 2000, 1);          // oe = 1
        c.advanceTo(2000);
        assertTrue(io.level());
        assertTrue(io.outputEnabled());
    }

    @Test
    void clockGeneratorEdgesFollowTheTuningWord() {
        TtlClockGen clk = new TtlClockGen();
        TtlInOut in = new TtlInOut();
        RtioCore c = new RtioCore(RtioConfig.kasli(), List.of(Channel.of(0, "clk", clk), Channel.of(1, "in", in)));
        c.connect(0, 1, 0);
        c.output(0, (1 << 8) | 2, 1000, 1);          // rising edges
        c.output(0, 0, 1000, 1 << 21);                // 1/8 of full scale: 8 cycles a period, 64 mu
        c.output(0, 0, 1000 + 64 * 4, 0);             // stop after four periods
        List<Long> ts = new ArrayList<>();
        long t;
        while ((t = c.input(0, 1, 3000).timestampOrMinusOne()) >= 0) {
            ts.add(t);
        }
        assertEquals(List.of(1080L, 1144L, 1208L, 1272L), ts);
        assertEquals(0, clk.ftw(), "stopped");
    }

    @Test
    void clockGeneratorFrequencyIsTuningWordTimesCoarseClock() {
        TtlClockGen clk = new TtlClockGen();
        RtioCore c = new RtioCore(RtioConfig.kasli(), List.of(Channel.of(0, "clk", clk)));
        c.output(0, 0, 1000, 1 << 21);
        c.advanceTo(1000);
        assertEquals(125.0 / 8, clk.frequencyMhz(), 0.0);
    }

    @Test
    void clockGeneratorEdgesMatchTheAccumulatorCycleByCycle() {
        for (int ftw : new int[] {1, 3, 5, 8, 9, 12, 15}) {
            TtlClockGen clk = new TtlClockGen(4);
            TtlInOut in = new TtlInOut();
            RtioCore c = new RtioCore(RtioConfig.kasli(), List.of(Channel.of(0, "clk", clk), Channel.of(1, "in", in)));
            c.connect(0, 1, 0);
            c.output(0, (1 << 8) | 2, 1000, 3);       // both edges
            c.output(0, 0, 1000, ftw);
            c.output(0, 0, 1000 + 8 * 40, 0);
            List<Long> got = new ArrayList<>();
            long t;
            while ((t = c.input(0, 1, 2000).timestampOrMinusOne()) >= 0) {
                got.add(t - 80);
            }
            // ttl_simple.py ClockGen: acc loaded with half scale, then acc += ftw each cycle; pin = top bit.
            List<Long> expected = new ArrayList<>();
            int acc = 8;
            boolean level = true;
            expected.add(1000L);
            for (int cycle = 1; cycle < 40; cycle++) {
                acc = (acc + ftw) & 15;
                if ((acc >= 8) != level) {
                    level = acc >= 8;
                    expected.add(1000L + 8 * cycle);
                }
            }
            if (level) {
                expected.add(1000L + 8 * 40);         // stopping pulls the pin low
            }
            assertEquals(expected, got, "ftw " + ftw);
        }
    }

    @Test
    void ttlOutWithoutFineTimestampsActsOnTheCycleStart() {
        TtlOut simple = new TtlOut(false);
        TtlInOut in = new TtlInOut();
        RtioCore c = new RtioCore(RtioConfig.kasli(), List.of(Channel.of(0, "o", simple), Channel.of(1, "i", in)));
        c.connect(0, 1, 0);
        c.output(0, (1 << 8) | 2, 1000, 1);
        c.output(0, 0, 2005, 1);
        assertEquals(2000 + 80, c.input(0, 1, 5000).timestampMu());
        assertEquals(1, c.eventLog().events(0, RtioEvent.Kind.OUTPUT).size());
    }
}
