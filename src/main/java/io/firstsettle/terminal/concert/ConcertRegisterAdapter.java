package io.firstsettle.terminal.concert;

import io.firstsettle.core.event.Generic;
import io.firstsettle.core.event.UnreachableTerminal;
import io.firstsettle.core.EventSink;
import io.firstsettle.ecr.concert.ConcertAnswer;
import io.firstsettle.ecr.concert.ConcertLink;
import io.firstsettle.ecr.concert.ConcertLinkException;
import io.firstsettle.ecr.concert.ConcertRegister;
import io.firstsettle.ecr.concert.ConcertRegisterSettings;
import io.firstsettle.ecr.concert.ConcertResult;
import io.firstsettle.terminal.Capability;
import io.firstsettle.terminal.NotSupported;
import io.firstsettle.terminal.Operation;
import io.firstsettle.terminal.Outcome;
import io.firstsettle.terminal.Register;
import io.firstsettle.terminal.RegisterBehaviour;
import io.firstsettle.terminal.ReportedCode;
import io.firstsettle.terminal.TerminalStatus;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@link Register} port over Concert protocol E+ (protocols.md §B): sale (debit), refund, and reversal when the
 * terminal's profile names a cancel code. E+ has no log-on, abort, end-of-day or status request and its answer
 * carries neither receipt lines nor the host's response code: those operations throw {@link NotSupported}.
 *
 * <p>A request whose ENQ was never acknowledged on a line that never heard the terminal did not reach it: the outcome
 * says so and the register records {@value #UNREACHABLE} as the ZVT register does, so the lab's one rule turns it
 * into LAB_FAULT.
 */
public final class ConcertRegisterAdapter implements Register {
    public static final String PROTOCOL = "concert";
    /** The evidence kind of an unreachable terminal, shared with ZVT's register (lab.Unreachable reads it). */
    public static final String UNREACHABLE = "terminal-unreachable";

    private final ConcertRegister register;
    private final ConcertLink link;
    private final String line;
    private final EventSink events;
    private final Set<Capability> capabilities;
    private volatile boolean heardTerminal;

    /**
     * @param line the line's name for messages ("/dev/ttyUSB0")
     */
    public ConcertRegisterAdapter(ConcertRegister register, ConcertLink link, String line, EventSink events) {
        this.register = register;
        this.link = link;
        this.line = line;
        this.events = events;
        this.capabilities = capabilities(register.settings());
    }

    /**
     * What a Concert E+ register can ask: sale and refund, and reversal when a cancel code is set; the terminal hands
     * its answer over after an ENQ the register may leave unanswered.
     */
    public static Set<Capability> capabilities(ConcertRegisterSettings settings) {
        Set<Capability> c = EnumSet.of(Capability.SALE, Capability.REFUND, Capability.RESULT_HANDOVER);
        if (settings.cancelType().isPresent()) {
            c.add(Capability.REVERSAL);
        }
        return Set.copyOf(c);
    }

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public Outcome logOn() {
        throw notSupported(Capability.LOGON, "protocol E+ has no log-on request; the terminal takes requests as installed");
    }

    @Override
    public Outcome sale(long amountMinor) {
        return run(Operation.SALE, amountMinor, () -> register.sale(amountMinor));
    }

    @Override
    public Outcome refund(long amountMinor) {
        return run(Operation.REFUND, amountMinor, () -> register.refund(amountMinor));
    }

    @Override
    public Outcome reversal(Outcome original) {
        if (!supports(Capability.REVERSAL)) {
            throw notSupported(Capability.REVERSAL, "protocol E+ (§B) has no cancellation; set cancelType in the "
                    + "terminal profile if this terminal's Concert spec names a code for it");
        }
        long amount = original.amountMinor() == null ? 0 : original.amountMinor();
        return run(Operation.REVERSAL, amount, () -> register.cancel(amount));
    }

    @Override
    public Outcome endOfDay() {
        throw notSupported(Capability.END_OF_DAY, "protocol E+ has no end-of-day request; the terminal closes its day "
                + "(télécollecte) on its own schedule");
    }

    @Override
    public TerminalStatus status() {
        throw notSupported(Capability.STATUS, "protocol E+ has no status request");
    }

    @Override
    public void behave(RegisterBehaviour b) {
        throw notSupported(b.needs(), switch (b) {
            case IGNORES_PRINT_LINES -> "an E+ terminal prints its own receipts; none cross the line";
            case ABORTS_WHILE_WAITING_FOR_HOST -> "protocol E+ has no abort request";
        });
    }

    private Outcome run(Operation op, long requested, Supplier<ConcertResult> call) {
        try {
            ConcertResult r = call.get();
            heardTerminal = true;
            return of(op, r);
        } catch (ConcertLinkException e) {
            boolean reached = heardTerminal || e.reason() != ConcertLinkException.Reason.NO_ACK_TO_ENQ;
            if (!reached) {
                events.record("ecr", new UnreachableTerminal(line, link.timings().enqTries(),
                        link.timings().enqAck().toMillis(), op.name(), null, PROTOCOL));
            } else {
                events.record("ecr", new Generic("link-failed", Map.of("command", op.name(), "error",
                        String.valueOf(e.getMessage()))));
            }
            return new Outcome(op, Outcome.Kind.NO_ANSWER, reached, null, e.getMessage(), null, null, null, null,
                    List.of());
        }
    }

    /** A Concert result as an outcome: status 0 approved, 7 and 9 declined, no (readable) answer none. */
    static Outcome of(Operation op, ConcertResult r) {
        Outcome.Kind kind = switch (r.outcome()) {
            case APPROVED -> Outcome.Kind.APPROVED;
            case DECLINED, NOT_VERIFIED -> Outcome.Kind.DECLINED;
            case NO_ANSWER, UNREADABLE_ANSWER -> Outcome.Kind.NO_ANSWER;
        };
        ReportedCode code = r.answer().map(a -> new ReportedCode(PROTOCOL, String.valueOf(a.status().wire()), null,
                false)).orElse(null);
        Long amount = r.answer().map(ConcertAnswer::amountCents).orElse(null);
        return new Outcome(op, kind, true, code, r.detail(), amount, null, null, null, List.of());
    }

    @Override
    public void close() {
        link.close();
    }
}
