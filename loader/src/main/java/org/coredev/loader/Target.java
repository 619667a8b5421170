package org.coredev.loader;

/**
 * A kernel CPU an image can be built for. The linker refuses an image whose ELF class, byte order,
 * machine or (RISC-V) flags differ from the device's target, as ARTIQ's libdyld does
 * ("not a shared library for current architecture", "unexpected flags ... wrong floating point ABI?").
 */
public enum Target {
    /** Kasli 1.x: VexRiscv rv32ima, soft-float ABI ilp32, {@code e_flags} 0. */
    RV32IMA("rv32ima", Machine.RISCV, false, 0x0, "soft-float ABI"),
    /** Kasli 2.x: VexRiscv rv32imafd, hard double-float ABI ilp32d, {@code e_flags} EF_RISCV_FLOAT_ABI_DOUBLE. */
    RV32G("rv32g", Machine.RISCV, false, 0x4, "double-float ABI"),
    /** ARTIQ 6 and older: mor1kx, big-endian; libdyld did not check {@code e_flags} there. */
    OR1K("or1k", Machine.OR1K, true, -1, "");

    /** ELF machines the loader knows, with their {@code e_machine} numbers. */
    public enum Machine {
        /** EM_RISCV. */
        RISCV(243, "RISC-V"),
        /** EM_OPENRISC. */
        OR1K(92, "OpenRISC 1000");

        private final int number;
        private final String displayName;

        Machine(int number, String displayName) {
            this.number = number;
            this.displayName = displayName;
        }

        /** The {@code e_machine} value. */
        public int number() {
            return number;
        }

        /** A human name, e.g. "RISC-V". */
        public String displayName() {
            return displayName;
        }
    }

    private final String displayName;
    private final Machine machine;
    private final boolean bigEndian;
    private final int flags;
    private final String floatAbi;

    Target(String displayName, Machine machine, boolean bigEndian, int flags, String floatAbi) {
        this.displayName = displayName;
        this.machine = machine;
        this.bigEndian = bigEndian;
        this.flags = flags;
        this.floatAbi = floatAbi;
    }

    /** The ELF machine. */
    public Machine machine() {
        return machine;
    }

    /** True for OR1K: words in the image are big-endian. */
    public boolean bigEndian() {
        return bigEndian;
    }

    /** The exact {@code e_flags} an image must carry, or -1 when the board did not check them. */
    public int requiredFlags() {
        return flags;
    }

    /** "soft-float ABI", "double-float ABI", or empty where there is no such choice. */
    public String floatAbi() {
        return floatAbi;
    }

    /** The name ARTIQ uses for the target, e.g. "rv32g". */
    public String displayName() {
        return displayName;
    }

    /** A description naming target, float ABI and flags, used in error messages. */
    String describe() {
        return flags < 0 ? displayName : "%s (%s, e_flags 0x%x)".formatted(displayName, floatAbi, flags);
    }
}
