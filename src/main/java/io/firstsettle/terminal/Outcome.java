package io.firstsettle.terminal;

import java.util.List;
import java.util.Objects;

/**
 * What one register operation came to, in words every protocol shares.
 *
 * @param operation       what the register asked for
 * @param kind            approved, declined (with a reason), aborted, or no answer
 * @param reachedTerminal false only when the command never reached the terminal (no acknowledgement at all on a line
 *                        that never heard the terminal): the lab's "terminal unreachable" rule makes that LAB_FAULT
 * @param code            the result code the terminal reported; null when none came
 * @param reason          in words: the code's meaning, or why no answer came
 * @param amountMinor     amount the terminal reported, null when absent
 * @param trace           the terminal's trace number (its STAN), null when the protocol or the answer has none
 * @param receiptNumber   the terminal's receipt number (what a reversal names), null when none
 * @param terminalId      terminal id the terminal reported (8 digits), null when absent
 * @param receipt         receipt lines the register received
 */
public record Outcome(Operation operation, Kind kind, boolean reachedTerminal, ReportedCode code, String reason,
                      Long amountMinor, Integer trace, Integer receiptNumber, String terminalId, List<String> receipt) {

    public enum Kind { APPROVED, DECLINED, ABORTED, NO_ANSWER }

    public Outcome {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(kind, "kind");
        receipt = List.copyOf(receipt);
        if (!reachedTerminal && kind != Kind.NO_ANSWER) {
            throw new IllegalArgumentException("an answer (" + kind + ") came from a terminal the command never reached");
        }
    }

    /** The terminal finished the operation (approved, declined or aborted). */
    public boolean answered() {
        return kind != Kind.NO_ANSWER;
    }

    public boolean approved() {
        return kind == Kind.APPROVED;
    }

    /** The code's text, or "none". */
    public String codeText() {
        return code == null ? "none" : code.text();
    }

    @Override
    public String toString() {
        return operation + " " + kind + (code == null ? "" : " result " + code.text())
                + (reason == null ? "" : " (" + reason + ")") + (reachedTerminal ? "" : ", never reached the terminal");
    }
}
