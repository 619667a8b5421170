package org.coredev.emu.device.spi;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;
import org.coredev.rtio.phy.SpiSlave;
import org.coredev.rtio.phy.SpiTransfer;

/**
 * An SDHC card in an SPI master's slot, spoken to in SPI mode, after the SD Physical Layer
 * Simplified Specification: 6-byte commands (01, a 6-bit index, a 32-bit argument, CRC7 and an
 * end bit), each answered one byte after it (N_CR = 1) with R1 (bit 0 idle, bit 2 illegal command,
 * bit 3 CRC error, bit 5 address error). The card enters SPI mode at CMD0 with its chip select (the
 * bus's first) low, checks the CRC of CMD0 and CMD8 (as a card does until CMD59), and answers:
 *
 * <ul>
 *   <li>CMD0 R1 idle; CMD8 R7 (the voltage and check pattern echoed); CMD55 then ACMD41: idle at the
 *       first, ready from the second; CMD58 R3 with the OCR (powered up and CCS, block addressing,
 *       once ready); CMD16 and CMD12 R1; CMD13 R2;</li>
 *   <li>CMD17 reads block ARG: R1, one byte later the 0xFE token, 512 bytes and their CRC16;</li>
 *   <li>CMD24 writes block ARG: R1, then the host's 0xFE token, 512 bytes and a CRC (unchecked),
 *       answered with the data response 0x05 and a byte of busy;</li>
 *   <li>any other command R1 illegal command; a block past the card's end, R1 address error.</li>
 * </ul>
 *
 * The card holds {@link #BLOCKS} blocks of 512 bytes, all zeros until written (kept for the
 * device's life). MISO is high between answers, as a card drives it; with chip select high the card
 * does not drive it.
 */
public final class SdCard implements SpiSlave {
    /** 1 GiB. */
    public static final long BLOCKS = 1L << 21;
    private static final int R1_IDLE = 0x01, R1_ILLEGAL = 0x04, R1_CRC = 0x08, R1_ADDRESS = 0x20;

    private final String name;
    private final Map<Long, byte[]> blocks = new TreeMap<>();
    private final ArrayDeque<Integer> answer = new ArrayDeque<>();
    private boolean spiMode, ready, appCommand;
    private int acmd41Count;

    // Bytes being received: a command, or a written block.
    private final byte[] command = new byte[6];
    private int commandBytes;
    private long writeBlock = -1;   // CMD24 accepted: waiting for the token, then the data
    private byte[] writeData;
    private int writeBytes;
    private int inByte, inBits, outByte = 0xff, outBits = 8;

    public SdCard(String name) {
        this.name = name;
    }

    /** The SPI master's device name. */
    public String name() {
        return name;
    }

    /** A copy of block {@code n} (zeros if never written). */
    public byte[] block(long n) {
        byte[] b = blocks.get(n);
        return b == null ? new byte[512] : b.clone();
    }

    /** Whether the card has finished its initialisation (ACMD41 answered ready). */
    public boolean ready() {
        return ready;
    }

    @Override
    public int transfer(SpiTransfer t) {
        boolean selected = (t.chipSelect() & 1) != 0;
        if (!selected) {
            inBits = 0;
            commandBytes = 0;
            return 0;   // chip select high: the card leaves MISO alone
        }
        int miso = 0;
        for (int i = t.lengthBits() - 1; i >= 0; i--) {
            if (outBits == 8) {
                outByte = answer.isEmpty() ? 0xff : answer.poll();
                outBits = 0;
            }
            miso = miso << 1 | (outByte >>> (7 - outBits++)) & 1;
            inByte = (inByte << 1 | (t.mosi() >>> i) & 1) & 0xff;
            if (++inBits == 8) {
                inBits = 0;
                receive(inByte);
            }
        }
        return miso;
    }

    private void receive(int b) {
        if (writeBlock >= 0) {
            receiveWrite(b);
            return;
        }
        if (commandBytes == 0 && (b & 0xc0) != 0x40) return;   // between commands: 0xff filler
        command[commandBytes++] = (byte) b;
        if (commandBytes == 6) {
            commandBytes = 0;
            execute();
        }
    }

    private void execute() {
        int index = command[0] & 0x3f;
        long arg = ((command[1] & 0xffL) << 24) | ((command[2] & 0xff) << 16) | ((command[3] & 0xff) << 8) | (command[4] & 0xff);
        boolean crcOk = (command[5] & 0xff) == (crc7(command, 5) << 1 | 1);
        if (index == 0) {
            if (!crcOk) {
                reply(R1_CRC | R1_IDLE);
                return;
            }
            spiMode = true;
            ready = false;
            appCommand = false;
            acmd41Count = 0;
            reply(R1_IDLE);
            return;
        }
        if (!spiMode) return;   // still in SD mode: no answer on this bus
        int idle = ready ? 0 : R1_IDLE;
        boolean app = appCommand;
        appCommand = false;
        if (app && index == 41) {
            ready = ++acmd41Count >= 2;
            reply(ready ? 0 : R1_IDLE);
            return;
        }
        switch (index) {
            case 8 -> {
                if (!crcOk) reply(R1_CRC | idle);
                else reply(idle, 0x00, 0x00, (int) (arg >>> 8) & 0x0f, (int) arg & 0xff);
            }
            case 55 -> {
                appCommand = true;
                reply(idle);
            }
            case 58 -> reply(idle, ready ? 0xc0 : 0x00, 0xff, 0x80, 0x00);
            case 12, 16 -> reply(idle);
            case 13 -> reply(idle, 0x00);
            case 17 -> {
                if (!ready || arg >= BLOCKS) {
                    reply(ready ? R1_ADDRESS : R1_ILLEGAL | idle);
                    return;
                }
                byte[] data = block(arg);
                int crc = crc16(data);
                reply(0x00, 0xff, 0xfe);   // R1, a byte of waiting, then the data token
                for (byte d : data) answer.add(d & 0xff);
                answer.add(crc >>> 8);
                answer.add(crc & 0xff);
            }
            case 24 -> {
                if (!ready || arg >= BLOCKS) {
                    reply(ready ? R1_ADDRESS : R1_ILLEGAL | idle);
                    return;
                }
                reply(0x00);
                writeBlock = arg;
                writeData = null;
            }
            default -> reply(R1_ILLEGAL | idle);
        }
    }

    /** After CMD24: filler bytes, the 0xfe token, 512 data bytes, 2 CRC bytes. */
    private void receiveWrite(int b) {
        if (writeData == null) {
            if (b == 0xfe) {
                writeData = new byte[512];
                writeBytes = 0;
            }
            return;
        }
        if (writeBytes < 512) writeData[writeBytes] = (byte) b;
        if (++writeBytes == 514) {
            blocks.put(writeBlock, writeData);
            writeBlock = -1;
            writeData = null;
            answer.add(0x05);   // data accepted
            answer.add(0x00);   // busy for a byte
        }
    }

    /** Queues an answer one byte after the command (N_CR = 1). */
    private void reply(int... bytes) {
        answer.add(0xff);
        for (int b : bytes) answer.add(b);
    }

    static int crc7(byte[] data, int length) {
        int crc = 0;
        for (int i = 0; i < length; i++) {
            int b = data[i] & 0xff;
            for (int bit = 7; bit >= 0; bit--) {
                int in = (b >>> bit) & 1, top = (crc >>> 6) & 1;
                crc = (crc << 1) & 0x7f;
                if ((in ^ top) != 0) crc ^= 0x09;
            }
        }
        return crc;
    }

    static int crc16(byte[] data) {
        int crc = 0;
        for (byte d : data) {
            crc ^= (d & 0xff) << 8;
            for (int bit = 0; bit < 8; bit++) crc = (crc & 0x8000) != 0 ? (crc << 1 ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
        }
        return crc;
    }
}
