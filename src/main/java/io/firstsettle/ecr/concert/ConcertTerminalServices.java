package io.firstsettle.ecr.concert;

/**
 * The terminal's side of Concert as services, one per transaction type. Every default answers "not possible" (status
 * 7 with the request's fields echoed, {@link ConcertRequest#notPossible()}), so an emulated terminal overrides only
 * what it does. §B names no dedicated "not possible" code; status 7 (rejected) is the closest.
 */
public interface ConcertTerminalServices {

    default ConcertAnswer debit(ConcertRequest request) {
        return request.notPossible();
    }

    default ConcertAnswer credit(ConcertRequest request) {
        return request.notPossible();
    }

    default ConcertAnswer refund(ConcertRequest request) {
        return request.notPossible();
    }

    default ConcertAnswer auto(ConcertRequest request) {
        return request.notPossible();
    }

    /**
     * Told after the answer to {@code request} went out: {@code acknowledged} when the register ACKed it, false when
     * the handshake failed (no ACK to our ENQ or to the frame, or the line is gone). A terminal that keeps a payment
     * only once the register took its result reverses it here.
     */
    default void delivered(ConcertRequest request, ConcertAnswer answer, boolean acknowledged) {
    }

    /** Called about every 100 ms while no request is running (a terminal retries stored work here). */
    default void idle() {
    }

    /** Routes {@code request} to the service for its transaction type. */
    default ConcertAnswer serve(ConcertRequest request) {
        return switch (request.transactionType()) {
            case DEBIT -> debit(request);
            case CREDIT -> credit(request);
            case REFUND -> refund(request);
            case AUTO -> auto(request);
        };
    }
}
