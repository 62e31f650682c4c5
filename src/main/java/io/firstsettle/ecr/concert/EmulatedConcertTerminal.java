package io.firstsettle.ecr.concert;

import java.util.Objects;
import java.util.function.Function;

/**
 * A minimal emulated Concert terminal: debits (sales) are approved or declined by a pluggable decision; every other
 * transaction type answers "not possible" (the {@link ConcertTerminalServices} defaults). No ISO 8583 host yet: the
 * terminal-layer refactor puts the payment engine behind {@link #debit}.
 */
public final class EmulatedConcertTerminal implements ConcertTerminalServices {

    /** What the emulated terminal does with a sale. */
    public enum Decision { APPROVE, DECLINE }

    /** The card number the emulator "reads", already masked (first 6 / last 4), as the report's first word. */
    public static final String REPORT = "476173******0010";

    private final Function<ConcertRequest, Decision> decide;

    public EmulatedConcertTerminal(Function<ConcertRequest, Decision> decide) {
        this.decide = Objects.requireNonNull(decide, "decide");
    }

    /** Approves every sale. */
    public static EmulatedConcertTerminal approvingAll() {
        return new EmulatedConcertTerminal(r -> Decision.APPROVE);
    }

    @Override
    public ConcertAnswer debit(ConcertRequest request) {
        Decision d = Objects.requireNonNull(decide.apply(request), "the decision function returned null");
        return ConcertAnswer.of(request, d == Decision.APPROVE ? AnswerStatus.SUCCESS : AnswerStatus.REJECTED, REPORT);
    }
}
