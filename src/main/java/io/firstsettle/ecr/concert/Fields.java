package io.firstsettle.ecr.concert;

import java.nio.charset.StandardCharsets;

/** Fixed-width ASCII field reading and writing for the Concert message codecs; errors name field and offset. */
final class Fields {
    private final String text;
    private int at;

    private Fields(String text) {
        this.text = text;
    }

    /** Reads {@code payload}, refusing bytes outside printable 7-bit ASCII (§B: the payload is ASCII). */
    static Fields of(byte[] payload, String message) {
        for (int i = 0; i < payload.length; i++) {
            int b = payload[i] & 0xFF;
            if (b < 0x20 || b > 0x7E) {
                throw new ConcertFormatException(message, i, String.format("byte %02X is not printable ASCII", b));
            }
        }
        return new Fields(new String(payload, StandardCharsets.US_ASCII));
    }

    int at() {
        return at;
    }

    String take(String field, int width) {
        if (at + width > text.length()) {
            throw new ConcertFormatException(field, at, "needs " + width + " chars, only " + (text.length() - at)
                    + " left");
        }
        String s = text.substring(at, at + width);
        at += width;
        return s;
    }

    char one(String field) {
        return take(field, 1).charAt(0);
    }

    long digits(String field, int width) {
        int start = at;
        String s = take(field, width);
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                throw new ConcertFormatException(field, start + i, "'" + s + "' is not " + width
                        + " decimal digits (char '" + s.charAt(i) + "')");
            }
        }
        return Long.parseLong(s);
    }

    /** Builds a payload; every check names the field and the offset it would be written at. */
    static final class Writer {
        private final StringBuilder out = new StringBuilder();

        /** Left-pads a non-negative number with zeros to {@code width}; refuses one that does not fit. */
        Writer zeros(String field, long value, int width) {
            String s = Long.toString(value);
            if (value < 0 || s.length() > width) {
                throw new ConcertFormatException(field, out.length(), value + " does not fit in " + width
                        + " decimal digits");
            }
            out.append("0".repeat(width - s.length())).append(s);
            return this;
        }

        /** Exactly {@code width} printable ASCII chars. */
        Writer exact(String field, String value, int width) {
            if (value == null || value.length() != width) {
                throw new ConcertFormatException(field, out.length(), "'" + value + "' must be exactly " + width
                        + " chars");
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 || c > 0x7E) {
                    throw new ConcertFormatException(field, out.length() + i,
                            String.format("U+%04X is not printable ASCII", (int) c));
                }
            }
            out.append(value);
            return this;
        }

        Writer one(String field, char c) {
            return exact(field, String.valueOf(c), 1);
        }

        /** Right-pads with spaces to {@code width} (the §B private and report fields); refuses longer text. */
        Writer spaces(String field, String value, int width) {
            if (value.length() > width) {
                throw new ConcertFormatException(field, out.length(), "'" + value + "' is longer than " + width
                        + " chars");
            }
            return exact(field, value + " ".repeat(width - value.length()), width);
        }

        byte[] bytes() {
            return out.toString().getBytes(StandardCharsets.US_ASCII);
        }
    }
}
