package org.coredev.emu.cpu.rv32;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The memory that translated blocks reach directly: the primary RAM and the secondary RAM (the
 * kernel stack), little-endian. Anything else is a miss: a device or other RAM on the bus goes
 * through {@link Rv32Cpu#busLoadInBlock}; a misaligned address, a store into a word of code
 * (decoded or translated) or into a watched word exits the block before that instruction and the
 * interpreter executes it, so traps and invalidation stay the interpreter's.
 *
 * <p>A block first tries the static {@code ram*} fast paths on the primary RAM, with the array,
 * its base and size and the range of code words in JVM locals (no field loads per access, and
 * one compare instead of the code bitmap for a store); what they refuse goes on to the instance
 * methods, which also serve the secondary RAM and data that lies between code words.
 */
public final class BlockMemory {
    /** A load that the block cannot serve (never a loaded value: those fit in an int). */
    static final long MISS = Long.MIN_VALUE;

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    // Package-private: a translated block loads them into locals at its entry (see the ram* fast paths).
    final byte[] mem;
    final int memBase, memSize;
    /** One bit per word of the primary RAM: code (decoded or translated) or watched; stores there go to the interpreter. */
    private final long[] codeWords;
    private byte[] mem2 = new byte[0];
    private int mem2Base, mem2Size;

    BlockMemory(byte[] mem, int memBase, int memSize) {
        this.mem = mem;
        this.memBase = memBase;
        this.memSize = memSize;
        this.codeWords = new long[(memSize + 255) >>> 8];
    }

    /**
     * The offsets {@code [codeLow, codeLow + codeSpan)} cover every word marked as code: a block's
     * store outside them needs no look at the bitmap (a translated block takes them into locals at
     * its entry; nothing marks code while a block runs).
     */
    int codeLow, codeSpan;

    /** Marks the word at primary-RAM offset {@code o} as code: blocks no longer store there. */
    void markCode(int o) {
        o &= ~3;
        codeWords[o >>> 8] |= 1L << (o >>> 2);
        int end = codeSpan == 0 ? o + 4 : Math.max(codeLow + codeSpan, o + 4);
        codeLow = codeSpan == 0 ? o : Math.min(codeLow, o);
        codeSpan = end - codeLow;
    }

    /** Whether the word at primary-RAM offset {@code o} holds code (the JVM masks the shift to the bit). */
    boolean code(int o) {
        return (codeWords[o >>> 8] & 1L << (o >>> 2)) != 0;
    }

    void setSecondary(byte[] mem2, int base, int size) {
        this.mem2 = mem2;
        this.mem2Base = base;
        this.mem2Size = size;
    }

    long lw(int a) {
        int o = a - memBase;
        if ((o & 3) == 0 && Integer.compareUnsigned(o, memSize) < 0) return (int) INT_LE.get(mem, o);
        o = a - mem2Base;
        if ((o & 3) == 0 && Integer.compareUnsigned(o, mem2Size) < 0) return (int) INT_LE.get(mem2, o);
        return MISS;
    }

    long lh(int a) {
        int o = a - memBase;
        if ((o & 1) == 0 && Integer.compareUnsigned(o, memSize) < 0) return (short) SHORT_LE.get(mem, o);
        o = a - mem2Base;
        if ((o & 1) == 0 && Integer.compareUnsigned(o, mem2Size) < 0) return (short) SHORT_LE.get(mem2, o);
        return MISS;
    }

    long lhu(int a) {
        long v = lh(a);
        return v == MISS ? MISS : v & 0xffff;
    }

    long lb(int a) {
        int o = a - memBase;
        if (Integer.compareUnsigned(o, memSize) < 0) return mem[o];
        o = a - mem2Base;
        if (Integer.compareUnsigned(o, mem2Size) < 0) return mem2[o];
        return MISS;
    }

    long lbu(int a) {
        long v = lb(a);
        return v == MISS ? MISS : v & 0xff;
    }

    boolean sw(int a, int v) {
        int o = a - memBase;
        if ((o & 3) == 0 && Integer.compareUnsigned(o, memSize) < 0) {
            if (code(o)) return false;
            INT_LE.set(mem, o, v);
            return true;
        }
        o = a - mem2Base;
        if ((o & 3) == 0 && Integer.compareUnsigned(o, mem2Size) < 0) {
            INT_LE.set(mem2, o, v);
            return true;
        }
        return false;
    }

    boolean sh(int a, int v) {
        int o = a - memBase;
        if ((o & 1) == 0 && Integer.compareUnsigned(o, memSize) < 0) {
            if (code(o)) return false;
            SHORT_LE.set(mem, o, (short) v);
            return true;
        }
        o = a - mem2Base;
        if ((o & 1) == 0 && Integer.compareUnsigned(o, mem2Size) < 0) {
            SHORT_LE.set(mem2, o, (short) v);
            return true;
        }
        return false;
    }

    boolean sb(int a, int v) {
        int o = a - memBase;
        if (Integer.compareUnsigned(o, memSize) < 0) {
            if (code(o)) return false;
            mem[o] = (byte) v;
            return true;
        }
        o = a - mem2Base;
        if (Integer.compareUnsigned(o, mem2Size) < 0) {
            mem2[o] = (byte) v;
            return true;
        }
        return false;
    }

    // The primary RAM's fast paths, on the block's locals (o: the offset from the RAM's base),
    // without the loads of this object's fields; a miss here goes on to the methods above.

    static long ramLw(byte[] mem, int memSize, int o) {
        return (o & 3) == 0 && Integer.compareUnsigned(o, memSize) < 0 ? (int) INT_LE.get(mem, o) : MISS;
    }

    static long ramLh(byte[] mem, int memSize, int o) {
        return (o & 1) == 0 && Integer.compareUnsigned(o, memSize) < 0 ? (short) SHORT_LE.get(mem, o) : MISS;
    }

    static long ramLhu(byte[] mem, int memSize, int o) {
        return (o & 1) == 0 && Integer.compareUnsigned(o, memSize) < 0 ? (short) SHORT_LE.get(mem, o) & 0xffff : MISS;
    }

    static long ramLb(byte[] mem, int memSize, int o) {
        return Integer.compareUnsigned(o, memSize) < 0 ? mem[o] : MISS;
    }

    static long ramLbu(byte[] mem, int memSize, int o) {
        return Integer.compareUnsigned(o, memSize) < 0 ? mem[o] & 0xff : MISS;
    }

    // A store into the code range (some data may lie between code words) is left to sw, sh and sb.

    static boolean ramSw(byte[] mem, int memSize, int codeLow, int codeSpan, int o, int v) {
        if ((o & 3) != 0 || Integer.compareUnsigned(o, memSize) >= 0 || Integer.compareUnsigned(o - codeLow, codeSpan) < 0) return false;
        INT_LE.set(mem, o, v);
        return true;
    }

    static boolean ramSh(byte[] mem, int memSize, int codeLow, int codeSpan, int o, int v) {
        if ((o & 1) != 0 || Integer.compareUnsigned(o, memSize) >= 0 || Integer.compareUnsigned(o - codeLow, codeSpan) < 0) return false;
        SHORT_LE.set(mem, o, (short) v);
        return true;
    }

    static boolean ramSb(byte[] mem, int memSize, int codeLow, int codeSpan, int o, int v) {
        if (Integer.compareUnsigned(o, memSize) >= 0 || Integer.compareUnsigned(o - codeLow, codeSpan) < 0) return false;
        mem[o] = (byte) v;
        return true;
    }
}
