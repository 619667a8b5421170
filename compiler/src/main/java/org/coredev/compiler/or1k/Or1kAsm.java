package org.coredev.compiler.or1k;

import org.coredev.compiler.backend.CodeBuffer;
import org.coredev.compiler.backend.Fixup;

/**
 * An ORBIS32 encoder (OpenRISC 1000 Architecture Manual, chapter 17) writing big-endian words,
 * with labels for branches inside a function and fixups for what only the ELF writer knows.
 * Every jump and branch this encoder writes is followed by an l.nop in its delay slot.
 *
 * <p>OR1K has no pc-relative arithmetic: {@link #addressOf} and {@link #loadGot} find the pc with
 * {@code l.jal} to the next-but-one instruction (the link register r9 then holds it) and add a
 * 32-bit distance built with l.movhi / l.ori. They clobber r9, which every function saves.
 */
public final class Or1kAsm extends CodeBuffer {
    public static final int ZERO = 0, SP = 1, LR = 9;

    public Or1kAsm() { super(true); }

    @Override protected int jumpField(int distance) { return wordOffset(distance); }

    /**
     * Resolves a fixup whose target is {@code delta} bytes from the fixup's place: a CALL is
     * {@code l.jal} (±128 MiB); PCREL_ADDR and GOT_LOAD are the l.jal / l.movhi / l.ori of
     * {@link #addressOf}, whose distance counts from the pc the l.jal links (its place + 8).
     */
    public static void patch(byte[] text, Fixup f, int delta) {
        int at = f.offset();
        if (f.kind() == Fixup.Kind.CALL) { writeWord(text, at, readWord(text, at) | wordOffset(delta)); return; }
        int fromLink = delta - 8;
        writeWord(text, at + 4, readWord(text, at + 4) | fromLink >>> 16);
        writeWord(text, at + 8, readWord(text, at + 8) | fromLink & 0xffff);
    }

    private static int wordOffset(int bytes) {
        if ((bytes & 3) != 0 || bytes < -(1 << 27) || bytes >= 1 << 27) throw new IllegalArgumentException("jump out of range: " + bytes);
        return (bytes >> 2) & 0x03ff_ffff;
    }

    static int readWord(byte[] b, int at) { return readWord(b, at, true); }

    static void writeWord(byte[] b, int at, int w) { writeWord(b, at, w, true); }

    // ---- formats ---------------------------------------------------------------------------
    private void dab(int base, int rd, int ra, int rb) { word(base | rd << 21 | ra << 16 | rb << 11); }

    private void dai(int base, int rd, int ra, int imm) {
        if (imm < -32768 || imm > 32767) throw new IllegalArgumentException("immediate out of range: " + imm);
        word(base | rd << 21 | ra << 16 | imm & 0xffff);
    }

    private void dak(int base, int rd, int ra, int k) {
        if (k < 0 || k > 0xffff) throw new IllegalArgumentException("immediate out of range: " + k);
        word(base | rd << 21 | ra << 16 | k);
    }

    private void store(int base, int ra, int rb, int imm) {
        if (imm < -32768 || imm > 32767) throw new IllegalArgumentException("offset out of range: " + imm);
        word(base | (imm & 0xf800) << 10 | ra << 16 | rb << 11 | imm & 0x7ff);
    }

    // ---- ALU -------------------------------------------------------------------------------
    public void addi(int rd, int ra, int imm) { dai(0x9c00_0000, rd, ra, imm); }
    public void andi(int rd, int ra, int k) { dak(0xa400_0000, rd, ra, k); }
    public void ori(int rd, int ra, int k) { dak(0xa800_0000, rd, ra, k); }
    public void movhi(int rd, int k) { dak(0x1800_0000, rd, 0, k); }
    public void slli(int rd, int ra, int l) { word(0xb800_0000 | rd << 21 | ra << 16 | l & 31); }
    public void srli(int rd, int ra, int l) { word(0xb800_0040 | rd << 21 | ra << 16 | l & 31); }
    public void srai(int rd, int ra, int l) { word(0xb800_0080 | rd << 21 | ra << 16 | l & 31); }
    public void mv(int rd, int rs) { if (rd != rs) ori(rd, rs, 0); }

    /** Loads any 32-bit constant (l.addi, l.movhi, or l.movhi + l.ori). */
    public void li(int rd, int value) {
        if (value >= -32768 && value <= 32767) { addi(rd, ZERO, value); return; }
        movhi(rd, value >>> 16);
        if ((value & 0xffff) != 0) ori(rd, rd, value & 0xffff);
    }

    /** rd = ra op rb for the register-register ALU (opcode 0x38). */
    public void alu(String op, int rd, int ra, int rb) {
        int sub = switch (op) {
            case "add" -> 0x000;
            case "sub" -> 0x002;
            case "and" -> 0x003;
            case "or" -> 0x004;
            case "xor" -> 0x005;
            case "sll" -> 0x008;
            case "srl" -> 0x048;
            case "sra" -> 0x088;
            case "cmov" -> 0x00e;
            case "mul" -> 0x306;
            case "div" -> 0x309;
            case "divu" -> 0x30a;
            default -> throw new IllegalArgumentException(op);
        };
        dab(0xe000_0000 | sub, rd, ra, rb);
    }

    /** Sets the flag to (ra cond rb): eq, ne, gtu, geu, ltu, leu, gts, ges, lts, les. */
    public void sf(String cond, int ra, int rb) {
        int c = switch (cond) {
            case "eq" -> 0x0;
            case "ne" -> 0x1;
            case "gtu" -> 0x2;
            case "geu" -> 0x3;
            case "ltu" -> 0x4;
            case "leu" -> 0x5;
            case "gts" -> 0xa;
            case "ges" -> 0xb;
            case "lts" -> 0xc;
            case "les" -> 0xd;
            default -> throw new IllegalArgumentException(cond);
        };
        dab(0xe400_0000, c, ra, rb);
    }

    // ---- memory ----------------------------------------------------------------------------
    public void lwz(int rd, int ra, int imm) { dai(0x8400_0000, rd, ra, imm); }
    public void lbz(int rd, int ra, int imm) { dai(0x8c00_0000, rd, ra, imm); }
    public void sw(int rb, int ra, int imm) { store(0xd400_0000, ra, rb, imm); }
    public void sb(int rb, int ra, int imm) { store(0xd800_0000, ra, rb, imm); }

    // ---- control (each with an l.nop in its delay slot) -------------------------------------
    public void nop() { word(0x1500_0000); }
    /** l.trap 0: a breakpoint, where control must never arrive. */
    public void trap() { word(0x2100_0000); }

    /** l.j label. */
    public void jump(int label) { jumpWord(0x0000_0000, label); nop(); }
    /** l.bf label: taken when the flag is set. */
    public void branchIfFlag(int label) { jumpWord(0x1000_0000, label); nop(); }

    /** l.jal symbol (a function of this image); the call is the l.jal, 8 bytes with its delay slot. */
    public void call(String symbol) {
        fixup(Fixup.Kind.CALL, symbol);
        word(0x0400_0000);
        nop();
    }

    /** l.jalr rb. */
    public void jalr(int rb) { dab(0x4800_0000, 0, 0, rb); nop(); }
    /** l.jr r9. */
    public void ret() { dab(0x4400_0000, 0, 0, LR); nop(); }

    /** rd = address of a symbol of this image (clobbers r9). */
    public void addressOf(int rd, String symbol) {
        fixup(Fixup.Kind.PCREL_ADDR, symbol);
        pcRelative(rd);
    }

    /** rd = the word in an import's GOT slot (clobbers r9). */
    public void loadGot(int rd, String symbol) {
        fixup(Fixup.Kind.GOT_LOAD, symbol);
        pcRelative(rd);
        lwz(rd, rd, 0);
    }

    /** l.jal +8 (r9 = the pc of the l.ori), with l.movhi in the delay slot; then l.ori and l.add. */
    private void pcRelative(int rd) {
        word(0x0400_0002);
        movhi(rd, 0);
        ori(rd, rd, 0);
        alu("add", rd, rd, LR);
    }
}
