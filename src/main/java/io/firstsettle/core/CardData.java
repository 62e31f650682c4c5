package io.firstsettle.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Card data masking, applied at the point of recording: a PAN keeps its first 6 and last 4 digits, everything between
 * becomes '*'. Track-2 data keeps only the masked PAN. Nothing downstream ever sees a full PAN.
 */
public final class CardData {
    private static final Pattern PAN_IN_TEXT = Pattern.compile("(?<![0-9])([0-9]{6})([0-9]{3,9})([0-9]{4})(?![0-9])");
    private static final Pattern TRACK2_IN_TEXT = Pattern.compile("([0-9]{12,19})[=D]([0-9]{4})[0-9]*");

    private CardData() {
    }

    /** "4761739001010010" -> "476173******0010". Shorter strings than 11 digits are returned fully masked. */
    public static String mask(String pan) {
        if (pan == null) {
            return null;
        }
        String digits = pan.replaceAll("[^0-9]", "");
        if (digits.length() < 11) {
            return "*".repeat(digits.length());
        }
        return digits.substring(0, 6) + "*".repeat(digits.length() - 10) + digits.substring(digits.length() - 4);
    }

    /** Masks every PAN-like run of 13-19 digits and every track-2 image found in free text. */
    public static String maskText(String text) {
        if (text == null) {
            return null;
        }
        if (!hasDigitRun(text, 12)) {
            return text; // both patterns need 12 digits in a row at least: the host's per-message fast path
        }
        Matcher t2 = TRACK2_IN_TEXT.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (t2.find()) {
            t2.appendReplacement(sb, Matcher.quoteReplacement(mask(t2.group(1)) + "=****"));
        }
        t2.appendTail(sb);
        Matcher m = PAN_IN_TEXT.matcher(sb.toString());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String whole = m.group();
            if (whole.length() >= 13 && whole.length() <= 19 && luhn(whole)) {
                m.appendReplacement(out, Matcher.quoteReplacement(mask(whole)));
            } else {
                m.appendReplacement(out, Matcher.quoteReplacement(whole));
            }
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean hasDigitRun(String text, int run) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            n = c >= '0' && c <= '9' ? n + 1 : 0;
            if (n >= run) {
                return true;
            }
        }
        return false;
    }

    /** Luhn check, used to tell a PAN from other long numbers (timestamps, RRNs). */
    public static boolean luhn(String digits) {
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }
}
