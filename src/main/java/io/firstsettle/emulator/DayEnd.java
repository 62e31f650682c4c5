package io.firstsettle.emulator;

import java.util.List;

/**
 * What an end-of-day (ZVT 06 50, or a télécollecte the harness triggers on a Concert terminal) came to.
 *
 * @param entries the sales the 0500 counted ({@link DecisionPoint#SETTLEMENT_TOTALS})
 * @param why     why the batch is still open (null when closed)
 */
public record DayEnd(Kind kind, int batchNo, List<TerminalState.BatchEntry> entries, long total, String why) {
    public enum Kind {
        /** The host accepted the settlement (or the terminal hides that it did not); the next batch is open. */
        CLOSED,
        /** The 0500 went and was refused or not answered: the batch stays open. */
        STILL_OPEN,
        /** No 0500 went (no sign-on, or a reversal still pending): the batch stays open. */
        NOT_STARTED
    }

    public boolean closed() {
        return kind == Kind.CLOSED;
    }

    public int count() {
        return entries.size();
    }
}
