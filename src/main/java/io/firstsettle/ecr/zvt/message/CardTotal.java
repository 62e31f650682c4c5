package io.firstsettle.ecr.zvt.message;

/** One card family's line in the end-of-day totals: number of payments and their sum in minor units. */
public record CardTotal(CardFamily family, int count, long totalMinor) {
    public CardTotal {
        if (count < 0 || count > 0xFF) {
            throw new IllegalArgumentException(family + " count " + count + " must fit one binary byte (0..255)");
        }
        if (totalMinor < 0 || totalMinor > 999_999_999_999L) {
            throw new IllegalArgumentException(family + " total " + totalMinor + " must fit 12 BCD digits");
        }
    }
}
