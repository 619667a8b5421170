package org.coredev.compiler;

/**
 * The board CPUs a kernel can be compiled for (artiq/compiler/targets.py): {@code rv32g} (Kasli 2.x,
 * hard double floats, ilp32d) and {@code rv32ima} (Kasli 1.x, soft floats through compiler-rt, ilp32).
 */
public enum Target {
    RV32G("rv32g", true, 8),
    RV32IMA("rv32ima", false, 4);

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

    /** ELF e_flags: EF_RISCV_FLOAT_ABI_DOUBLE (0x4) for rv32g, soft float (0) for rv32ima. */
    public int elfFlags() { return hardFloat ? 0x4 : 0; }

    /** The loader's (and the core device's) name for this target. */
    public org.coredev.loader.Target loaderTarget() {
        return this == RV32G ? org.coredev.loader.Target.RV32G : org.coredev.loader.Target.RV32IMA;
    }

    /** The compiler's target for a core device's kernel CPU; null for one it has no back end for (or1k). */
    public static Target forDevice(org.coredev.loader.Target device) {
        return switch (device) {
            case RV32G -> RV32G;
            case RV32IMA -> RV32IMA;
            case OR1K -> null;
        };
    }

    /** "rv32g" / "rv32ima"; null if unknown. */
    public static Target byId(String id) {
        for (Target t : values()) if (t.id.equals(id)) return t;
        return null;
    }
}
