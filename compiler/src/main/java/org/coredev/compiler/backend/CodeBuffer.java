package org.coredev.compiler.backend;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The code an encoder writes: 32-bit instruction words in the target's byte order, labels for
 * jumps inside a function (resolved by {@link #finish}, each encoder placing the distance in its
 * jump format) and fixups for what only the ELF writer knows.
 */
public abstract class CodeBuffer {
    private final ByteArrayOutputStream code = new ByteArrayOutputStream();
    private final boolean bigEndian;
    private final List<Fixup> fixups = new ArrayList<>();
    private final List<int[]> jumps = new ArrayList<>();   // {offset, label}
    private final List<Integer> labels = new ArrayList<>();

    protected CodeBuffer(boolean bigEndian) { this.bigEndian = bigEndian; }

    public int offset() { return code.size(); }
    public List<Fixup> fixups() { return fixups; }

    public int newLabel() { labels.add(-1); return labels.size() - 1; }
    public void bind(int label) { labels.set(label, offset()); }
    /** Where a bound label is (offset in the code). */
    public int labelOffset(int label) { return labels.get(label); }

    /** The bits a jump word gets for a target {@code distance} bytes from it (ORed into the word). */
    protected abstract int jumpField(int distance);

    /** Resolves jumps to labels; returns the code. */
    public byte[] finish() {
        byte[] b = code.toByteArray();
        for (int[] j : jumps) {
            int target = labels.get(j[1]);
            if (target < 0) throw new IllegalStateException("unbound label " + j[1]);
            writeWord(b, j[0], readWord(b, j[0], bigEndian) | jumpField(target - j[0]), bigEndian);
        }
        return b;
    }

    protected void word(int w) {
        for (int k = 0; k < 4; k++) code.write(w >> (bigEndian ? 24 - 8 * k : 8 * k));
    }

    /** A jump word to {@code label}, its distance filled in by {@link #finish}. */
    protected void jumpWord(int encoding, int label) {
        jumps.add(new int[] {offset(), label});
        word(encoding);
    }

    /** Records that the ELF writer patches the code from here for {@code symbol}. */
    protected void fixup(Fixup.Kind kind, String symbol) { fixups.add(new Fixup(offset(), kind, symbol)); }

    public static int readWord(byte[] b, int at, boolean bigEndian) {
        int w = 0;
        for (int k = 0; k < 4; k++) w |= (b[at + k] & 0xff) << (bigEndian ? 24 - 8 * k : 8 * k);
        return w;
    }

    public static void writeWord(byte[] b, int at, int w, boolean bigEndian) {
        for (int k = 0; k < 4; k++) b[at + k] = (byte) (w >> (bigEndian ? 24 - 8 * k : 8 * k));
    }
}
