package org.coredev.loader;

/**
 * The loader's only exception: a kernel image that is malformed, built for another target, does not fit
 * in memory, or imports symbols nobody exports. The message always names the file and what is wrong
 * (offset, symbol, relocation type or address).
 *
 * <p>Unchecked, because a caller (the emulator, the CLI) reports it rather than recovers from it.
 */
public final class LoaderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message the full message, starting with the file name */
    public LoaderException(String message) {
        super(message);
    }
}
