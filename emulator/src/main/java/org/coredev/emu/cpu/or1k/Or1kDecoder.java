package org.coredev.emu.cpu.or1k;

import java.util.ArrayList;
import java.util.List;
import org.coredev.emu.cpu.or1k.Or1kIsa.Pattern;

/** Decodes OR1K instruction words with the patterns of {@link Or1kIsa}; fields are extracted here only. */
public final class Or1kDecoder {
    private final Pattern[][] byOpcode = new Pattern[64][];

    public Or1kDecoder() {
        List<List<Pattern>> buckets = new ArrayList<>();
        for (int i = 0; i < 64; i++) buckets.add(new ArrayList<>());
        // Every pattern fixes the 6-bit major opcode, so bucketing by it is exact.
        for (Pattern p : Or1kIsa.patterns()) buckets.get(p.match() >>> 26).add(p);
        for (int i = 0; i < 64; i++) byOpcode[i] = buckets.get(i).toArray(Pattern[]::new);
    }

    static int rd(int w) { return (w >>> 21) & 31; }
    static int ra(int w) { return (w >>> 16) & 31; }
    static int rb(int w) { return (w >>> 11) & 31; }
    static int immI(int w) { return (short) w; }
    static int immK(int w) { return w & 0xffff; }
    /** Stores and l.mtspr: bits 25..21 are the immediate's high five bits, 10..0 the rest. */
    static int splitK(int w) { return ((w >>> 10) & 0xf800) | (w & 0x7ff); }
    static int immN(int w) { return (w << 6) >> 4; }

    /** Decodes one word; unknown or reserved encodings give op {@link Or1kIsa#ILLEGAL}. */
    public Or1kDecoded decode(int w) {
        for (Pattern p : byOpcode[w >>> 26]) {
            if (p.matches(w)) return fields(p, w);
        }
        return new Or1kDecoded(Or1kIsa.ILLEGAL, 0, 0, 0, 0, w);
    }

    private static Or1kDecoded fields(Pattern p, int w) {
        int op = p.op();
        return switch (p.format()) {
            case DAB -> new Or1kDecoded(op, rd(w), ra(w), rb(w), 0, w);
            case DA -> new Or1kDecoded(op, rd(w), ra(w), 0, 0, w);
            case DAI -> new Or1kDecoded(op, rd(w), ra(w), 0, immI(w), w);
            case DAK -> new Or1kDecoded(op, rd(w), ra(w), 0, immK(w), w);
            case DAL -> new Or1kDecoded(op, rd(w), ra(w), 0, w & 63, w);
            case AB -> new Or1kDecoded(op, 0, ra(w), rb(w), 0, w);
            case AI -> new Or1kDecoded(op, 0, ra(w), 0, immI(w), w);
            case STORE -> new Or1kDecoded(op, 0, ra(w), rb(w), (short) splitK(w), w);
            case MTSPR -> new Or1kDecoded(op, 0, ra(w), rb(w), splitK(w), w);
            case DK -> new Or1kDecoded(op, rd(w), 0, 0, immK(w), w);
            case N -> new Or1kDecoded(op, 0, 0, 0, immN(w), w);
            case B -> new Or1kDecoded(op, 0, 0, rb(w), 0, w);
            case K -> new Or1kDecoded(op, 0, 0, 0, immK(w), w);
            case NONE -> new Or1kDecoded(op, 0, 0, 0, 0, w);
        };
    }
}
