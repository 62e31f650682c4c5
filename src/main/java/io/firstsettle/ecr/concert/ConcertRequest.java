package io.firstsettle.ecr.concert;

import java.util.Objects;

/**
 * The register's request (protocols.md §B, protocol E+ layout of [TELIUM] {@code TeliumAsk.encode}).
 *
 * <pre>
 *  offset  field               chars  values
 *   0      POS number            2    01..99
 *   2      amount                8    cents, zero-padded
 *  10      answer flag           1    1 = full answer, 0 = short
 *  11      payment mode          1    1 card, C cheque, U CUP, ...
 *  12      transaction type      1    0 debit, 1 credit, 2 refund, 4 auto
 *  13      currency              3    numeric ISO 4217, 978 = EUR
 *  16      private data         10
 *  26      delay                 4    A010 = answer at end of transaction, A011 = answer at once   (V2 layout: 1 char)
 *  30      authorization         4    B010 normal, B011 forced                                     (V2 layout: 1 char)
 *  34      (end; V2 layout ends at 28)
 *
 *  §B example, 12.34 EUR, POS 01, card, debit, answer at end, normal authorization; the LRC equals ETX:
 *  02 30 31 30 30 30 30 31 32 33 34 31 31 30 39 37 38 20x10 41 30 31 30 42 30 31 30 03 03
 * </pre>
 *
 * @param privateData exactly 10 printable chars (spaces when unused)
 */
public record ConcertRequest(int posNumber, long amountCents, AnswerSize answerSize, PaymentMode paymentMode,
                             TransactionType transactionType, String currency, String privateData,
                             AnswerDelay delay, AuthorizationMode authorization) {
    public static final String EUR = "978";
    public static final String NO_PRIVATE_DATA = " ".repeat(10);

    public ConcertRequest {
        Objects.requireNonNull(answerSize, "answerSize");
        Objects.requireNonNull(paymentMode, "paymentMode");
        Objects.requireNonNull(transactionType, "transactionType");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(authorization, "authorization");
        if (posNumber < 1 || posNumber > 99) {
            throw new ConcertFormatException("POS number", 0, posNumber + " is outside 01..99");
        }
        if (amountCents < 0 || amountCents > 99_999_999L) {
            throw new ConcertFormatException("amount", 2, amountCents + " cents does not fit 8 digits");
        }
        if (currency == null || !currency.matches("[0-9]{3}")) {
            throw new ConcertFormatException("currency", 13, "'" + currency + "' is not 3 digits (978 = EUR)");
        }
        if (privateData == null || privateData.length() != 10) {
            throw new ConcertFormatException("private data", 16, "'" + privateData + "' must be exactly 10 chars"
                    + " (pad with spaces)");
        }
    }

    /** A sale in the §B example's shape: card, debit, answer at end, normal authorization, no private data. */
    public static ConcertRequest sale(int pos, long cents, String currency, AnswerSize size) {
        return new ConcertRequest(pos, cents, size, PaymentMode.CARD, TransactionType.DEBIT, currency,
                NO_PRIVATE_DATA, AnswerDelay.AT_END, AuthorizationMode.NORMAL);
    }

    public ConcertRequest withType(TransactionType type) {
        return new ConcertRequest(posNumber, amountCents, answerSize, paymentMode, type, currency, privateData, delay,
                authorization);
    }

    /** The payload between STX and ETX in {@code layout}. */
    public byte[] encode(RequestLayout layout) {
        return new Fields.Writer()
                .zeros("POS number", posNumber, 2)
                .zeros("amount", amountCents, 8)
                .one("answer flag", answerSize.wire())
                .one("payment mode", paymentMode.wire())
                .one("transaction type", transactionType.wire())
                .exact("currency", currency, 3)
                .exact("private data", privateData, 10)
                .exact("delay", delay.wire(layout), layout.flagWidth())
                .exact("authorization", authorization.wire(layout), layout.flagWidth())
                .bytes();
    }

    /** Reads a request payload; the layout is told by its length (34 = protocol E+, 28 = V2 short flags). */
    public static ConcertRequest decode(byte[] payload) {
        RequestLayout layout = RequestLayout.ofLength(payload.length);
        if (layout == null) {
            throw new ConcertFormatException("length", 0, payload.length + " chars is neither a protocol E+ request"
                    + " (34) nor a V2 request (28)");
        }
        Fields f = Fields.of(payload, "request");
        int pos = (int) f.digits("POS number", 2);
        long amount = f.digits("amount", 8);
        AnswerSize size = AnswerSize.decode(f.one("answer flag"), f.at() - 1);
        PaymentMode mode = new PaymentMode(f.one("payment mode"));
        TransactionType type = TransactionType.decode(f.one("transaction type"), f.at() - 1);
        int curAt = f.at();
        String currency = f.take("currency", 3);
        if (!currency.matches("[0-9]{3}")) {
            throw new ConcertFormatException("currency", curAt, "'" + currency + "' is not 3 digits");
        }
        String priv = f.take("private data", 10);
        int delayAt = f.at();
        AnswerDelay delay = AnswerDelay.decode(f.take("delay", layout.flagWidth()), layout, delayAt);
        int authAt = f.at();
        AuthorizationMode auth = AuthorizationMode.decode(f.take("authorization", layout.flagWidth()), layout, authAt);
        return new ConcertRequest(pos, amount, size, mode, type, currency, priv, delay, auth);
    }

    /** The answer a terminal gives when it cannot do what was asked: status 7, the request's fields echoed. */
    public ConcertAnswer notPossible() {
        return ConcertAnswer.of(this, AnswerStatus.REJECTED, "");
    }

    @Override
    public String toString() {
        return "ConcertRequest[POS " + String.format("%02d", posNumber) + ", " + transactionType + " "
                + amountCents / 100 + "." + String.format("%02d", amountCents % 100) + " (" + currency + "), "
                + paymentMode + ", " + answerSize + " answer, " + delay + ", " + authorization
                + (privateData.isBlank() ? "" : ", private '" + privateData + "'") + "]";
    }
}
