package org.coredev.emu.cpu.rv32;

/**
 * A basic block of guest code compiled to JVM bytecode by {@link BlockTranslator}.
 *
 * <p>{@link #run} executes the block on the integer registers, adds the cycles and instructions
 * it retired to the core's counts and returns the next pc. It may stop before its end, at an
 * instruction it cannot complete (a miss in {@link BlockMemory}, a misaligned jump target, a
 * floating-point instruction that would trap), which the interpreter then executes; if that is
 * its first instruction, nothing changes. A block that loops to its own start repeats while
 * {@code cycles} plus its cost up to its last instruction stays below {@code limit}.
 */
public interface TranslatedBlock {
    int run(int[] x, BlockMemory memory, Rv32Cpu cpu, long limit);
}
