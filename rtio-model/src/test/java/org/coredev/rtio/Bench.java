package org.coredev.rtio;

import java.util.List;
import org.coredev.rtio.phy.SpiMaster;
import org.coredev.rtio.phy.TtlClockGen;
import org.coredev.rtio.phy.TtlInOut;
import org.coredev.rtio.phy.TtlOut;

/** The test bench of ARTIQ's hardware tests (device_db names of test_rtio.py), wired as a loopback card. */
final class Bench {
    static final int TTL_OUT = 0;
    static final int LOOP_OUT = 1;
    static final int LOOP_IN = 2;
    static final int TTL_INOUT = 3;
    static final int CLOCK_OUT = 4;
    static final int CLOCK_IN = 5;
    static final int SPI = 6;
    static final long WIRE_MU = 16;

    final RtioCore core;
    final SpiMaster spi = new SpiMaster();

    Bench(RtioConfig config) {
        core = new RtioCore(config, List.of(
                Channel.of(TTL_OUT, "ttl_out", new TtlOut()),
                Channel.of(LOOP_OUT, "loop_out", new TtlOut()),
                Channel.of(LOOP_IN, "loop_in", new TtlInOut()),
                Channel.of(TTL_INOUT, "ttl_inout", new TtlInOut()),
                Channel.of(CLOCK_OUT, "loop_clock_out", new TtlClockGen()),
                Channel.of(CLOCK_IN, "loop_clock_in", new TtlInOut()),
                Channel.of(SPI, "spi0", spi)));
        core.connect(LOOP_OUT, LOOP_IN, WIRE_MU);
        core.connect(CLOCK_OUT, CLOCK_IN, WIRE_MU);
    }

    Bench() {
        this(RtioConfig.kasli());
    }

    /** A kernel on this bench whose CPU starts at 1 ms and spends 40 mu per runtime call. */
    SimKernel kernel() {
        return new SimKernel(core, 1_000_000, 40);
    }
}
