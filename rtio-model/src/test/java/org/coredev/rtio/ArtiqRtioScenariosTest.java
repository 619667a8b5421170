package org.coredev.rtio;

import static org.coredev.rtio.Bench.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.coredev.rtio.trace.RtioEvent;
import org.junit.jupiter.api.Test;

/**
 * The scenarios of ARTIQ's artiq/test/coredevice/test_rtio.py that concern the RTIO core, run
 * against the model with the same driver calls, each asserting what the board does.
 */
class ArtiqRtioScenariosTest {

    @Test
    void loopbackRoundTripIsWireDelayPlusInputLatencyWithinArtiqRange() {
        Bench b = new Bench();
        SimKernel k = b.kernel();
        k.reset();
        k.input(LOOP_IN);
        k.off(LOOP_OUT);
        k.delay(1000);
        long start = k.now;
        k.output(LOOP_IN, 2, 1);          // with parallel: gate_rising(2 us)
        k.delay(2000);
        k.output(LOOP_IN, 2, 0);
        k.now = start + 1000;             // with sequential: delay(1 us); t0 = now_mu(); pulse(1 us)
        long t0 = k.now;
        k.pulse(LOOP_OUT, 1000);
        long t1 = k.timestampMu(LOOP_IN, k.now);
        assertEquals(t0 + WIRE_MU + 80, t1);
        long rtt = t1 - t0;
        assertTrue(rtt > 20 && rtt < 170, "test_loopback accepts 20..170 ns, got " + rtt);
    }

    @Test
    void selfLoopedInOutSeesItsOwnPulse() {
        Bench b = new Bench();
        SimKernel k = b.kernel();
        k.reset();
        k.outputMode(TTL_INOUT);
        k.delay(1000);
        long start = k.now;
        k.output(TTL_INOUT, 2, 1);
        k.delay(5000);
        k.output(TTL_INOUT, 2, 0);
        k.now = start + 1000;
        long t0 = k.now;
        k.pulse(TTL_INOUT, 1000);
        long t1 = k.timestampMu(TTL_INOUT, k.now);
        assertEquals(t0 + 80, t1);
    }

    @Test
    void pulseTrainReachesThePinAtTheExactTimestamps() {
        Bench b = new Bench();
        SimKernel k = b.kernel();
        k.reset();
        long t = k.now;
        for (int i = 0; i < 1000; i++) {
            k.pulse(TTL_OUT, 150);
            k.delay(150);
        }
        b.core.drain();
        List<RtioEvent> events = b.core.eventLog().events(TTL_OUT, RtioEvent.Kind.OUTPUT);
        assertEquals(2000, events.size());
        for (int i = 0; i < 1000; i++) {
            assertEquals(t + 300L * i, events.get(2 * i).timestampMu());
            assertEquals(1, events.get(2 * i).data());
            assertEquals(t + 300L * i + 150, events.get(2 * i + 1).timestampMu());
            assertEquals(0, events.get(2 * i + 1).data());
        }
        assertEquals(0, b.core.asyncErrorBits());
    }

    @Test
    void pulsesFasterThanTheCpuRaiseUnderflowWithNegativeSlackMessage() {
        Bench b = new Bench();
        SimKernel k = b.kernel();
        k.reset();
        SimKernel.RtioUnderflow e = assertThrows(SimKernel.RtioUnderflow.class, () -> {
            while (true) {                 // test_rtio.py Underflow
                k.delay(25);
                k.pulse(TTL_OUT, 25);
            }
        });
        assertTrue(e.getMessage().startsWith("RTIO underflow at channel 0x0000:ttl_out, "), e.getMessage());
        long slack = Long.parseLong(e.getMessage().replaceAll(".*slack (-?\\d+) mu", "$1"));
        // The gateware refuses events less than 13 coarse cycles ahead of the counter.
        assertTrue(slack < 13 * 8, "slack " + slack);
    }

    @Test
    void minimumSlackIsThirteenCoarseCyclesAheadOfTheCounter() {
        Bench b = new Bench();
        long cpu = 8000;
        assertEquals(0, b.core.output(cpu, TTL_OUT << 8, cpu + 13 * 8, 1) & 2);
        assertEquals(2, b.core.output(cpu, TTL_OUT << 8, cpu + 13 * 8 - 1, 0) & 2);
        assertEquals(2, b.core.outputStatus(cpu) & 2, "underflow bit stays until the next write");
        assertEquals(0, b.core.output(cpu, TTL_OUT << 8, cpu + 200, 0) & 2);
    }

    @Test
    void goingBackInTimeOnMoreLanesThanExistIsLoggedAsSequenceError() {
        Bench b = new Bench();
        SimKernel k = b.kernel();
        k.reset();
        k.delay(55 * 256 * 1000);          // test_rtio.py SequenceError
        for (int i = 0; i < 256; i++) {
            k.pulse(TTL_OUT, 25_000);
            k.delay(-75_000);
        }
        b.core.drain();
        assertTrue(b.core.coreLog().contains("RTIO sequence error involving channel 0x0000:ttl_out"),
                b.core.coreLog().toString());
        assertEquals(4, b.core.asyncErrorBits() & 4);
        AsyncError first = b.core.asyncErrors().getFirst();
        assertEquals(AsyncError.Kind.SEQUENCE_ERROR, first.kind());
        // Lanes 0..7 take the first eight pulses; the ninth one lands on lane 0 again.
        long base = 125_000 + b.core.counterMu(1_000_000) + 55L * 256 * 1000;
        assertEquals(base - 8 * 50_000, first.timestampMu());
    }

    @Test
    void pulsesOneMachineUnitApartCollide() {
        Bench b = new Bench();
        SimKernel k = b.kernel();
        k.reset();
        k.delay(5_000_000);                // test_rtio.py Collision
        for (int i = 0; i < 16; i++) {
            k.pulse(TTL_OUT, 1);
            k.delay(1);
        }
        b.core.drain();
        assertTrue(b.core.coreLog().contains("RTIO collision involving channel 0x0000:ttl_out"));
        assertEquals(1, b.core.takeAsyncErrorBits() & 1);
        assertEquals(0, b.core.asyncErrorBits(), "taking the bits clears them, as KernelFinished does");
    }

    @Test
    void outputAndOutputEnableAtTheSameTimestampCollide() {
        Bench b = new Bench();
        SimKernel k = b.kernel();
        k.reset();
        k.input(LOOP_IN);                  // test_rtio.py AddressCollision
        k.pulse(LOOP_IN, 10_000);
        b.core.drain();
        assertEquals(List.of("RTIO collision involving channel 0x0002:loop_in"), b.core.coreLog());
        assertEquals(AsyncError.Kind.COLLISION, b.core.asyncErrors().getFirst().kind());
    }

    @Test
    void zeroLengthPulseIsReplacedWithoutError() {
        Bench b = new Bench();
        SimKernel k = b.kernel();
        k.reset();
        k.on(TTL_OUT);
        k.off(TTL_OUT);
        b.core.drain();
        assertEquals(0, b.core.asyncErrorBits());
        List<RtioEvent> out = b.core.eventLog().events(TTL_OUT, RtioEvent.Kind.OUTPUT);
        assertEquals(1, out.size());
        assertEquals(0, out.getFirst().data(), "the later write wins");
    }

    @Test
    void spiWriteDuringTransferIsBusyErrorAndIgnored() {
        Bench b = new Bench();
        int[] seen = new int[1];
        b.spi.attachSlave(t -> {
            seen[0]++;
            return 0;
        });
        SimKernel k = b.kernel();
        k.reset();
        k.spiSetConfigMu(SPI, org.coredev.rtio.phy.SpiMaster.END, 32, 4, 1);
        k.output(SPI, 0, 0x1234);
        k.delay(8 * 10);                   // far less than (32 + 1) * 4 cycles
        k.output(SPI, 0, 0x5678);
        b.core.drain();
        assertEquals(List.of("RTIO busy error involving channel 0x0006:spi0"), b.core.coreLog());
        assertEquals(2, b.core.asyncErrorBits());
        assertEquals(1, seen[0]);
    }

    @Test
    void spiTransfersSpacedByDriverDurationAreNotBusy() {
        Bench b = new Bench();
        SimKernel k = b.kernel();
        k.reset();
        k.spiSetConfigMu(SPI, org.coredev.rtio.phy.SpiMaster.END, 32, 4, 1);
        for (int i = 0; i < 10; i++) {
            k.spiWrite(SPI, i, 32, 4);
        }
        b.core.drain();
        assertEquals(0, b.core.asyncErrorBits());
        assertEquals(10, b.spi.transfers());
    }

    @Test
    void samplingMoreInputsThanTheFifoHoldsRaisesOverflow() {
        Bench b = new Bench();
        SimKernel k = b.kernel();
        k.reset();
        SimKernel.RtioOverflow e = assertThrows(SimKernel.RtioOverflow.class, () -> {
            for (int i = 0; i < 1000; i++) {   // test_rtio.py Overflow
                k.sampleInput(LOOP_IN);
                k.delay(1000);
            }
            k.sampleGet(LOOP_IN);
        });
        assertEquals("RTIO input overflow on channel 0x0002:loop_in", e.getMessage());
        // The overflow read cleared the flag; the first 64 samples are still there.
        assertEquals(64, b.core.inputFifoLevel(LOOP_IN));
    }

    @Test
    void countingGatedLoopbackPulsesCountsEveryRisingEdge() {
        for (int npulses : new int[] {1, 10, 100}) {
            Bench b = new Bench();
            SimKernel k = b.kernel();
            k.reset();                         // test_rtio.py LoopbackCount
            k.input(LOOP_IN);
            // loop_out is a TTLOut: output() is a no-op in ttl.py
            k.delay(5000);
            long start = k.now;
            k.output(LOOP_IN, 2, 1);
            k.delay(10_000);
            k.output(LOOP_IN, 2, 0);
            long end = k.now;
            k.now = start;
            for (int i = 0; i < npulses; i++) {
                k.delay(25);
                k.pulse(LOOP_OUT, 25);
            }
            k.now = Math.max(end, k.now);
            assertEquals(Math.min(npulses, 10_000 / 50), k.count(LOOP_IN, k.now), "npulses " + npulses);
        }
    }

    @Test
    void edgesOutsideTheGateAreNotRegistered() {
        Bench b = new Bench();
        SimKernel k = b.kernel();
        k.reset();
        k.input(LOOP_IN);
        k.delay(1000);
        k.pulse(LOOP_OUT, 100);            // before the gate
        k.delay(1000);
        long gateEnd = k.gate(LOOP_IN, 1, 1000);
        k.delay(1000);
        k.pulse(LOOP_OUT, 100);            // after the gate
        assertEquals(0, k.count(LOOP_IN, gateEnd));
    }

    @Test
    void gateFallingSeesOnlyFallingEdgesWithLevelZero() {
        Bench b = new Bench();
        SimKernel k = b.kernel();
        k.reset();
        k.input(LOOP_IN);
        k.delay(1000);
        long start = k.now;
        k.output(LOOP_IN, 2, 2);
        k.now = start + 200;
        long fall = start + 300;
        k.pulse(LOOP_OUT, 100);
        k.now = start + 2000;
        k.output(LOOP_IN, 2, 0);
        SimKernel kk = k;
        assertEquals(fall + WIRE_MU + 80, kk.inputTimestamp(k.now + 104, LOOP_IN));
        assertEquals(-1, kk.inputTimestamp(k.now + 104, LOOP_IN));
        List<RtioEvent> in = b.core.eventLog().events(LOOP_IN, RtioEvent.Kind.INPUT);
        assertEquals(0, in.getFirst().data());
    }

    @Test
    void tightGateCatchesThePulseWithArtiqLatencyOffset() {
        Bench b = new Bench();
        SimKernel k = b.kernel();
        k.reset();                             // test_rtio.py LoopbackGateTiming
        k.input(LOOP_IN);
        // loop_out is a TTLOut: output() is a no-op in ttl.py
        k.delay(500);
        k.off(LOOP_OUT);
        k.delay(5000);
        long start = k.now;
        k.output(LOOP_IN, 2, 1);
        k.delay(10_000);
        k.output(LOOP_IN, 2, 0);
        k.now = start + 5000;
        long outMu = k.now;
        k.pulse(LOOP_OUT, 1000);
        k.now = start + 10_000;
        long inMu = k.timestampMu(LOOP_IN, k.now);
        assertTrue(inMu >= 0, "cannot determine loop delay");
        long loopDelay = inMu - outMu;

        k.delay(10_000);
        long gateStart = k.now;
        long gateEnd = k.gate(LOOP_IN, 3, 48);
        long latOffset = 11 * 8;
        outMu = gateStart - loopDelay + latOffset;
        k.now = outMu;
        k.pulse(LOOP_OUT, 48);
        inMu = k.timestampMu(LOOP_IN, gateEnd);
        assertTrue(inMu >= 0, "pulse not received");
        assertTrue(gateStart <= inMu - latOffset && inMu - latOffset <= gateEnd, "input event should occur during gate");
        assertTrue(Math.abs(inMu - outMu - loopDelay) < 2, "loop delay should not change");
        assertTrue(k.timestampMu(LOOP_IN, gateEnd) <= 0, "only one pulse should be received");
    }

    @Test
    void sampledLevelFollowsTheLoopbackOutput() {
        Bench b = new Bench();
        SimKernel k = b.kernel();
        k.reset();                             // test_rtio.py Level
        k.input(LOOP_IN);
        // loop_out is a TTLOut: output() is a no-op in ttl.py
        k.delay(5000);
        k.off(LOOP_OUT);
        k.delay(5000);
        k.sampleInput(LOOP_IN);
        assertEquals(0, k.sampleGet(LOOP_IN));
        k.breakRealtime();
        k.on(LOOP_OUT);
        k.delay(5000);
        k.sampleInput(LOOP_IN);
        assertEquals(1, k.sampleGet(LOOP_IN));
    }

    @Test
    void watchReportsALevelChangeDuringTheWatch() {
        Bench b = new Bench();
        SimKernel k = b.kernel();
        k.reset();                             // test_rtio.py Watch
        k.input(LOOP_IN);
        // loop_out is a TTLOut: output() is a no-op in ttl.py
        k.delay(5000);
        k.off(LOOP_OUT);
        k.delay(5000);
        assertTrue(watchStayOff(k));
        k.delay(10_000);
        assertTrue(watchDone(k), "no change: watch succeeds");
        k.delay(10_000);
        assertTrue(watchStayOff(k));
        k.delay(3000);
        k.on(LOOP_OUT);
        k.delay(10_000);
        assertFalse(watchDone(k), "the output went high during the watch");
    }

    private static boolean watchStayOff(SimKernel k) {
        k.output(LOOP_IN, 3, 1);
        return k.inputData(LOOP_IN) == 0;
    }

    private static boolean watchDone(SimKernel k) {
        k.output(LOOP_IN, 2, 0);
        boolean success = true;
        while (k.inputTimestamp(k.now + SimKernel.GATE_LATENCY, LOOP_IN) != -1) {
            success = false;
        }
        return success;
    }

    @Test
    void inputTimeoutReturnsMinusOneWhenTheCounterReachesTheTimeout() {
        Bench b = new Bench();
        SimKernel k = b.kernel();
        k.reset();
        long timeout = k.now + 5003;
        assertEquals(-1, k.inputTimestamp(timeout, LOOP_IN));
        assertEquals(timeout + 5, k.cpu, "the CPU waits until the first coarse tick at or after the timeout");
    }

    @Test
    void waitForCounterDoesNotReturnEarly() {
        Bench b = new Bench();
        SimKernel k = b.kernel();
        k.breakRealtime();                     // test_rtio.py WaitForRTIOCounter
        long target = k.now + 10_000;
        while (k.counter() < target) {
            k.cpu += 100;
        }
        assertTrue(k.counter() >= target);
    }

    @Test
    void clockGeneratorAtOneMegahertzGivesTenEdgesInTenMicroseconds() {
        Bench b = new Bench();
        SimKernel k = b.kernel();
        k.reset();                             // test_rtio.py ClockGeneratorLoopback
        k.input(CLOCK_IN);
        k.clockSetMu(CLOCK_OUT, 0);
        k.delay(200_000);
        long start = k.now;
        k.output(CLOCK_IN, 2, 1);
        k.delay(10_000);
        k.output(CLOCK_IN, 2, 0);
        k.now = start + 200;
        int ftw = (int) Math.round(Math.pow(2, 24) * 1e6 * 8e-9);   // ttl.py frequency_to_ftw(1 MHz)
        k.clockSetMu(CLOCK_OUT, ftw);
        k.now = start + 10_000;
        assertEquals(10, k.count(CLOCK_IN, k.now));
    }

    @Test
    void consecutiveCounterReadsAreOrderedAndCoarse() {
        Bench b = new Bench();
        SimKernel k = b.kernel();
        long t0 = k.counter();
        long t1 = k.counter();
        assertEquals(0, t0 % 8);
        assertEquals(40, t1 - t0);
    }
}
