package io.firstsettle.ecr.concert;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The cash register's side of Concert: one request, one answer (protocols.md §B). Sends the request through the
 * {@link ConcertLink} handshake, then waits for the terminal to ask for the line with its answer — up to the answer
 * delay the request asked for ({@link ConcertTimings#answerWait}, lab time).
 *
 * <p>Operations: {@link #sale}, {@link #refund}, {@link #cancel} (only when the terminal profile names a code for it)
 * and {@link #transact} for any request. Protocol E+ has no log-on, abort, end-of-day or status request: a terminal
 * layer must report those as not supported on Concert.
 */
public final class ConcertRegister {
    private final ConcertLink link;
    private final LabClock clock;
    private final ConcertRegisterSettings settings;
    private final EventSink events;

    public ConcertRegister(ConcertLink link, LabClock clock, ConcertRegisterSettings settings, EventSink events) {
        this.link = link;
        this.clock = clock;
        this.settings = settings;
        this.events = events;
    }

    public ConcertRegisterSettings settings() {
        return settings;
    }

    /** A debit of {@code cents} (transaction type 0). */
    public ConcertResult sale(long cents) {
        return transact(settings.request(TransactionType.DEBIT, cents));
    }

    /** A refund of {@code cents}, sent with the profile's refund code ('2' unless the profile says otherwise). */
    public ConcertResult refund(long cents) {
        return transact(settings.request(settings.refundType(), cents));
    }

    /**
     * A cancellation of {@code cents}, sent with the profile's cancel code.
     *
     * @throws UnsupportedOperationException when the profile names none (protocol E+ as §B gives it has no cancel)
     */
    public ConcertResult cancel(long cents) {
        TransactionType type = settings.cancelType().orElseThrow(() -> new UnsupportedOperationException(
                "Concert protocol E+ (protocols.md §B) has no cancellation request; if this terminal's Concert spec"
                        + " names a transaction-type code for it, set cancelType in its profile"));
        return transact(settings.request(type, cents));
    }

    /**
     * Sends {@code request} and waits for the answer.
     *
     * @throws ConcertLinkException when the request did not get through (NO_ACK_TO_ENQ: the terminal never had it;
     *                              FRAME_NOT_ACKED: it may have had it, its ACK never came) or the line is gone
     */
    public ConcertResult transact(ConcertRequest request) {
        events.record("ecr", "concert-request", Map.of("request", request.toString()));
        link.send(request.encode(settings.layout()));
        Duration labWait = link.timings().answerWait(request.delay());
        Optional<byte[]> payload;
        try {
            payload = link.receive(clock.toReal(labWait));
        } catch (ConcertLinkException e) {
            if (e.reason() == ConcertLinkException.Reason.LINK_GONE) {
                throw e;
            }
            return record(new ConcertResult(ConcertResult.Outcome.NO_ANSWER, request, Optional.empty(),
                    "the terminal began to answer but no good frame came: " + e.getMessage()));
        }
        if (payload.isEmpty()) {
            return record(new ConcertResult(ConcertResult.Outcome.NO_ANSWER, request, Optional.empty(),
                    "no answer within " + labWait.toSeconds() + " s (lab time; the request's delay "
                            + request.delay() + ")"));
        }
        ConcertAnswer answer;
        try {
            answer = ConcertAnswer.decode(payload.get());
        } catch (ConcertFormatException e) {
            return record(new ConcertResult(ConcertResult.Outcome.UNREADABLE_ANSWER, request, Optional.empty(),
                    e.getMessage()));
        }
        if (answer.size() != request.answerSize()) {
            events.record("ecr", "concert-answer-size", Map.of("asked", request.answerSize().name(),
                    "got", answer.size().name()));
        }
        return record(ConcertResult.of(request, answer));
    }

    private ConcertResult record(ConcertResult r) {
        events.record("ecr", "concert-result", Map.of("outcome", r.outcome().name(), "detail", r.detail(),
                "answer", r.answer().map(ConcertAnswer::toString).orElse("none")));
        return r;
    }
}
