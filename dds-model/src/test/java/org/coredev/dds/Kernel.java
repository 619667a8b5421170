package org.coredev.dds;

import org.coredev.rtio.InputResult;
import org.coredev.rtio.RtioCore;

/**
 * A stand-in for the kernel CPU: the timeline cursor ({@code now_mu}) and the CPU's simulated time,
 * driving the RTIO core as ksupport's rtio_output / rtio_input_data do. The CPU stays behind the
 * timeline (kernels in these tests have plenty of slack), except that a read makes it wait for its
 * event and a full lane makes it wait for the lane.
 */
final class Kernel {
    /** An RTIO error that ARTIQ would raise as an exception. */
    static final class RtioError extends RuntimeException {
        RtioError(String m) {
            super(m);
        }
    }

    /** A ValueError raised by a driver. */
    static final class ValueError extends RuntimeException {
        ValueError(String m) {
            super(m);
        }
    }

    final RtioCore core;
    long cpu;
    long now = 125_000;     // core.reset(): counter + 125000

    Kernel(RtioCore core) {
        this.core = core;
    }

    void delayMu(long mu) {
        now += mu;
    }

    /** ARTIQ {@code delay(x * us)}: 1 mu = 1 ns. */
    void delayUs(double us) {
        now += Math.round(us * 1000);
    }

    void atMu(long t) {
        now = t;
    }

    void output(int channel, int address, long data) {
        int status = core.output(cpu, channel << 8 | address, now, data);
        while ((status & 1) != 0) {
            cpu = Math.max(cpu, core.waitEndsAtMu());
            status = core.outputStatus(cpu);
        }
        if ((status & 2) != 0) {
            throw new RtioError(core.underflowMessage(channel, now, core.counterMu(cpu)));
        }
    }

    int inputData(int channel) {
        InputResult r = core.input(cpu, channel, -1);
        cpu = Math.max(cpu, r.atMu());
        if (!r.hasEvent()) {
            throw new RtioError("no input on channel " + channel + ", status " + r.status());
        }
        return r.data();
    }

    /** Kernel end: lets every queued event out. */
    void finish() {
        core.drain();
    }
}
