package org.coredev.emu.server;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * The core device's log buffer as {@code artiq_coremgmt log} reads it: lines formatted as the
 * board's logger writes them (liblogger_artiq: {@code "[{:6}.{:06}s] {:>5}({}): {}"}), with the
 * simulated time instead of the time since boot, filtered by the {@code log_level} config key,
 * and bounded like the board's buffer (oldest lines go first). Thread-safe: the management
 * connection reads it while a kernel session writes.
 */
final class CoreLog {
    /** The board's level filters, most severe first (Rust's log crate); OFF as a filter keeps nothing. */
    enum Level { OFF, ERROR, WARN, INFO, DEBUG, TRACE }

    /** The runtime's log buffer size (runtime/main.rs: 128 KiB). */
    static final int CAPACITY = 1 << 17;

    private final Deque<String> lines = new ArrayDeque<>();
    private int chars;
    private Level filter = Level.INFO;

    synchronized void add(long timeMu, Level level, String target, String message) {
        if (level.compareTo(filter) > 0) return;
        for (String part : message.split("\n", -1)) {
            String line = "[%6d.%06ds] %5s(%s): %s\n".formatted(Math.floorDiv(timeMu, 1_000_000_000L),
                    Math.floorMod(timeMu, 1_000_000_000L) / 1000, level.name(), target, part);
            lines.addLast(line);
            chars += line.length();
        }
        while (chars > CAPACITY && !lines.isEmpty()) chars -= lines.removeFirst().length();
        notifyAll();
    }

    /** Everything buffered, oldest first. */
    synchronized String content() {
        return String.join("", lines);
    }

    synchronized void clear() {
        lines.clear();
        chars = 0;
    }

    /** Takes the buffered text, waiting up to {@code waitMillis} for some to arrive (PullLog). */
    synchronized String take(long waitMillis) throws InterruptedException {
        if (lines.isEmpty()) wait(waitMillis);
        String text = content();
        clear();
        return text;
    }

    synchronized Level filter() { return filter; }

    synchronized void setFilter(Level level) { filter = level; }

    /** Rust's LevelFilter::from_str, case-insensitive; null for anything else. */
    static Level parseLevel(String text) {
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "OFF" -> Level.OFF;
            case "ERROR" -> Level.ERROR;
            case "WARN" -> Level.WARN;
            case "INFO" -> Level.INFO;
            case "DEBUG" -> Level.DEBUG;
            case "TRACE" -> Level.TRACE;
            default -> null;
        };
    }
}
