package io.firstsettle.bank;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the bank has credited (or holds) for a merchant, as read from {@code GET /bank/v1/merchants/{id}/statement}. */
public record MerchantStatement(String merchantId, List<Credit> credits) {
    public MerchantStatement {
        credits = List.copyOf(credits);
    }

    /**
     * One line: status "CREDITED" or "PENDING"; reason says why (batch, hold, calendar).
     *
     * @param valueDate  the day the money is the merchant's (lab zone): the calendar's value date, else the day it was
     *                   credited; null while pending without a calendar
     * @param creditedAt lab instant the line turned CREDITED, null while pending
     */
    public record Credit(String rrn, long amountMinor, String currency, String status, String reason,
                         LocalDate valueDate, Instant creditedAt) {
        public Credit(String rrn, long amountMinor, String currency, String status, String reason) {
            this(rrn, amountMinor, currency, status, reason, null, null);
        }

        public boolean pending() {
            return "PENDING".equals(status);
        }
    }

    public long pendingTotalMinor() {
        return credits.stream().filter(Credit::pending).mapToLong(Credit::amountMinor).sum();
    }

    public long creditedTotalMinor() {
        return credits.stream().filter(c -> "CREDITED".equals(c.status())).mapToLong(Credit::amountMinor).sum();
    }

    public List<Credit> byRrn(String rrn) {
        return credits.stream().filter(c -> c.rrn().equals(rrn)).toList();
    }
}
