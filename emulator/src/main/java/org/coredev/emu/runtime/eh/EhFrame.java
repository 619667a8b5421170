package org.coredev.emu.runtime.eh;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coredev.emu.runtime.GuestMemory;

/**
 * One image's {@code .eh_frame} (CIEs and FDEs, LSB 3.0 "Exception Frames") as it lies in guest
 * memory, with the {@code .eh_frame_hdr} binary search table when there is one. Records are
 * parsed on demand and cached; everything read is bounded by the table's limit.
 */
public final class EhFrame {
    /**
     * A Common Information Entry.
     *
     * @param personality the personality routine's address ('P'), or null
     * @param lsdaEncoding encoding of FDE LSDA pointers ('L'), or 0xff when absent
     */
    public record Cie(int address, int version, String augmentation, int codeAlignment, int dataAlignment,
                      int returnRegister, int fdeEncoding, int lsdaEncoding, Integer personality,
                      boolean signalFrame, int instructions, int end) {}

    /**
     * A Frame Description Entry covering [pcBegin, pcEnd).
     *
     * @param lsda the language-specific data area ({@code .gcc_except_table} entry), or null
     */
    public record Fde(int address, Cie cie, int pcBegin, int pcEnd, Integer lsda, int instructions, int end) {
        public boolean contains(int pc) {
            return Integer.compareUnsigned(pc, pcBegin) >= 0 && Integer.compareUnsigned(pc, pcEnd) < 0;
        }
    }

    private final GuestMemory memory;
    private final int start;
    private final long limit;
    private final int header, tableEncoding, tableStart, fdeCount;
    private final Map<Integer, Cie> cies = new HashMap<>();
    private final Map<Integer, Fde> fdes = new HashMap<>();

    private EhFrame(GuestMemory memory, int start, long limit, int header, int tableEncoding, int tableStart, int fdeCount) {
        this.memory = memory;
        this.start = start;
        this.limit = limit;
        this.header = header;
        this.tableEncoding = tableEncoding;
        this.tableStart = tableStart;
        this.fdeCount = fdeCount;
    }

    /**
     * The tables found through {@code .eh_frame_hdr} at [hdrAddress, hdrAddress + hdrSize)
     * (PT_GNU_EH_FRAME); {@code limit} bounds {@code .eh_frame} (the image's end).
     */
    public static EhFrame fromHeader(GuestMemory memory, int hdrAddress, int hdrSize, int limit) {
        DwarfReader r = new DwarfReader(memory, ".eh_frame_hdr", hdrAddress, Integer.toUnsignedLong(hdrAddress) + hdrSize);
        int version = r.u8();
        if (version != 1) throw r.error(hdrAddress, "version %d, expected 1".formatted(version));
        int framePtrEncoding = r.u8(), countEncoding = r.u8(), tableEncoding = r.u8();
        DwarfReader.Bases bases = new DwarfReader.Bases(null, hdrAddress, null);
        if (framePtrEncoding == DwarfReader.PE_OMIT) throw r.error(hdrAddress + 1, "no .eh_frame pointer");
        int frame = r.pointer(framePtrEncoding, bases);
        int count = 0, table = 0;
        if (countEncoding != DwarfReader.PE_OMIT && tableEncoding != DwarfReader.PE_OMIT
                && DwarfReader.fixedSize(tableEncoding) > 0) {
            int at = r.position();
            long n = Integer.toUnsignedLong(r.pointer(countEncoding, bases));
            table = r.position();
            long bytes = n * 2 * DwarfReader.fixedSize(tableEncoding);
            if (Integer.toUnsignedLong(table) + bytes > r.end())
                throw r.error(at, "search table of %d entries runs past the header's end".formatted(n));
            count = (int) n;
        } else {
            tableEncoding = DwarfReader.PE_OMIT;  // no usable table: find() scans .eh_frame
        }
        return new EhFrame(memory, frame, Integer.toUnsignedLong(limit), hdrAddress, tableEncoding, table, count);
    }

    /** A bare {@code .eh_frame} at [address, limit), searched linearly. */
    public static EhFrame fromSection(GuestMemory memory, int address, int limit) {
        return new EhFrame(memory, address, Integer.toUnsignedLong(limit), 0, DwarfReader.PE_OMIT, 0, 0);
    }

    /** Where {@code .eh_frame} starts. */
    public int address() { return start; }

    /** Whether lookups use the header's binary search table. */
    public boolean hasSearchTable() { return tableEncoding != DwarfReader.PE_OMIT; }

    /** The FDE covering {@code pc}, if any. */
    public Optional<Fde> find(int pc) {
        if (hasSearchTable()) return search(pc);
        for (Fde f : fdes()) if (f.contains(pc)) return Optional.of(f);
        return Optional.empty();
    }

    /** Binary search in the sorted (initial location, FDE address) table of .eh_frame_hdr. */
    private Optional<Fde> search(int pc) {
        int size = DwarfReader.fixedSize(tableEncoding);
        DwarfReader.Bases bases = new DwarfReader.Bases(null, header, null);
        DwarfReader r = new DwarfReader(memory, ".eh_frame_hdr", tableStart, Integer.toUnsignedLong(tableStart) + 2L * size * fdeCount);
        int lo = 0, hi = fdeCount - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            r.seek(tableStart + mid * 2 * size);
            int location = r.pointer(tableEncoding, bases);
            if (Integer.compareUnsigned(location, pc) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) return Optional.empty();
        r.seek(tableStart + found * 2 * size + size);
        Fde fde = fdeAt(r.pointer(tableEncoding, bases));
        return fde.contains(pc) ? Optional.of(fde) : Optional.empty();
    }

    /** Every FDE, in table order (a linear walk up to the zero terminator or the limit). */
    public List<Fde> fdes() {
        List<Fde> out = new ArrayList<>();
        DwarfReader r = reader(start);
        while (!r.atEnd()) {
            int record = r.position();
            long length = Integer.toUnsignedLong(r.u32());
            if (length == 0) break;  // terminator
            if (length == 0xffff_ffffL) length = r.u64();
            long next = Integer.toUnsignedLong(r.position()) + length;
            if (length < 4 || next > limit) throw r.error(record, "record length 0x%x is shorter than its id or runs past the limit".formatted(length));
            int id = r.u32();
            if (id != 0) out.add(fdeAt(record));
            r.seek((int) next);
        }
        return out;
    }

    private DwarfReader reader(int at) {
        return new DwarfReader(memory, ".eh_frame", at, limit);
    }

    /** Reads a record's length field (leaving {@code r} after it); returns the record's end. */
    private long recordEnd(DwarfReader r, int record) {
        long length = Integer.toUnsignedLong(r.u32());
        if (length == 0) throw r.error(record, "zero-length record (the terminator) where a CIE or FDE was expected");
        if (length == 0xffff_ffffL) length = r.u64();
        long end = Integer.toUnsignedLong(r.position()) + length;
        if (length < 4 || end > limit) throw r.error(record, "record length 0x%x runs past the limit 0x%08x".formatted(length, limit));
        return end;
    }

    /** The CIE at {@code address}. */
    public Cie cieAt(int address) {
        Cie cached = cies.get(address);
        if (cached != null) return cached;
        DwarfReader r = reader(address);
        long end = recordEnd(r, address);
        DwarfReader body = new DwarfReader(memory, ".eh_frame", r.position(), end);
        int id = body.u32();
        if (id != 0) throw body.error(address, "expected a CIE (id 0), found id 0x%08x".formatted(id));
        int version = body.u8();
        if (version != 1 && version != 3 && version != 4) throw body.error(address, "unsupported CIE version %d".formatted(version));
        String augmentation = body.cString();
        if (version == 4) {
            int addressSize = body.u8(), segmentSize = body.u8();
            if (addressSize != 4 || segmentSize != 0)
                throw body.error(address, "address size %d, segment size %d (expected 4, 0)".formatted(addressSize, segmentSize));
        }
        int codeAlign = body.uleb32();
        int dataAlign = (int) body.sleb();
        int returnRegister = version == 1 ? body.u8() : body.uleb32();
        int fdeEncoding = DwarfReader.PE_ABSPTR, lsdaEncoding = DwarfReader.PE_OMIT;
        Integer personality = null;
        boolean signal = false;
        if (augmentation.startsWith("z")) {
            int dataLength = body.uleb32();
            int dataEnd = body.position() + dataLength;
            if (Integer.toUnsignedLong(dataEnd) > end) throw body.error(address, "augmentation data runs past the CIE");
            for (char c : augmentation.substring(1).toCharArray()) {
                switch (c) {
                    case 'R' -> fdeEncoding = body.u8();
                    case 'L' -> lsdaEncoding = body.u8();
                    case 'P' -> {
                        int encoding = body.u8();
                        personality = body.pointer(encoding, DwarfReader.Bases.NONE);
                    }
                    case 'S' -> signal = true;
                    case 'B' -> { }  // AArch64 B-key: no data
                    default -> body.seek(dataEnd);  // unknown: the length lets us skip the rest
                }
                if (Integer.compareUnsigned(body.position(), dataEnd) > 0) throw body.error(address, "augmentation data overruns its length");
            }
            body.seek(dataEnd);
        } else if (!augmentation.isEmpty()) {
            throw body.error(address, "unsupported augmentation \"%s\"".formatted(augmentation));
        }
        Cie cie = new Cie(address, version, augmentation, codeAlign, dataAlign, returnRegister, fdeEncoding,
                lsdaEncoding, personality, signal, body.position(), (int) end);
        cies.put(address, cie);
        return cie;
    }

    /** The FDE at {@code address}. */
    public Fde fdeAt(int address) {
        Fde cached = fdes.get(address);
        if (cached != null) return cached;
        if (Integer.compareUnsigned(address, start) < 0 || Integer.toUnsignedLong(address) >= limit)
            throw new EhException(address, ".eh_frame_hdr: FDE pointer 0x%08x lies outside .eh_frame [0x%08x, 0x%08x)"
                    .formatted(address, start, limit));
        DwarfReader r = reader(address);
        long end = recordEnd(r, address);
        DwarfReader body = new DwarfReader(memory, ".eh_frame", r.position(), end);
        int idAt = body.position();
        int id = body.u32();
        if (id == 0) throw body.error(address, "expected an FDE, found a CIE");
        int cieAddress = idAt - id;
        if (Integer.compareUnsigned(cieAddress, start) < 0 || Integer.compareUnsigned(cieAddress, address) >= 0)
            throw body.error(address, "CIE pointer 0x%08x lies outside .eh_frame before the FDE".formatted(cieAddress));
        Cie cie = cieAt(cieAddress);
        int begin = body.pointer(cie.fdeEncoding(), DwarfReader.Bases.NONE);
        long range = body.value(cie.fdeEncoding() & 0x0f);
        Integer lsda = null;
        if (cie.augmentation().startsWith("z")) {
            int dataLength = body.uleb32();
            int dataEnd = body.position() + dataLength;
            if (Integer.toUnsignedLong(dataEnd) > end) throw body.error(address, "augmentation data runs past the FDE");
            if (cie.lsdaEncoding() != DwarfReader.PE_OMIT && cie.augmentation().contains("L")) {
                int at = body.position();
                long raw = body.value(cie.lsdaEncoding());
                if (raw != 0) {  // a zero value means "no LSDA" whatever the encoding
                    body.seek(at);
                    lsda = body.pointer(cie.lsdaEncoding(), DwarfReader.Bases.NONE);
                }
            }
            body.seek(dataEnd);
        }
        long pcEnd = Integer.toUnsignedLong(begin) + (range & 0xffff_ffffL);
        if (range < 0 || range > 0xffff_ffffL || pcEnd >= 0x1_0000_0000L)
            throw body.error(address, "address range 0x%08x + 0x%x passes the end of the address space".formatted(begin, range));
        Fde fde = new Fde(address, cie, begin, (int) pcEnd, lsda, body.position(), (int) end);
        fdes.put(address, fde);
        return fde;
    }
}
