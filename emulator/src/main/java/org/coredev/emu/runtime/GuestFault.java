package org.coredev.emu.runtime;

/**
 * A runtime function was handed a bad pointer or length by the kernel. The core device ends the
 * run with a fault report naming the function and the address, as it does for a faulting
 * instruction.
 */
public final class GuestFault extends RuntimeException {
    private final int address;

    public GuestFault(int address, String message) {
        super(message);
        this.address = address;
    }

    public int address() { return address; }
}
