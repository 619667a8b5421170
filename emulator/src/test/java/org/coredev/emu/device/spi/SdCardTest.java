package org.coredev.emu.device.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.coredev.rtio.phy.SpiTransfer;
import org.junit.jupiter.api.Test;

/** The SD card in SPI mode, driven byte by byte as ARTIQ's test_spi CardTest and a host driver do. */
class SdCardTest {
    private final SdCard card = new SdCard("spi_mmc");

    private int exchange(int b) {
        return card.transfer(new SpiTransfer(0, 0, 100, 1, 8, b, 0, false));
    }

    private void command(int index, long arg, int crc) {
        exchange(0x40 | index);
        for (int shift = 24; shift >= 0; shift -= 8) exchange((int) (arg >>> shift) & 0xff);
        exchange(crc);
    }

    /** The first answer byte that is not 0xff, within 8 bytes (N_CR); 0xff if none. */
    private int r1() {
        for (int i = 0; i < 8; i++) {
            int b = exchange(0xff);
            if (b != 0xff) return b;
        }
        return 0xff;
    }

    private void initialise() {
        command(0, 0, 0x95);
        assertEquals(0x01, r1());
        command(8, 0x1aa, 0x87);
        assertEquals(0x01, r1());
        assertArrayEquals(new int[] {0x00, 0x00, 0x01, 0xaa}, new int[] {exchange(0xff), exchange(0xff), exchange(0xff), exchange(0xff)},
                "R7 echoes the voltage and the check pattern");
        for (int expected : new int[] {0x01, 0x00}) {
            command(55, 0, 0x01);
            r1();
            command(41, 0x4000_0000L, 0x01);
            assertEquals(expected, r1(), "ACMD41: still idle at first, then ready");
        }
    }

    @Test
    void crcsOfTheSpecsExamplesAndTheIdleAnswerToCmd0() {
        assertEquals(0x4a, SdCard.crc7(new byte[] {0x40, 0, 0, 0, 0}, 5), "CMD0's CRC7 (0x95 with the end bit)");
        byte[] ones = new byte[512];
        Arrays.fill(ones, (byte) 0xff);
        assertEquals(0x7fa1, SdCard.crc16(ones), "CRC16 of a block of 0xff");
        command(0, 0, 0x95);
        assertEquals(0xff, exchange(0xff), "N_CR: one byte before the answer");
        assertEquals(0x01, exchange(0xff), "R1: idle");
    }

    @Test
    void aWrittenBlockReadsBackAfterInitialisation() {
        initialise();
        assertTrue(card.ready());
        command(58, 0, 0x01);
        assertEquals(0x00, r1());
        assertEquals(0xc0, exchange(0xff), "OCR: powered up, CCS (block addressing)");
        byte[] data = new byte[512];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 7);
        command(24, 5, 0x01);
        assertEquals(0x00, r1());
        exchange(0xff);
        exchange(0xfe);
        for (byte d : data) exchange(d & 0xff);
        exchange(0x12);
        exchange(0x34);
        assertEquals(0x05, exchange(0xff) & 0x1f, "data accepted");
        assertArrayEquals(data, card.block(5));

        command(17, 5, 0x01);
        assertEquals(0x00, r1());
        int token;
        do token = exchange(0xff); while (token == 0xff);
        assertEquals(0xfe, token);
        byte[] read = new byte[512];
        for (int i = 0; i < read.length; i++) read[i] = (byte) exchange(0xff);
        assertArrayEquals(data, read);
        assertEquals(SdCard.crc16(data), exchange(0xff) << 8 | exchange(0xff));
    }

    @Test
    void badCrcUnknownCommandsAnOutOfRangeBlockAndNoChipSelect() {
        command(0, 0, 0x00);
        assertEquals(0x09, r1(), "CMD0 with a bad CRC: CRC error, idle");
        command(0, 0, 0x95);
        r1();
        command(17, 0, 0x01);
        assertEquals(0x05, r1(), "a read before initialisation: illegal command, idle");
        command(60, 0, 0x01);
        assertEquals(0x05, r1());
        initialise();
        command(17, SdCard.BLOCKS, 0x01);
        assertEquals(0x20, r1(), "address error");
        assertEquals(0, card.transfer(new SpiTransfer(0, 0, 100, 0, 8, 0xff, 0, true)), "chip select high: MISO not driven");
        assertFalse(card.block(0)[0] != 0);
    }
}
