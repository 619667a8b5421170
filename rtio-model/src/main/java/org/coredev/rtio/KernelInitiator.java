package org.coredev.rtio;

/**
 * The kernel CPU's window on the RTIO core: the {@code rtio} CSR bank of the board
 * (artiq/gateware/rtio/cri.py {@code KernelInitiator}), as registers and as 32-bit accesses at
 * byte offsets, so that an emulator's MMIO device is a thin adapter. Every access takes the
 * CPU's simulated time.
 *
 * <p>Register words, in the gateware's declaration order (multi-word registers most significant
 * word first; a word every 4 bytes on rv32ima/or1k boards, every 8 bytes on rv32g boards whose CSR
 * bus is 64 bits wide):
 * <pre>
 *  0 target        1 now_hi        2 now_lo        3..18 o_data (512 bits)   19 o_status
 * 20 i_timeout(2)  22 i_data       23 i_timestamp(2)  25 i_status  26 counter(2)  28 counter_update
 * </pre>
 * Writing {@code target} clears {@code o_data}; writing the last (least significant) word of
 * {@code o_data} issues the write command; writing the low word of {@code i_timeout} issues the
 * read command; writing {@code now_lo} commits {@code now_hi} and {@code now_lo} together;
 * writing {@code counter_update} latches the counter.
 *
 * <p>A read command blocks the CPU on the board (ksupport spins on i_status), so the read is
 * resolved at once: i_status reads "wait for status" (4) until {@link #iStatusSettlesAtMu()},
 * to which the emulator can jump.
 */
public final class KernelInitiator {
    /** Word index of target. */
    public static final int TARGET = 0;
    /** Word index of now_hi. */
    public static final int NOW_HI = 1;
    /** Word index of now_lo. */
    public static final int NOW_LO = 2;
    /** Word index of the first (most significant) word of o_data. */
    public static final int O_DATA = 3;
    /** Number of 32-bit words of o_data. */
    public static final int O_DATA_WORDS = 16;
    /** Word index of o_status. */
    public static final int O_STATUS = 19;
    /** Word index of i_timeout (high word). */
    public static final int I_TIMEOUT = 20;
    /** Word index of i_data. */
    public static final int I_DATA = 22;
    /** Word index of i_timestamp (high word). */
    public static final int I_TIMESTAMP = 23;
    /** Word index of i_status. */
    public static final int I_STATUS = 25;
    /** Word index of counter (high word). */
    public static final int COUNTER = 26;
    /** Word index of counter_update. */
    public static final int COUNTER_UPDATE = 28;
    /** Number of words in the bank. */
    public static final int WORDS = 29;

    private final RtioCore core;
    private final int stride;

    private int target;
    private int nowHiBacking;
    private long now;
    private final int[] oData = new int[O_DATA_WORDS];
    private int oStatus;
    private boolean lastWriteUnreachable;
    private long iTimeout;
    private int iData;
    private long iTimestamp;
    private int iStatus;
    private long iSettlesAt = Long.MIN_VALUE;
    private long counter;

    /**
     * A CSR bank on a bus with the given word stride in bytes: 4 (32-bit CSR bus) or 8 (64-bit
     * CSR bus of rv32g boards).
     */
    public KernelInitiator(RtioCore core, int strideBytes) {
        if (strideBytes != 4 && strideBytes != 8) {
            throw new RtioException("CSR word stride must be 4 or 8 bytes, got " + strideBytes);
        }
        this.core = core;
        this.stride = strideBytes;
    }

    /** The core behind the registers. */
    public RtioCore core() {
        return core;
    }

    /** Size of the CSR bank in bytes. */
    public int sizeBytes() {
        return WORDS * stride;
    }

    // ---------------------------------------------------------------- registers

    /** Writes target (channel << 8 | address); clears o_data. */
    public void writeTarget(int value) {
        target = value;
        java.util.Arrays.fill(oData, 0);
    }

    /** Reads target. */
    public int target() {
        return target;
    }

    /** Writes now_hi (held until now_lo is written). */
    public void writeNowHi(int value) {
        nowHiBacking = value;
    }

    /** Writes now_lo, committing now = now_hi:now_lo. */
    public void writeNowLo(int value) {
        now = ((long) nowHiBacking << 32) | (value & 0xffff_ffffL);
    }

    /** The timeline cursor {@code now} (64 bits). */
    public long now() {
        return now;
    }

    /** Sets now in one step (what a now_hi then now_lo write pair does). */
    public void setNow(long value) {
        nowHiBacking = (int) (value >>> 32);
        now = value;
    }

    /**
     * Writes word {@code offsetFromLsb} of o_data (0 = bits 0..31, the word ksupport writes last);
     * writing word 0 issues the write command with timestamp {@code now}.
     */
    public void writeOData(long nowMu, int offsetFromLsb, int value) {
        if (offsetFromLsb < 0 || offsetFromLsb >= O_DATA_WORDS) {
            throw new RtioException("o_data word " + offsetFromLsb + " does not exist (0.." + (O_DATA_WORDS - 1) + ")");
        }
        oData[O_DATA_WORDS - 1 - offsetFromLsb] = value;
        if (offsetFromLsb == 0) {
            issueWrite(nowMu);
        }
    }

    private void issueWrite(long nowMu) {
        boolean wide = false;
        for (int i = 0; i < O_DATA_WORDS - 2; i++) {
            wide |= oData[i] != 0;
        }
        if (!wide) {
            long data = (oData[O_DATA_WORDS - 1] & 0xffff_ffffL) | ((long) oData[O_DATA_WORDS - 2] << 32);
            oStatus = core.output(nowMu, target, now, data);
        } else {
            int[] words = new int[O_DATA_WORDS];
            for (int i = 0; i < O_DATA_WORDS; i++) {
                words[i] = oData[O_DATA_WORDS - 1 - i];
            }
            oStatus = core.outputWide(nowMu, target, now, words);
        }
        lastWriteUnreachable = (oStatus & 4) != 0;
    }

    /** Reads o_status at {@code nowMu}: 1 wait, 2 underflow, 4 destination unreachable. */
    public int readOStatus(long nowMu) {
        if (lastWriteUnreachable) {
            return 4;
        }
        oStatus = core.outputStatus(nowMu);
        return oStatus;
    }

    /** When the o_status wait bit clears (meaningful while it is set). */
    public long oStatusClearsAtMu() {
        return core.waitEndsAtMu();
    }

    /** Writes the whole 64-bit i_timeout, issuing the read command. */
    public void writeITimeout(long nowMu, long timeout) {
        iTimeout = timeout;
        issueRead(nowMu);
    }

    private void issueRead(long nowMu) {
        InputResult r = core.input(nowMu, target >>> 8, iTimeout);
        iStatus = r.status();
        iSettlesAt = r.atMu();
        if (r.hasEvent()) {
            iData = r.data();
            iTimestamp = r.timestampMu();
        }
    }

    /** Reads i_status at {@code nowMu}: 4 (wait for status) until the read completes. */
    public int readIStatus(long nowMu) {
        return nowMu < iSettlesAt ? InputResult.WAIT_STATUS : iStatus;
    }

    /** When the pending read completes. */
    public long iStatusSettlesAtMu() {
        return iSettlesAt;
    }

    /** Reads i_data. */
    public int readIData() {
        return iData;
    }

    /** Reads i_timestamp. */
    public long readITimestamp() {
        return iTimestamp;
    }

    /** Writes counter_update: latches the RTIO counter at {@code nowMu}. */
    public void writeCounterUpdate(long nowMu) {
        counter = core.counterMu(nowMu);
    }

    /** Reads the latched counter. */
    public long readCounter() {
        return counter;
    }

    // ---------------------------------------------------------------- ksupport-level shortcuts

    /** {@code rtio_output(target, data)} as ksupport does it: target, o_data, o_status. */
    public int output(long nowMu, int targetValue, int data) {
        writeTarget(targetValue);
        writeOData(nowMu, 0, data);
        return readOStatus(nowMu);
    }

    /**
     * {@code rtio_output_wide(target, data)} as ksupport does it: target, then o_data words from
     * the highest offset down to offset 0 ({@code data[0]} is bits 0..31), then o_status.
     */
    public int outputWide(long nowMu, int targetValue, int[] data) {
        if (data.length == 0 || data.length > O_DATA_WORDS) {
            throw new RtioException("rtio_output_wide to channel " + (targetValue >>> 8)
                    + ": needs 1.." + O_DATA_WORDS + " words, got " + data.length);
        }
        writeTarget(targetValue);
        for (int i = data.length - 1; i >= 0; i--) {
            writeOData(nowMu, i, data[i]);
        }
        return readOStatus(nowMu);
    }

    /**
     * The read half of {@code rtio_input_timestamp(timeout, channel)} /
     * {@code rtio_input_data(channel)} (timeout -1): target, i_timeout, then the settled i_status.
     * The result's {@code atMu} is when the CPU stops spinning on i_status.
     */
    public InputResult input(long nowMu, int channel, long timeoutMu) {
        writeTarget(channel << 8);
        writeITimeout(nowMu, timeoutMu);
        return new InputResult(iStatus, iTimestamp, iData, iSettlesAt);
    }

    /** {@code rtio_get_counter()}: counter_update then counter. */
    public long getCounter(long nowMu) {
        writeCounterUpdate(nowMu);
        return readCounter();
    }

    // ---------------------------------------------------------------- bus access

    /** A 32-bit load at a byte offset in the bank. Unmapped offsets read 0. */
    public int read32(long nowMu, int byteOffset) {
        if (byteOffset < 0 || byteOffset % stride != 0 || byteOffset / stride >= WORDS) {
            return 0;
        }
        int w = byteOffset / stride;
        if (w >= O_DATA && w < O_DATA + O_DATA_WORDS) {
            return oData[w - O_DATA];
        }
        return switch (w) {
            case TARGET -> target;
            case NOW_HI -> (int) (now >>> 32);
            case NOW_LO -> (int) now;
            case O_STATUS -> readOStatus(nowMu);
            case I_TIMEOUT -> (int) (iTimeout >>> 32);
            case I_TIMEOUT + 1 -> (int) iTimeout;
            case I_DATA -> iData;
            case I_TIMESTAMP -> (int) (iTimestamp >>> 32);
            case I_TIMESTAMP + 1 -> (int) iTimestamp;
            case I_STATUS -> readIStatus(nowMu);
            case COUNTER -> (int) (counter >>> 32);
            case COUNTER + 1 -> (int) counter;
            default -> 0;
        };
    }

    /** A 32-bit store at a byte offset in the bank. Stores to read-only or unmapped offsets are ignored. */
    public void write32(long nowMu, int byteOffset, int value) {
        if (byteOffset < 0 || byteOffset % stride != 0 || byteOffset / stride >= WORDS) {
            return;
        }
        int w = byteOffset / stride;
        if (w >= O_DATA && w < O_DATA + O_DATA_WORDS) {
            writeOData(nowMu, O_DATA + O_DATA_WORDS - 1 - w, value);
            return;
        }
        switch (w) {
            case TARGET -> writeTarget(value);
            case NOW_HI -> writeNowHi(value);
            case NOW_LO -> writeNowLo(value);
            case I_TIMEOUT -> iTimeout = ((long) value << 32) | (iTimeout & 0xffff_ffffL);
            case I_TIMEOUT + 1 -> {
                iTimeout = (iTimeout & 0xffff_ffff_0000_0000L) | (value & 0xffff_ffffL);
                issueRead(nowMu);
            }
            case COUNTER_UPDATE -> writeCounterUpdate(nowMu);
            default -> {
            }
        }
    }
}
