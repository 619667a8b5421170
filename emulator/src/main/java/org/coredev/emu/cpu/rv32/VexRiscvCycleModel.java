package org.coredev.emu.cpu.rv32;

import org.coredev.emu.cpu.rv32.Rv32Isa.Unit;

/**
 * Cycles charged per retired instruction, after the kernel CPU of ARTIQ's Kasli boards: a
 * VexRiscv (SpinalHDL) at the 125 MHz RTIO clock, 5-stage pipeline (fetch, decode, execute,
 * memory, writeback), fully bypassed, dynamic-target branch prediction, pipelined single-cycle
 * multiplier, iterative divider, and (on Kasli 2.x, "VexRiscv_G") the SpinalHDL FPU
 * (artiq/gateware/targets/kasli.py; m-labs' VexRiscv build files; the VexRiscv README's figures
 * "one cycle multiplication, 34 cycle division").
 *
 * <p>What is modelled, and why this shape:
 * <ul>
 * <li>One cycle per instruction in the steady state of a bypassed 5-stage pipeline.</li>
 * <li>Branches: the dynamic predictor learns loops, so the model charges what a warmed predictor
 *     costs on typical compiled code without keeping per-branch state in the hot loop: backward
 *     taken and forward not-taken branches are predicted (1 cycle); the other two outcomes are
 *     mispredictions that flush fetch and decode: {@link #BRANCH_MISPREDICT_PENALTY} extra cycles,
 *     since VexRiscv resolves branches in execute.</li>
 * <li>jalr: the target buffer predicts a repeated target, but function returns alternate between
 *     call sites, so a return is charged as mispredicted.</li>
 * <li>Division 34 cycles (iterative radix-2 divider, 32 steps + 2 of setup and result).</li>
 * <li>FPU: additions and multiplications are pipelined (charged 2: one issue cycle plus an
 *     average dependency stall); divisions and square roots are iterative, about one cycle per
 *     result bit plus setup (single 27, double 56).</li>
 * <li>fence.i flushes the 8 KiB instruction cache of 64-byte lines: 128 lines, one per cycle.</li>
 * <li>Trap entry/exit (ecall, ebreak, mret) flushes the pipeline: 4 cycles.</li>
 * </ul>
 * Not modelled (documented gaps): cache misses and refills from the L2 and SDRAM, load-use
 * stalls, structural hazards between FPU operations.
 */
public final class VexRiscvCycleModel {
    /** Extra cycles of a mispredicted branch (VexRiscv resolves branches in execute). */
    public static final int BRANCH_MISPREDICT_PENALTY = 2;

    private VexRiscvCycleModel() {}

    /** Cost of an instruction's unit, assuming a correctly predicted branch. */
    public static int cost(Unit unit) {
        return switch (unit) {
            case ALU, LOAD, STORE, BRANCH, MUL, CSR, FP_LOAD, FP_STORE, FP_MOVE, FP_CMP -> 1;
            case JUMP -> 1;
            case ATOMIC, FP_ADD, FP_MUL, FP_FMA, FP_CVT -> 2;
            case SYSTEM -> 4;
            case DIV -> 34;
            case FP_DIV_S, FP_SQRT_S -> 27;
            case FP_DIV_D, FP_SQRT_D -> 56;
            case FENCE_I -> 128;
        };
    }

    /** Cost table indexed by op number, for the dispatch loop. Illegal instructions cost 1 (then trap). */
    public static int[] table() {
        int[] t = new int[Rv32Isa.OP_COUNT];
        t[0] = 1;
        t[Rv32Isa.ILLEGAL] = 1;
        for (Rv32Isa.Pattern p : Rv32Isa.patterns()) t[p.op()] = cost(p.unit());
        return t;
    }
}
