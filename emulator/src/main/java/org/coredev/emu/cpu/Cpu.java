package org.coredev.emu.cpu;

/**
 * A kernel CPU core: architectural state plus {@link #run(long)}. A core knows nothing about RTIO:
 * devices are reached through its bus, runtime functions through {@link StopReason.RuntimeCall}.
 */
public interface Cpu {
    int pc();
    void setPc(int pc);

    /** Integer register {@code reg}; register 0 always reads 0. */
    int x(int reg);
    void setX(int reg, int value);

    /** Cycles the cycle model has charged so far: the core's simulated time. */
    long cycles();

    /** Instructions retired so far. */
    long instret();

    /** Lets simulated time jump forward (a runtime call's cost, the CPU waiting on a device), retiring nothing. */
    void addCycles(long n);

    /** Forgets decoded instructions in [address, address+length): code written behind the core's back (the loader). */
    void invalidateDecoded(int address, int length);

    /**
     * Runs until {@code cycleBudget} more cycles have been charged or something stops the core.
     * The instruction that crosses the budget completes.
     */
    StopReason run(long cycleBudget);
}
