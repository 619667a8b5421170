package org.coredev.emu.server;

/**
 * Simulated time that host traffic takes on a board, so that the RTIO counter runs on between
 * kernels as it does on hardware (ARTIQ's test_time_keeps_running wants more than 1 ms between
 * two kernels) while staying a function of the messages alone, never of the wall clock.
 *
 * <p>Figures: the core device's TCP link moves about 2 MB/s each way (m-labs/artiq#837: 2.3-2.4
 * MB/s master to core on a KC705; #685: 0.8-1.8 MB/s), so a kernel library costs 0.5 us a byte to
 * upload. Handling a LoadKernel (copying the library to the kernel CPU, dynamic linking) and a
 * RunKernel (starting the kernel CPU) are given fixed costs of the order of the comms CPU's mailbox
 * round trips; they are estimates, not measurements. The host's own time (compiling the next
 * kernel, Python between calls) is not seen by the device and is not modelled.
 *
 * @param nsPerByte       upload cost of each byte the host sends with a message
 * @param loadKernelMu    handling of a LoadKernel beyond its bytes
 * @param runKernelMu     handling of a RunKernel before the kernel's first instruction
 */
record SessionTiming(long nsPerByte, long loadKernelMu, long runKernelMu) {
    /** The figures above: 2 MB/s, 200 us to load, 50 us to start. */
    static final SessionTiming KASLI = new SessionTiming(500, 200_000, 50_000);

    SessionTiming {
        if (nsPerByte < 0 || loadKernelMu < 0 || runKernelMu < 0)
            throw new IllegalArgumentException("session costs must not be negative");
    }

    /** Time a LoadKernel of {@code bytes} takes on the device, in mu (1 ns). */
    long loadMu(int bytes) { return loadKernelMu + nsPerByte * bytes; }
}
