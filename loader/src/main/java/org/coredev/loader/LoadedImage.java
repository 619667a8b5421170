package org.coredev.loader;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * An image placed in target memory, relocated and bound: what the emulator needs to run it (entry
 * points, exported symbols), to symbolize addresses and to unwind ({@code .eh_frame_hdr}).
 * All addresses are absolute target addresses.
 */
public final class LoadedImage {
    /** A defined symbol of the dynamic symbol table at its absolute address. */
    public record Symbol(String name, int address, int size, boolean function) {
    }

    /**
     * A slot patched with the address of a symbol the image does not define.
     *
     * @param name           the imported symbol
     * @param slot           absolute address of the patched word (or auipc/jalr pair for CALL_PLT)
     * @param relocationType e.g. "R_RISCV_JUMP_SLOT"
     * @param address        the address the slot was bound to (updated by {@link #rebind})
     */
    public record Import(String name, int slot, String relocationType, int address) {
    }

    /** An absolute address range. */
    public record Region(int address, int size) {
    }

    private static final int STT_FUNC = 2;
    private static final int STT_SECTION = 3;
    private static final int STT_FILE = 4;

    private final ElfImage elf;
    private final Target target;
    private final TargetMemory memory;
    private final int base;
    private final Map<String, Integer> exports;
    private final List<Symbol> symbolsByAddress;
    private final List<Import> imports;

    LoadedImage(ElfImage elf, Target target, TargetMemory memory, int base, Map<String, Integer> exports,
                List<Import> imports) {
        this.elf = elf;
        this.target = target;
        this.memory = memory;
        this.base = base;
        this.exports = Collections.unmodifiableMap(new TreeMap<>(exports));
        this.imports = new ArrayList<>(imports);
        List<Symbol> symbols = new ArrayList<>();
        for (ElfImage.DynamicSymbol s : elf.symbols()) {
            if (s.defined() && !s.name().isEmpty() && s.type() != STT_SECTION && s.type() != STT_FILE) {
                int address = s.sectionIndex() == ElfImage.DynamicSymbol.SHN_ABS ? s.value() : base + s.value();
                symbols.add(new Symbol(s.name(), address, s.size(), s.type() == STT_FUNC));
            }
        }
        // Address order; at one address prefer functions, then by name, so symbolize() is deterministic.
        symbols.sort(Comparator.comparingLong((Symbol s) -> Integer.toUnsignedLong(s.address()))
                .thenComparing(s -> !s.function())
                .thenComparing(Symbol::name));
        this.symbolsByAddress = List.copyOf(symbols);
    }

    /** The file name the image was loaded from. */
    public String fileName() {
        return elf.fileName();
    }

    /** The target it was checked against. */
    public Target target() {
        return target;
    }

    /** The parsed image. */
    public ElfImage elf() {
        return elf;
    }

    /** Absolute address of image vaddr 0. */
    public int base() {
        return base;
    }

    /** First address after the image (base + size, .bss included). */
    public int end() {
        return base + elf.size();
    }

    /** True when {@code address} lies in {@code [base, end)}. */
    public boolean contains(int address) {
        long offset = Integer.toUnsignedLong(address) - Integer.toUnsignedLong(base);
        return offset >= 0 && offset < elf.size();
    }

    /** The address of an exported (global, defined) symbol, or empty. */
    public OptionalInt symbol(String name) {
        Integer address = exports.get(name);
        return address == null ? OptionalInt.empty() : OptionalInt.of(address);
    }

    /** The address of an exported function to call, e.g. a kernel's entry; refuses a missing one. */
    public int entry(String name) {
        Integer address = exports.get(name);
        if (address == null) {
            throw elf.error("no exported symbol '%s'", name);
        }
        return address;
    }

    /** {@code __modinit__}, which the runtime calls to run a kernel (ksupport/lib.rs). */
    public int modinit() {
        return entry("__modinit__");
    }

    /** Exported symbols by name (sorted), at absolute addresses. */
    public Map<String, Integer> exports() {
        return exports;
    }

    /** Defined symbols of the dynamic symbol table in address order. */
    public List<Symbol> symbols() {
        return symbolsByAddress;
    }

    /** Slots bound to symbols defined outside the image, in relocation order. */
    public List<Import> imports() {
        return List.copyOf(imports);
    }

    /**
     * Names an address for a backtrace: "rtio_demo+0x1c", "rtio_demo" at the symbol itself, or
     * "0x45061234" when no symbol of the image lies at or below it.
     */
    public String symbolize(int address) {
        if (contains(address)) {
            long target = Integer.toUnsignedLong(address);
            int low = 0;
            int high = symbolsByAddress.size() - 1;
            int found = -1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                if (Integer.toUnsignedLong(symbolsByAddress.get(mid).address()) <= target) {
                    found = mid;
                    low = mid + 1;
                } else {
                    high = mid - 1;
                }
            }
            if (found >= 0) {
                // Step back to the preferred symbol among those sharing this address.
                int address0 = symbolsByAddress.get(found).address();
                while (found > 0 && symbolsByAddress.get(found - 1).address() == address0) {
                    found--;
                }
                Symbol s = symbolsByAddress.get(found);
                int offset = address - s.address();
                return offset == 0 ? s.name() : "%s+0x%x".formatted(s.name(), offset);
            }
        }
        return "0x%08x".formatted(address);
    }

    /** The {@code .eh_frame_hdr} section (PT_GNU_EH_FRAME), if the image has one. */
    public Optional<Region> ehFrameHdr() {
        return elf.ehFrameHdr().map(r -> new Region(base + r.vaddr(), r.size()));
    }

    /** The {@code .eh_frame} address named by {@code .eh_frame_hdr}, if decodable. */
    public OptionalInt ehFrame() {
        OptionalInt vaddr = elf.ehFrame();
        return vaddr.isPresent() ? OptionalInt.of(base + vaddr.getAsInt()) : OptionalInt.empty();
    }

    /**
     * Re-points every import slot of {@code name} to {@code address}, as libdyld's {@code rebind} does for
     * DMA recording (ksupport swaps {@code rtio_output}): R_RISCV_32 / JUMP_SLOT (OR1K 32 / GLOB_DAT /
     * JMP_SLOT) slots get the address, CALL_PLT pairs the distance to it. Like the board, only the PLT
     * relocation table is searched (on RISC-V, the DT_RELA table when there is no PLT table).
     *
     * @return how many slots were patched (0 when the image does not import {@code name})
     */
    public int rebind(String name, int address) {
        List<Relocation> table = elf.pltRela();
        if (table.isEmpty() && elf.machine() == Target.Machine.RISCV) {
            table = elf.rela();
        }
        int patched = 0;
        for (Relocation r : table) {
            boolean rebindable = r.kind() == Relocation.Kind.ABSOLUTE
                    || r.kind() == Relocation.Kind.CALL_PLT;
            if (!rebindable || !elf.symbols().get(r.symbolIndex()).name().equals(name)) {
                continue;
            }
            int place = base + r.offset();
            int value = r.kind() == Relocation.Kind.CALL_PLT ? address - place : address;
            byte[] slot = memory.read(place, r.kind().width);
            Relocator.patch(r.kind(), slot, 0, value, elf.bigEndian());
            memory.write(place, slot);
            patched++;
        }
        for (int i = 0; i < imports.size(); i++) {
            Import im = imports.get(i);
            if (im.name().equals(name)) {
                imports.set(i, new Import(im.name(), im.slot(), im.relocationType(), address));
            }
        }
        return patched;
    }

    @Override
    public String toString() {
        return "LoadedImage[%s at 0x%08x..0x%08x]".formatted(fileName(), base, end());
    }
}
