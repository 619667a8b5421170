package org.coredev.emu.runtime.lib;

import org.coredev.emu.bus.Bus;
import org.coredev.emu.bus.Ram;
import org.coredev.emu.runtime.Args;
import org.coredev.emu.runtime.GuestFault;
import org.coredev.emu.runtime.GuestMemory;
import org.coredev.emu.runtime.Runtime;

/**
 * The libc exports of api.rs: {@code memcpy}, {@code memmove}, {@code memset}, {@code memcmp},
 * {@code bcmp}, {@code strlen}, working on guest memory. Lengths are C {@code size_t} (unsigned
 * 32-bit); a length of zero touches no memory. A range that leaves RAM is a {@link GuestFault}
 * naming the function and the first bad address. {@code memcmp} and {@code bcmp} return the
 * difference of the first differing bytes as unsigned chars, as compiler_builtins' mem.rs does
 * (bcmp calls memcmp there).
 *
 * <p>Cost: a fixed part (the registered cycles) plus a part per byte that the function charges
 * itself, both measured (docs/runtime-lib.md).
 */
public final class Libc {
    private Libc() {}

    /** Longest string {@code strlen} scans before reporting a fault (the kernel's whole RAM is smaller). */
    static final int STRLEN_LIMIT = 1 << 28;

    public static int memcpy(GuestMemory memory, int dst, int src, int n) {
        if (n != 0) {
            checkRange(memory, "memcpy", src, n);
            checkRange(memory, "memcpy", dst, n);
            memory.write(dst, memory.read(src, n));
        }
        return dst;
    }

    /** Overlapping ranges copy as if through a temporary buffer. */
    public static int memmove(GuestMemory memory, int dst, int src, int n) {
        return memcpy(memory, dst, src, n);  // memcpy above reads all of src before writing
    }

    public static int memset(GuestMemory memory, int s, int c, int n) {
        if (n != 0) {
            checkRange(memory, "memset", s, n);
            byte[] fill = new byte[n];
            java.util.Arrays.fill(fill, (byte) c);
            memory.write(s, fill);
        }
        return s;
    }

    public static int memcmp(GuestMemory memory, int s1, int s2, int n) {
        return compare(memory, "memcmp", s1, s2, n).result();
    }

    /** A memcmp result and how many bytes it read (the first difference, or all n). */
    record Comparison(int result, int bytesRead) {}

    static Comparison compare(GuestMemory memory, String function, int s1, int s2, int n) {
        if (n == 0) return new Comparison(0, 0);
        checkRange(memory, function, s1, n);
        checkRange(memory, function, s2, n);
        byte[] a = memory.read(s1, n), b = memory.read(s2, n);
        int k = java.util.Arrays.mismatch(a, b);
        return k < 0 ? new Comparison(0, n) : new Comparison((a[k] & 0xff) - (b[k] & 0xff), k + 1);
    }

    public static int strlen(GuestMemory memory, int s) {
        for (int k = 0; k < STRLEN_LIMIT; k++) {
            if (memory.load8(s + k) == 0) return k;
        }
        throw new GuestFault(s, "strlen: no NUL within %d bytes of 0x%08x".formatted(STRLEN_LIMIT, s));
    }

    /** Throws unless [address, address + n) (n unsigned) lies in RAM; never allocates n bytes first. */
    static void checkRange(GuestMemory memory, String function, int address, int n) {
        Bus bus = memory.bus();
        long at = Integer.toUnsignedLong(address), end = at + Integer.toUnsignedLong(n);
        while (at < end) {
            Ram ram = at > 0xffff_ffffL ? null : bus.ramAt((int) at);
            if (ram == null) {
                throw new GuestFault((int) at, "%s: %d bytes at 0x%08x leave RAM at 0x%08x"
                        .formatted(function, Integer.toUnsignedLong(n), address, (int) at));
            }
            at = ram.endExclusive();
        }
    }

    /** Registers the libc exports of api.rs with their measured costs. */
    public static void register(Runtime runtime) {
        CycleCosts c = CycleCosts.LIBC;
        CompilerRt.reg(runtime, c, "memcpy", "p(ppi)", a -> perByte(a, "memcpy", a.i(2), memcpy(a.memory(), a.i(0), a.i(1), a.i(2))));
        CompilerRt.reg(runtime, c, "memmove", "p(ppi)", a -> perByte(a, "memmove", a.i(2), memmove(a.memory(), a.i(0), a.i(1), a.i(2))));
        CompilerRt.reg(runtime, c, "memset", "p(pii)", a -> perByte(a, "memset", a.i(2), memset(a.memory(), a.i(0), a.i(1), a.i(2))));
        CompilerRt.reg(runtime, c, "memcmp", "i(ppi)", a -> compare(a, "memcmp"));
        CompilerRt.reg(runtime, c, "bcmp", "i(ppi)", a -> compare(a, "bcmp"));
        CompilerRt.reg(runtime, c, "strlen", "i(p)", a -> {
            int n = strlen(a.memory(), a.i(0));
            return perByte(a, "strlen", n, n);
        });
    }

    private static long compare(Args a, String name) {
        Comparison c = compare(a.memory(), name, a.i(0), a.i(1), a.i(2));
        return perByte(a, name, c.bytesRead(), c.result());
    }

    /** Charges the per-byte part of a call's cost for {@code bytes} bytes handled. */
    private static long perByte(Args a, String name, int bytes, int result) {
        a.cpu().addCycles(CycleCosts.perByteCycles(name, Integer.toUnsignedLong(bytes)));
        return result;
    }
}
