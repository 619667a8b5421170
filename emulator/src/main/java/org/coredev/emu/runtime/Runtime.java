package org.coredev.emu.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.coredev.emu.cpu.Cpu;
import org.coredev.loader.SymbolResolver;

/**
 * The runtime's export table, as high-level emulation: every exported function gets an entry
 * address in the ksupport code region (where the board's runtime code would be); the CPU stops
 * when it jumps there, {@link #dispatch} runs the Java body, writes the result by the calling
 * convention, charges the call's cycles and returns to ra. Data exports (such as {@code now},
 * the RTIO CSR pair) resolve to their own addresses.
 */
public final class Runtime implements SymbolResolver {
    /** ksupport's code region (ksupport.ld): runtime entry points live here, kernels start after it. */
    public static final int ENTRY_BASE = 0x4500_0000, ENTRY_SIZE = 0x6_0000;
    /** ARTIQ 6's ksupport region (its ksupport.ld and glue.c: KERNELCPU_EXEC_ADDRESS), on OR1K boards. */
    public static final int ARTIQ6_ENTRY_BASE = 0x4080_0000;
    private static final int ENTRY_STRIDE = 16;

    private final Abi abi;
    private final int entryBase;
    private final GuestMemory memory;
    private final List<RuntimeExport> functions = new ArrayList<>();
    // Each export's arguments view, made once: a kernel makes a runtime call every few
    // instructions, so dispatch does not allocate per call. An Args holds no state of a call (it
    // reads the registers and stack as they are), so one per export serves every call of it.
    private final java.util.IdentityHashMap<RuntimeExport, Args> argsOf = new java.util.IdentityHashMap<>();
    private final Map<String, Integer> addresses = new LinkedHashMap<>();

    /** The runtime of a current board: entries in ksupport's region at {@link #ENTRY_BASE}. */
    public Runtime(Abi abi, GuestMemory memory) { this(abi, memory, ENTRY_BASE); }

    /** A runtime whose ENTRY_SIZE bytes of entry points start at {@code entryBase}. */
    public Runtime(Abi abi, GuestMemory memory, int entryBase) {
        if (memory.order() != abi.byteOrder()) throw new IllegalArgumentException(abi + " needs " + abi.byteOrder() + " memory");
        this.abi = abi;
        this.memory = memory;
        this.entryBase = entryBase;
    }

    /** The first entry address; the region is {@link #ENTRY_SIZE} bytes. */
    public int entryBase() { return entryBase; }

    public Abi abi() { return abi; }
    public GuestMemory memory() { return memory; }

    /** Adds a function export; a name can be exported once. */
    public void register(RuntimeExport export) {
        if (addresses.containsKey(export.name())) throw new IllegalArgumentException("exported twice: " + export.name());
        int address = entryBase + ENTRY_STRIDE * functions.size();
        if (address >= entryBase + ENTRY_SIZE) throw new IllegalStateException("too many runtime exports");
        functions.add(export);
        addresses.put(export.name(), address);
    }

    /** Adds a data export at a fixed address (e.g. {@code now}). */
    public void defineData(String name, int address) {
        if (addresses.containsKey(name)) throw new IllegalArgumentException("exported twice: " + name);
        addresses.put(name, address);
    }

    /**
     * Withdraws every export whose name {@code kept} rejects, so that images importing it do not
     * link (a firmware generation without it); entry addresses of the others do not move.
     */
    public void withdrawAllBut(java.util.function.Predicate<String> kept) {
        addresses.keySet().removeIf(kept.negate());
    }

    @Override
    public OptionalInt resolve(String name) {
        Integer a = addresses.get(name);
        return a == null ? OptionalInt.empty() : OptionalInt.of(a);
    }

    /** Every export, in registration order (functions and data). */
    public Map<String, Integer> exports() { return java.util.Collections.unmodifiableMap(addresses); }

    /** The function whose entry is {@code pc}, or null (a jump into the middle of runtime code). */
    public RuntimeExport functionAt(int pc) {
        int offset = pc - entryBase;
        if (offset < 0 || offset % ENTRY_STRIDE != 0 || offset / ENTRY_STRIDE >= functions.size()) return null;
        return functions.get(offset / ENTRY_STRIDE);
    }

    /** The name of the runtime symbol at {@code address}, for backtraces. */
    public String nameAt(int pc) {
        RuntimeExport e = functionAt(pc);
        return e == null ? null : e.name();
    }

    /**
     * Serves the call the CPU stopped at. Throws whatever the function throws (a {@link GuestFault}
     * for bad pointers, or the core device's exceptions for raised kernel exceptions).
     */
    public void dispatch(Cpu cpu, RuntimeExport export) {
        Args args = argsOf.get(export);
        if (args == null || args.cpu() != cpu) argsOf.put(export, args = new Args(cpu, memory, abi, export.signature()));
        long result = export.function().call(args);
        abi.setResult(cpu, export.signature().returns(), result);
        cpu.addCycles(export.cycles());
        cpu.setPc(cpu.x(abi.returnAddress()));
    }
}
