package org.coredev.emu.runtime.eh;

/**
 * Unwind or exception tables in guest memory that cannot be used: a malformed {@code .eh_frame},
 * {@code .eh_frame_hdr} or {@code .gcc_except_table}, a CFA program with an unsupported opcode,
 * or memory the tables point to that does not exist. The message names the table and the guest
 * address of the offending record or byte.
 */
public final class EhException extends RuntimeException {
    private final int address;

    public EhException(int address, String message) {
        super(message);
        this.address = address;
    }

    /** The guest address of the offending record or byte. */
    public int address() { return address; }
}
