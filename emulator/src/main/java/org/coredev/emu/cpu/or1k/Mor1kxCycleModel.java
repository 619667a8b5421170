package org.coredev.emu.cpu.or1k;

import org.coredev.emu.cpu.or1k.Or1kIsa.Unit;

/**
 * Cycles charged per retired instruction, after the kernel CPU of ARTIQ 6 and older boards: a
 * mor1kx in its "cappuccino" pipeline configuration (openrisc/mor1kx,
 * rtl/verilog/mor1kx_cpu_cappuccino.v and mor1kx_decode_execute_cappuccino.v; misoc's mor1kx
 * wrapper gives the features ARTIQ enabled: multiplier, serial divider, ff1/fl1, cmov, addc,
 * delay slot). Cappuccino is a 6-stage in-order pipeline (address, fetch, decode, execute,
 * control/memory, writeback) with bypassing, and resolves branches in the decode stage.
 *
 * <p>What is modelled:
 * <ul>
 * <li>1 cycle per ALU, shift, compare, cmov, ff1/fl1, nop and SPR instruction in steady state.</li>
 * <li>Multiplier: the "THREESTAGE" pipelined multiplier, charged 3 cycles (its latency; the model
 *     assumes the result is used by the next instruction, as compiled code mostly does).</li>
 * <li>Divider: the "SERIAL" divider, one result bit a cycle: 32 cycles plus 2 of setup and
 *     writeback, 34 in all.</li>
 * <li>Loads: 2 cycles (the data cache hit costs one extra cycle before the result can be
 *     bypassed); stores 1 (buffered).</li>
 * <li>Branches: resolved in decode, and the architectural delay slot hides one cycle of the
 *     redirect, so a taken branch or jump costs {@link #TAKEN_BRANCH_PENALTY} extra cycle and a
 *     branch not taken none. Register jumps (l.jr, l.jalr) cost the same as taken branches.</li>
 * <li>Exception entry and l.rfe flush the pipeline: {@link #EXCEPTION_CYCLES} cycles.</li>
 * <li>l.msync, l.psync, l.csync: 2 cycles (pipeline drain, nothing outstanding in this model).</li>
 * <li>ORFPX32 (mor1kx's pfpu32): additions and multiplications 4 cycles, conversions and
 *     compares 2, divisions 16 cycles, lf.madd.s 6 (estimates from the unit's staging: no figure
 *     is published for the board).</li>
 * </ul>
 * Approximated or not modelled (documented gaps): the exact stall between a multiply or load and
 * its first use (charged as if always used at once); instruction- and data-cache misses and
 * refills over Wishbone to SDRAM; the store buffer filling up; the cappuccino branch predictor
 * option (ARTIQ's build did not enable one, so every taken branch pays the redirect); the FPU
 * figures above, which are estimates rather than measurements.
 */
public final class Mor1kxCycleModel {
    /** Extra cycles of a taken branch or jump: the redirect from decode minus the delay slot. */
    public static final int TAKEN_BRANCH_PENALTY = 1;
    /** Pipeline flush on exception entry (and on l.rfe). */
    public static final int EXCEPTION_CYCLES = 4;

    private Mor1kxCycleModel() {}

    /** Cost of an instruction's unit, without the taken-branch penalty. */
    public static int cost(Unit unit) {
        return switch (unit) {
            case ALU, STORE, BRANCH, JUMP, SPR -> 1;
            case JUMP_REG -> 1 + TAKEN_BRANCH_PENALTY;
            case LOAD, SYNC, FP_CVT, FP_CMP -> 2;
            case MUL -> 3;
            case DIV -> 34;
            case SYSTEM, RFE -> EXCEPTION_CYCLES;
            case FP_ADD, FP_MUL -> 4;
            case FP_MADD -> 6;
            case FP_DIV -> 16;
        };
    }

    /** Cost table indexed by op number. Illegal instructions cost 1 (then the exception entry). */
    public static int[] table() {
        int[] t = new int[Or1kIsa.OP_COUNT];
        t[0] = 1;
        t[Or1kIsa.ILLEGAL] = 1;
        for (Or1kIsa.Pattern p : Or1kIsa.patterns()) t[p.op()] = cost(p.unit());
        return t;
    }
}
