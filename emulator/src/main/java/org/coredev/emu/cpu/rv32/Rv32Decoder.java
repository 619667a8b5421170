package org.coredev.emu.cpu.rv32;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.coredev.emu.cpu.rv32.Rv32Isa.Extension;
import org.coredev.emu.cpu.rv32.Rv32Isa.Pattern;

/** Decodes instruction words with the patterns of {@link Rv32Isa} that the core's extensions allow. */
public final class Rv32Decoder {
    private final Pattern[][] byOpcode = new Pattern[128][];

    public Rv32Decoder(Set<Extension> extensions) {
        List<List<Pattern>> buckets = new ArrayList<>();
        for (int i = 0; i < 128; i++) buckets.add(new ArrayList<>());
        for (Pattern p : Rv32Isa.patterns()) {
            if (!extensions.contains(p.extension())) continue;
            // Every pattern fixes the 7-bit major opcode, so bucketing by it is exact.
            buckets.get(p.match() & 0x7f).add(p);
        }
        for (int i = 0; i < 128; i++) byOpcode[i] = buckets.get(i).toArray(Pattern[]::new);
    }

    /** A decoder for rv32g: RV32IMAFD + Zicsr + Zifencei. */
    public static Rv32Decoder rv32g() { return new Rv32Decoder(EnumSet.allOf(Extension.class)); }

    /** A decoder for rv32ima (no F, no D). */
    public static Rv32Decoder rv32ima() {
        return new Rv32Decoder(EnumSet.of(Extension.I, Extension.M, Extension.A, Extension.ZICSR, Extension.ZIFENCEI));
    }

    /** Decodes one word; unknown or reserved encodings give op {@link Rv32Isa#ILLEGAL}. */
    public Decoded decode(int w) {
        for (Pattern p : byOpcode[w & 0x7f]) {
            if (p.matches(w)) return fields(p, w);
        }
        return illegal(w);
    }

    private static Decoded illegal(int w) { return new Decoded(Rv32Isa.ILLEGAL, 0, 0, 0, 0, 0, w, w); }

    private static Decoded fields(Pattern p, int w) {
        int op = p.op();
        int rd = Rv32Fields.rd(w), rs1 = Rv32Fields.rs1(w), rs2 = Rv32Fields.rs2(w);
        return switch (p.format()) {
            case R -> new Decoded(op, rd, rs1, rs2, 0, 0, 0, w);
            case I -> new Decoded(op, rd, rs1, 0, 0, 0, Rv32Fields.immI(w), w);
            case S -> new Decoded(op, 0, rs1, rs2, 0, 0, Rv32Fields.immS(w), w);
            case B -> new Decoded(op, 0, rs1, rs2, 0, 0, Rv32Fields.immB(w), w);
            case U -> new Decoded(op, rd, 0, 0, 0, 0, Rv32Fields.immU(w), w);
            case J -> new Decoded(op, rd, 0, 0, 0, 0, Rv32Fields.immJ(w), w);
            case SHIFT -> new Decoded(op, rd, rs1, 0, 0, 0, rs2, w);
            case CSR, CSRI -> new Decoded(op, rd, rs1, 0, 0, 0, Rv32Fields.csr(w), w);
            case NONE -> new Decoded(op, 0, 0, 0, 0, 0, 0, w);
            // Rounding modes 5 and 6 are reserved: the instruction is illegal whatever frm holds.
            case R4 -> validRm(w) ? new Decoded(op, rd, rs1, rs2, Rv32Fields.rs3(w), Rv32Fields.rm(w), 0, w) : illegal(w);
            case FR, FR1 -> validRm(w) ? new Decoded(op, rd, rs1, rs2, 0, Rv32Fields.rm(w), 0, w) : illegal(w);
        };
    }

    private static boolean validRm(int w) {
        int rm = Rv32Fields.rm(w);
        return rm != 5 && rm != 6;
    }
}
