package io.firstsettle.ecr.concert;

import java.util.Objects;
import java.util.Optional;

/**
 * What one register transaction came to. The request reached the terminal (it ACKed the frame); a request that did
 * not is a {@link ConcertLinkException} instead, never a result.
 *
 * @param answer the terminal's answer, when one was read
 * @param detail in words: why there is no answer, or what was wrong with it
 */
public record ConcertResult(Outcome outcome, ConcertRequest request, Optional<ConcertAnswer> answer, String detail) {

    public enum Outcome {
        /** Status 0. */
        APPROVED,
        /** Status 7: rejected (also the answer a terminal gives to an operation it cannot do). */
        DECLINED,
        /** Status 9: not verified. */
        NOT_VERIFIED,
        /** The terminal did not answer within the answer delay the request asked for, or no good frame came. */
        NO_ANSWER,
        /** An answer frame with a good LRC came, but its fields do not read (see {@code detail}). */
        UNREADABLE_ANSWER
    }

    public ConcertResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(detail, "detail");
    }

    static ConcertResult of(ConcertRequest request, ConcertAnswer answer) {
        Outcome o = switch (answer.status()) {
            case SUCCESS -> Outcome.APPROVED;
            case REJECTED -> Outcome.DECLINED;
            case NOT_VERIFIED -> Outcome.NOT_VERIFIED;
        };
        String detail = answer.amountCents() != request.amountCents()
                ? "the answer's amount " + answer.amountCents() + " differs from the request's " + request.amountCents()
                : answer.status().meaning();
        return new ConcertResult(o, request, Optional.of(answer), detail);
    }

    /** The amount the terminal reports, or the requested one when there is no answer. */
    public long amountCents() {
        return answer.map(ConcertAnswer::amountCents).orElse(request.amountCents());
    }

    /** The card number of a full answer's report, masked first 6 / last 4. */
    public Optional<String> maskedCard() {
        return answer.flatMap(ConcertAnswer::maskedCard);
    }
}
