package org.coredev.emu.device.ksupport;

/**
 * Re-points the running kernel's imports of a symbol to another address, as ksupport does with
 * libdyld's {@code rebind} when DMA recording starts and stops (ksupport/lib.rs): the core device
 * implements it with {@code LoadedImage.rebind} on the kernel being run.
 */
@FunctionalInterface
public interface ImportRebinder {
    void rebind(String symbol, int address);
}
