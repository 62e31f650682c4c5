package io.firstsettle.ecr.concert;

import java.util.Objects;
import java.util.Optional;

/**
 * What a register puts in each request, and which transaction-type codes it uses for refund and cancel (the sources
 * disagree, see {@link TransactionType}; a terminal profile sets them).
 *
 * @param refundType the code a refund is sent with (default {@link TransactionType#REFUND} '2', as §B/[TELIUM] say)
 * @param cancelType the code a cancellation is sent with; empty by default because protocol E+ as §B describes it
 *                   has no cancellation (Concert V3 uses '2' for it) — {@link ConcertRegister#cancel} then refuses
 */
public record ConcertRegisterSettings(int posNumber, String currency, PaymentMode paymentMode, AnswerSize answerSize,
                                      AnswerDelay delay, AuthorizationMode authorization, RequestLayout layout,
                                      TransactionType refundType, Optional<TransactionType> cancelType) {
    public ConcertRegisterSettings {
        Objects.requireNonNull(paymentMode, "paymentMode");
        Objects.requireNonNull(answerSize, "answerSize");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(refundType, "refundType");
        Objects.requireNonNull(cancelType, "cancelType");
    }

    /** POS 01, EUR, card, full answer at the end of the transaction, normal authorization, protocol E+. */
    public static ConcertRegisterSettings defaults() {
        return new ConcertRegisterSettings(1, ConcertRequest.EUR, PaymentMode.CARD, AnswerSize.FULL,
                AnswerDelay.AT_END, AuthorizationMode.NORMAL, RequestLayout.E_PLUS, TransactionType.REFUND,
                Optional.empty());
    }

    public ConcertRegisterSettings withAnswer(AnswerSize size, AnswerDelay answerDelay) {
        return new ConcertRegisterSettings(posNumber, currency, paymentMode, size, answerDelay, authorization, layout,
                refundType, cancelType);
    }

    public ConcertRegisterSettings withCancelType(TransactionType type) {
        return new ConcertRegisterSettings(posNumber, currency, paymentMode, answerSize, delay, authorization, layout,
                refundType, Optional.of(type));
    }

    public ConcertRegisterSettings withLayout(RequestLayout requestLayout) {
        return new ConcertRegisterSettings(posNumber, currency, paymentMode, answerSize, delay, authorization,
                requestLayout, refundType, cancelType);
    }

    /** The request for {@code cents} of type {@code type} with these settings. */
    public ConcertRequest request(TransactionType type, long cents) {
        return new ConcertRequest(posNumber, cents, answerSize, paymentMode, type, currency,
                ConcertRequest.NO_PRIVATE_DATA, delay, authorization);
    }
}
