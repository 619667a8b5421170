package org.coredev.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.coredev.rtio.Channel;
import org.coredev.rtio.RtioConfig;
import org.coredev.rtio.RtioCore;
import org.coredev.rtio.phy.SpiMaster;
import org.coredev.rtio.phy.TtlOut;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * RTIO model throughput: output events per second through {@link RtioCore} (submission with the
 * underflow and lane checks, lane FIFOs, release at the timestamps, the output driver's
 * replacement/collision/busy checks, PHYs and the event log), with a Kasli-like channel mix:
 * pulses on 8 TTL channels in parallel (so the lane distributor spreads them over all 8 lanes)
 * and an SPI transfer (config + data write) every 4th step. The CPU side is idealised: it keeps
 * 5 us of slack, so the number measures the model alone. Target: at least 20 M events/s.
 * Score unit: events per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RtioThroughputBenchmark {
    private static final int STEPS = 1024;
    private static final int TTLS = 8;
    /** 16 TTL events a step plus 2 SPI writes every 4th step. */
    private static final int EVENTS = STEPS * 2 * TTLS + (STEPS / 4) * 2;
    private static final int SPI = TTLS;
    private static final int SPI_CONFIG = SpiMaster.END | (7 << 8) | (0 << 16) | (1 << 24); // 8 bits, div 2

    private RtioCore core;
    private long now;

    @Setup
    public void setup() {
        List<Channel> channels = new ArrayList<>();
        for (int i = 0; i < TTLS; i++) {
            channels.add(Channel.of(i, "ttl" + i, new TtlOut()));
        }
        SpiMaster spi = new SpiMaster();
        spi.attachSlave(t -> t.mosi());
        channels.add(Channel.of(SPI, "spi0", spi));
        core = new RtioCore(RtioConfig.kasli(), channels);
        now = 1_000_000;
    }

    /** Async error bits and lost events so far (a correct run has none). */
    public String health() {
        return "errors=" + core.asyncErrorBits() + " lost=" + core.lostEvents() + " log=" + core.eventLog().size();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int pulsesAndSpiTransfers() {
        int status = 0;
        long t = now;
        for (int step = 0; step < STEPS; step++) {
            long cpu = t - 5_000;
            for (int ch = 0; ch < TTLS; ch++) {          // with parallel: ttlN.on()
                status |= core.output(cpu, ch << 8, t, 1);
            }
            if ((step & 3) == 0) {                       // spi.set_config_mu(); spi.write()
                status |= core.output(cpu, (SPI << 8) | 1, t + 8, SPI_CONFIG);
                status |= core.output(cpu, SPI << 8, t + 16, step);
            }
            for (int ch = 0; ch < TTLS; ch++) {          // 100 ns later: ttlN.off()
                status |= core.output(cpu, ch << 8, t + 100, 0);
            }
            t += 200;
        }
        now = t;
        core.eventLog().clear();
        return status;
    }
}
