package io.firstsettle.ecr.zvt.register;

/**
 * How the cash register answers the terminal. CORRECT answers everything at once; the others reproduce registers
 * set up wrongly in the field (the config byte says the register prints, but it ignores print lines).
 */
public enum EcrBehaviour {
    CORRECT(true, true),
    IGNORES_PRINT_LINES(true, false),
    IGNORES_STATUS_INFORMATION(false, true),
    /** The cashier presses abort (06 B0) while the terminal waits for the host (04 FF 04). */
    ABORTS_WHILE_WAITING_FOR_HOST(true, true);

    private final boolean answersStatus;
    private final boolean answersPrint;

    EcrBehaviour(boolean answersStatus, boolean answersPrint) {
        this.answersStatus = answersStatus;
        this.answersPrint = answersPrint;
    }

    public boolean answersStatusInformation() {
        return answersStatus;
    }

    public boolean answersPrintLines() {
        return answersPrint;
    }

    public boolean abortsWhileWaitingForHost() {
        return this == ABORTS_WHILE_WAITING_FOR_HOST;
    }
}
