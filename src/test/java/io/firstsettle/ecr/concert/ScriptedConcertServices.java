package io.firstsettle.ecr.concert;

import java.util.Objects;
import java.util.function.Function;

/**
 * A test peer, not an emulated terminal: scripted Concert terminal services whose debits (sales) are approved or
 * declined by a pluggable decision, every other transaction type answering "not possible" (the
 * {@link ConcertTerminalServices} defaults). No host, no state: tests of the Concert link, session and register use it
 * where the full emulated terminal ({@code emulator.concert.ConcertTerminal}, with its payment engine) is not the
 * subject.
 */
public final class ScriptedConcertServices implements ConcertTerminalServices {

    /** What the emulated terminal does with a sale. */
    public enum Decision { APPROVE, DECLINE }

    /** The card number the emulator "reads", already masked (first 6 / last 4), as the report's first word. */
    public static final String REPORT = "476173******0010";

    private final Function<ConcertRequest, Decision> decide;

    public ScriptedConcertServices(Function<ConcertRequest, Decision> decide) {
        this.decide = Objects.requireNonNull(decide, "decide");
    }

    /** Approves every sale. */
    public static ScriptedConcertServices approvingAll() {
        return new ScriptedConcertServices(r -> Decision.APPROVE);
    }

    @Override
    public ConcertAnswer debit(ConcertRequest request) {
        Decision d = Objects.requireNonNull(decide.apply(request), "the decision function returned null");
        return ConcertAnswer.of(request, d == Decision.APPROVE ? AnswerStatus.SUCCESS : AnswerStatus.REJECTED, REPORT);
    }
}
