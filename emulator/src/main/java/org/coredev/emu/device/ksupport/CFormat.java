package org.coredev.emu.device.ksupport;

import java.io.ByteArrayOutputStream;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.coredev.emu.runtime.GuestFault;
import org.coredev.emu.runtime.GuestMemory;

/**
 * The board's {@code vsnprintf}, which ksupport's {@code core_log} formats with (misoc's libbase
 * printf, built with float support).
 *
 * <p>Each conversion is read into a {@link Spec} (flags, width, precision, length modifier,
 * conversion letter) as C describes it ("%[flags][width][.precision][length]conversion"), then
 * formatted by one small method per kind of value.
 *
 * <p>Conversions: {@code d i u o x X c s p n %}, and {@code f g} with the board's own float
 * algorithm. Flags {@code - + space # 0}, a field width and a precision (digits or {@code *}),
 * length modifiers {@code h l ll L z Z t}. On rv32 {@code l} is 32 bits, {@code ll} and {@code L} 64.
 * Behaviour follows the board where it differs from ISO C:
 * <ul>
 * <li>{@code %f} and {@code %g} print the same thing: the integer digits, a point and exactly six
 *     fraction digits, ignoring width, precision and flags; digits are computed with
 *     {@code pow(10, floor(log10(x)))} and {@code fmod}, so they carry the same rounding;</li>
 * <li>a precision on an integer gives a minimum digit count and does not turn off {@code 0};
 *     a zero value with precision 0 still prints {@code 0};</li>
 * <li>{@code #} always adds its prefix: {@code 0x0} for a zero in hex, {@code 00} in octal;</li>
 * <li>a negative {@code *} precision counts as 0, not as "no precision";</li>
 * <li>{@code %z} reads a zero-extended 32-bit value and {@code %t} a sign-extended one, both
 *     then formatted as 64-bit numbers ({@code %tx} of -1 is sixteen {@code f});</li>
 * <li>{@code %s} of NULL prints {@code <NULL>};</li>
 * <li>an unknown conversion (also {@code hh}, {@code j}) prints {@code %} and the character.</li>
 * </ul>
 * Where the board's float code misbehaves (infinity loops forever, NaN prints garbage) this one
 * prints {@code inf}, {@code -inf} or {@code nan}.
 */
public final class CFormat {
    /** Longest formatted message accepted; the board would exhaust its stack long before. */
    public static final int MAX_OUTPUT = 1 << 20;
    /** Longest format string or {@code %s} argument read. */
    public static final int MAX_STRING = 1 << 16;

    private static final int NO_VALUE = -1;
    private static final byte[] NULL_STRING = {'<', 'N', 'U', 'L', 'L', '>'};

    /** C's flag characters. */
    private enum Flag { LEFT_JUSTIFY, SHOW_PLUS, SHOW_SPACE, ALTERNATE_FORM, ZERO_PAD }

    /** The length modifier, which decides how an integer argument is read. */
    private enum Length { NONE, SHORT, LONG, LONG_LONG, SIZE, PTRDIFF }

    /**
     * One parsed conversion; {@code width} and {@code precision} are {@link #NO_VALUE} when absent.
     * {@code conversion} is 0 when the format string ends inside the conversion.
     */
    private record Spec(Set<Flag> flags, int width, int precision, Length length, int conversion) {
        boolean has(Flag flag) { return flags.contains(flag); }
    }

    private final GuestMemory memory;
    private final VarArgs args;
    private final int formatAddress;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    /** Index of the next format character. */
    private int position;

    private CFormat(GuestMemory memory, int formatAddress, VarArgs args) {
        this.memory = memory;
        this.formatAddress = formatAddress;
        this.args = args;
    }

    /** Formats the NUL-terminated format string at {@code formatAddress}; returns the bytes vsnprintf would produce. */
    public static byte[] format(GuestMemory memory, int formatAddress, VarArgs args) {
        CFormat formatter = new CFormat(memory, formatAddress, args);
        formatter.formatAll();
        return formatter.out.toByteArray();
    }

    private void formatAll() {
        for (int c = take(); c != 0; c = take()) {
            if (c == '%') convert(parseSpec());
            else emit(c);
        }
    }

    // ---- reading the format string ----

    private int peek() {
        if (position >= MAX_STRING)
            throw new GuestFault(formatAddress, "format string at 0x%08x is not terminated within %d bytes".formatted(formatAddress, MAX_STRING));
        return memory.load8(formatAddress + position);
    }

    /** The next character, consumed unless it is the terminator (which stays to end the loop). */
    private int take() {
        int c = peek();
        if (c != 0) position++;
        return c;
    }

    private boolean takeIf(int expected) {
        if (peek() != expected) return false;
        position++;
        return true;
    }

    private Spec parseSpec() {
        EnumSet<Flag> flags = EnumSet.noneOf(Flag.class);
        for (Flag flag; (flag = flagFor(peek())) != null; position++) flags.add(flag);

        int width = NO_VALUE;
        if (takeIf('*')) {
            int w = args.nextInt();
            if (w < 0) {
                // C: a negative width is a '-' flag and a positive width. -INT_MIN wraps on the
                // board and leaves a negative width, which pads nothing.
                flags.add(Flag.LEFT_JUSTIFY);
                w = w == Integer.MIN_VALUE ? NO_VALUE : -w;
            }
            width = w;
        } else if (isDigit(peek())) {
            width = decimal();
        }

        int precision = NO_VALUE;
        if (takeIf('.')) {
            if (takeIf('*')) precision = args.nextInt();
            else if (isDigit(peek())) precision = decimal();
            else precision = 0;              // "." alone is precision 0 (C)
            if (precision < 0) precision = 0;   // board: a negative '*' precision is 0, not absent
        }

        Length length = Length.NONE;
        switch (peek()) {
            case 'h' -> length = Length.SHORT;
            case 'l' -> length = Length.LONG;
            case 'L' -> length = Length.LONG_LONG;
            case 'z', 'Z' -> length = Length.SIZE;
            case 't' -> length = Length.PTRDIFF;
            default -> { }
        }
        if (length != Length.NONE) {
            position++;
            if (length == Length.LONG && takeIf('l')) length = Length.LONG_LONG;
        }
        return new Spec(flags, width, precision, length, take());
    }

    private static Flag flagFor(int c) {
        return switch (c) {
            case '-' -> Flag.LEFT_JUSTIFY;
            case '+' -> Flag.SHOW_PLUS;
            case ' ' -> Flag.SHOW_SPACE;
            case '#' -> Flag.ALTERNATE_FORM;
            case '0' -> Flag.ZERO_PAD;
            default -> null;
        };
    }

    /** A run of decimal digits, saturating at Integer.MAX_VALUE (output bounds stop such widths). */
    private int decimal() {
        long value = 0;
        while (isDigit(peek())) value = Math.min(value * 10 + take() - '0', Integer.MAX_VALUE);
        return (int) value;
    }

    private static boolean isDigit(int c) { return c >= '0' && c <= '9'; }

    // ---- conversions ----

    private void convert(Spec spec) {
        switch (spec.conversion()) {
            case 'd', 'i' -> integer(spec, readInteger(spec.length(), true), true, 10);
            case 'u' -> integer(spec, readInteger(spec.length(), false), false, 10);
            case 'o' -> integer(spec, readInteger(spec.length(), false), false, 8);
            case 'x', 'X' -> integer(spec, readInteger(spec.length(), false), false, 16);
            case 'p' -> pointer(spec, args.nextInt());
            case 'c' -> character(spec, args.nextInt() & 0xff);
            case 's' -> string(spec, args.nextInt());
            case 'f', 'g' -> floating(args.nextDouble());
            // The count is stored as a 32-bit int whatever the length modifier: int, long and size_t are all 32 bits on rv32.
            case 'n' -> memory.store32(args.nextInt(), out.size());
            case '%' -> emit('%');
            case 0 -> emit('%');              // format ends after '%': the board prints the '%' alone
            default -> {
                emit('%');
                emit(spec.conversion());
            }
        }
    }

    /**
     * The integer argument as the 64-bit value the board formats: 32-bit arguments are sign- or
     * zero-extended by the conversion's signedness, except size_t (always zero-extended) and
     * ptrdiff_t (always sign-extended).
     */
    private long readInteger(Length length, boolean signed) {
        return switch (length) {
            case LONG_LONG -> args.nextLong();
            case SHORT -> {
                int v = args.nextInt();
                yield signed ? (short) v : v & 0xffff;
            }
            case SIZE -> Integer.toUnsignedLong(args.nextInt());
            case PTRDIFF -> args.nextInt();
            case NONE, LONG -> {
                int v = args.nextInt();
                yield signed ? v : Integer.toUnsignedLong(v);
            }
        };
    }

    /** {@code %p}: hex, by default zero-padded to the 8 digits of a 32-bit pointer. */
    private void pointer(Spec spec, int address) {
        if (spec.width() == NO_VALUE) {
            EnumSet<Flag> flags = EnumSet.of(Flag.ZERO_PAD);
            flags.addAll(spec.flags());
            spec = new Spec(flags, 8, spec.precision(), spec.length(), spec.conversion());
        }
        integer(spec, Integer.toUnsignedLong(address), false, 16);
    }

    /**
     * An integer in a field: [sign][prefix][zeros]digits, padded with spaces on the left, zeros
     * after the prefix ({@code 0} flag) or spaces on the right ({@code -} flag, which wins).
     * {@code value} is read as signed only when {@code signed}.
     */
    private void integer(Spec spec, long value, boolean signed, int base) {
        String sign = "";
        if (signed && value < 0) sign = "-";
        else if (signed && spec.has(Flag.SHOW_PLUS)) sign = "+";
        else if (signed && spec.has(Flag.SHOW_SPACE)) sign = " ";
        long magnitude = signed && value < 0 ? -value : value;   // Long.MIN_VALUE stays, read unsigned below

        String digits = Long.toUnsignedString(magnitude, base);
        boolean upper = spec.conversion() == 'X';
        if (upper) digits = digits.toUpperCase(Locale.ROOT);
        String prefix = "";
        if (spec.has(Flag.ALTERNATE_FORM) && base == 16) prefix = upper ? "0X" : "0x";
        else if (spec.has(Flag.ALTERNATE_FORM) && base == 8) prefix = "0";

        int precisionZeros = Math.max(0, spec.precision() - digits.length());
        long used = (long) sign.length() + prefix.length() + precisionZeros + digits.length();
        int fill = (int) Math.max(0, spec.width() - used);

        if (spec.has(Flag.LEFT_JUSTIFY)) {
            ascii(sign, prefix);
            repeat('0', precisionZeros);
            ascii(digits);
            repeat(' ', fill);
        } else if (spec.has(Flag.ZERO_PAD)) {
            ascii(sign, prefix);
            repeat('0', fill + precisionZeros);
            ascii(digits);
        } else {
            repeat(' ', fill);
            ascii(sign, prefix);
            repeat('0', precisionZeros);
            ascii(digits);
        }
    }

    /** {@code %c}: the byte in a space-padded field (the {@code 0} flag does not apply). */
    private void character(Spec spec, int c) {
        int fill = Math.max(0, spec.width() - 1);
        if (!spec.has(Flag.LEFT_JUSTIFY)) repeat(' ', fill);
        emit(c);
        if (spec.has(Flag.LEFT_JUSTIFY)) repeat(' ', fill);
    }

    /** {@code %s}: at most {@code precision} bytes of the string, in a space-padded field. */
    private void string(Spec spec, int address) {
        byte[] text = address == 0 ? NULL_STRING : readString(address, spec.precision());
        int fill = Math.max(0, spec.width() - text.length);
        if (!spec.has(Flag.LEFT_JUSTIFY)) repeat(' ', fill);
        for (byte b : text) emit(b & 0xff);
        if (spec.has(Flag.LEFT_JUSTIFY)) repeat(' ', fill);
    }

    /** The bytes before the NUL, no more than {@code limit} (if given) or {@link #MAX_STRING}. */
    private byte[] readString(int address, int limit) {
        int max = limit == NO_VALUE ? MAX_STRING : Math.min(limit, MAX_STRING);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        for (int k = 0; k < max; k++) {
            int c = memory.load8(address + k);
            if (c == 0) break;
            text.write(c);
        }
        return text.toByteArray();
    }

    /**
     * The board's {@code %f} / {@code %g}: integer digits taken from the highest power of ten
     * down, each {@code fmod(x / 10^k, 10)} truncated, then a point and six fraction digits, each
     * from {@code x = fmod(x * 10, 10)}. StrictMath keeps pow and log10 deterministic.
     */
    private void floating(double value) {
        if (Double.isNaN(value)) {
            ascii("nan");
            return;
        }
        if (value < 0) {
            emit('-');
            value = -value;
        }
        if (Double.isInfinite(value)) {
            ascii("inf");
            return;
        }
        double unit = StrictMath.pow(10.0, StrictMath.floor(StrictMath.log10(value)));
        if (unit < 1.0) emit('0');
        for (; unit >= 1.0; unit /= 10.0) emit('0' + (int) ((value / unit) % 10.0));
        emit('.');
        double fraction = value;
        for (int k = 0; k < 6; k++) {
            fraction = (fraction * 10.0) % 10.0;
            emit('0' + (int) fraction);
        }
    }

    // ---- output ----

    private void emit(int b) {
        if (out.size() >= MAX_OUTPUT)
            throw new GuestFault(formatAddress, "message formatted from 0x%08x is longer than %d bytes".formatted(formatAddress, MAX_OUTPUT));
        out.write(b);
    }

    private void repeat(int c, int count) {
        for (int k = 0; k < count; k++) emit(c);
    }

    private void ascii(String... parts) {
        for (String s : parts)
            for (int k = 0; k < s.length(); k++) emit(s.charAt(k));
    }
}
