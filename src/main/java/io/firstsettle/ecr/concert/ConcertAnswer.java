package io.firstsettle.ecr.concert;

import io.firstsettle.core.CardData;

import java.util.Objects;
import java.util.Optional;

/**
 * The terminal's answer (protocols.md §B; offsets from [TELIUM] {@code TeliumResponse.decode}).
 *
 * <pre>
 *  full answer (answer flag 1): 80 chars, an 83-byte frame      short answer (answer flag 0): 25 chars, 28 bytes
 *  offset  field          chars                                  offset  field          chars
 *   0      POS number       2                                     0      POS number       2
 *   2      status           1  0 success, 7 rejected, 9 n.v.      2      status           1
 *   3      amount           8  cents                              3      amount           8
 *  11      payment mode     1                                    11      payment mode     1
 *  12      report          55  card number etc.                  --      (no report)
 *  67      currency         3                                    12      currency         3
 *  70      private data    10                                    15      private data    10
 *  80      (end)                                                 25      (end)
 * </pre>
 *
 * The report holds the card number: {@link #toString()} masks it (first 6 / last 4).
 *
 * @param report the 55-char report of a full answer; empty for a short answer
 */
public record ConcertAnswer(int posNumber, AnswerStatus status, long amountCents, PaymentMode paymentMode,
                            Optional<String> report, String currency, String privateData) {
    public static final int REPORT_LENGTH = 55;

    public ConcertAnswer {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(paymentMode, "paymentMode");
        Objects.requireNonNull(report, "report");
        if (posNumber < 0 || posNumber > 99) {
            throw new ConcertFormatException("POS number", 0, posNumber + " is outside 00..99");
        }
        if (amountCents < 0 || amountCents > 99_999_999L) {
            throw new ConcertFormatException("amount", 3, amountCents + " cents does not fit 8 digits");
        }
        if (report.isPresent() && report.get().length() != REPORT_LENGTH) {
            throw new ConcertFormatException("report", 12, "must be exactly 55 chars (pad with spaces), got "
                    + report.get().length());
        }
        if (currency == null || !currency.matches("[0-9]{3}")) {
            throw new ConcertFormatException("currency", report.isPresent() ? 67 : 12, "'" + currency
                    + "' is not 3 digits");
        }
        if (privateData == null || privateData.length() != 10) {
            throw new ConcertFormatException("private data", report.isPresent() ? 70 : 15, "'" + privateData
                    + "' must be exactly 10 chars");
        }
    }

    /** An answer to {@code request}: its POS, amount, mode, currency and private data, the size it asked for. */
    public static ConcertAnswer of(ConcertRequest request, AnswerStatus status, String report) {
        Optional<String> r = request.answerSize() == AnswerSize.FULL
                ? Optional.of(padReport(report)) : Optional.empty();
        return new ConcertAnswer(request.posNumber(), status, request.amountCents(), request.paymentMode(), r,
                request.currency(), request.privateData());
    }

    private static String padReport(String report) {
        if (report.length() > REPORT_LENGTH) {
            throw new ConcertFormatException("report", 12, "'" + CardData.maskText(report) + "' is longer than 55");
        }
        return report + " ".repeat(REPORT_LENGTH - report.length());
    }

    public AnswerSize size() {
        return report.isPresent() ? AnswerSize.FULL : AnswerSize.SHORT;
    }

    public byte[] encode() {
        Fields.Writer w = new Fields.Writer()
                .zeros("POS number", posNumber, 2)
                .one("status", status.wire())
                .zeros("amount", amountCents, 8)
                .one("payment mode", paymentMode.wire());
        report.ifPresent(r -> w.exact("report", r, REPORT_LENGTH));
        return w.exact("currency", currency, 3).exact("private data", privateData, 10).bytes();
    }

    /** Reads an answer payload: 80 chars (full) or 25 chars (short). */
    public static ConcertAnswer decode(byte[] payload) {
        boolean full = payload.length == AnswerSize.FULL.payloadLength();
        if (!full && payload.length != AnswerSize.SHORT.payloadLength()) {
            throw new ConcertFormatException("length", 0, payload.length + " chars is neither a full answer (80,"
                    + " an 83-byte frame) nor a short one (25, a 28-byte frame)");
        }
        Fields f = Fields.of(payload, "answer");
        int pos = (int) f.digits("POS number", 2);
        AnswerStatus status = AnswerStatus.decode(f.one("status"), 2);
        long amount = f.digits("amount", 8);
        PaymentMode mode = new PaymentMode(f.one("payment mode"));
        Optional<String> report = full ? Optional.of(f.take("report", REPORT_LENGTH)) : Optional.empty();
        int curAt = f.at();
        String currency = f.take("currency", 3);
        if (!currency.matches("[0-9]{3}")) {
            throw new ConcertFormatException("currency", curAt, "'" + currency + "' is not 3 digits");
        }
        return new ConcertAnswer(pos, status, amount, mode, report, currency, f.take("private data", 10));
    }

    /** The card number in the report, masked first 6 / last 4, if the report starts with one. */
    public Optional<String> maskedCard() {
        return report.map(String::trim).map(r -> r.split(" ")[0]).filter(p -> p.matches("[0-9*]{12,19}"))
                .map(p -> p.contains("*") ? p : CardData.mask(p));
    }

    @Override
    public String toString() {
        return "ConcertAnswer[POS " + String.format("%02d", posNumber) + ", " + status + ", "
                + amountCents / 100 + "." + String.format("%02d", amountCents % 100) + " (" + currency + "), "
                + paymentMode + report.map(r -> ", report '" + CardData.maskText(r).trim() + "'").orElse(", short")
                + (privateData.isBlank() ? "" : ", private '" + privateData + "'") + "]";
    }
}
