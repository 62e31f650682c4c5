package io.firstsettle.core;

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
        return BYTES[b & 0xFF];
    }

    /** "00" .. "FF", made once: formatting a byte is a lookup, not a Formatter (decoding dumps call it per byte). */
    private static final String[] BYTES = new String[256];

    static {
        for (int i = 0; i < 256; i++) {
            BYTES[i] = SPACED.toHexDigits((byte) i);
        }
    }

    /**
     * Parses hex that may contain spaces, newlines, tabs, ':' or '-' separators and "0x" prefixes.
     *
     * @throws IllegalArgumentException naming the first character that is not a hex digit, or an odd digit count
     */
    public static byte[] parse(String text) {
        // one pass, no regex: the output array and one int per digit pair are all it allocates (a 1 MB trace is
        // parsed in a few MB, not hundreds)
        byte[] out = new byte[text.length() / 2 + 1];
        int n = 0;
        int high = -1;
        int digits = 0;
        int len = text.length();
        for (int i = 0; i < len; i++) {
            char c = text.charAt(i);
            if (c == '0' && i + 1 < len && (text.charAt(i + 1) == 'x' || text.charAt(i + 1) == 'X') && high < 0) {
                i++;
                continue;
            }
            if (Character.isWhitespace(c) || c == ':' || c == ',' || c == '-') {
                continue;
            }
            int d = Character.digit(c, 16);
            if (d < 0) {
                throw new IllegalArgumentException("not a hex digit: '" + printable(c) + "' at digit " + digits
                        + " of the cleaned input; use only 0-9 A-F and whitespace");
            }
            digits++;
            if (high < 0) {
                high = d;
            } else {
                out[n++] = (byte) (high << 4 | d);
                high = -1;
            }
        }
        if (high >= 0) {
            throw new IllegalArgumentException("odd number of hex digits (" + digits
                    + "); every byte needs two digits");
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04X", (int) c);
    }
}
