package org.coredev.emu.cpu.or1k;

/**
 * One decoded OR1K instruction: op number ({@link Or1kIsa}), register fields and the immediate
 * already extended as its format says (word offsets of l.j/l.bf already multiplied by 4).
 */
public record Or1kDecoded(int op, int rd, int ra, int rb, int imm, int word) {
    public String mnemonic() { return Or1kIsa.name(op); }

    @Override public String toString() {
        return "%s rD=%d rA=%d rB=%d imm=%d (0x%08x)".formatted(mnemonic(), rd, ra, rb, imm, word);
    }
}
