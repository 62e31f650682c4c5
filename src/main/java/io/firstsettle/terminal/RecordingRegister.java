package io.firstsettle.terminal;

import io.firstsettle.core.event.RegisterOperation;
import io.firstsettle.core.event.RegisterOutcome;
import io.firstsettle.core.EventSink;

import java.util.Set;
import java.util.function.Supplier;

/**
 * Any protocol's register, recording each operation it is asked for as one protocol-neutral event ({@code register /
 * operation}: the operation, the protocol, the amount) before the protocol's own wire events, and what it came to
 * ({@code register / outcome}). The oracle's diagnosis reads these instead of a protocol's command names, so it judges
 * a Concert register's sale exactly as a ZVT one's.
 */
public final class RecordingRegister implements Register {
    public static final String SOURCE = "register";
    public static final String OPERATION = RegisterOperation.KIND;
    public static final String OUTCOME = RegisterOutcome.KIND;

    private final Register inner;
    private final EventSink events;

    public RecordingRegister(Register inner, EventSink events) {
        this.inner = inner;
        this.events = events;
    }

    @Override
    public String protocol() {
        return inner.protocol();
    }

    @Override
    public Set<Capability> capabilities() {
        return inner.capabilities();
    }

    @Override
    public Outcome logOn() {
        return recorded(Operation.LOGON, null, inner::logOn);
    }

    @Override
    public Outcome sale(long amountMinor) {
        return recorded(Operation.SALE, amountMinor, () -> inner.sale(amountMinor));
    }

    @Override
    public Outcome refund(long amountMinor) {
        return recorded(Operation.REFUND, amountMinor, () -> inner.refund(amountMinor));
    }

    @Override
    public Outcome reversal(Outcome original) {
        return recorded(Operation.REVERSAL, original.amountMinor(), () -> inner.reversal(original));
    }

    @Override
    public Outcome endOfDay() {
        return recorded(Operation.END_OF_DAY, null, inner::endOfDay);
    }

    @Override
    public TerminalStatus status() {
        record(Operation.STATUS, null);
        return inner.status();
    }

    @Override
    public void behave(RegisterBehaviour b) {
        inner.behave(b);
    }

    @Override
    public void close() {
        inner.close();
    }

    private Outcome recorded(Operation op, Long amountMinor, Supplier<Outcome> call) {
        record(op, amountMinor);
        Outcome o = call.get();
        events.record(SOURCE, new RegisterOutcome(op.name(), o.kind().name(), o.reachedTerminal(), o.codeText()));
        return o;
    }

    private void record(Operation op, Long amountMinor) {
        events.record(SOURCE, new RegisterOperation(op.name(), inner.protocol(), amountMinor));
    }
}
