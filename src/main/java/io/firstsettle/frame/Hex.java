package io.firstsettle.frame;

import java.util.HexFormat;

/** Hex rendering and parsing for wire bytes: "10 02 06 00" style, upper case, space separated. */
public final class Hex {
    private static final HexFormat SPACED = HexFormat.ofDelimiter(" ").withUpperCase();

    private Hex() {
    }

    /** {@code {0x10, 0x02}} -> "10 02". */
    public static String format(byte[] bytes) {
        return bytes == null ? "null" : SPACED.formatHex(bytes);
    }

    /** Hex of {@code len} bytes from {@code off}. */
    public static String format(byte[] bytes, int off, int len) {
        return SPACED.formatHex(bytes, off, off + len);
    }

    /** One byte as two upper-case hex digits. */
    public static String format(int b) {
        return String.format("%02X", b & 0xFF);
    }

    /**
     * Parses hex that may contain spaces, newlines, tabs, ':' or '-' separators and "0x" prefixes.
     *
     * @throws IllegalArgumentException naming the first character that is not a hex digit, or an odd digit count
     */
    public static byte[] parse(String text) {
        String cleaned = text.replaceAll("0[xX]", "").replaceAll("[\\s:,\\-]", "");
        for (int i = 0; i < cleaned.length(); i++) {
            if (Character.digit(cleaned.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("not a hex digit: '" + cleaned.charAt(i) + "' at digit " + i
                        + " of the cleaned input; use only 0-9 A-F and whitespace");
            }
        }
        if (cleaned.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits (" + cleaned.length()
                    + "); every byte needs two digits");
        }
        return HexFormat.of().parseHex(cleaned);
    }
}
