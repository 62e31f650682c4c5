package io.firstsettle.emulator.concert;

import io.firstsettle.core.EventSink;
import io.firstsettle.ecr.concert.ConcertLink;
import io.firstsettle.ecr.concert.ConcertTerminalSession;
import io.firstsettle.emulator.DayEnd;
import io.firstsettle.emulator.Defect;
import io.firstsettle.emulator.DefectPolicy;
import io.firstsettle.emulator.IsoTerminalClient;
import io.firstsettle.emulator.PaymentEngine;
import io.firstsettle.emulator.Receipts;
import io.firstsettle.emulator.TerminalState;
import io.firstsettle.core.LabClock;
import io.firstsettle.profile.CardProfile;
import io.firstsettle.profile.TerminalProfile;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The emulated Concert terminal (Telium "protocol E+", protocols.md §B): the same {@link PaymentEngine} as the ZVT
 * one (ISO 8583 side, {@link TerminalState} in its state directory, reversals, batch, defects) behind the Concert
 * terminal session of {@code ecr.concert}. Concert E+ has no log-on, abort, end-of-day or status command: the
 * terminal signs on at its first sale, and the harness triggers the end-of-day (télécollecte) with
 * {@link #endOfDay()}, as a real terminal's schedule would.
 *
 * <p>Defects under Concert (see {@link ConcertDefects} for the table): those of the payment engine apply unchanged;
 * {@link Defect#MAINTENANCE_MISREPORTED} does not (the answer carries no reason, only 0 / 7 / 9);
 * {@link Defect#REPEATED_FRAME_CHARGES_TWICE} charges a request the register repeated after missing our ACK (the link
 * ACKs and drops the repeat, {@link ConcertLink#repeatsOfLastFrame()}) as a second, unreported sale.
 */
public final class ConcertTerminal implements io.firstsettle.emulator.EmulatedDevice {
    private final TerminalProfile profile;
    private final EventSink events;
    private final PaymentEngine engine;
    private final Receipts receipts;
    private final ConcertPaymentServices services;
    private final ConcertTerminalSession session;
    private final String line;
    private final IsoTerminalClient host;

    public ConcertTerminal(ConcertLink link, TerminalProfile profile, IsoTerminalClient host, TerminalState state,
                           LabClock clock, EventSink events, Set<Defect> defects) {
        this.profile = profile;
        this.events = events;
        this.line = link.name();
        this.host = host;
        this.engine = new PaymentEngine(profile, host, state, clock, events, DefectPolicy.of(defects));
        this.receipts = new Receipts(profile, events);
        this.services = new ConcertPaymentServices(engine, receipts, link.timings(), events,
                link::repeatsOfLastFrame);
        this.session = new ConcertTerminalSession(link, services, events);
    }

    public ConcertTerminal start() {
        session.start();
        events.record("terminal", "started", Map.of("tid", profile.terminalId(), "line", line, "protocol", "concert",
                "host", engine.hostAddress(), "factoryNew", engine.state().image().factoryNew(),
                "defects", defects().stream().map(Enum::name).sorted().toList()));
        return this;
    }

    /** The emulated cardholder presents this card at the next payment. */
    public void presentCard(CardProfile card) {
        engine.presentCard(card);
    }

    /**
     * The télécollecte, triggered by the harness: settles the open batch with the host (0500, batch upload on 95)
     * and prints the report on the terminal's paper. Waits for a running transaction to end first.
     */
    public DayEnd endOfDay() {
        events.record("terminal", "telecollecte", Map.of("tid", profile.terminalId(), "by", "harness"));
        return services.endOfDay();
    }

    /** Receipts the terminal printed on its own paper (all of them: Concert E+ sends the register no lines). */
    public List<String> ownPaper() {
        return receipts.ownPaper();
    }

    public TerminalState state() {
        return engine.state();
    }

    public Set<Defect> defects() {
        return engine.policy().defects();
    }

    public boolean signedOn() {
        return engine.signedOn();
    }

    /** Answers the session sent and the register ACKed. */
    public int answered() {
        return session.answered();
    }

    public Optional<TerminalState.PendingReversal> pendingReversal() {
        return engine.pendingReversal();
    }

    @Override
    public void close() {
        // the power is cut: the host exchange in flight ends at once and nothing more is sent, so the serving thread
        // ends promptly; wait for it, so it cannot write the state while a restarted terminal reads it
        host.cut();
        session.close(java.time.Duration.ofSeconds(5));
        events.record("terminal", "stopped", Map.of("tid", profile.terminalId()));
    }
}
