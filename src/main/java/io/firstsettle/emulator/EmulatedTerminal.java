package io.firstsettle.emulator;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;
import io.firstsettle.ecr.zvt.link.ApduLink;
import io.firstsettle.emulator.zvt.ZvtTerminalSession;
import io.firstsettle.profile.CardProfile;
import io.firstsettle.profile.TerminalProfile;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A software POS terminal (PT) that serves ZVT to a cash register on one end of a line and speaks ISO 8583 to an
 * acquirer host on the other. A facade over its parts, each with one job:
 * <ul>
 *   <li>{@link ZvtTerminalSession}: the PT side of ZVT (APDUs in and out), in {@code emulator.zvt};</li>
 *   <li>{@link PaymentEngine}: sign-on, sale, the stored reversal and its retries ({@link ReversalStore}),
 *       end-of-day and batch upload ({@link Settlement}), no protocol types;</li>
 *   <li>{@link Receipts}: receipt lines and the terminal's own paper;</li>
 *   <li>{@link DefectPolicy}: the {@link Defect}s, asked at named {@link DecisionPoint}s.</li>
 * </ul>
 * Without defects it behaves like a correct device (see {@link PaymentEngine}); an approved payment is kept only once
 * the register acknowledged the 04 0F and every print line ([ZVT-SPEC] §2.2.8). Every decision is recorded as an event
 * with source "terminal".
 */
public final class EmulatedTerminal implements EmulatedDevice {
    static final int REVERSAL_ATTEMPTS = ReversalStore.ATTEMPTS;
    static final Duration REVERSAL_RETRY_INTERVAL = ReversalStore.RETRY_INTERVAL;
    /** Software version this emulated terminal reports in the Status-Enquiry answer. */
    public static final String SOFTWARE_VERSION = ZvtTerminalSession.SOFTWARE_VERSION;

    private final TerminalProfile profile;
    private final LabClock clock;
    private final EventSink events;
    private final PaymentEngine engine;
    private final Receipts receipts;
    private final ZvtTerminalSession session;

    public EmulatedTerminal(ApduLink link, TerminalProfile profile, IsoTerminalClient host, TerminalState state,
                            LabClock clock, EventSink events) {
        this(link, profile, host, state, clock, events, Set.of());
    }

    /** A terminal with the given firmware defects (empty: a correct terminal). */
    public EmulatedTerminal(ApduLink link, TerminalProfile profile, IsoTerminalClient host, TerminalState state,
                            LabClock clock, EventSink events, Set<Defect> defects) {
        this.profile = profile;
        this.clock = clock;
        this.events = events;
        this.engine = new PaymentEngine(profile, host, state, clock, events, DefectPolicy.of(defects));
        this.receipts = new Receipts(profile, events);
        this.session = new ZvtTerminalSession(link, engine, receipts, events);
    }

    public EmulatedTerminal start() {
        session.start();
        events.record("terminal", "started", Map.of("tid", profile.terminalId(), "line", session.lineName(),
                "host", engine.hostAddress(), "factoryNew", engine.state().image().factoryNew(),
                "defects", defects().stream().map(Enum::name).sorted().toList()));
        return this;
    }

    /** The emulated cardholder presents this card at the next payment. */
    public void presentCard(CardProfile card) {
        engine.presentCard(card);
    }

    /** Receipts the terminal printed on its own paper (when the register does not print). */
    public List<String> ownPaper() {
        return receipts.ownPaper();
    }

    public TerminalState state() {
        return engine.state();
    }

    public Set<Defect> defects() {
        return engine.policy().defects();
    }

    /** Whether the terminal signed on to the host since it started. */
    public boolean signedOn() {
        return engine.signedOn();
    }

    /** The reversal the terminal still has to deliver, if any (RAM-only under {@link Defect#REVERSAL_NOT_PERSISTED}). */
    public Optional<TerminalState.PendingReversal> pendingReversal() {
        return engine.pendingReversal();
    }

    @Override
    public void close() {
        // a host exchange in flight is bounded by the host timeout; let it end before the state is reused
        session.close(Duration.ofMillis(clock.toRealMillis(profile.hostTimeout()) + 2000));
        events.record("terminal", "stopped", Map.of("tid", profile.terminalId()));
    }
}
