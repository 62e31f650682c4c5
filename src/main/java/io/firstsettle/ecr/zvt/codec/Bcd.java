package io.firstsettle.ecr.zvt.codec;

/** Packed BCD: two decimal digits per byte, high nibble first ("123456" -> 12 34 56). */
public final class Bcd {
    private Bcd() {
    }

    /** {@code value} as {@code bytes} bytes of packed BCD, left-padded with zeros. */
    public static byte[] encode(long value, int bytes) {
        if (value < 0) {
            throw new IllegalArgumentException("BCD value " + value + " is negative; BCD carries digits only");
        }
        byte[] out = new byte[bytes];
        long v = value;
        for (int i = bytes - 1; i >= 0; i--) {
            int lo = (int) (v % 10);
            v /= 10;
            int hi = (int) (v % 10);
            v /= 10;
            out[i] = (byte) (hi << 4 | lo);
        }
        if (v != 0) {
            throw new IllegalArgumentException("value " + value + " needs more than " + (2 * bytes)
                    + " BCD digits (" + bytes + " bytes)");
        }
        return out;
    }

    /** A digit string of even length as packed BCD ("123456" -> 12 34 56). */
    public static byte[] encodeDigits(String digits) {
        if (digits.length() % 2 != 0 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("\"" + digits + "\" is not an even number of decimal digits");
        }
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ((digits.charAt(2 * i) - '0') << 4 | (digits.charAt(2 * i + 1) - '0'));
        }
        return out;
    }

    /**
     * Decodes {@code len} bytes of packed BCD at {@code off}.
     *
     * @throws ZvtFormatException naming the offset of the first byte with a nibble above 9
     */
    public static long decode(byte[] b, int off, int len) {
        if (len > 9) {
            throw new IllegalArgumentException(len + " BCD bytes do not fit in a long; decode as digits instead");
        }
        long v = 0;
        for (int i = off; i < off + len; i++) {
            int hi = (b[i] >> 4) & 0xF;
            int lo = b[i] & 0xF;
            if (hi > 9 || lo > 9) {
                throw new ZvtFormatException(i, String.format("expected packed BCD digits, found %02X (nibble > 9)",
                        b[i] & 0xFF));
            }
            v = v * 100 + hi * 10 + lo;
        }
        return v;
    }

    /** The digits of {@code len} BCD bytes as a string, keeping leading zeros ("00 09 75" -> "000975"). */
    public static String digits(byte[] b, int off, int len) {
        String s = Long.toString(decode(b, off, len));
        return "0".repeat(2 * len - s.length()) + s;
    }
}
