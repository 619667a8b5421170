package org.coredev.emu.cpu.rv32;

/**
 * One decoded instruction. The decode cache stores it packed into two ints: {@link #packed()}
 * (op in bits 0-7, rd 8-12, rs1 13-17, rs2 18-22, rs3 23-27, rm 28-30) and {@link #imm()}.
 */
public record Decoded(int op, int rd, int rs1, int rs2, int rs3, int rm, int imm, int word) {
    public static final int OP_MASK = 0xff;

    public int packed() {
        return op | rd << 8 | rs1 << 13 | rs2 << 18 | rs3 << 23 | rm << 28;
    }

    public String mnemonic() { return Rv32Isa.name(op); }

    @Override public String toString() {
        return "%s rd=%d rs1=%d rs2=%d rs3=%d rm=%d imm=%d (0x%08x)".formatted(mnemonic(), rd, rs1, rs2, rs3, rm, imm, word);
    }
}
