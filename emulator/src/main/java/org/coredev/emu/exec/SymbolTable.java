package org.coredev.emu.exec;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/** Names for addresses: exact lookups by name and "nearest symbol at or below" for reports. */
public final class SymbolTable {
    private final TreeMap<Long, String> byAddress = new TreeMap<>();
    private final Map<String, Integer> byName = new TreeMap<>();

    public void add(String name, int address) {
        if (name == null || name.isEmpty()) return;
        byName.putIfAbsent(name, address);
        // Prefer the first name seen at an address: ELF tables list globals before local aliases rarely matter.
        byAddress.putIfAbsent(Integer.toUnsignedLong(address), name);
    }

    public OptionalInt address(String name) {
        Integer a = byName.get(name);
        return a == null ? OptionalInt.empty() : OptionalInt.of(a);
    }

    /** "name" or "name+0x1c" for the nearest symbol at or below {@code address}. */
    public Optional<String> describe(int address) {
        Map.Entry<Long, String> e = byAddress.floorEntry(Integer.toUnsignedLong(address));
        if (e == null) return Optional.empty();
        long delta = Integer.toUnsignedLong(address) - e.getKey();
        return Optional.of(delta == 0 ? e.getValue() : "%s+0x%x".formatted(e.getValue(), delta));
    }

    /** "0x80000010 <main+0x4>" or just the address. */
    public String format(int address) {
        return describe(address).map(s -> "0x%08x <%s>".formatted(address, s)).orElse("0x%08x".formatted(address));
    }
}
