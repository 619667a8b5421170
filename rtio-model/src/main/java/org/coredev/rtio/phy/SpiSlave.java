package org.coredev.rtio.phy;

/**
 * A device on an {@link SpiMaster} bus (e.g. the Urukul CPLD and its DDS chips in dds-model).
 * The master calls it once per transfer, in time order.
 */
public interface SpiSlave {

    /**
     * One transfer on the wire.
     *
     * @return the bits the slave drives on MISO during the transfer, in wire order: the first bit
     *         on the wire is bit {@code lengthBits - 1} of the value, the last is bit 0 (bits above
     *         the length are ignored)
     */
    int transfer(SpiTransfer transfer);
}
