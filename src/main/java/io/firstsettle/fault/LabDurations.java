package io.firstsettle.fault;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads lab durations as written in fault files: {@code 500ms}, {@code 90s}, {@code 30m}, {@code 2h}, {@code 3d}, or ISO {@code PT30M}. */
public final class LabDurations {
    private static final Pattern SHORT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(ms|s|m|h|d)");

    private LabDurations() {
    }

    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim();
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            double v = Double.parseDouble(m.group(1));
            double unitNanos = switch (m.group(2)) {
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                case "h" -> 3600e9;
                default -> 86400e9;
            };
            return Duration.ofNanos((long) (v * unitNanos));
        }
        try {
            return Duration.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration: write 500ms, 90s, 30m, 2h, 3d or PT30M");
        }
    }
}
