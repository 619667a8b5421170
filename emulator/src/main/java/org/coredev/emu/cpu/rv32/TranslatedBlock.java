package org.coredev.emu.cpu.rv32;

/**
 * A basic block of guest code compiled to JVM bytecode by {@link BlockTranslator}.
 *
 * <p>{@link #run} executes the block on the integer registers and returns where it left:
 * {@code (long) nextPc << 32 | retired << 1 | mispredicted}. {@code retired} counts the
 * instructions executed; fewer than the block's length means a side exit before an instruction
 * the block cannot complete (a miss in {@link BlockMemory}, a misaligned jump target, a floating-point instruction that would trap), which the
 * interpreter then executes. {@code mispredicted} says the final branch or jump pays the
 * predictor's penalty.
 */
public interface TranslatedBlock {
    long run(int[] x, BlockMemory memory, Rv32Cpu cpu);
}
