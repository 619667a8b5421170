package org.coredev.emu.cpu.rv32;

/**
 * A basic block of guest code compiled to JVM bytecode by {@link BlockTranslator}.
 *
 * <p>{@link #run} executes the block on the integer registers, adds the cycles and instructions
 * it retired to the core's counts and returns the next pc. It may stop before its end, at an
 * instruction it cannot complete (a miss in {@link BlockMemory}, a misaligned jump target, a
 * floating-point instruction that would trap), which the interpreter then executes; if that is
 * its first instruction, nothing changes. An exit to one of the region's own segments (its own
 * start included: a loop) goes on there while {@code cycles} plus that segment's cost up to its
 * last instruction stays below {@code limit}.
 */
public abstract class TranslatedBlock {
    // An abstract class, not an interface: the driver's call of run is megamorphic, and a
    // virtual call costs less than an interface call there.
    public abstract int run(int[] x, BlockMemory memory, Rv32Cpu cpu, long limit);
}
