package org.coredev.emu.unicorn;

/**
 * Failure of a call into libunicorn, or the library being absent. The message names the call and its
 * arguments, then Unicorn's own text and error name, e.g.
 * {@code uc_mem_map 0x40000000+0x100000: Invalid memory mapping (UC_ERR_MAP)}.
 */
public final class UnicornException extends RuntimeException {

    /** {@code uc_err} value for failures that did not come from libunicorn itself. */
    public static final int NO_UC_ERR = -1;

    private final int ucErr;

    /** A failure that is not a {@code uc_err} (library missing, callback threw, bad argument). */
    public UnicornException(String message) {
        this(message, NO_UC_ERR, null);
    }

    UnicornException(String message, Throwable cause) {
        this(message, NO_UC_ERR, cause);
    }

    UnicornException(String message, int ucErr) {
        this(message, ucErr, null);
    }

    private UnicornException(String message, int ucErr, Throwable cause) {
        super(message, cause);
        this.ucErr = ucErr;
    }

    /** The {@code uc_err} code returned by libunicorn, or {@link #NO_UC_ERR}. */
    public int ucErr() {
        return ucErr;
    }
}
