package org.coredev.emu.cpu.rv32;

import java.util.ArrayList;
import java.util.List;

/**
 * A tiny assembler for tests: encodes one instruction from the mnemonic's row of {@link Rv32Isa}
 * plus fields, so tests state instructions, not magic numbers, and the encodings are checked
 * independently against words from the GNU assembler in {@code Rv32DecoderTest}.
 */
final class Asm {
    private final List<Integer> words = new ArrayList<>();

    static Rv32Isa.Pattern row(String mnemonic) {
        return Rv32Isa.patterns().stream().filter(p -> p.mnemonic().equals(mnemonic)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no instruction " + mnemonic));
    }

    static int r(String m, int rd, int rs1, int rs2) { return row(m).match() | rd << 7 | rs1 << 15 | rs2 << 20; }
    static int i(String m, int rd, int rs1, int imm) { return row(m).match() | rd << 7 | rs1 << 15 | (imm & 0xfff) << 20; }
    static int shift(String m, int rd, int rs1, int shamt) { return row(m).match() | rd << 7 | rs1 << 15 | (shamt & 31) << 20; }
    static int s(String m, int rs1, int rs2, int imm) {
        return row(m).match() | (imm & 31) << 7 | rs1 << 15 | rs2 << 20 | ((imm >> 5) & 127) << 25;
    }
    static int b(String m, int rs1, int rs2, int offset) {
        return row(m).match() | ((offset >> 11) & 1) << 7 | ((offset >> 1) & 15) << 8 | rs1 << 15 | rs2 << 20
                | ((offset >> 5) & 63) << 25 | ((offset >> 12) & 1) << 31;
    }
    static int u(String m, int rd, int imm20) { return row(m).match() | rd << 7 | imm20 << 12; }
    static int j(String m, int rd, int offset) {
        return row(m).match() | rd << 7 | ((offset >> 12) & 255) << 12 | ((offset >> 11) & 1) << 20
                | ((offset >> 1) & 1023) << 21 | ((offset >> 20) & 1) << 31;
    }
    static int csr(String m, int rd, int rs1OrZimm, int csr) { return row(m).match() | rd << 7 | rs1OrZimm << 15 | csr << 20; }
    static int fr(String m, int rd, int rs1, int rs2, int rm) { return row(m).match() | rd << 7 | rm << 12 | rs1 << 15 | rs2 << 20; }
    static int r4(String m, int rd, int rs1, int rs2, int rs3, int rm) { return fr(m, rd, rs1, rs2, rm) | rs3 << 27; }
    static int sys(String m) { return row(m).match(); }

    Asm add(int word) {
        words.add(word);
        return this;
    }

    int[] words() { return words.stream().mapToInt(Integer::intValue).toArray(); }
}
