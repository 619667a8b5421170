package org.coredev.emu.device;

import java.util.function.LongSupplier;
import org.coredev.emu.bus.MmioDevice;
import org.coredev.rtio.KernelInitiator;

/**
 * The RTIO core's kernel CSR bank on the CPU's bus. Every access carries the CPU's simulated
 * time, so the RTIO model catches up lazily. The CSR bus is 32 bits wide per word; narrower
 * accesses read the containing word and write nothing, as the board's CSR bridge ignores them.
 */
final class RtioCsrDevice implements MmioDevice {
    private final KernelInitiator csr;
    private final LongSupplier nowMu;

    RtioCsrDevice(KernelInitiator csr, LongSupplier nowMu) {
        this.csr = csr;
        this.nowMu = nowMu;
    }

    @Override public int length() { return (csr.sizeBytes() + 0xfff) & ~0xfff; }

    @Override
    public int load(int offset, int size) {
        int word = csr.read32(nowMu.getAsLong(), offset & ~3);
        if (size == 4) return word;
        int shift = (offset & 3) * 8;
        return (word >>> shift) & (size == 1 ? 0xff : 0xffff);
    }

    @Override
    public void store(int offset, int value, int size) {
        if (size == 4) csr.write32(nowMu.getAsLong(), offset, value);
    }
}
