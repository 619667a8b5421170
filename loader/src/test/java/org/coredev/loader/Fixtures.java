package org.coredev.loader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The compiled kernel fixtures, a stand-in runtime export table and memories for tests. */
final class Fixtures {
    static final Path DIR = Path.of("src/test/fixtures");
    static final int PAYLOAD = Linker.DEFAULT_PAYLOAD_ADDRESS;

    /** The runtime exports the fixtures import, at made-up addresses in the runtime's region. */
    static final Map<String, Integer> RUNTIME = runtime();

    private Fixtures() {
    }

    private static Map<String, Integer> runtime() {
        Map<String, Integer> table = new LinkedHashMap<>();
        table.put("now", 0xfff0_0080);   // the RTIO `now` CSR pair, not code
        String[] functions = {"rtio_output", "rtio_get_counter", "rtio_input_timestamp", "rtio_input_data",
            "__muldf3", "__fixdfdi", "__adddf3", "__divsi3"};
        for (int i = 0; i < functions.length; i++) {
            table.put(functions[i], 0x4500_1000 + 0x40 * i);
        }
        return table;
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(DIR.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Memory from the payload address, {@code size} bytes. */
    static ByteArrayMemory memory(int size) {
        return new ByteArrayMemory(PAYLOAD, size);
    }

    static Linker linker(Target target, TargetMemory memory, int size) {
        return new Linker(target, memory, SymbolResolver.of(RUNTIME), PAYLOAD, PAYLOAD + size);
    }

    static int word(TargetMemory memory, int address, boolean bigEndian) {
        return Bytes.i32(memory.read(address, 4), 0, bigEndian);
    }

    /** Wraps a memory and records every write, to prove the linker stays inside an image. */
    static final class RecordingMemory implements TargetMemory {
        record Write(int address, int length) {
        }

        final TargetMemory inner;
        final List<Write> writes = new ArrayList<>();

        RecordingMemory(TargetMemory inner) {
            this.inner = inner;
        }

        @Override
        public void write(int address, byte[] data) {
            writes.add(new Write(address, data.length));
            inner.write(address, data);
        }

        @Override
        public byte[] read(int address, int length) {
            return inner.read(address, length);
        }

        /** Fails unless every recorded write lies inside {@code [image.base(), image.end())}. */
        void assertWritesInside(LoadedImage image) {
            for (Write w : writes) {
                long start = Integer.toUnsignedLong(w.address());
                if (start < Integer.toUnsignedLong(image.base())
                        || start + w.length() > Integer.toUnsignedLong(image.end())) {
                    throw new AssertionError("write 0x%08x+%d outside %s".formatted(w.address(), w.length(), image));
                }
            }
        }
    }
}
