package io.firstsettle.lab;

import io.firstsettle.emulator.DayEnd;
import io.firstsettle.terminal.Capability;
import io.firstsettle.terminal.Operation;
import io.firstsettle.terminal.Outcome;
import io.firstsettle.terminal.ForwardingRegister;
import io.firstsettle.terminal.Register;
import io.firstsettle.terminal.ReportedCode;
import io.firstsettle.terminal.TerminalStatus;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A register whose protocol has no end-of-day request (Concert E+), beside an emulated terminal whose end-of-day
 * (the télécollecte) the harness triggers on the device itself: every operation goes to the protocol's register,
 * except {@link #endOfDay()}, which asks the device and reports what its settlement came to. The answer is read as a
 * terminal's end-of-day report: closed is approved, a batch left open is declined with the terminal's reason.
 *
 * <p>Where the protocol has no status enquiry either (Concert E+), {@link #status()} answers from the device: whether
 * it holds an open batch (sales not yet settled), as its télécollecte report and its idle screen tell. So the outcome
 * of the harness's end-of-day stays observable.
 */
final class HarnessEndOfDay extends ForwardingRegister {
    private final Supplier<DayEnd> device;
    private final java.util.function.BooleanSupplier openBatch;

    HarnessEndOfDay(Register protocol, Supplier<DayEnd> device) {
        this(protocol, device, () -> false);
    }

    /** @param openBatch whether the device holds sales not yet settled (what a status would tell) */
    HarnessEndOfDay(Register protocol, Supplier<DayEnd> device, java.util.function.BooleanSupplier openBatch) {
        super(protocol);
        this.device = device;
        this.openBatch = openBatch;
    }


    @Override
    public Set<Capability> capabilities() {
        Set<Capability> c = EnumSet.of(Capability.END_OF_DAY, Capability.STATUS);
        c.addAll(protocol.capabilities());
        return c;
    }





    @Override
    public Outcome endOfDay() {
        return of(device.get(), protocol());
    }

    /** A device's end-of-day as the register's outcome (package-visible for its test). */
    static Outcome of(DayEnd d, String protocol) {
        String reason = d.closed() ? "batch " + d.batchNo() + " closed, " + d.count() + " sale(s), total " + d.total()
                : "batch " + d.batchNo() + " still open: " + d.why();
        return new Outcome(Operation.END_OF_DAY, d.closed() ? Outcome.Kind.APPROVED : Outcome.Kind.DECLINED, true,
                new ReportedCode(protocol, "telecollecte-" + d.kind().name().toLowerCase(java.util.Locale.ROOT), null,
                        false), reason, d.total(), null, null, null, List.of());
    }

    @Override
    public TerminalStatus status() {
        if (protocol.capabilities().contains(Capability.STATUS)) {
            return protocol.status();
        }
        boolean open = openBatch.getAsBoolean();
        String said = open ? "an open batch (sales not yet settled)" : "no open batch";
        Outcome o = new Outcome(Operation.STATUS, Outcome.Kind.APPROVED, true, null, "the terminal holds " + said,
                null, null, null, null, List.of());
        return new TerminalStatus(o, open, "terminal holds " + said);
    }


}
