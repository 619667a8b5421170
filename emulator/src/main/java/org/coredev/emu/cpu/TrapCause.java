package org.coredev.emu.cpu;

/**
 * Synchronous exception causes, with the mcause codes of the RISC-V privileged spec (table 3.6).
 * The OR1K core maps its exceptions onto the same causes (see Or1kCpu).
 */
public enum TrapCause {
    INSTRUCTION_MISALIGNED(0, "instruction address misaligned"),
    INSTRUCTION_ACCESS_FAULT(1, "instruction access fault"),
    ILLEGAL_INSTRUCTION(2, "illegal instruction"),
    BREAKPOINT(3, "breakpoint"),
    LOAD_MISALIGNED(4, "load address misaligned"),
    LOAD_ACCESS_FAULT(5, "load access fault"),
    STORE_MISALIGNED(6, "store address misaligned"),
    STORE_ACCESS_FAULT(7, "store access fault"),
    ECALL_FROM_M(11, "environment call from M-mode"),
    /** OR1K only: the range exception (SR[OVE] set and an overflow); 24 is a custom-use mcause code. */
    RANGE(24, "range exception (overflow)");

    private final int code;
    private final String description;

    TrapCause(int code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The value written to mcause. */
    public int code() { return code; }
    public String description() { return description; }

    public static TrapCause ofCode(int code) {
        for (TrapCause c : values()) if (c.code == code) return c;
        throw new IllegalArgumentException("no trap cause " + code);
    }
}
