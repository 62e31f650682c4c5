package io.firstsettle.emulator;

import java.util.OptionalLong;

/**
 * What the payment engine tells, and asks, the protocol session while a payment runs. A session shows the stages in
 * its own words (ZVT: Intermediate Status 04 FF); a protocol without them ignores them.
 */
public interface PaymentProgress {
    /** Where the payment is. */
    enum Stage {
        /** No card was presented: the terminal asks for one (ZVT intermediate status 0A). */
        NO_CARD,
        /** The terminal talks to its host (ZVT 04 "please wait"). */
        HOST,
        /** The terminal sends a reversal (ZVT 05). */
        REVERSAL
    }

    /** Does nothing and asks nothing: for work the harness triggers, such as a télécollecte. */
    PaymentProgress NONE = stage -> { };

    void stage(Stage stage);

    /** Asked once the host answered a sale: did the register abort it meanwhile (ZVT 06 B0)? */
    default boolean abortRequested() {
        return false;
    }

    /**
     * Asked once the host approved a sale: the amount of a repeat of the register's request that this terminal took
     * for a second sale while the first ran ({@link DecisionPoint#REPEATED_REQUEST}), if any.
     */
    default OptionalLong repeatedSale() {
        return OptionalLong.empty();
    }
}
