package org.coredev.emu.runtime.eh;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.coredev.emu.runtime.GuestFault;
import org.coredev.emu.runtime.GuestMemory;

/**
 * An ARTIQ exception object as the kernel and runtime exchange it (artiq/firmware/libeh/eh_artiq.rs,
 * {@code struct Exception}, repr(C)). On the 32-bit RISC-V boards a {@code CSlice} is a pointer and a
 * length, and i64 is 8-byte aligned, so the 64-byte layout is:
 * <pre>
 *   0 id u32 | 4 file.ptr | 8 file.len | 12 line u32 | 16 column u32 | 20 function.ptr | 24 function.len
 *  28 message.ptr | 32 message.len | 36 padding | 40 param[0] i64 | 48 param[1] | 56 param[2]
 * </pre>
 * ARTIQ 6 and 7 firmware (ksupport/eh_artiq.rs before the exception ids, e.g. release-6) name the
 * exception by a string instead, "id:qualified name" ("0:ZeroDivisionError",
 * "0:artiq.coredevice.exceptions.RTIOUnderflow", a host class's object id for the kernel's own):
 * <pre>
 *   0 name.ptr | 4 name.len | 8 file | 16 line | 20 column | 24 function | 32 message | 40 param[0..2]
 * </pre>
 * ({@link #readNamed}, {@link #writeNamed}; the same 64 bytes at either int64 alignment).
 * A string whose length is {@code usize::MAX} is not in kernel memory: its pointer is a key of a
 * host string (the host's embedding map); it decodes as {@code "<host string N>"}.
 *
 * @param id the embedding-map string id of the exception's name ({@link ExceptionNames}); for a
 *           named exception the built-in id of its name, -1 when it is not a built-in
 * @param name the built-in's short name ("RTIOUnderflow", "ZeroDivisionError"), or the class a
 *             named exception gives
 * @param params the three int64 parameters the message's "{0}".."{2}" refer to
 */
public record ArtiqException(int id, String name, String file, int line, int column, String function, String message,
                             List<Long> params) {
    public static final int SIZE = 64, ALIGN = 8;
    static final int ID = 0, FILE = 4, LINE = 12, COLUMN = 16, FUNCTION = 20, MESSAGE = 28, PARAMS = 40;
    /** Offsets of the named layout (ARTIQ 6 and 7). */
    public static final int NAMED_NAME = 0, NAMED_FILE = 8, NAMED_LINE = 16, NAMED_COLUMN = 20, NAMED_FUNCTION = 24,
            NAMED_MESSAGE = 32, NAMED_PARAMS = 40;
    /** The module ARTIQ's own exception classes are in: ksupport's names carry it after "0:". */
    public static final String ARTIQ_MODULE = "artiq.coredevice.exceptions.";
    /** Strings longer than this are treated as corrupt. */
    static final int MAX_STRING = 1 << 16;

    public ArtiqException {
        params = List.copyOf(params);
        if (params.size() != 3) throw new IllegalArgumentException("an ARTIQ exception has 3 parameters, not " + params.size());
    }

    /** An exception of today's firmware, named by its id ({@link ExceptionNames#name}). */
    public ArtiqException(int id, String file, int line, int column, String function, String message, List<Long> params) {
        this(id, ExceptionNames.name(id), file, line, column, function, message, params);
    }

    /**
     * A named exception from its name string "id:qualified name": "0:artiq.coredevice.exceptions.X"
     * and "0:X" are the built-in X (its id); another "0:Q" keeps Q with id -1; "N:Class" (the host
     * class's object id, or the id coredev's compiler gave the kernel's own class) keeps N and the
     * class. {@link #nameString} writes each back as it came.
     */
    public static ArtiqException named(String nameString, String file, int line, int column, String function, String message,
                                       List<Long> params) {
        int colon = nameString.indexOf(':');
        String qualified = nameString.substring(colon + 1);
        int id;
        try {
            id = colon > 0 ? Integer.parseUnsignedInt(nameString.substring(0, colon)) : 0;
        } catch (NumberFormatException e) {
            id = 0;
            qualified = nameString;
        }
        if (id == 0) {
            String name = qualified.startsWith(ARTIQ_MODULE) ? qualified.substring(ARTIQ_MODULE.length()) : qualified;
            var builtin = ExceptionNames.id(name);
            return builtin.isPresent()
                    ? new ArtiqException(builtin.getAsInt(), name, file, line, column, function, message, params)
                    : new ArtiqException(-1, qualified, file, line, column, function, message, params);
        }
        return new ArtiqException(id, qualified, file, line, column, function, message, params);
    }

    /** Whether this is one of the runtime's preallocated exceptions (id and name agree with the table). */
    public boolean builtin() {
        return id >= 0 && id < ExceptionNames.count() && name.equals(ExceptionNames.name(id));
    }

    /** The name string of the named layout (ARTIQ 6): "0:" and the qualified name for a built-in, else "id:name". */
    public String nameString() {
        if (builtin()) return builtinNameString(name);
        return id == -1 ? "0:" + name : Integer.toUnsignedString(id) + ":" + name;
    }

    /** The name string a named-exception runtime writes for a built-in: "0:" and its qualified name. */
    public static String builtinNameString(String name) {
        return "0:" + ExceptionNames.qualifiedName(ExceptionNames.id(name).orElseThrow(
                () -> new IllegalArgumentException("not a built-in exception: " + name)));
    }

    /** Reads the object at {@code address}; a bad pointer or length is a {@link GuestFault}. */
    public static ArtiqException read(GuestMemory memory, int address) {
        return new ArtiqException(
                memory.load32(address + ID),
                string(memory, address + FILE),
                memory.load32(address + LINE),
                memory.load32(address + COLUMN),
                string(memory, address + FUNCTION),
                string(memory, address + MESSAGE),
                List.of(memory.load64(address + PARAMS), memory.load64(address + PARAMS + 8), memory.load64(address + PARAMS + 16)));
    }

    /** Reads a named exception (ARTIQ 6 and 7 layout) at {@code address}. */
    public static ArtiqException readNamed(GuestMemory memory, int address) {
        return named(string(memory, address + NAMED_NAME), string(memory, address + NAMED_FILE),
                memory.load32(address + NAMED_LINE), memory.load32(address + NAMED_COLUMN),
                string(memory, address + NAMED_FUNCTION), string(memory, address + NAMED_MESSAGE),
                List.of(memory.load64(address + NAMED_PARAMS), memory.load64(address + NAMED_PARAMS + 8),
                        memory.load64(address + NAMED_PARAMS + 16)));
    }

    /**
     * Writes this exception in the named layout at {@code address} with {@code nameString} as its
     * name, the strings from {@code strings} on; returns the first byte after them.
     */
    public int writeNamed(GuestMemory memory, int address, int strings, String nameString) {
        strings = writeString(memory, address + NAMED_NAME, strings, nameString);
        strings = writeString(memory, address + NAMED_FILE, strings, file);
        memory.store32(address + NAMED_LINE, line);
        memory.store32(address + NAMED_COLUMN, column);
        strings = writeString(memory, address + NAMED_FUNCTION, strings, function);
        strings = writeString(memory, address + NAMED_MESSAGE, strings, message);
        for (int k = 0; k < 3; k++) memory.store64(address + NAMED_PARAMS + 8 * k, params.get(k));
        return strings;
    }

    private static String string(GuestMemory memory, int slice) {
        int pointer = memory.load32(slice), length = memory.load32(slice + 4);
        if (length == -1) return "<host string " + Integer.toUnsignedString(pointer) + ">";
        if (length < 0 || length > MAX_STRING)
            throw new GuestFault(slice, "exception string at 0x%08x has implausible length %d".formatted(pointer, Integer.toUnsignedLong(length)));
        return new String(memory.read(pointer, length), StandardCharsets.UTF_8);
    }

    /**
     * Writes this exception at {@code address}, its strings (UTF-8, no terminator) from
     * {@code strings} on; returns the first byte after the strings.
     */
    public int write(GuestMemory memory, int address, int strings) {
        memory.store32(address + ID, id);
        strings = writeString(memory, address + FILE, strings, file);
        memory.store32(address + LINE, line);
        memory.store32(address + COLUMN, column);
        strings = writeString(memory, address + FUNCTION, strings, function);
        strings = writeString(memory, address + MESSAGE, strings, message);
        memory.store32(address + 36, 0);
        for (int k = 0; k < 3; k++) memory.store64(address + PARAMS + 8 * k, params.get(k));
        return strings;
    }

    /** Bytes {@link #write} needs for the strings. */
    public int stringBytes() {
        return utf8(file).length + utf8(function).length + utf8(message).length;
    }

    private static int writeString(GuestMemory memory, int slice, int at, String text) {
        byte[] bytes = utf8(text);
        memory.write(at, bytes);
        memory.store32(slice, at);
        memory.store32(slice + 4, bytes.length);
        return at + bytes.length;
    }

    private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    /** The message with its parameters filled in as the host does ({@link ExceptionMessage#format}). */
    public String formattedMessage() { return ExceptionMessage.format(message, params); }

    /**
     * The first line of ARTIQ's host traceback, "artiq.coredevice.exceptions.RTIOUnderflow(0):
     * RTIO underflow at ...": the number in parentheses is the host-side class id, 0 for every
     * built-in (exceptions.py, {@code single_traceback}). An id this table does not know is shown
     * as "exception id N: message".
     */
    @Override
    public String toString() {
        if (builtin()) return "%s(0): %s".formatted(ExceptionNames.qualifiedName(id), formattedMessage());
        if (!name.equals(ExceptionNames.name(id))) return "%s: %s".formatted(name, formattedMessage());
        return "exception id %s: %s".formatted(Integer.toUnsignedString(id), formattedMessage());
    }
}
