package org.coredev.emu.unicorn;

import java.util.List;

/**
 * How one {@link UnicornRv32#step()} (or {@link UnicornRv32#run(long)}) ended. After a {@link Trap} or a
 * {@link Fault} the hart's pc is the address of the instruction that raised it and no trap CSR
 * ({@code mepc}, {@code mcause}, {@code mtval}) has been written: Unicorn does not take RISC-V traps, so
 * the caller decides where execution continues.
 */
public sealed interface StepResult {

    /** Memory writes made, in order (for {@link UnicornRv32#run(long)}: none are recorded). */
    List<MemoryWrite> writes();

    /** The instruction completed normally. */
    record Retired(List<MemoryWrite> writes) implements StepResult {
        static final Retired NO_WRITES = new Retired(List.of());
    }

    /**
     * The instruction at {@code pc} raised a CPU exception.
     *
     * @param cause RISC-V exception code as Unicorn reports it: 2 illegal instruction (also F/D
     *              instructions while {@code mstatus.FS} is off), 3 breakpoint ({@code ebreak}), 8 for every
     *              {@code ecall} whatever the privilege mode (QEMU's {@code RISCV_EXCP_U_ECALL}; a real
     *              M-mode hart would report 11)
     */
    record Trap(int pc, int cause, List<MemoryWrite> writes) implements StepResult {
        public static final int ILLEGAL_INSTRUCTION = 2;
        public static final int BREAKPOINT = 3;
        public static final int ECALL = 8;

        @Override
        public String toString() {
            return "Trap[pc=0x%08x, cause=%d, writes=%s]".formatted(pc, cause, writes);
        }
    }

    /**
     * The instruction at {@code pc} touched unmapped memory; its destination register is unchanged.
     *
     * @param access  what kind of access failed
     * @param address the unmapped address
     * @param ucErr   Unicorn's error ({@code UC_ERR_READ_UNMAPPED}, {@code UC_ERR_WRITE_UNMAPPED},
     *                {@code UC_ERR_FETCH_UNMAPPED})
     */
    record Fault(int pc, Access access, int address, int ucErr, List<MemoryWrite> writes) implements StepResult {
        @Override
        public String toString() {
            return "Fault[pc=0x%08x, %s of unmapped 0x%08x, ucErr=%d, writes=%s]"
                    .formatted(pc, access, address, ucErr, writes);
        }
    }

    /** Kind of memory access in a {@link Fault}. */
    enum Access { READ, WRITE, FETCH }
}
