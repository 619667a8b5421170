package org.coredev.rtio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Moninj probes and overrides on the loopback bench (artiq/gateware/rtio/moninj.py, ttl_serdes_generic.py). */
class MoninjTest {
    private static final int EN = 0, LEVEL = 1, OE = 2;

    @Test
    void anOverriddenOutputDrivesItsWireUntilReleased() {
        Bench b = new Bench();
        RtioCore c = b.core;
        c.inject(1_000, Bench.LOOP_OUT, LEVEL, 1);
        assertEquals(0, c.probe(1_100, Bench.LOOP_IN, 0), "the level override alone changes nothing");
        c.inject(2_000, Bench.LOOP_OUT, EN, 1);
        assertEquals(1, c.probe(2_000, Bench.LOOP_OUT, 0));
        assertEquals(0, c.probe(2_000 + Bench.WIRE_MU - 1, Bench.LOOP_IN, 0), "not across the wire yet");
        assertEquals(1, c.probe(2_000 + Bench.WIRE_MU, Bench.LOOP_IN, 0));
        c.inject(3_000, Bench.LOOP_OUT, EN, 0);
        assertEquals(0, c.probe(3_000 + Bench.WIRE_MU, Bench.LOOP_IN, 0), "released: the RTIO output (low) again");
        assertEquals(1, c.injectionStatus(Bench.LOOP_OUT, LEVEL));
        assertEquals(0, c.injectionStatus(Bench.LOOP_OUT, EN));
    }

    @Test
    void anRtioOutputUnderAnOverrideShowsOnlyOnceTheOverrideIsReleased() {
        Bench b = new Bench();
        RtioCore c = b.core;
        c.inject(1_000, Bench.TTL_OUT, EN, 1);          // override level 0
        c.output(1_000, Bench.TTL_OUT << 8, 10_000, 1);
        assertEquals(0, c.probe(20_000, Bench.TTL_OUT, 0));
        c.inject(30_000, Bench.TTL_OUT, EN, 0);
        assertEquals(1, c.probe(30_000, Bench.TTL_OUT, 0));
    }

    @Test
    void anInOutOverrideSetsBothLevelAndOutputEnable() {
        Bench b = new Bench();
        RtioCore c = b.core;
        c.inject(1_000, Bench.TTL_INOUT, LEVEL, 1);
        c.inject(1_000, Bench.TTL_INOUT, OE, 1);
        assertEquals(0, c.probe(1_000, Bench.TTL_INOUT, 1), "output enable probe before the override is enabled");
        c.inject(1_000, Bench.TTL_INOUT, EN, 1);
        assertEquals(1, c.probe(1_000, Bench.TTL_INOUT, 0));
        assertEquals(1, c.probe(1_000, Bench.TTL_INOUT, 1));
        assertEquals(1, c.injectionStatus(Bench.TTL_INOUT, OE));
        assertEquals(0, c.probe(1_000, 99, 0), "a channel the gateware does not have reads 0");
    }
}
