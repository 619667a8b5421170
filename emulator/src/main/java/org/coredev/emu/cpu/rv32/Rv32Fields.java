package org.coredev.emu.cpu.rv32;

/** Field extraction for RV32 instruction words, defined once (unprivileged spec, section 2.3). */
final class Rv32Fields {
    private Rv32Fields() {}

    static int rd(int w) { return (w >>> 7) & 31; }
    static int rs1(int w) { return (w >>> 15) & 31; }
    static int rs2(int w) { return (w >>> 20) & 31; }
    static int rs3(int w) { return w >>> 27; }
    static int rm(int w) { return (w >>> 12) & 7; }
    static int csr(int w) { return w >>> 20; }
    static int immI(int w) { return w >> 20; }
    static int immS(int w) { return ((w >> 25) << 5) | ((w >>> 7) & 31); }
    static int immB(int w) {
        return ((w >> 31) << 12) | (((w >>> 7) & 1) << 11) | (((w >>> 25) & 63) << 5) | (((w >>> 8) & 15) << 1);
    }
    static int immU(int w) { return w & 0xffff_f000; }
    static int immJ(int w) {
        return ((w >> 31) << 20) | (((w >>> 12) & 255) << 12) | (((w >>> 20) & 1) << 11) | (((w >>> 21) & 1023) << 1);
    }
}
