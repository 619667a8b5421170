package org.coredev.dds;

import org.coredev.rtio.phy.SpiTransfer;

/**
 * A DDS chip behind the Urukul CPLD: it sees the SPI bits the CPLD routes to it (its chip select,
 * or the multi-DDS select), its IO_UPDATE line, its PROFILE pins and the CPLD's resets, and drives
 * one RF output.
 */
public sealed interface DdsChip permits Ad9910, Ad9912 {

    /** The channel's device name, e.g. {@code urukul0_ch0}. */
    String name();

    /** Shifts one SPI transfer's MOSI bits in; returns the bits the chip drives on SDO (wire order). */
    int shift(SpiTransfer transfer);

    /** Chip select released at {@code timeMu}: the serial port's cycle ends. */
    void endTransaction(long timeMu);

    /**
     * Rising edge of IO_UPDATE: buffered registers whose SPI write has completed become active.
     *
     * @return whether anything was latched
     */
    boolean ioUpdate(long timeMu);

    /** The PROFILE pins changed (Urukul CFG). */
    void profilePins(long timeMu, int profile);

    /** IO_RESET: aborts the serial port's current cycle. */
    void ioReset(long timeMu);

    /** MASTER_RESET: all registers to their power-up values. */
    void masterReset(long timeMu);

    /** Whether the PLL reports lock (Urukul STA.PLL_LOCK). */
    boolean pllLocked();

    /** Whether the init sequence has configured the chip (clock and serial port). */
    boolean initialised();

    /** The DDS system clock now, in Hz. */
    double sysclkHz();

    /** Emits the output changes (RAM playback steps) due up to {@code timeMu}. */
    void advanceTo(long timeMu);

    /** The channel's RF output. */
    DdsOutput output();
}
