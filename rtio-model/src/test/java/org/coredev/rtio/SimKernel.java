package org.coredev.rtio;

/**
 * A stand-in for the kernel CPU in tests: it keeps the timeline cursor ({@code now}) and the
 * CPU's simulated time, charges a fixed CPU cost per runtime call, and drives the model through
 * the {@link KernelInitiator} exactly as ksupport's rtio.rs and ARTIQ's ttl.py / spi2.py drivers
 * do (spin on the wait bit, raise on underflow and overflow).
 */
final class SimKernel {
    static final class RtioUnderflow extends RuntimeException {
        RtioUnderflow(String m) {
            super(m);
        }
    }

    static final class RtioOverflow extends RuntimeException {
        RtioOverflow(String m) {
            super(m);
        }
    }

    final RtioCore core;
    final KernelInitiator csr;
    long cpu;
    long now;
    long callCostMu;

    SimKernel(RtioCore core, long cpuStartMu, long callCostMu) {
        this.core = core;
        this.csr = new KernelInitiator(core, 4);
        this.cpu = cpuStartMu;
        this.callCostMu = callCostMu;
    }

    long counter() {
        cpu += callCostMu;
        return csr.getCounter(cpu);
    }

    /** core.reset(): rtio_init, then now = counter + 125000. */
    void reset() {
        core.reset(cpu);
        now = core.counterMu(cpu) + 125_000;
    }

    void breakRealtime() {
        long min = core.counterMu(cpu) + 125_000;
        if (now < min) {
            now = min;
        }
    }

    void delay(long mu) {
        now += mu;
    }

    void output(int channel, int address, int data) {
        cpu += callCostMu;
        csr.setNow(now);
        int status = csr.output(cpu, channel << 8 | address, data);
        while ((status & 1) != 0) {
            cpu = Math.max(cpu, csr.oStatusClearsAtMu());
            status = csr.readOStatus(cpu);
        }
        if ((status & 2) != 0) {
            throw new RtioUnderflow(core.underflowMessage(channel, now, csr.getCounter(cpu)));
        }
    }

    long inputTimestamp(long timeout, int channel) {
        cpu += callCostMu;
        csr.writeTarget(channel << 8);
        csr.writeITimeout(cpu, timeout);
        cpu = Math.max(cpu, csr.iStatusSettlesAtMu());
        int status = csr.readIStatus(cpu);
        if ((status & 2) != 0) {
            throw new RtioOverflow(core.overflowMessage(channel));
        }
        if ((status & 1) != 0) {
            return -1;
        }
        return csr.readITimestamp();
    }

    int inputData(int channel) {
        cpu += callCostMu;
        csr.writeTarget(channel << 8);
        csr.writeITimeout(cpu, -1);
        cpu = Math.max(cpu, csr.iStatusSettlesAtMu());
        int status = csr.readIStatus(cpu);
        if ((status & 2) != 0) {
            throw new RtioOverflow(core.overflowMessage(channel));
        }
        return csr.readIData();
    }

    // ttl.py
    void on(int ch) {
        output(ch, 0, 1);
    }

    void off(int ch) {
        output(ch, 0, 0);
    }

    void pulse(int ch, long mu) {
        on(ch);
        delay(mu);
        off(ch);
    }

    void input(int ch) {
        output(ch, 1, 0);
    }

    void outputMode(int ch) {
        output(ch, 1, 1);
    }

    long gate(int ch, int sensitivity, long mu) {
        output(ch, 2, sensitivity);
        delay(mu);
        output(ch, 2, 0);
        return now;
    }

    /** ttl.py gate_latency_mu default: 13 coarse cycles. */
    static final long GATE_LATENCY = 13 * 8;

    long timestampMu(int ch, long upTo) {
        return inputTimestamp(upTo + GATE_LATENCY, ch);
    }

    int count(int ch, long upTo) {
        int n = 0;
        while (inputTimestamp(upTo + GATE_LATENCY, ch) >= 0) {
            n++;
        }
        return n;
    }

    void sampleInput(int ch) {
        output(ch, 3, 0);
    }

    int sampleGet(int ch) {
        return inputData(ch);
    }

    // TTLClockGen
    void clockSetMu(int ch, int ftw) {
        output(ch, 0, ftw);
    }

    // spi2.py
    void spiSetConfigMu(int ch, int flags, int length, int div, int cs) {
        output(ch, 1, flags | ((length - 1) << 8) | ((div - 2) << 16) | (cs << 24));
        delay(8);
    }

    void spiWrite(int ch, int data, int length, int div) {
        output(ch, 0, data);
        delay(((length + 1L) * div + 1) * 8);
    }
}
