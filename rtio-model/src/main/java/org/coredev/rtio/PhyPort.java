package org.coredev.rtio;

/**
 * What the {@link RtioCore} offers a {@link Phy}: its channel's identity, the input collector,
 * the wiring of its pin, timed wake-ups and the signal trace.
 */
public interface PhyPort {

    /** The channel number. */
    int channel();

    /** The channel's device name. */
    String name();

    /** Length of one coarse RTIO cycle in mu. */
    int coarseMu();

    /** Delay from an input pin edge to its input timestamp. */
    int inputLatencyMu();

    /** Whether anything listens to this pin (a loopback wire), so the PHY must report its edges. */
    boolean pinHasListeners();

    /** Reports a level change of the pin at the given time to the wires connected to it. */
    void pinChanged(long timeMu, boolean level);

    /**
     * Schedules an input event: it enters the channel's input FIFO at {@code arrivalMu}
     * (overflowing if the FIFO is full then) with the given timestamp and data.
     */
    void pushInput(long arrivalMu, long timestampMu, int data);

    /** Asks for a call to {@link Phy#wake} at the given time with the given token. */
    void wakeAt(long timeMu, long token);

    /** Whether signal changes are recorded (for VCD files). */
    boolean tracing();

    /** Declares a bit-vector signal named {@code channel name + suffix}; returns its id. */
    int declareSignal(String suffix, int width);

    /** Declares a real-valued signal named {@code channel name + suffix}; returns its id. */
    int declareRealSignal(String suffix);

    /** Records a value of a bit-vector signal (ignored unless tracing). */
    void trace(int signal, long timeMu, long value);

    /** Records a value of a real signal (ignored unless tracing). */
    void traceReal(int signal, long timeMu, double value);
}
