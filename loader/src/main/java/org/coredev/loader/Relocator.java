package org.coredev.loader;

/**
 * Writes one relocation's value into image bytes the way ARTIQ's libdyld does
 * (artiq/firmware/libdyld/lib.rs, {@code update_rela}).
 */
final class Relocator {
    private Relocator() {
    }

    /**
     * Patches {@code bytes} at {@code offset} with {@code value}.
     *
     * @param value for RELATIVE and ABSOLUTE the word itself; for CALL_PLT and GOT_HI20 the pc-relative
     *              distance symbol + addend - place; for PCREL_LO12_I the distance from the paired HI20
     *              instruction to its symbol
     */
    static void patch(Relocation.Kind kind, byte[] bytes, long offset, int value, boolean bigEndian) {
        switch (kind) {
            case NONE -> {
            }
            case RELATIVE, ABSOLUTE -> Bytes.put32(bytes, offset, value, bigEndian);
            case CALL_PLT -> {
                // auipc gets the upper 20 bits (rounded for the sign of the low part), jalr the low 12.
                int auipc = Bytes.i32(bytes, offset, bigEndian);
                int jalr = Bytes.i32(bytes, offset + 4, bigEndian);
                Bytes.put32(bytes, offset, upper20(auipc, value), bigEndian);
                Bytes.put32(bytes, offset + 4, (jalr & 0xfffff) | (value & 0xfff) << 20, bigEndian);
            }
            case GOT_HI20 -> Bytes.put32(bytes, offset, upper20(Bytes.i32(bytes, offset, bigEndian), value), bigEndian);
            case PCREL_LO12_I -> {
                // libdyld puts the symbol's own address where a GOT load was, so the lo12 instruction
                // (typically lw rd, lo(rs1)) is rewritten to addi rd, rs1, lo: keep rd (bits 7-11) and
                // rs1 (bits 15-19), set opcode 0x13 with funct3 0.
                int insn = Bytes.i32(bytes, offset, bigEndian);
                Bytes.put32(bytes, offset, (insn & 0xf8f80) | 0x13 | (value & 0xfff) << 20, bigEndian);
            }
        }
    }

    private static int upper20(int insn, int value) {
        return (insn & 0xfff) | ((value + 0x800) & 0xfffff000);
    }
}
