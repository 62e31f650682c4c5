package io.firstsettle.terminal;

import io.firstsettle.core.EventSink;

import java.util.LinkedHashMap;
import java.util.Map;
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
    public static final String OPERATION = "operation";
    public static final String OUTCOME = "outcome";

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
        events.record(SOURCE, OUTCOME, Map.of("operation", op.name(), "kind", o.kind().name(),
                "reachedTerminal", o.reachedTerminal(), "code", o.codeText()));
        return o;
    }

    private void record(Operation op, Long amountMinor) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("operation", op.name());
        f.put("protocol", inner.protocol());
        if (amountMinor != null) {
            f.put("amountMinor", amountMinor);
        }
        events.record(SOURCE, OPERATION, f);
    }
}
