package io.firstsettle.ecr.zvt.codec;

import io.firstsettle.core.CardData;
import java.io.ByteArrayOutputStream;

/**
 * PAN digits in BMP 22/23 ([ZVT-SPEC] ch.13): BCD nibbles, F = padding, E = digit masked by the PT, D = separator.
 * Everything this class returns is masked (first 6 / last 4); a full PAN never leaves it.
 */
public final class Pan {
    private Pan() {
    }

    /** Nibbles as characters: 0-9, E -> '*', D -> '=', F padding dropped; other nibbles (A-C) as '?'. */
    static String nibbles(byte[] value) {
        StringBuilder sb = new StringBuilder();
        for (byte b : value) {
            for (int n : new int[] {(b >> 4) & 0xF, b & 0xF}) {
                if (n <= 9) {
                    sb.append((char) ('0' + n));
                } else if (n == 0xE) {
                    sb.append('*');
                } else if (n == 0xD) {
                    sb.append('=');
                } else if (n != 0xF) {
                    sb.append('?');
                }
            }
        }
        return sb.toString();
    }

    /** Masked rendering of a BMP 22/23 value: the part before '=' keeps first 6 and last 4, the rest is hidden. */
    public static String masked(byte[] value) {
        return maskText(nibbles(value));
    }

    static String maskText(String text) {
        int sep = text.indexOf('=');
        String pan = sep < 0 ? text : text.substring(0, sep);
        String maskedPan;
        if (pan.chars().allMatch(Character::isDigit)) {
            maskedPan = CardData.mask(pan);
        } else if (pan.length() >= 11) {
            maskedPan = pan.substring(0, 6) + "*".repeat(pan.length() - 10) + pan.substring(pan.length() - 4);
        } else {
            maskedPan = "*".repeat(pan.length());
        }
        return sep < 0 ? maskedPan : maskedPan + "=" + "*".repeat(text.length() - sep - 1);
    }

    /** "559883******8074" -> nibbles with '*' as E, padded with F to whole bytes. */
    public static byte[] encodeNibbles(String maskedPan) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String s = maskedPan.length() % 2 == 0 ? maskedPan : maskedPan + "F";
        for (int i = 0; i < s.length(); i += 2) {
            out.write(nibble(s, i) << 4 | nibble(s, i + 1));
        }
        return out.toByteArray();
    }

    private static int nibble(String s, int i) {
        char c = s.charAt(i);
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return switch (c) {
            case '*' -> 0xE;
            case '=', 'D' -> 0xD;
            case 'F' -> 0xF;
            default -> throw new IllegalArgumentException("PAN character '" + c + "' at " + i
                    + " is not a digit, '*' (masked) or '=' (separator)");
        };
    }
}
