package org.coredev.rtio.phy;

import java.util.ArrayList;
import java.util.List;
import org.coredev.rtio.Phy;
import org.coredev.rtio.PhyPort;

/**
 * RTIO SPI master v2 (artiq/gateware/rtio/phy/spi2.py over misoc/cores/spi2.py). Address 0 is
 * the data register: writing it starts a transfer. Address 1 is the config register:
 * <pre>
 * bit 0 offline, 1 end, 2 input, 3 cs_polarity, 4 clk_polarity, 5 clk_phase, 6 lsb_first,
 * 7 half_duplex, 8..12 length - 1, 16..23 div - 2, 24..31 cs
 * </pre>
 * (reset value: offline and end set). Timing from the SPI machine: a bit takes {@code div}
 * coarse cycles, so the data is readable {@code length * div} cycles after the write; with
 * {@code end} set the machine then spends one more SPI clock cycle releasing chip select before
 * it accepts the next write. A write (data or config) while a transfer runs is ignored and
 * reported as an RTIO busy error (spi2.py: {@code busy = ~writable}). When {@code input} is set
 * the received word becomes an input event (data only, no timestamp), as
 * artiq/coredevice/spi2.py {@code read()} expects.
 *
 * <p>The received word is the shift register as the gateware leaves it: MSB first,
 * {@code (dataOut << length) | misoBits}; LSB first, the bits enter at the top.
 */
public final class SpiMaster implements Phy {
    /** Config bit: all pins high-impedance. */
    public static final int OFFLINE = 0x01;
    /** Config bit: end the transaction with this transfer. */
    public static final int END = 0x02;
    /** Config bit: submit the received data as an input event. */
    public static final int INPUT = 0x04;
    /** Config bit: chip selects active high. */
    public static final int CS_POLARITY = 0x08;
    /** Config bit: clock idles high. */
    public static final int CLK_POLARITY = 0x10;
    /** Config bit: sample on the second clock edge. */
    public static final int CLK_PHASE = 0x20;
    /** Config bit: least significant bit first. */
    public static final int LSB_FIRST = 0x40;
    /** Config bit: 3-wire SPI. */
    public static final int HALF_DUPLEX = 0x80;

    private final List<SpiSlave> slaves = new ArrayList<>();
    private PhyPort port;
    private int coarseMu;
    private int config = OFFLINE | END;
    private long busyUntil = Long.MIN_VALUE;
    private long transfers;
    private int lastReceived;

    private int csSignal = -1;
    private int clkSignal = -1;
    private int mosiSignal = -1;
    private int misoSignal = -1;
    private int configSignal = -1;
    private int dataOutSignal = -1;
    private int dataInSignal = -1;

    /** Attaches a slave; every transfer is shown to every slave and their MISO bits are OR-ed. */
    public void attachSlave(SpiSlave slave) {
        slaves.add(slave);
    }

    @Override
    public void attach(PhyPort p) {
        this.port = p;
        this.coarseMu = p.coarseMu();
        csSignal = p.declareSignal("_cs", 8);
        clkSignal = p.declareSignal("_clk", 1);
        mosiSignal = p.declareSignal("_mosi", 1);
        misoSignal = p.declareSignal("_miso", 1);
        configSignal = p.declareSignal("_config", 32);
        dataOutSignal = p.declareSignal("_data_out", 32);
        dataInSignal = p.declareSignal("_data_in", 32);
        p.trace(csSignal, 0, 0);
        p.trace(clkSignal, 0, 0);
        p.trace(mosiSignal, 0, 0);
        p.trace(misoSignal, 0, 0);
        p.trace(configSignal, 0, config);
    }

    @Override
    public String kind() {
        return "SPIMaster";
    }

    /** spi2.py builds the rtlink with {@code enable_replace=False}. */
    @Override
    public boolean replaceEnabled() {
        return false;
    }

    @Override
    public boolean isBusy(long timeMu) {
        return timeMu < busyUntil;
    }

    @Override
    public void output(long timeMu, int address, long data) {
        if ((address & 1) != 0) {
            config = (int) data;
            port.trace(configSignal, timeMu, config & 0xffff_ffffL);
        } else {
            transfer(timeMu, (int) data);
        }
    }

    private void transfer(long start, int dataOut) {
        int length = ((config >>> 8) & 0x1f) + 1;
        int div = ((config >>> 16) & 0xff) + 2;
        boolean end = (config & END) != 0;
        boolean lsbFirst = (config & LSB_FIRST) != 0;
        long bitMu = (long) div * coarseMu;
        long done = start + length * bitMu;
        busyUntil = end ? done + bitMu : done;
        transfers++;

        long mask = length == 32 ? 0xffff_ffffL : (1L << length) - 1;
        int mosi = lsbFirst ? reverse(dataOut, length) : (int) ((dataOut & 0xffff_ffffL) >>> (32 - length));
        int cs = (config >>> 24) & 0xff;
        SpiTransfer t = new SpiTransfer(port.channel(), start, done, cs, length, mosi, config, end);
        int miso = 0;
        if ((config & OFFLINE) == 0) {
            for (SpiSlave s : slaves) {
                miso |= s.transfer(t);
            }
        }
        miso = (int) (miso & mask);
        long shifted;
        if (lsbFirst) {
            long in = reverse(miso, length) & 0xffff_ffffL;
            shifted = ((dataOut & 0xffff_ffffL) >>> length) | (in << (32 - length));
        } else {
            shifted = ((dataOut & 0xffff_ffffL) << length) | miso;
        }
        lastReceived = (int) shifted;
        if ((config & INPUT) != 0) {
            port.pushInput(done, 0, lastReceived);
        }
        if (port.tracing()) {
            traceTransfer(start, done, end, cs, length, mosi, miso, bitMu, dataOut);
        }
    }

    private void traceTransfer(long start, long done, boolean end, int cs, int length, int mosi, int miso,
                               long bitMu, int dataOut) {
        boolean cpol = (config & CLK_POLARITY) != 0;
        boolean cpha = (config & CLK_PHASE) != 0;
        port.trace(dataOutSignal, start, dataOut & 0xffff_ffffL);
        if ((config & OFFLINE) == 0) {
            port.trace(csSignal, start, cs);
        }
        long halfBit = bitMu / 2;
        for (int i = 0; i < length; i++) {
            long t = start + i * bitMu;
            int shift = length - 1 - i;
            port.trace(mosiSignal, t, (mosi >>> shift) & 1);
            port.trace(misoSignal, t, (miso >>> shift) & 1);
            // CPHA 0: data set up with the clock idle, sampled on the first edge; CPHA 1: one edge earlier.
            port.trace(clkSignal, t, cpha ? (cpol ? 0 : 1) : (cpol ? 1 : 0));
            port.trace(clkSignal, t + halfBit, cpha ? (cpol ? 1 : 0) : (cpol ? 0 : 1));
        }
        port.trace(clkSignal, done, cpol ? 1 : 0);
        port.trace(dataInSignal, done, lastReceived & 0xffff_ffffL);
        if (end) {
            port.trace(csSignal, done + halfBit, 0);
        }
    }

    private static int reverse(int value, int length) {
        return Integer.reverse(value) >>> (32 - length);
    }

    /** The config register now. */
    public int config() {
        return config;
    }

    /** Transfers started so far. */
    public long transfers() {
        return transfers;
    }

    /** The shift register contents after the last transfer. */
    public int lastReceived() {
        return lastReceived;
    }
}
