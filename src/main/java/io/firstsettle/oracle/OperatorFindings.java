package io.firstsettle.oracle;

import io.firstsettle.core.event.AbortPressed;
import io.firstsettle.core.event.EcrCommand;
import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.IsoMessage;
import io.firstsettle.core.event.KeyedAmount;
import io.firstsettle.core.event.LogOnSetup;
import io.firstsettle.core.event.RegisterMisconfigured;
import io.firstsettle.core.event.RegisterOperation;
import io.firstsettle.core.event.WrongPaymentMethod;
import io.firstsettle.evidence.EventLog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@link Diagnosis}'s OPERATOR_ERROR rule: what the register or the cashier did wrong, read from the register's
 * protocol-neutral operations ({@code terminal.RecordingRegister}), with ZVT command names for evidence recorded before
 * the register layer existed, and the operator's own events.
 */
final class OperatorFindings {
    private OperatorFindings() {
    }

    /** The finding, or null when the register and the cashier did their part. */
    static Diagnosis.Finding of(EventLog log) {
        List<EvidenceEvent> ev = log.events();
        List<EvidenceEvent> operations = Diagnosis.find(ev, e -> e.isA(RegisterOperation.class));
        List<EvidenceEvent> commands = Diagnosis.find(ev, e -> e.isA(EcrCommand.class));
        boolean registered = operations.stream().anyMatch(e -> operation(e, "LOGON"))
                || commands.stream().anyMatch(e -> command(e, "Registration"))
                || ev.stream().anyMatch(e -> e.payload() instanceof LogOnSetup s && s.notNeeded());
        EvidenceEvent sale = operations.stream().filter(e -> operation(e, "SALE")).findFirst()
                .orElseGet(() -> commands.stream().filter(e -> command(e, "Authorization")).findFirst().orElse(null));
        Optional<EvidenceEvent> wrong = first(ev, e -> e.isA(WrongPaymentMethod.class));
        if (sale == null && wrong.isPresent()) {
            return wrongMethod(wrong.get());
        }
        if (sale == null) {
            return null;
        }
        if (!registered) {
            return new Diagnosis.Finding("the register sent a sale without registering the terminal first", sale);
        }
        Optional<EvidenceEvent> keyed = first(ev, e -> e.payload() instanceof KeyedAmount k && k.differs());
        if (keyed.isPresent()) {
            KeyedAmount k = (KeyedAmount) keyed.get().payload();
            return new Diagnosis.Finding("the cashier keyed " + minor(k.keyedMinor()) + " for a sale priced "
                    + minor(k.pricedMinor()) + "; the terminal charged and the merchant was credited what was "
                    + "keyed, so the books agree with the money and the difference is the operator's", keyed.get(),
                            sale);
        }
        if (wrong.isPresent()) {
            return wrongMethod(wrong.get());
        }
        Optional<EvidenceEvent> abort = first(ev, e -> e.isA(AbortPressed.class));
        if (abort.isPresent()) {
            return new Diagnosis.Finding("the cashier pressed abort " + ((AbortPressed) abort.get().payload()).when(),
                    abort.get(), sale);
        }
        Optional<EvidenceEvent> setup = first(ev, e -> e.isA(RegisterMisconfigured.class));
        if (setup.isPresent()) {
            return new Diagnosis.Finding("the register was set up wrongly: "
                    + ((RegisterMisconfigured) setup.get().payload()).why(), setup.get(), sale);
        }
        List<EvidenceEvent> aborts = Diagnosis.find(ev, e -> e.payload() instanceof EcrCommand c
                && c.command().startsWith("Abort"));
        if (!aborts.isEmpty()) {
            return new Diagnosis.Finding("the operator aborted the payment mid-way", new ArrayList<>(aborts));
        }
        boolean approved = ev.stream().anyMatch(e -> Diagnosis.hostAnswered(e, java.util.Set.of("00"))
                && "0210".equals(((IsoMessage) e.payload()).mti()));
        boolean closed = operations.stream().anyMatch(e -> operation(e, "END_OF_DAY"))
                || commands.stream().anyMatch(e -> command(e, "End-of-Day"));
        if (approved && !closed) {
            return new Diagnosis.Finding("the sale was approved but the day was never closed, so it was never "
                    + "settled", sale);
        }
        return null;
    }

    private static Diagnosis.Finding wrongMethod(EvidenceEvent e) {
        WrongPaymentMethod w = (WrongPaymentMethod) e.payload();
        return new Diagnosis.Finding("the cashier chose " + w.chosen() + " where " + w.meant() + " was meant", e);
    }

    private static boolean operation(EvidenceEvent e, String name) {
        return e.payload() instanceof RegisterOperation o && name.equals(o.operation());
    }

    private static boolean command(EvidenceEvent e, String name) {
        return e.payload() instanceof EcrCommand c && name.equals(c.command());
    }

    private static Optional<EvidenceEvent> first(List<EvidenceEvent> ev, Predicate<EvidenceEvent> p) {
        return ev.stream().filter(p).findFirst();
    }

    private static String minor(long m) {
        return String.format("%d.%02d", m / 100, m % 100);
    }
}
