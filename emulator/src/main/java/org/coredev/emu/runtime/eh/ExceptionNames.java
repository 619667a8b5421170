package org.coredev.emu.runtime.eh;

import java.util.List;
import java.util.OptionalInt;

/**
 * Names of the exception ids the runtime itself raises. An exception's id is the key of its name
 * in the host's embedding map; the compiler preallocates the first keys for these exceptions in
 * this order (artiq/compiler/embedding.py, {@code preallocate_runtime_exception_names}; kept in
 * sync with {@code EXCEPTION_ID_LOOKUP} in artiq/firmware/ksupport/eh_artiq.rs). Ids of a
 * kernel's own exception classes exist only in that kernel's embedding map: unknown here, they
 * are shown as numbers.
 */
public final class ExceptionNames {
    private static final List<String> BUILTIN = List.of(
            "RTIOUnderflow", "RTIOOverflow", "RTIODestinationUnreachable", "DMAError", "I2CError",
            "CacheError", "SPIError", "SubkernelError",
            "AssertionError", "AttributeError", "IndexError", "IOError", "KeyError", "NotImplementedError",
            "OverflowError", "RuntimeError", "TimeoutError", "TypeError", "ValueError", "ZeroDivisionError",
            "LinAlgError",
            "UnwrapNoneError", "CXPError");
    /** Ids whose exception classes are Python builtins (embedding.py writes them as "0:Name"). */
    private static final int FIRST_BUILTIN_PYTHON = 8, LAST_BUILTIN_PYTHON = 20;

    private ExceptionNames() {}

    /** Number of preallocated ids. */
    public static int count() { return BUILTIN.size(); }

    /** "RTIOUnderflow" for 0, ...; the decimal id for an id not in the built-in table. */
    public static String name(int id) {
        return id >= 0 && id < BUILTIN.size() ? BUILTIN.get(id) : Integer.toUnsignedString(id);
    }

    /**
     * The name as ARTIQ's host shows it: "artiq.coredevice.exceptions.RTIOUnderflow" for the
     * ARTIQ-specific ones, "ZeroDivisionError" for Python builtins; the decimal id if unknown.
     */
    public static String qualifiedName(int id) {
        if (id < 0 || id >= BUILTIN.size()) return Integer.toUnsignedString(id);
        if (id >= FIRST_BUILTIN_PYTHON && id <= LAST_BUILTIN_PYTHON) return BUILTIN.get(id);
        return "artiq.coredevice.exceptions." + BUILTIN.get(id);
    }

    /** The id of a built-in exception name ("RTIOUnderflow" -> 0). */
    public static OptionalInt id(String name) {
        int k = BUILTIN.indexOf(name);
        return k < 0 ? OptionalInt.empty() : OptionalInt.of(k);
    }
}
