package org.coredev.emu.runtime.eh;

import org.coredev.emu.runtime.GuestFault;
import org.coredev.emu.runtime.GuestMemory;

/**
 * A cursor over DWARF-encoded bytes in guest memory, bounded by an end address: fixed-size
 * little-endian integers, LEB128 numbers and {@code DW_EH_PE_*} encoded pointers (LSB 3.0
 * "DWARF Extensions", "DWARF Exception Header Encoding"). Reading past the end or outside mapped
 * memory throws {@link EhException} naming the table and the address.
 */
final class DwarfReader {
    static final int PE_OMIT = 0xff, PE_ABSPTR = 0x00, PE_ULEB128 = 0x01, PE_UDATA2 = 0x02,
            PE_UDATA4 = 0x03, PE_UDATA8 = 0x04, PE_SLEB128 = 0x09, PE_SDATA2 = 0x0a,
            PE_SDATA4 = 0x0b, PE_SDATA8 = 0x0c;
    static final int PE_PCREL = 0x10, PE_TEXTREL = 0x20, PE_DATAREL = 0x30, PE_FUNCREL = 0x40,
            PE_ALIGNED = 0x50, PE_INDIRECT = 0x80;

    /** Base addresses for textrel, datarel and funcrel pointers; null where the table has none. */
    record Bases(Integer text, Integer data, Integer function) {
        static final Bases NONE = new Bases(null, null, null);

        Bases withFunction(int start) { return new Bases(text, data, start); }
    }

    private final GuestMemory memory;
    private final String table;
    private final long end;
    private int position;

    /** Reads [start, end) of {@code table} (named in messages, e.g. ".eh_frame"). */
    DwarfReader(GuestMemory memory, String table, int start, long end) {
        this.memory = memory;
        this.table = table;
        this.position = start;
        this.end = end;
    }

    int position() { return position; }
    long end() { return end; }
    String table() { return table; }
    GuestMemory memory() { return memory; }

    void seek(int address) { position = address; }

    boolean atEnd() { return Integer.toUnsignedLong(position) >= end; }

    EhException error(int address, String what) {
        return new EhException(address, "%s at 0x%08x: %s".formatted(table, address, what));
    }

    private void need(int bytes) {
        if (Integer.toUnsignedLong(position) + bytes > end)
            throw error(position, "%d-byte read runs past the end of the table (0x%08x)".formatted(bytes, end));
    }

    private int load(int size) {
        need(size);
        try {
            int v = switch (size) {
                case 1 -> memory.load8(position);
                case 2 -> memory.load16(position);
                default -> memory.load32(position);
            };
            position += size;
            return v;
        } catch (GuestFault e) {
            throw error(position, "unreadable memory (" + e.getMessage() + ")");
        }
    }

    int u8() { return load(1) & 0xff; }
    int u16() { return load(2) & 0xffff; }
    int u32() { return load(4); }

    long u64() {
        long lo = Integer.toUnsignedLong(u32());
        return lo | (long) u32() << 32;
    }

    /** An unsigned LEB128 number; more than 64 significant bits is an error. */
    long uleb() {
        int start = position;
        long result = 0;
        for (int shift = 0; ; shift += 7) {
            int b = u8();
            if (shift < 64) result |= (long) (b & 0x7f) << shift;
            else if ((b & 0x7f) != 0) throw error(start, "LEB128 number wider than 64 bits");
            if ((b & 0x80) == 0) return result;
            if (shift > 70) throw error(start, "LEB128 number longer than 10 bytes");
        }
    }

    long sleb() {
        int start = position;
        long result = 0;
        int shift = 0, b;
        do {
            if (shift > 63) throw error(start, "LEB128 number longer than 10 bytes");
            b = u8();
            result |= (long) (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) result |= -1L << shift;
        return result;
    }

    /** An unsigned LEB128 that must fit 32 bits (lengths, offsets, register numbers). */
    int uleb32() {
        int start = position;
        long v = uleb();
        if (v < 0 || v > 0xffff_ffffL) throw error(start, "number 0x%x does not fit 32 bits".formatted(v));
        return (int) v;
    }

    /** A NUL-terminated string of at most 256 bytes (CIE augmentation strings). */
    String cString() {
        int start = position;
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < 256; k++) {
            int c = u8();
            if (c == 0) return b.toString();
            b.append((char) c);
        }
        throw error(start, "string not terminated within 256 bytes");
    }

    /** Bytes a value of {@code encoding} occupies, or -1 for LEB128 forms (no fixed size). */
    static int fixedSize(int encoding) {
        return switch (encoding & 0x0f) {
            case PE_ABSPTR, PE_UDATA4, PE_SDATA4 -> 4;
            case PE_UDATA2, PE_SDATA2 -> 2;
            case PE_UDATA8, PE_SDATA8 -> 8;
            default -> -1;
        };
    }

    /** A value in the format part (low nibble) of {@code encoding}, without any base applied. */
    long value(int encoding) {
        int start = position;
        return switch (encoding & 0x0f) {
            case PE_ABSPTR, PE_UDATA4 -> Integer.toUnsignedLong(u32());
            case PE_ULEB128 -> uleb();
            case PE_UDATA2 -> u16();
            case PE_UDATA8 -> u64();
            case PE_SLEB128 -> sleb();
            case PE_SDATA2 -> (short) u16();
            case PE_SDATA4 -> u32();
            case PE_SDATA8 -> u64();
            default -> throw error(start, "unknown pointer encoding 0x%02x".formatted(encoding));
        };
    }

    /**
     * A pointer in {@code encoding}: format, application (pcrel: relative to the encoded value's
     * own address; textrel, datarel, funcrel: relative to {@code bases}) and indirection (the
     * result is the address of a 32-bit word holding the pointer). The caller handles omit (0xff).
     */
    int pointer(int encoding, Bases bases) {
        int start = position;
        if (encoding == PE_OMIT) throw error(start, "omitted pointer read");
        if ((encoding & 0x70) == PE_ALIGNED) {
            position = (position + 3) & ~3;
            return u32();
        }
        long raw = value(encoding);
        long base = switch (encoding & 0x70) {
            case PE_ABSPTR -> 0;
            case PE_PCREL -> Integer.toUnsignedLong(start);
            case PE_TEXTREL -> baseOrFail(bases.text(), start, "textrel");
            case PE_DATAREL -> baseOrFail(bases.data(), start, "datarel");
            case PE_FUNCREL -> baseOrFail(bases.function(), start, "funcrel");
            default -> throw error(start, "unknown pointer application 0x%02x".formatted(encoding & 0x70));
        };
        int result = (int) (raw + base);
        if ((encoding & PE_INDIRECT) != 0) {
            try {
                result = memory.load32(result);
            } catch (GuestFault e) {
                throw error(start, "indirect pointer to unreadable 0x%08x".formatted(result));
            }
        }
        return result;
    }

    private long baseOrFail(Integer base, int at, String kind) {
        if (base == null) throw error(at, kind + " pointer but no " + kind + " base is known");
        return Integer.toUnsignedLong(base);
    }
}
