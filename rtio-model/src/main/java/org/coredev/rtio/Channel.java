package org.coredev.rtio;

/**
 * One RTIO channel: its number on the CRI bus, its device name (from the device database, used in
 * error messages and VCD files), its PHY and its gateware parameters.
 *
 * @param number                 channel number ({@code target >> 8})
 * @param name                   device name, e.g. {@code "ttl0"}
 * @param phy                    the PHY behind the channel
 * @param latencyCompensation    the rtlink output {@code delay}, in coarse cycles, added to every
 *                               timestamp by the lane distributor (lane_distributor.py)
 * @param inputFifoDepth         depth of the channel's input FIFO (rtio/channel.py: 64)
 */
public record Channel(int number, String name, Phy phy, int latencyCompensation, int inputFifoDepth) {

    /** Validates the parameters. */
    public Channel {
        if (number < 0 || number > 0xffff) {
            throw new RtioException("RTIO channel number must be 0..65535, got " + number);
        }
        if (name == null || name.isBlank()) {
            throw new RtioException("RTIO channel " + number + " needs a name");
        }
        if (phy == null) {
            throw new RtioException("RTIO channel " + number + " (" + name + ") needs a PHY");
        }
        // lane_distributor.py: assert all(abs(c) < 1 << 14 - 1 for c in compensation)
        if (Math.abs(latencyCompensation) >= 1 << 13) {
            throw new RtioException("RTIO channel " + number + " (" + name
                    + "): latency compensation must be below 8192 cycles, got " + latencyCompensation);
        }
        if (inputFifoDepth < 1) {
            throw new RtioException("RTIO channel " + number + " (" + name
                    + "): input FIFO depth must be positive, got " + inputFifoDepth);
        }
    }

    /** A channel with no latency compensation and the default input FIFO of 64 entries. */
    public static Channel of(int number, String name, Phy phy) {
        return new Channel(number, name, phy, 0, 64);
    }
}
