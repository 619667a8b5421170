package org.coredev.compiler;

/**
 * The board CPUs a kernel can be compiled for (artiq/compiler/targets.py): {@code rv32g} (Kasli 2.x,
 * hard double floats, ilp32d), {@code rv32ima} (Kasli 1.x, soft floats through compiler-rt, ilp32)
 * and {@code or1k} (ARTIQ 6 and older boards: mor1kx, big-endian, soft floats, 64-bit values
 * 4-byte aligned as that target's data layout "i64:32:32-f64:32:32" has them).
 */
public enum Target {
    RV32G("rv32g", true, 8),
    RV32IMA("rv32ima", false, 4),
    OR1K("or1k", false, 4);

    /** The name on the command line and in device_db's core entry. */
    public final String id;
    /** Hardware double-precision floats and the ilp32d calling convention. */
    public final boolean hardFloat;
    /** Bytes from the `now` CSR's high word to its low word (64-bit CSR bus on rv32g boards). */
    public final int nowLowOffset;

    Target(String id, boolean hardFloat, int nowLowOffset) {
        this.id = id;
        this.hardFloat = hardFloat;
        this.nowLowOffset = nowLowOffset;
    }

    /** Big-endian words in memory and in the ELF file (OR1K). */
    public boolean bigEndian() { return this == OR1K; }

    /** Alignment of an int64 or float in a C struct the runtime reads (an RPC's tuple). */
    public int wideAlign() { return this == OR1K ? 4 : 8; }

    /**
     * Whether the board's firmware names exceptions by strings (ARTIQ 6, the OR1K boards):
     * exception objects start with a name slice, catch clauses are type-info slices the
     * personality compares in a two-phase search, and the runtime exports {@code __artiq_reraise}
     * instead of {@code __artiq_resume} and {@code __artiq_end_catch}. The RISC-V targets have
     * today's scheme (exception ids).
     */
    public boolean namedExceptions() { return this == OR1K; }

    /** ELF e_machine: EM_RISCV (243) or EM_OPENRISC (92). */
    public int elfMachine() { return this == OR1K ? 92 : 243; }

    /** ELF e_flags: EF_RISCV_FLOAT_ABI_DOUBLE (0x4) for rv32g, soft float (0) for rv32ima and or1k. */
    public int elfFlags() { return hardFloat ? 0x4 : 0; }

    /** The loader's (and the core device's) name for this target. */
    public org.coredev.loader.Target loaderTarget() {
        return switch (this) {
            case RV32G -> org.coredev.loader.Target.RV32G;
            case RV32IMA -> org.coredev.loader.Target.RV32IMA;
            case OR1K -> org.coredev.loader.Target.OR1K;
        };
    }

    /** The compiler's target for a core device's kernel CPU. */
    public static Target forDevice(org.coredev.loader.Target device) {
        return switch (device) {
            case RV32G -> RV32G;
            case RV32IMA -> RV32IMA;
            case OR1K -> OR1K;
        };
    }

    /** "rv32g" / "rv32ima" / "or1k"; null if unknown. */
    public static Target byId(String id) {
        for (Target t : values()) if (t.id.equals(id)) return t;
        return null;
    }
}
