package io.firstsettle.host;

/**
 * A terminal's request as the acquirer sees it: typed, with no ISO 8583 in it. {@link IsoDialect} reads an ISOMsg into
 * one of these; {@link Acquirer} answers it with a {@link HostAnswer}.
 */
sealed interface HostRequest {
    /** The terminal (DE41). */
    String tid();

    /** 0800: sign-on (001), sign-off (002) or another network management code (DE70). */
    record SignOn(String tid, String mid, String code) implements HostRequest {
    }

    /** What a financial request asks of the bank's authorization endpoint. */
    enum Kind {
        /** 0100: authorization only, never settled by itself. */
        AUTHORIZATION,
        /** 0200: authorization and capture. */
        SALE,
        /** 0220: a sale the terminal approved offline; the host journals it, tells the bank and settles it. */
        ADVICE
    }

    /**
     * 0100, 0200, 0220. {@code maskedPan} is masked already (first 6 / last 4); {@code approvalCode} is the
     * terminal's DE38 of an advice (else null).
     */
    record Financial(Kind kind, String tid, String mid, String stan, long amountMinor, String currency,
                     String maskedPan, String approvalCode) implements HostRequest {
    }

    /** 0400: reverse the sale with the original STAN (DE90, else DE11). */
    record Reversal(String tid, String originalStan) implements HostRequest {
    }

    /**
     * 0500: the terminal's totals of one batch (DE60, read by {@link #batch()} only once the terminal is known to be
     * signed on). Counts and totals as the terminal sent them: 0 when absent, -1 when not a number (never balanced).
     */
    record Reconcile(String tid, String mid, String batchField, long creditCount, long creditTotal, long debitCount,
                     long debitTotal) implements HostRequest {
        int batch() {
            return Integer.parseInt(batchField.trim());
        }
    }

    /** 0320: one transaction of a batch upload (batch in DE60, see {@link #batch()}); {@code rrn} may be null. */
    record BatchUpload(String tid, String originalStan, String batchField, long amountMinor, String rrn)
            implements HostRequest {
        int batch() {
            return Integer.parseInt(batchField.trim());
        }
    }

    /** A well-formed request the acquirer does not offer (answered "invalid transaction"). */
    record Unsupported(String tid, String mti) implements HostRequest {
    }

    /** A request without a field its handler needs (answered "format error" with the request's own fields). */
    record Incomplete(String tid, String mti) implements HostRequest {
    }
}
