package io.firstsettle.emulator;

/** What {@link PaymentEngine#sale} came to: a decided payment, or why there is none. */
public sealed interface SaleResult {
    /** Why a sale has no decision the register can keep. */
    enum Cause {
        /** The cardholder presented no card. */
        NO_CARD,
        /** The host could not be reached (sign-on or sale). */
        HOST_UNREACHABLE,
        /** The host did not answer in time. */
        HOST_TIMEOUT,
        /** A stored reversal is still not acknowledged, so no new financial message may go. */
        REVERSAL_PENDING,
        /** The register aborted while the host decided; an approved sale was reversed. */
        ABORTED
    }

    /** The host decided (or the terminal pretends it did): the session reports it. */
    record Decided(Payment payment) implements SaleResult {
    }

    /** No payment; {@code why} says what happened, for the register and the evidence. */
    record Failed(Cause cause, String why) implements SaleResult {
    }
}
