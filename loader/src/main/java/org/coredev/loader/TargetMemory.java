package org.coredev.loader;

/**
 * The memory of the kernel CPU as seen by the loader. The emulator adapts its RAM to this interface;
 * {@link ByteArrayMemory} is a plain implementation for tests and tools.
 *
 * <p>The linker writes each image with one {@link #write} covering exactly the image's address range;
 * {@link LoadedImage#rebind} reads and writes single slots inside it. Nothing else is touched.
 */
public interface TargetMemory {
    /** Stores {@code data} at {@code address} (an unsigned 32-bit address). */
    void write(int address, byte[] data);

    /** Returns {@code length} bytes starting at {@code address}. */
    byte[] read(int address, int length);
}
