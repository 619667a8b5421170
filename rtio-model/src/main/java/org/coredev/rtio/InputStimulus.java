package org.coredev.rtio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Edges to drive onto input pins, read from a text file or built in Java.
 *
 * <p>File format: one edge a line, {@code <time in mu> <channel> <level>}, separated by blanks;
 * the channel is a device name ({@code ttl_in}) or a number ({@code 3}); the level is {@code 0}
 * or {@code 1} (also {@code low}/{@code high}). {@code #} starts a comment; blank lines are
 * ignored. Example:
 * <pre>
 * # two pulses on ttl_in
 * 1000  ttl_in 1
 * 1200  ttl_in 0
 * 5000  3      high
 * </pre>
 */
public record InputStimulus(List<Edge> edges) {

    /** One edge: at {@code timeMu}, channel (by name if {@code channelName} is not null) goes to {@code level}. */
    public record Edge(long timeMu, int channel, String channelName, boolean level) {
    }

    /** Copies the edge list. */
    public InputStimulus {
        edges = List.copyOf(edges);
    }

    /** Reads a stimulus file. */
    public static InputStimulus read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RtioException(file + ": cannot read stimulus file: " + e.getMessage(), e);
        }
        return parse(file.toString(), text);
    }

    /** Parses stimulus text; {@code source} names it in error messages. */
    public static InputStimulus parse(String source, String text) {
        List<Edge> edges = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            String body = hash >= 0 ? line.substring(0, hash) : line;
            if (body.isBlank()) {
                continue;
            }
            String[] f = body.trim().split("\\s+");
            int lineNo = i + 1;
            if (f.length != 3) {
                throw new RtioException("%s:%d:%d: expected '<time mu> <channel> <level>', got %d fields"
                        .formatted(source, lineNo, column(line, f[0]), f.length));
            }
            long time;
            try {
                time = Long.parseLong(f[0]);
            } catch (NumberFormatException e) {
                throw new RtioException("%s:%d:%d: time '%s' is not an integer number of mu"
                        .formatted(source, lineNo, column(line, f[0]), f[0]));
            }
            if (time < 0) {
                throw new RtioException("%s:%d:%d: time %d mu is negative".formatted(source, lineNo, column(line, f[0]), time));
            }
            boolean level = switch (f[2].toLowerCase(java.util.Locale.ROOT)) {
                case "1", "high" -> true;
                case "0", "low" -> false;
                default -> throw new RtioException("%s:%d:%d: level '%s' must be 0, 1, low or high"
                        .formatted(source, lineNo, column(line, f[2]), f[2]));
            };
            if (f[1].chars().allMatch(Character::isDigit)) {
                if (f[1].length() > 5 || Integer.parseInt(f[1]) > 0xffff) {
                    throw new RtioException("%s:%d:%d: channel number %s is above 65535"
                            .formatted(source, lineNo, column(line, f[1]), f[1]));
                }
                edges.add(new Edge(time, Integer.parseInt(f[1]), null, level));
            } else {
                edges.add(new Edge(time, -1, f[1], level));
            }
        }
        return new InputStimulus(edges);
    }

    private static int column(String line, String field) {
        return line.indexOf(field) + 1;
    }

    /** A stimulus from edges built in Java. */
    public static InputStimulus of(List<Edge> edges) {
        return new InputStimulus(edges);
    }
}
