package org.coredev.emu.runtime;

/**
 * One symbol of the board's runtime export table (ARTIQ's ksupport/api.rs).
 *
 * @param cycles CPU cycles the call costs on the board, charged to simulated time; how each
 *               figure was derived is documented where the export is registered
 */
public record RuntimeExport(String name, Signature signature, RuntimeFunction function, int cycles) {
    public RuntimeExport {
        if (cycles < 1) throw new IllegalArgumentException(name + ": a call costs at least one cycle");
    }

    public static RuntimeExport of(String name, String signature, int cycles, RuntimeFunction function) {
        return new RuntimeExport(name, Signature.parse(signature), function, cycles);
    }
}
