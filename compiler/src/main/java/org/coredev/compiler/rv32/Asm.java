package org.coredev.compiler.rv32;

import org.coredev.compiler.backend.CodeBuffer;
import org.coredev.compiler.backend.Fixup;

/**
 * An RV32IMD instruction encoder writing little-endian words, with labels for branches inside a
 * function and fixups for what only the ELF writer knows (addresses of symbols, GOT slots).
 */
public final class Asm extends CodeBuffer {
    public static final int ZERO = 0, RA = 1, SP = 2, T0 = 5, T1 = 6, T2 = 7, S0 = 8, A0 = 10;

    public Asm() { super(false); }

    @Override protected int jumpField(int distance) { return jOffset(distance); }

    // ---- formats ---------------------------------------------------------------------------
    private void r(int funct7, int rs2, int rs1, int funct3, int rd, int opcode) {
        word(funct7 << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode);
    }

    private void i(int imm, int rs1, int funct3, int rd, int opcode) {
        checkImm12(imm);
        word(imm << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode);
    }

    private void s(int imm, int rs2, int rs1, int funct3, int opcode) {
        checkImm12(imm);
        word((imm >> 5) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | (imm & 0x1f) << 7 | opcode);
    }

    private static void checkImm12(int imm) {
        if (imm < -2048 || imm > 2047) throw new IllegalArgumentException("immediate out of range: " + imm);
    }

    /**
     * Resolves a fixup {@code delta} bytes from its target: a CALL is jal ra (±1 MiB); PCREL_ADDR
     * and GOT_LOAD are an auipc and an I-type pair (%pcrel_hi / %pcrel_lo).
     */
    public static void patch(byte[] text, Fixup f, int delta) {
        int at = f.offset();
        if (f.kind() == Fixup.Kind.CALL) { writeWord(text, at, readWord(text, at) | jOffset(delta)); return; }
        int hi = (delta + 0x800) >> 12;
        int lo = delta - (hi << 12);
        writeWord(text, at, readWord(text, at) | hi << 12);
        writeWord(text, at + 4, readWord(text, at + 4) | (lo & 0xfff) << 20);
    }

    static int jOffset(int off) {
        return ((off >> 20) & 1) << 31 | ((off >> 1) & 0x3ff) << 21 | ((off >> 11) & 1) << 20 | ((off >> 12) & 0xff) << 12;
    }

    static int readWord(byte[] b, int at) { return readWord(b, at, false); }

    static void writeWord(byte[] b, int at, int w) { writeWord(b, at, w, false); }

    // ---- RV32I -----------------------------------------------------------------------------
    public void lui(int rd, int imm20) { word(imm20 << 12 | rd << 7 | 0x37); }
    public void addi(int rd, int rs1, int imm) { i(imm, rs1, 0, rd, 0x13); }
    public void xori(int rd, int rs1, int imm) { i(imm, rs1, 4, rd, 0x13); }
    public void andi(int rd, int rs1, int imm) { i(imm, rs1, 7, rd, 0x13); }
    public void sltiu(int rd, int rs1, int imm) { i(imm, rs1, 3, rd, 0x13); }
    public void mv(int rd, int rs) { if (rd != rs) addi(rd, rs, 0); }

    /** Loads any 32-bit constant (lui + addi, or addi alone). */
    public void li(int rd, int value) {
        if (value >= -2048 && value <= 2047) { addi(rd, ZERO, value); return; }
        int lo = (value << 20) >> 20;
        int hi = (value - lo) >>> 12;
        lui(rd, hi);
        if (lo != 0) addi(rd, rd, lo);
    }

    public void alu(String op, int rd, int rs1, int rs2) {
        switch (op) {
            case "add" -> r(0, rs2, rs1, 0, rd, 0x33);
            case "sub" -> r(0x20, rs2, rs1, 0, rd, 0x33);
            case "sll" -> r(0, rs2, rs1, 1, rd, 0x33);
            case "slt" -> r(0, rs2, rs1, 2, rd, 0x33);
            case "sltu" -> r(0, rs2, rs1, 3, rd, 0x33);
            case "xor" -> r(0, rs2, rs1, 4, rd, 0x33);
            case "srl" -> r(0, rs2, rs1, 5, rd, 0x33);
            case "sra" -> r(0x20, rs2, rs1, 5, rd, 0x33);
            case "or" -> r(0, rs2, rs1, 6, rd, 0x33);
            case "and" -> r(0, rs2, rs1, 7, rd, 0x33);
            case "mul" -> r(1, rs2, rs1, 0, rd, 0x33);
            case "mulh" -> r(1, rs2, rs1, 1, rd, 0x33);
            case "mulhu" -> r(1, rs2, rs1, 3, rd, 0x33);
            case "div" -> r(1, rs2, rs1, 4, rd, 0x33);
            case "rem" -> r(1, rs2, rs1, 6, rd, 0x33);
            default -> throw new IllegalArgumentException(op);
        }
    }

    public void lw(int rd, int rs1, int imm) { i(imm, rs1, 2, rd, 0x03); }
    public void lbu(int rd, int rs1, int imm) { i(imm, rs1, 4, rd, 0x03); }
    public void sw(int rs2, int rs1, int imm) { s(imm, rs2, rs1, 2, 0x23); }
    public void sb(int rs2, int rs1, int imm) { s(imm, rs2, rs1, 0, 0x23); }
    public void jalr(int rd, int rs1, int imm) { i(imm, rs1, 0, rd, 0x67); }
    public void ret() { jalr(ZERO, RA, 0); }
    public void ebreak() { word(0x0010_0073); }

    /** beqz rs, +8 (skips the next instruction when rs is zero). */
    public void skipIfZero(int rs) { word(((8 >> 1) & 0xf) << 8 | rs << 15 | 0x63); }

    /** bnez rs, +8 (skips the next instruction when rs is not zero). */
    public void skipIfNonZero(int rs) { word(((8 >> 1) & 0xf) << 8 | rs << 15 | 1 << 12 | 0x63); }

    /** jal x0, label (±1 MiB). */
    public void jump(int label) { jumpWord(0x6f, label); }

    public void call(String symbol) {
        fixup(Fixup.Kind.CALL, symbol);
        word(RA << 7 | 0x6f);
    }

    /** rd = address of a symbol of this image (auipc + addi). */
    public void addressOf(int rd, String symbol) {
        fixup(Fixup.Kind.PCREL_ADDR, symbol);
        word(rd << 7 | 0x17);
        addi(rd, rd, 0);
    }

    /** rd = the word in an import's GOT slot (auipc + lw). */
    public void loadGot(int rd, String symbol) {
        fixup(Fixup.Kind.GOT_LOAD, symbol);
        word(rd << 7 | 0x17);
        lw(rd, rd, 0);
    }

    // ---- D extension -----------------------------------------------------------------------
    public void fld(int fd, int rs1, int imm) { i(imm, rs1, 3, fd, 0x07); }
    public void fsd(int fs, int rs1, int imm) { s(imm, fs, rs1, 3, 0x27); }
    public void fop(String op, int fd, int fs1, int fs2) {
        switch (op) {
            case "fadd" -> r(0x01, fs2, fs1, 7, fd, 0x53);
            case "fsub" -> r(0x05, fs2, fs1, 7, fd, 0x53);
            case "fmul" -> r(0x09, fs2, fs1, 7, fd, 0x53);
            case "fdiv" -> r(0x0d, fs2, fs1, 7, fd, 0x53);
            case "fsgnj" -> r(0x11, fs2, fs1, 0, fd, 0x53);
            case "fsgnjn" -> r(0x11, fs2, fs1, 1, fd, 0x53);
            case "fle" -> r(0x51, fs2, fs1, 0, fd, 0x53);
            case "flt" -> r(0x51, fs2, fs1, 1, fd, 0x53);
            case "feq" -> r(0x51, fs2, fs1, 2, fd, 0x53);
            default -> throw new IllegalArgumentException(op);
        }
    }
    /** fcvt.d.w fd, rs. */
    public void fcvtDW(int fd, int rs) { r(0x69, 0, rs, 0, fd, 0x53); }
    /** fcvt.w.d rd, fs, rtz (Python's int() truncates). */
    public void fcvtWD(int rd, int fs) { r(0x61, 0, fs, 1, rd, 0x53); }
    public void fmv(int fd, int fs) { if (fd != fs) fop("fsgnj", fd, fs, fs); }
}
