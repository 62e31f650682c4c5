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
