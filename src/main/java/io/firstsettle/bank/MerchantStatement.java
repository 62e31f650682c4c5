package io.firstsettle.bank;

import java.util.List;

/** What the bank has credited (or holds) for a merchant, as read from {@code GET /bank/v1/merchants/{id}/statement}. */
public record MerchantStatement(String merchantId, List<Credit> credits) {
    public MerchantStatement {
        credits = List.copyOf(credits);
    }

    /** One line: status "CREDITED" or "PENDING"; reason says why (batch, hold, calendar). */
    public record Credit(String rrn, long amountMinor, String currency, String status, String reason) {
    }

    public long creditedTotalMinor() {
        return credits.stream().filter(c -> "CREDITED".equals(c.status())).mapToLong(Credit::amountMinor).sum();
    }

    public List<Credit> byRrn(String rrn) {
        return credits.stream().filter(c -> c.rrn().equals(rrn)).toList();
    }
}
