package io.firstsettle.steps;

import java.math.BigDecimal;

/** Amounts as people write them in scenarios ("12.34") to minor units. */
final class Money {
    private Money() {
    }

    static long minor(String amount) {
        BigDecimal v = new BigDecimal(amount.trim());
        if (v.scale() > 2 || v.signum() < 0) {
            throw new IllegalArgumentException("amount '" + amount + "' must be positive with at most 2 decimals");
        }
        return v.movePointRight(2).longValueExact();
    }
}
