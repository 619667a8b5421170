package org.coredev.emu;

/**
 * A problem the user caused that stops the emulator: a bad program file, a device that cannot be
 * built. The message names the file, address or symbol.
 */
public final class EmulatorException extends Exception {
    public EmulatorException(String message) { super(message); }
    public EmulatorException(String message, Throwable cause) { super(message, cause); }
}
