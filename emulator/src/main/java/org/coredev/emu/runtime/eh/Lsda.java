package org.coredev.emu.runtime.eh;

import java.util.ArrayList;
import java.util.List;
import org.coredev.emu.runtime.GuestFault;
import org.coredev.emu.runtime.GuestMemory;

/**
 * A function's language-specific data area in {@code .gcc_except_table} (Itanium C++ ABI
 * exception tables, as read by ARTIQ's artiq/firmware/libeh/dwarf.rs): a header, the call-site
 * table (each call range with its landing pad and first action), the action records (chains of
 * type filters) and the type table growing downwards from its base.
 */
public final class Lsda {
    /** How far an LSDA's tables may reach from its start (bounds reads of a corrupt table). */
    private static final long MAX_SIZE = 1 << 20;
    private static final int MAX_ACTIONS = 1024;

    /**
     * One call-site entry.
     *
     * @param start      first address of the call range
     * @param end        end of the range (exclusive)
     * @param landingPad absolute landing pad address, 0 for none
     * @param action     1 + offset of the first action record, 0 for a cleanup only
     */
    public record CallSite(int start, int end, int landingPad, int action) {
        public boolean contains(int ip) {
            return Integer.compareUnsigned(ip, start) >= 0 && Integer.compareUnsigned(ip, end) < 0;
        }
    }

    /** What the personality does in a frame. */
    public sealed interface Action {}
    /** Nothing here: unwind on. */
    public record None() implements Action {}
    /** A landing pad that cleans up and resumes unwinding. */
    public record Cleanup(int landingPad) implements Action {}
    /** A landing pad whose catch clause matches the exception. */
    public record Catch(int landingPad) implements Action {}

    private final GuestMemory memory;
    private final int address, functionStart, landingPadBase, typeEncoding, actionTable;
    private final Integer typeTable;
    private final List<CallSite> callSites;

    private Lsda(GuestMemory memory, int address, int functionStart, int landingPadBase, int typeEncoding,
                 Integer typeTable, int actionTable, List<CallSite> callSites) {
        this.memory = memory;
        this.address = address;
        this.functionStart = functionStart;
        this.landingPadBase = landingPadBase;
        this.typeEncoding = typeEncoding;
        this.typeTable = typeTable;
        this.actionTable = actionTable;
        this.callSites = callSites;
    }

    /** Parses the LSDA at {@code address} of the function starting at {@code functionStart} (the FDE's pc begin). */
    public static Lsda parse(GuestMemory memory, int address, int functionStart) {
        DwarfReader r = new DwarfReader(memory, ".gcc_except_table", address, Integer.toUnsignedLong(address) + MAX_SIZE);
        DwarfReader.Bases bases = DwarfReader.Bases.NONE.withFunction(functionStart);
        int startEncoding = r.u8();
        int lpBase = startEncoding == DwarfReader.PE_OMIT ? functionStart : r.pointer(startEncoding, bases);
        int typeEncoding = r.u8();
        Integer typeTable = null;
        if (typeEncoding != DwarfReader.PE_OMIT) {
            int offset = r.uleb32();
            typeTable = r.position() + offset;
        }
        int callSiteEncoding = r.u8();
        int tableLength = r.uleb32();
        int tableStart = r.position();
        long tableEnd = Integer.toUnsignedLong(tableStart) + Integer.toUnsignedLong(tableLength);
        if (tableEnd > r.end()) throw r.error(address, "call-site table length 0x%x is implausible".formatted(tableLength));
        List<CallSite> sites = new ArrayList<>();
        while (Integer.toUnsignedLong(r.position()) < tableEnd) {
            int start = r.pointer(callSiteEncoding, bases);
            int length = r.pointer(callSiteEncoding, bases);
            int pad = r.pointer(callSiteEncoding, bases);
            int action = r.uleb32();
            int begin = functionStart + start;
            sites.add(new CallSite(begin, begin + length, pad == 0 ? 0 : lpBase + pad, action));
        }
        if (Integer.toUnsignedLong(r.position()) != tableEnd)
            throw r.error(tableStart, "call-site entries overrun the table's length 0x%x".formatted(tableLength));
        return new Lsda(memory, address, functionStart, lpBase, typeEncoding, typeTable, (int) tableEnd, List.copyOf(sites));
    }

    public int address() { return address; }
    public int functionStart() { return functionStart; }
    public int landingPadBase() { return landingPadBase; }
    public List<CallSite> callSites() { return callSites; }

    /** The type filters of the action chain starting at {@code action} (1-based; 0: none). */
    public List<Integer> filters(int action) {
        List<Integer> out = new ArrayList<>();
        if (action == 0) return out;
        DwarfReader r = new DwarfReader(memory, ".gcc_except_table", actionTable, Integer.toUnsignedLong(address) + MAX_SIZE);
        int record = actionTable + action - 1;
        for (int k = 0; k < MAX_ACTIONS; k++) {
            r.seek(record);
            out.add((int) r.sleb());
            int next = r.position();
            long displacement = r.sleb();
            if (displacement == 0) return out;
            record = next + (int) displacement;
        }
        throw r.error(actionTable + action - 1, "action chain longer than %d records (a cycle?)".formatted(MAX_ACTIONS));
    }

    /**
     * The type-info address of type filter {@code filter} (positive, 1-based from the type
     * table's base downwards); 0 means catch-all. Entries have the LSDA's type encoding;
     * LEB128 encodings have no fixed entry size and are refused, as the board refuses them.
     */
    public int typeInfo(int filter) {
        if (typeTable == null) throw new EhException(address, ".gcc_except_table at 0x%08x: type filter %d but no type table".formatted(address, filter));
        int size = DwarfReader.fixedSize(typeEncoding);
        if (size < 0) throw new EhException(address, ".gcc_except_table at 0x%08x: type table encoding 0x%02x has no fixed size".formatted(address, typeEncoding));
        int entry = typeTable - filter * size;
        DwarfReader r = new DwarfReader(memory, ".gcc_except_table", entry, Integer.toUnsignedLong(entry) + size);
        return r.pointer(typeEncoding, DwarfReader.Bases.NONE.withFunction(functionStart));
    }

    /**
     * What ARTIQ's personality does at {@code ip} (a return address minus one) for exception
     * {@code id} (artiq/firmware/libeh/dwarf.rs, find_eh_action): no call site or no landing
     * pad: none; action 0: cleanup; else the first filter whose type info is null (catch-all)
     * or whose first word equals the id catches; a negative filter (exception specification)
     * ends the search; a chain with a zero filter but no match is a cleanup.
     */
    public Action actionFor(int ip, int id) {
        for (CallSite site : callSites) {
            if (Integer.compareUnsigned(ip, site.start()) < 0) break;  // sorted by start
            if (!site.contains(ip)) continue;
            if (site.landingPad() == 0) return new None();
            if (site.action() == 0) return new Cleanup(site.landingPad());
            boolean sawCleanup = false;
            for (int filter : filters(site.action())) {
                if (filter == 0) {
                    sawCleanup = true;
                } else if (filter > 0) {
                    int type = typeInfo(filter);
                    if (type == 0 || typeId(type) == id) return new Catch(site.landingPad());
                } else {
                    break;
                }
            }
            return sawCleanup ? new Cleanup(site.landingPad()) : new None();
        }
        return new None();
    }

    /**
     * What ARTIQ 6's personality does at {@code ip} for an exception named {@code name}
     * (release-6 artiq/firmware/libeh/dwarf.rs, find_eh_action): the LSDA must have a type table
     * (the board asserts it); a call site covers [start, start + length] (its end included); no
     * landing pad: none; action 0: cleanup; else the first filter whose type info, a
     * {@code CSlice} {ptr, len}, holds the same bytes as the name, or is empty (catch-all),
     * catches; a chain without a match is none, even if it also has a cleanup (a zero filter),
     * as on the board. A null type-info pointer is taken as catch-all here (the board would read
     * a slice at address 0).
     */
    public Action actionForName(int ip, byte[] name) {
        if (typeTable == null)
            throw new EhException(address, ".gcc_except_table at 0x%08x has no type table: ARTIQ 6's personality asserts one (assertion failed: !class_info.is_null())"
                    .formatted(address));
        for (CallSite site : callSites) {
            if (Integer.compareUnsigned(ip, site.start()) < 0) break;
            if (Integer.compareUnsigned(ip, site.end()) > 0) continue;
            if (site.landingPad() == 0) return new None();
            if (site.action() == 0) return new Cleanup(site.landingPad());
            for (int filter : filters(site.action())) {
                if (filter < 0)
                    throw new EhException(address, ".gcc_except_table at 0x%08x: exception specification (filter %d): ARTIQ 6's personality asserts filters are not negative"
                            .formatted(address, filter));
                if (filter == 0) continue;
                int type = typeInfo(filter);
                if (type == 0) return new Catch(site.landingPad());
                int pointer, length;
                try {
                    pointer = memory.load32(type);
                    length = memory.load32(type + 4);
                } catch (GuestFault e) {
                    throw new EhException(type, ".gcc_except_table at 0x%08x: type info at unreadable 0x%08x".formatted(address, type));
                }
                if (length == 0) return new Catch(site.landingPad());
                if (length == name.length && java.util.Arrays.equals(memory.read(pointer, length), name))
                    return new Catch(site.landingPad());
            }
            return new None();
        }
        return new None();
    }

    private int typeId(int typeInfo) {
        try {
            return memory.load32(typeInfo);
        } catch (GuestFault e) {
            throw new EhException(typeInfo, ".gcc_except_table at 0x%08x: type info at unreadable 0x%08x".formatted(address, typeInfo));
        }
    }
}
