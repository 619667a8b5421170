package org.coredev.emu.bus;

/**
 * An access the bus cannot serve: nothing is mapped there, or the device refused it.
 * The CPU turns it into an access-fault trap; it never escapes to the user as a Java stack trace.
 */
public final class BusFault extends Exception {
    private final int address;

    public BusFault(int address, String message) {
        super(message, null, false, false);
        this.address = address;
    }

    /** The faulting address. */
    public int address() { return address; }
}
