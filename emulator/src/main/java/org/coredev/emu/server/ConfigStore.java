package org.coredev.emu.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.coredev.emu.EmulatorException;

/**
 * The board's configuration store (the flash "config" sector that {@code artiq_coremgmt config}
 * reads and writes): key to bytes. Kept in memory, or in a file that every change rewrites, so
 * that it survives a restart as the board's flash does. File format: records of a big-endian u32
 * record length, the UTF-8 key, a zero byte, the value.
 */
final class ConfigStore {
    private final Path file;
    private final TreeMap<String, byte[]> entries = new TreeMap<>();

    private ConfigStore(Path file) {
        this.file = file;
    }

    static ConfigStore inMemory() {
        return new ConfigStore(null);
    }

    /** A store backed by {@code file}; a missing file is an empty store. */
    static ConfigStore inFile(Path file) throws EmulatorException {
        ConfigStore store = new ConfigStore(file);
        if (!Files.exists(file)) return store;
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
            while (b.hasRemaining()) {
                if (b.remaining() < 4) throw new EmulatorException("%s: truncated record header at offset %d".formatted(file, b.position()));
                int at = b.position(), length = b.getInt();
                if (length < 1 || length > b.remaining())
                    throw new EmulatorException("%s: record at offset %d has bad length %d".formatted(file, at, length));
                byte[] record = new byte[length];
                b.get(record);
                int zero = 0;
                while (zero < length && record[zero] != 0) zero++;
                if (zero == length) throw new EmulatorException("%s: record at offset %d has no key terminator".formatted(file, at));
                store.entries.put(new String(record, 0, zero, StandardCharsets.UTF_8),
                        java.util.Arrays.copyOfRange(record, zero + 1, length));
            }
        } catch (IOException e) {
            throw new EmulatorException("%s: cannot read the config store: %s".formatted(file, e.getMessage()), e);
        }
        return store;
    }

    synchronized Optional<byte[]> read(String key) {
        byte[] v = entries.get(key);
        return v == null ? Optional.empty() : Optional.of(v.clone());
    }

    /** False when the key cannot be stored (empty or containing a zero byte, as the board's format forbids). */
    synchronized boolean write(String key, byte[] value) throws IOException {
        if (key.isEmpty() || key.indexOf('\0') >= 0) return false;
        entries.put(key, value.clone());
        save();
        return true;
    }

    synchronized void remove(String key) throws IOException {
        entries.remove(key);
        save();
    }

    synchronized void erase() throws IOException {
        entries.clear();
        save();
    }

    synchronized Map<String, byte[]> snapshot() {
        return new TreeMap<>(entries);
    }

    private void save() throws IOException {
        if (file == null) return;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
            int length = key.length + 1 + e.getValue().length;
            out.writeBytes(ByteBuffer.allocate(4).putInt(length).array());
            out.writeBytes(key);
            out.write(0);
            out.writeBytes(e.getValue());
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, out.toByteArray());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
