package org.coredev.emu.device.ksupport;

import java.util.function.Consumer;
import org.coredev.emu.cpu.Cpu;
import org.coredev.emu.device.KernelRaiser;
import org.coredev.emu.device.LogLine;
import org.coredev.emu.device.i2c.I2cMaster;
import org.coredev.emu.runtime.Runtime;
import org.coredev.rtio.RtioCore;

/**
 * The rest of ksupport's export table (artiq/firmware/ksupport/api.rs) beyond RTIO, RPC,
 * exceptions and the math/libc helpers: {@code core_log}, the core cache, DMA, the
 * non-realtime buses and subkernels, registered together.
 *
 * <pre>{@code
 * RuntimeHeap heap = RuntimeHeap.map(bus);
 * Ksupport ksupport = Ksupport.register(runtime, heap, cpu, 8, rtio, raiser, log::add,
 *         (symbol, address) -> runningImage.rebind(symbol, address),   // DMA recording
 *         BoardI2c.fromDeviceDb(source, db));                          // the I2C chips
 * ksupport.startKernel();   // before each kernel: cache rows unborrowed, no DMA recording
 * }</pre>
 */
public final class Ksupport {
    private final CoreLog log;
    private final CoreCache cache;
    private final CoreDma dma;

    private Ksupport(CoreLog log, CoreCache cache, CoreDma dma) {
        this.log = log;
        this.cache = cache;
        this.dma = dma;
    }

    public static Ksupport register(Runtime runtime, RuntimeHeap heap, Cpu cpu, int muPerCycle, RtioCore rtio,
                                    KernelRaiser raiser, Consumer<LogLine> logSink, ImportRebinder rebinder,
                                    I2cMaster i2c) {
        CoreLog log = CoreLog.register(runtime, cpu, muPerCycle, logSink);
        CoreCache cache = CoreCache.register(runtime, heap, cpu, raiser);
        CoreDma dma = CoreDma.register(runtime, heap, rtio, cpu, muPerCycle, raiser, log, rebinder);
        NrtBuses.register(runtime, raiser, i2c);
        Subkernels.register(runtime, raiser);
        return new Ksupport(log, cache, dma);
    }

    public CoreLog log() { return log; }
    public CoreCache cache() { return cache; }
    public CoreDma dma() { return dma; }

    /**
     * Between kernels: the board restarts the kernel CPU (no DMA recording survives) and the
     * comms CPU unborrows every cache row when a kernel ends (session.rs).
     */
    public void startKernel() {
        cache.unborrowAll();
        dma.startKernel();
    }
}
