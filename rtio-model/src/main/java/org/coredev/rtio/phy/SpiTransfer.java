package org.coredev.rtio.phy;

/**
 * One SPI transfer as a slave sees it.
 *
 * @param channel          RTIO channel of the SPI master
 * @param startMu          when the transfer starts (chip select asserted, first bit set up)
 * @param endMu            when the last bit has been transferred (data readable)
 * @param chipSelect       the config register's cs field: bit pattern of asserted chip selects
 *                         (or a number decoded downstream, as on Urukul)
 * @param lengthBits       bits in the transfer, 1..32
 * @param mosi             bits driven on MOSI, in wire order: the first bit on the wire is bit
 *                         {@code lengthBits - 1}, the last is bit 0
 * @param config           the whole config register (see {@link SpiMaster} for its bits)
 * @param endOfTransaction chip select is released after this transfer (SPI_END)
 */
public record SpiTransfer(int channel, long startMu, long endMu, int chipSelect, int lengthBits, int mosi,
                          int config, boolean endOfTransaction) {

    /** SPI_LSB_FIRST: the data word was shifted out least significant bit first. */
    public boolean lsbFirst() {
        return (config & SpiMaster.LSB_FIRST) != 0;
    }

    /** SPI_HALF_DUPLEX: 3-wire SPI, input on MOSI. */
    public boolean halfDuplex() {
        return (config & SpiMaster.HALF_DUPLEX) != 0;
    }

    /** SPI_CLK_POLARITY (CPOL). */
    public boolean clockPolarity() {
        return (config & SpiMaster.CLK_POLARITY) != 0;
    }

    /** SPI_CLK_PHASE (CPHA). */
    public boolean clockPhase() {
        return (config & SpiMaster.CLK_PHASE) != 0;
    }

    /** SPI_CS_POLARITY: chip selects are active high. */
    public boolean chipSelectActiveHigh() {
        return (config & SpiMaster.CS_POLARITY) != 0;
    }

    /** The SPI clock divider: RTIO coarse cycles per SPI clock cycle. */
    public int divider() {
        return ((config >>> 16) & 0xff) + 2;
    }
}
