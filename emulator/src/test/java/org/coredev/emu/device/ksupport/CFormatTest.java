package org.coredev.emu.device.ksupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.coredev.emu.runtime.GuestFault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The formatter on its own. Expected strings for standard conversions are what the host's C
 * printf prints for the same format and values (gcc, glibc); the board-specific ones are marked.
 */
class CFormatTest {
    private static final int SP = Machine.STACK_TOP - 256;
    private Machine m;

    @BeforeEach
    void boot() {
        m = new Machine(Rv32Cpu.Variant.RV32G);
    }

    /**
     * Formats with the arguments laid out as a caller of {@code f(const char *fmt, ...)} passes
     * them: Integer one word, Long and Double an even-aligned pair (a1..a7, then the stack at sp).
     */
    private String format(String format, Object... values) {
        List<Integer> words = new ArrayList<>();
        words.add(m.cString(format));
        for (Object v : values) {
            long bits = switch (v) {
                case Integer i -> {
                    words.add(i);
                    yield 0;
                }
                case Long l -> l;
                case Double d -> Double.doubleToRawLongBits(d);
                default -> throw new IllegalArgumentException(String.valueOf(v));
            };
            if (v instanceof Integer) continue;
            if (words.size() % 2 == 1) words.add(0x5eed);   // the skipped odd register or stack word
            words.add((int) bits);
            words.add((int) (bits >>> 32));
        }
        for (int k = 1; k < 8; k++) m.cpu.setX(10 + k, k < words.size() ? words.get(k) : 0);
        for (int k = 8; k < words.size(); k++) m.memory.store32(SP + 4 * (k - 8), words.get(k));
        m.cpu.setX(2, SP);
        byte[] text = CFormat.format(m.memory, words.getFirst(), new VarArgs(m.cpu, m.memory, 1));
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    @Test
    void signFlagsCombineWithJustificationAndZeroPadding() {
        assertEquals("[+42   ][+42   ][+00042][-00042][+42][+42][-7    ]",
                format("[%-+6d][%+-6d][%+06d][% 06d][%+ d][% +d][%-06d]", 42, 42, 42, -42, 42, 42, -7));
        assertEquals("[-5][-5][+0][ 0][   -5][   -5][5][5]",
                format("[%+d][% d][%+d][% d][%+5d][% 5d][%+u][% u]", -5, -5, 0, 0, -5, -5, 5, 5));
    }

    @Test
    void starReadsWidthAndPrecisionInArgumentOrder() {
        assertEquals("[   -12][-12   ][-12   ][-0012][   0012][00003]",
                format("[%*d][%-*d][%*d][%.*d][%*.*d][%0*d]", 6, -12, 6, -12, -6, -12, 4, -12, 7, 4, 12, 5, 3));
    }

    @Test
    void stringPrecisionCutsAndWidthPads() {
        int hello = m.cString("hello"), hi = m.cString("hi"), abcdef = m.cString("abcdef");
        assertEquals("[he][   he][he   ][][hello][hi     ][   abc]",
                format("[%.2s][%5.2s][%-5.2s][%.0s][%.10s][%-7s][%*.*s]", hello, hello, hello, hello, hello, hi, 6, 3, abcdef));
        assertEquals("[  <NULL>][<NULL>  ]", format("[%8s][%-8s]", 0, 0));
    }

    @Test
    void alternateFormPrefixesHexAndOctal() {
        assertEquals("[0x2a][0X2A][010][      0x2a][0x2a      ][0x0000002a][0x00002a][0777]",
                format("[%#x][%#X][%#o][%#10x][%#-10x][%#010x][%#.6x][%#o]", 0x2a, 0x2a, 8, 0x2a, 0x2a, 0x2a, 0x2a, 0777));
    }

    @Test
    void characterIsTheLowByteInASpacePaddedField() {
        assertEquals("[x][  y][z  ][A][  q]", format("[%c][%3c][%-3c][%c][%03c]", (int) 'x', (int) 'y', (int) 'z', 0x141, (int) 'q'));
    }

    @Test
    void percentPrintsOnePercentWhateverTheFieldSpec() {
        assertEquals("[%][%][100%]", format("[%%][%5%][100%%]"));
    }

    @Test
    void longLongPrintsFullSixtyFourBitValues() {
        assertEquals("[-9223372036854775808][18446744073709551615][123456789abcdef][FEDCBA9876543210]"
                        + "[9223372036854775807][+5000000000][         -5000000000][-5000000000         ]",
                format("[%lld][%llu][%llx][%llX][%lli][%+lld][%20lld][%-20lld]", Long.MIN_VALUE, -1L,
                        0x123456789abcdefL, 0xfedcba9876543210L, Long.MAX_VALUE, 5_000_000_000L, -5_000_000_000L, -5_000_000_000L));
        // L is the same as ll; a 64-bit value after an int skips the odd register.
        assertEquals("7 -1 8", format("%d %Ld %d", 7, -1L, 8));
    }

    @Test
    void thirtyTwoBitExtremes() {
        assertEquals("[-2147483648][4294967295][deadbeef][37777777777][2147483647]",
                format("[%d][%u][%x][%o][%i]", Integer.MIN_VALUE, -1, 0xdeadbeef, -1, Integer.MAX_VALUE));
    }

    @Test
    void shortModifierKeepsSixteenBits() {
        assertEquals("[-32768][65535][abcd][32767]", format("[%hd][%hu][%hx][%hd]", 0x18000, 0xfffff, 0x1abcd, 0x7fff));
    }

    @Test
    void precisionIsAMinimumDigitCount() {
        assertEquals("[     007][-007    ][-007][     00a]", format("[%8.3d][%-8.3d][%.3d][%8.3x]", 7, -7, -7, 0xa));
    }

    @Test
    void longSizeAndPtrdiffAreThirtyTwoBitArguments() {
        assertEquals("[4000000000][-1][123][beef][-9]", format("[%lu][%ld][%zu][%zx][%td]", (int) 4_000_000_000L, -1, 123, 0xbeef, -9));
    }

    @Test
    void boardKeepsZeroFlagWithPrecisionAndPrintsZeroAtPrecisionZero() {
        // misoc's number(): C would print "  042" and "" here.
        assertEquals("[00042][0][   0]", format("[%05.3d][%.0d][%4.0u]", 42, 0, 0));
    }

    @Test
    void boardAddsAlternatePrefixEvenToZero() {
        // C prints "0" for both.
        assertEquals("[0x0][00]", format("[%#x][%#o]", 0, 0));
    }

    @Test
    void boardTreatsNegativeStarPrecisionAsZero() {
        // C would treat it as absent and print the whole string.
        assertEquals("[][   ]", format("[%.*s][%3.*s]", -1, m.cString("abc"), -1, m.cString("abc")));
    }

    @Test
    void boardWidensSizeUnsignedAndPtrdiffSignedToSixtyFourBits() {
        assertEquals("[4294967295][ffffffffffffffff][18446744073709551614]", format("[%zd][%tx][%tu]", -1, -1, -2));
    }

    @Test
    void unknownConversionsPrintLiterallyWithoutTakingAnArgument() {
        assertEquals("[%y][%y][%hd] 5", format("[%y][%-5y][%hhd] %d", 5));
        assertEquals("end %", format("end %"));
        assertEquals("end %", format("end %-08"));
    }

    @Test
    void pointerIsZeroPaddedToEightHexDigitsUnlessAWidthIsGiven() {
        assertEquals("[0000abcd][deadbeef][    abcd][abcd    ][00abcd]",
                format("[%p][%p][%8p][%-8p][%06p]", 0xabcd, 0xdeadbeef, 0xabcd, 0xabcd, 0xabcd));
    }

    @Test
    void floatsIgnoreWidthPrecisionAndFlagsAndTruncate() {
        assertEquals("[-2.500000][3.250000][0.000000][0.000000]", format("[%+12.2f][%-9g][%05f][%f]", -2.5, 3.25, 1e-7, 0.0));
        // Six digits cut, not rounded: C prints 1.000000.
        assertEquals("0.999999", format("%f", 0.9999999));
        assertEquals("[nan][inf][-inf]", format("[%f][%f][%f]", Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
    }

    @Test
    void argumentsBeyondTheRegistersComeFromTheStack() {
        assertEquals("1 2 3 4 5 6 7 8 9 -4", format("%d %d %d %d %d %d %d %d %d %lld", 1, 2, 3, 4, 5, 6, 7, 8, 9, -4L));
    }

    @Test
    void percentNStoresThirtyTwoBitsWhateverTheModifier() {
        int slots = m.words(-1, -1, -1, 0x7777);
        format("ab%nc%lnd%zne%lln", slots, slots + 4, slots + 8, slots + 12);
        assertEquals(List.of(2, 3, 4, 5), List.of(m.memory.load32(slots), m.memory.load32(slots + 4),
                m.memory.load32(slots + 8), m.memory.load32(slots + 12)));
    }

    @Test
    void hugeWidthIsAGuestFaultNotAnEndlessOutput() {
        int format = m.cString("%99999999999999d");
        m.cpu.setX(11, 1);
        GuestFault f = assertThrows(GuestFault.class, () -> CFormat.format(m.memory, format, new VarArgs(m.cpu, m.memory, 1)));
        assertEquals(format, f.address());
        assertTrue(f.getMessage().contains("longer than " + CFormat.MAX_OUTPUT), f.getMessage());
    }

    @Test
    void unterminatedFormatIsAGuestFault() {
        byte[] text = new byte[CFormat.MAX_STRING + 8];
        java.util.Arrays.fill(text, (byte) 'a');
        int format = m.bytes(text, false);
        GuestFault f = assertThrows(GuestFault.class, () -> CFormat.format(m.memory, format, new VarArgs(m.cpu, m.memory, 1)));
        assertTrue(f.getMessage().contains("not terminated"), f.getMessage());
    }

    @Test
    void longStringArgumentIsCutAtMaxString() {
        byte[] text = new byte[CFormat.MAX_STRING + 8];
        java.util.Arrays.fill(text, (byte) 'b');
        int s = m.bytes(text, true);
        assertEquals(CFormat.MAX_STRING, format("%s", s).length());
    }
}
