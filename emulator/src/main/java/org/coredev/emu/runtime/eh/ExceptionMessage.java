package org.coredev.emu.runtime.eh;

import java.math.BigInteger;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Fills an exception message's placeholders with its parameters as the board and the host do:
 * the board's session code first replaces {@code {rtio_channel_info:0}} with
 * {@code 0x%04x:name} of parameter 0 (artiq/firmware/libproto_artiq/session_proto.rs), then the
 * host applies Python's {@code message.format(*params)} (artiq/coredevice/comm_kernel.py,
 * {@code _serve_exception}), keeping the message unchanged if formatting fails.
 * Supported Python fields: {@code {}}, {@code {N}}, {@code {{}}/{@code }}} and integer format
 * specs {@code [0][width][d|x|X|o|b]}; any other field counts as a formatting failure.
 */
public final class ExceptionMessage {
    private ExceptionMessage() {}

    /** Formats with unknown channel names ("unknown", as the board says without a device map). */
    public static String format(String message, List<Long> params) {
        return format(message, params, channel -> "unknown");
    }

    public static String format(String message, List<Long> params, IntFunction<String> channelName) {
        long channel = params.isEmpty() ? 0 : params.get(0);
        String withChannel = message.replace("{rtio_channel_info:0}",
                "0x%04x:%s".formatted(channel, channelName.apply((int) channel)));
        String formatted = pythonFormat(withChannel, params);
        return formatted == null ? withChannel : formatted;
    }

    /** Python's str.format(*params) for the supported fields, or null where Python would raise. */
    static String pythonFormat(String s, List<Long> params) {
        StringBuilder out = new StringBuilder();
        int auto = 0;
        boolean usedAuto = false, usedManual = false;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '}') {
                if (k + 1 < s.length() && s.charAt(k + 1) == '}') { out.append('}'); k++; continue; }
                return null;
            }
            if (c != '{') { out.append(c); continue; }
            if (k + 1 < s.length() && s.charAt(k + 1) == '{') { out.append('{'); k++; continue; }
            int close = s.indexOf('}', k);
            if (close < 0) return null;
            String field = s.substring(k + 1, close);
            int colon = field.indexOf(':');
            String name = colon < 0 ? field : field.substring(0, colon);
            String spec = colon < 0 ? "" : field.substring(colon + 1);
            int index;
            if (name.isEmpty()) {
                if (usedManual) return null;
                usedAuto = true;
                index = auto++;
            } else if (name.chars().allMatch(Character::isDigit) && name.length() < 6) {
                if (usedAuto) return null;
                usedManual = true;
                index = Integer.parseInt(name);
            } else {
                return null;
            }
            if (index >= params.size()) return null;
            String value = formatInt(params.get(index), spec);
            if (value == null) return null;
            out.append(value);
            k = close;
        }
        return out.toString();
    }

    private static String formatInt(long value, String spec) {
        if (!spec.matches("0?[0-9]*[dxXob]?")) return null;
        boolean zero = spec.startsWith("0") && spec.length() > 1;
        String digits = spec.replaceAll("[dxXob]$", "");
        int width = digits.isEmpty() ? 0 : Integer.parseInt(digits);
        char type = spec.isEmpty() || Character.isDigit(spec.charAt(spec.length() - 1)) ? 'd' : spec.charAt(spec.length() - 1);
        BigInteger v = BigInteger.valueOf(value);
        String magnitude = switch (type) {
            case 'x' -> v.abs().toString(16);
            case 'X' -> v.abs().toString(16).toUpperCase();
            case 'o' -> v.abs().toString(8);
            case 'b' -> v.abs().toString(2);
            default -> v.abs().toString();
        };
        String sign = value < 0 ? "-" : "";
        int pad = width - sign.length() - magnitude.length();
        if (pad <= 0) return sign + magnitude;
        return zero ? sign + "0".repeat(pad) + magnitude : " ".repeat(pad) + sign + magnitude;
    }
}
