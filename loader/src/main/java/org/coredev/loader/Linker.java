package org.coredev.loader;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The board's dynamic linker: places kernel images in target memory, applies their relocations as
 * ARTIQ's libdyld does, and binds imports, first to the image's own exports, then to the runtime's
 * export table, then to resident bundles in load order.
 *
 * <p>Memory from the payload address on is used as a stack: {@link #loadResident} images stay for
 * good, one after the other (each aligned to its largest segment alignment); a {@link #load}ed image
 * goes after the last bundle and is replaced by the next load (it stays valid until then).
 *
 * <pre>{@code
 * Linker linker = new Linker(Target.RV32G, memory, runtimeExports);
 * Bundle lib = linker.loadResident("lib.elf", libBytes);
 * LoadedImage kernel = linker.load("kernel.elf", kernelBytes); // may import lib's exports
 * cpu.call(kernel.modinit());
 * }</pre>
 */
public final class Linker {
    /** Where the board places a kernel image (KERNELCPU_PAYLOAD_ADDRESS, ksupport/glue.c). */
    public static final int DEFAULT_PAYLOAD_ADDRESS = 0x45060000;
    /** The end of the board's image slice (KERNELCPU_LAST_ADDRESS, libproto_artiq/kernel_proto.rs). */
    public static final int DEFAULT_MEMORY_END = 0x4fffffff;

    private final Target target;
    private final TargetMemory memory;
    private final SymbolResolver runtime;
    private final long payloadAddress;
    private final long memoryEnd;
    private final List<Bundle> bundles = new ArrayList<>();
    private long residentEnd;

    /** A linker using the board's memory map. */
    public Linker(Target target, TargetMemory memory, SymbolResolver runtime) {
        this(target, memory, runtime, DEFAULT_PAYLOAD_ADDRESS, DEFAULT_MEMORY_END);
    }

    /**
     * @param target         the device's CPU; images for another are refused
     * @param memory         where images are written
     * @param runtime        the runtime's export table (ksupport API), asked before resident bundles
     * @param payloadAddress where the first image goes
     * @param memoryEnd      first address images may not use (unsigned)
     */
    public Linker(Target target, TargetMemory memory, SymbolResolver runtime, int payloadAddress, int memoryEnd) {
        this.target = target;
        this.memory = memory;
        this.runtime = runtime;
        this.payloadAddress = Integer.toUnsignedLong(payloadAddress);
        this.memoryEnd = Integer.toUnsignedLong(memoryEnd);
        if (this.memoryEnd < this.payloadAddress) {
            throw new IllegalArgumentException("memory end 0x%x below payload address 0x%x"
                    .formatted(memoryEnd, payloadAddress));
        }
        this.residentEnd = this.payloadAddress;
    }

    /** The device's target. */
    public Target target() {
        return target;
    }

    /** Resident bundles in load order. */
    public List<Bundle> bundles() {
        return List.copyOf(bundles);
    }

    /** The first address after the resident bundles: where the next image goes (before alignment). */
    public int residentEnd() {
        return (int) residentEnd;
    }

    /** The resolver chain images are bound with: runtime exports, then each bundle in load order. */
    public SymbolResolver resolver() {
        SymbolResolver chain = runtime;
        for (Bundle b : bundles) {
            chain = chain.then(b);
        }
        return chain;
    }

    /** Loads a transient kernel after the resident bundles; the next load or loadResident reuses its memory. */
    public LoadedImage load(String fileName, byte[] bytes) {
        return place(fileName, bytes);
    }

    /** Loads an image that stays resident; its exports bind imports of images loaded later. */
    public Bundle loadResident(String fileName, byte[] bytes) {
        LoadedImage image = place(fileName, bytes);
        Bundle bundle = new Bundle(image);
        bundles.add(bundle);
        residentEnd = Integer.toUnsignedLong(image.end());
        return bundle;
    }

    private LoadedImage place(String fileName, byte[] bytes) {
        ElfImage elf = ElfImage.read(fileName, bytes, Math.max(0, memoryEnd - residentEnd));
        elf.requireTarget(target);
        long base = alignUp(residentEnd, elf.alignment());
        if (base + elf.size() > memoryEnd) {
            throw elf.error("image of 0x%x bytes at 0x%x does not fit below the end of memory 0x%x",
                    elf.size(), base, memoryEnd);
        }
        return link(elf, (int) base, resolver());
    }

    private static long alignUp(long value, long alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }

    /** Relocates a copy of the image for {@code base}, then writes it to memory in one piece. */
    private LoadedImage link(ElfImage elf, int base, SymbolResolver imports) {
        Map<String, Integer> exports = new LinkedHashMap<>();
        for (ElfImage.DynamicSymbol s : elf.symbols()) {
            if (s.exported()) {
                int address = s.sectionIndex() == ElfImage.DynamicSymbol.SHN_ABS ? s.value() : base + s.value();
                exports.putIfAbsent(s.name(), address);
            }
        }
        Binder binder = new Binder(elf, exports, imports);
        binder.resolveAll();

        byte[] image = elf.memoryImageCopy();
        List<LoadedImage.Import> importSlots = new ArrayList<>();
        for (List<Relocation> table : List.of(elf.rela(), elf.pltRela())) {
            Map<Integer, Relocation> byOffset = new HashMap<>();
            for (Relocation r : table) {
                byOffset.putIfAbsent(r.offset(), r);
            }
            for (Relocation r : table) {
                int value = value(elf, base, r, binder, byOffset);
                Relocator.patch(r.kind(), image, Integer.toUnsignedLong(r.offset()), value, elf.bigEndian());
                ElfImage.DynamicSymbol s = elf.symbols().get(r.symbolIndex());
                if (r.kind().needsSymbol && !s.defined()) {
                    importSlots.add(new LoadedImage.Import(s.name(), base + r.offset(),
                            Relocation.typeName(elf.machine(), r.type()), binder.address(s.name())));
                }
            }
        }
        memory.write(base, image);
        return new LoadedImage(elf, target, memory, base, exports, importSlots);
    }

    /** The value libdyld's resolve_rela computes for one relocation. */
    private static int value(ElfImage elf, int base, Relocation r, Binder binder,
                             Map<Integer, Relocation> byOffset) {
        int place = base + r.offset();
        return switch (r.kind()) {
            case NONE -> 0;
            case RELATIVE -> base + r.addend();
            case ABSOLUTE -> binder.address(symbolName(elf, r)); // the board ignores the addend here
            case CALL_PLT, GOT_HI20 -> binder.address(symbolName(elf, r)) + r.addend() - place;
            case PCREL_LO12_I -> {
                // The lo12 relocation's symbol labels its HI20 instruction; the value is the distance from
                // that instruction to the HI20 relocation's symbol (addends unused, as on the board).
                int hiPlace = binder.address(symbolName(elf, r));
                Relocation hi = byOffset.get(hiPlace - base);
                if (hi == null || hi.symbolIndex() == 0) {
                    throw elf.error("%s at offset 0x%x, symbol '%s': no relocation with a symbol at 0x%x "
                                    + "(its HI20 instruction) in %s", Relocation.typeName(elf.machine(), r.type()),
                            r.offset(), symbolName(elf, r), hiPlace - base, r.table());
                }
                yield binder.address(symbolName(elf, hi)) - hiPlace;
            }
        };
    }

    private static String symbolName(ElfImage elf, Relocation r) {
        return elf.symbols().get(r.symbolIndex()).name();
    }

    /** Resolves every symbol the relocations name, so all unresolved imports are reported at once. */
    private static final class Binder {
        private final ElfImage elf;
        private final Map<String, Integer> exports;
        private final SymbolResolver imports;
        private final Map<String, Integer> resolved = new HashMap<>();

        Binder(ElfImage elf, Map<String, Integer> exports, SymbolResolver imports) {
            this.elf = elf;
            this.exports = exports;
            this.imports = imports;
        }

        void resolveAll() {
            Set<String> missing = new LinkedHashSet<>();
            for (List<Relocation> table : List.of(elf.rela(), elf.pltRela())) {
                for (Relocation r : table) {
                    if (r.kind().needsSymbol) {
                        String name = symbolName(elf, r);
                        if (!resolved.containsKey(name) && !tryResolve(name)) {
                            missing.add(name);
                        }
                    }
                }
            }
            if (!missing.isEmpty()) {
                throw elf.error("unresolved import%s: %s", missing.size() == 1 ? "" : "s",
                        String.join(", ", missing.stream().map(n -> "'" + n + "'").toList()));
            }
        }

        private boolean tryResolve(String name) {
            Integer own = exports.get(name);
            if (own != null) {
                resolved.put(name, own);
                return true;
            }
            OptionalInt found = name.isEmpty() ? OptionalInt.empty() : imports.resolve(name);
            if (found.isPresent()) {
                resolved.put(name, found.getAsInt());
            }
            return found.isPresent();
        }

        int address(String name) {
            Integer address = resolved.get(name);
            if (address == null && tryResolve(name)) {
                address = resolved.get(name);
            }
            if (address == null) {
                throw elf.error("unresolved import: '%s'", name);
            }
            return address;
        }
    }
}
