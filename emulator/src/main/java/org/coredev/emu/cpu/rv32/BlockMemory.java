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
 */
public final class BlockMemory {
    /** A load that the block cannot serve (never a loaded value: those fit in an int). */
    static final long MISS = Long.MIN_VALUE;

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] mem;
    private final int memBase, memSize;
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

    /** Marks the word at primary-RAM offset {@code o} as code: blocks no longer store there. */
    void markCode(int o) {
        codeWords[o >>> 8] |= 1L << (o >>> 2);
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
}
