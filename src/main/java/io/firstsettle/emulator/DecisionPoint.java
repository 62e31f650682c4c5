package io.firstsettle.emulator;

/**
 * The named points where the emulated terminal's payment logic asks its {@link DefectPolicy} what to do. A correct
 * terminal and a defective one run the same code; they differ only in the answer at one of these points. Each
 * {@link Defect} changes the answer at exactly one point ({@link DefectPolicy#pointOf(Defect)}).
 */
public enum DecisionPoint {
    SIGN_ON("before the first financial message: sign on (0800) first, or not"),
    HOST_AMOUNT("the amount the terminal puts in DE4 of its 0200"),
    HOST_WAIT("how long the terminal waits for the 0210"),
    RESUBMIT("after a host timeout: reverse the sale, or send it again as a new 0200"),
    NO_ANSWER("when the 0210 never comes: reverse, forget the reversal, or show approved"),
    REVERSAL_STORAGE("where the stored reversal lives: state.json (fsync'd) or RAM"),
    REVERSAL_RETRY("a reversal the host did not acknowledge: keep and retry it, or drop it"),
    STAN_COUNTER("where the STAN counter lives: state.json or RAM"),
    DECLINE_SHOWN("what the terminal shows the register for a host decline"),
    FAILURE_REASON("the reason the terminal gives the register for a failed payment"),
    RESULT_UNACKNOWLEDGED("an approved payment the register did not take: reverse it, or keep it"),
    REPEATED_REQUEST("the register's repeat of a sale request while that sale runs: ignore it, or charge again"),
    SETTLEMENT_TOTALS("which sales of the open batch the 0500 counts"),
    SETTLEMENT_FAILURE_SHOWN("a settlement the host refused: report it and keep the batch open, or hide it");

    private final String question;

    DecisionPoint(String question) {
        this.question = question;
    }

    public String question() {
        return question;
    }
}
