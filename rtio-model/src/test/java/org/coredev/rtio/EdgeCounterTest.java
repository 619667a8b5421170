package org.coredev.rtio;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.coredev.rtio.phy.EdgeCounter;
import org.coredev.rtio.phy.TtlInOut;
import org.coredev.rtio.phy.TtlOut;
import org.junit.jupiter.api.Test;

/** The edge counter PHY on a TTL input's pad: ttl0 (out) wired to ttl1 (in), ttl1's pad to the counter on 2. */
class EdgeCounterTest {
    static final int RISING = EdgeCounter.COUNT_RISING, FALLING = EdgeCounter.COUNT_FALLING,
            SEND = EdgeCounter.SEND_COUNT_EVENT, RESET = EdgeCounter.RESET_TO_ZERO;

    static RtioCore bench(int width) {
        RtioCore c = new RtioCore(RtioConfig.kasli(), List.of(Channel.of(0, "ttl0", new TtlOut()),
                Channel.of(1, "ttl1", new TtlInOut()), Channel.of(2, "ttl1_counter", new EdgeCounter(width))));
        c.connect(0, 1, 0);
        c.connect(1, 2, 0);
        return c;
    }

    /** Pulses ttl0 n times from t, 1 us high, 1 us low; returns the time after them. */
    static long pulses(RtioCore c, long t, int n) {
        for (int k = 0; k < n; k++) {
            c.output(0, 0, t, 1);
            c.output(0, 0, t + 1000, 0);
            t += 2000;
        }
        return t;
    }

    @Test
    void countsTheEdgesItIsSensitiveToWhileGated() {
        for (int[] sensitivity : new int[][] {{RISING, 3}, {FALLING, 3}, {RISING | FALLING, 6}, {0, 0}}) {
            RtioCore c = bench(31);
            c.output(0, 2 << 8, 10_000, sensitivity[0] | RESET);
            long t = pulses(c, 11_000, 3);
            c.output(0, 2 << 8, t, SEND);                       // gate closed: the count goes out
            pulses(c, t + 1000, 2);                              // not counted
            InputResult r = c.input(0, 2, -1);
            assertEquals(0, r.status());
            assertEquals(sensitivity[1], r.data(), "sensitivity " + sensitivity[0]);
            assertTrue(r.timestampMu() >= t + 8, "the event goes out a coarse cycle after the request");
        }
    }

    @Test
    void resetToZeroStartsAFreshCountAfterTheEventTakesTheOldOne() {
        RtioCore c = bench(31);
        c.output(0, 2 << 8, 10_000, RISING | FALLING | RESET);
        long t = pulses(c, 11_000, 5);
        c.output(0, 2 << 8, t, RISING | FALLING | SEND);          // 10 edges, keep counting
        t = pulses(c, t + 1000, 5);
        c.output(0, 2 << 8, t, SEND | RESET);                      // 20 edges, then zero, gate closed
        c.output(0, 2 << 8, t + 1000, SEND);
        assertEquals(10, c.input(0, 2, -1).data());
        assertEquals(20, c.input(0, 2, -1).data());
        assertEquals(0, c.input(0, 2, -1).data());
    }

    @Test
    void countSaturatesAtTheGatewareWidth() {
        RtioCore c = bench(2);
        c.output(0, 2 << 8, 10_000, RISING | RESET);
        long t = pulses(c, 11_000, 5);
        c.output(0, 2 << 8, t, SEND);
        assertEquals(3, c.input(0, 2, -1).data(), "2 bits: 2^2 - 1, which the driver reports as an overflow");
    }

    @Test
    void coreResetClearsSensitivityAndCount() {
        RtioCore c = bench(31);
        c.output(0, 2 << 8, 10_000, RISING | RESET);
        long t = pulses(c, 11_000, 2);
        c.reset(t);
        c.output(t, 2 << 8, t + 10_000, SEND);
        assertEquals(0, c.input(t, 2, -1).data());
    }
}
