package io.firstsettle.emulator;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;
import io.firstsettle.profile.CardProfile;
import io.firstsettle.profile.TerminalProfile;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The emulated terminal's payment rules, with no protocol types: a protocol session (ZVT, Concert) calls it and turns
 * its results into its own messages; the ISO 8583 side is {@link IsoHost}, whose answers are {@link HostAnswer}s. Without defects it behaves like a correct device:
 * <ul>
 *   <li>factory-new until it signs on (0800) and learns the batch number; a payment it cannot sign on for fails,
 *       never pretends;</li>
 *   <li>keeps STAN, receipt and batch numbers, the open batch and a stored reversal in {@link TerminalState};</li>
 *   <li>stores a reversal before each 0200; when the host does not answer in time it sends the 0400 at once and keeps
 *       retrying it ({@link ReversalStore}); a late 0210 arrives on a closed connection and is ignored;</li>
 *   <li>keeps an approved payment only once the register took its result, and reverses it otherwise;</li>
 *   <li>end-of-day settles the open batch ({@link Settlement}).</li>
 * </ul>
 * Defects change the answers at named {@link DecisionPoint}s of its {@link DefectPolicy}. Every decision is recorded
 * as an event with source "terminal".
 */
public final class PaymentEngine {
    /** How a decided payment ended once the session reported it. */
    public enum Conclusion {
        /** Approved and taken by the register: in the batch. */
        KEPT,
        /** Declined and reported. */
        DECLINED,
        /** Approved, not taken by the register, and reversed ([ZVT-SPEC] §2.2.8). */
        AUTO_REVERSED,
        /** Approved, not taken by the register, and kept anyway ({@link DecisionPoint#RESULT_UNACKNOWLEDGED}). */
        KEPT_UNACKNOWLEDGED
    }

    private final TerminalProfile profile;
    private final IsoHost host;
    private final TerminalState state;
    private final LabClock clock;
    private final EventSink events;
    private final DefectPolicy policy;
    private final ReversalStore reversals;
    private final Settlement settlement;
    private final AtomicReference<CardProfile> presentedCard = new AtomicReference<>();
    private volatile boolean signedOn;
    private int ramStan;

    public PaymentEngine(TerminalProfile profile, IsoTerminalClient host, TerminalState state, LabClock clock,
                         EventSink events, DefectPolicy policy) {
        this.profile = profile;
        this.host = new IsoHost(host, profile);
        this.state = state;
        this.clock = clock;
        this.events = events;
        this.policy = policy;
        this.reversals = new ReversalStore(state, policy, this.host, clock, events);
        this.settlement = new Settlement(state, policy, this.host, events, this::nextStan);
    }

    public TerminalProfile profile() {
        return profile;
    }

    public TerminalState state() {
        return state;
    }

    public DefectPolicy policy() {
        return policy;
    }

    public String hostAddress() {
        return host.address();
    }

    /** The emulated cardholder presents this card at the next payment. */
    public void presentCard(CardProfile card) {
        presentedCard.set(card);
        decide("card-presented", Map.of("card", card.name(), "pan", card.maskedPan()));
    }

    /** Whether the terminal signed on to the host since it started. */
    public boolean signedOn() {
        return signedOn;
    }

    /** The reversal the terminal still has to deliver, if any. */
    public Optional<TerminalState.PendingReversal> pendingReversal() {
        return reversals.pending();
    }

    /** Called while no register command runs: retries a stored reversal when its interval has passed. */
    public void idle() {
        reversals.retryWhenIdle();
    }

    private void decide(String kind, Map<String, ?> fields) {
        events.record("terminal", kind, fields);
    }

    /** 0800; true when the host signed the terminal on (the batch number comes from DE60). */
    public boolean signOn() {
        HostAnswer ex = host.signOn(nextStan());
        if (ex.approved()) {
            signedOn = true;
            String batch = ex.batchNo();
            if (batch != null && batch.matches("[0-9]{1,6}") && state.image().openBatch().isEmpty()) {
                state.setBatchNo(Integer.parseInt(batch));
            }
            decide("signed-on", Map.of("batch", state.image().batchNo()));
            return true;
        }
        decide("sign-on-failed", Map.of("why", ex.describe()));
        return false;
    }

    private boolean ensureSignedOn() {
        if (signedOn) {
            return true;
        }
        if (!policy.signsOnFirst()) {
            decide("sign-on-skipped", Map.of("defect", Defect.SKIPS_SIGN_ON.name()));
            return true;
        }
        return signOn();
    }

    /**
     * A sale of {@code amountMinor}: card, sign-on, stored reversal first, 0200, and the host's decision.
     *
     * @param hostWait how long to wait for the 0210 (lab time), before {@link DecisionPoint#HOST_WAIT}
     */
    public SaleResult sale(long amountMinor, int currency, Duration hostWait, PaymentProgress progress) {
        CardProfile card = presentedCard.get();
        if (card == null) {
            progress.stage(PaymentProgress.Stage.NO_CARD);
            return new SaleResult.Failed(SaleResult.Cause.NO_CARD, "no card presented");
        }
        decide("card-read", Map.of("card", card.name(), "pan", card.maskedPan(), "scheme", card.scheme(),
                "pin", card.pinRequired()));
        if (!ensureSignedOn()) {
            return new SaleResult.Failed(SaleResult.Cause.HOST_UNREACHABLE, "host not reachable for sign-on");
        }
        if (!reversals.flushBeforeFinancial(progress)) {
            return new SaleResult.Failed(SaleResult.Cause.REVERSAL_PENDING,
                    "a stored reversal is still not acknowledged by the host");
        }
        progress.stage(PaymentProgress.Stage.HOST);
        ZonedDateTime now = clock.nowZoned();
        long hostAmount = policy.hostAmount(amountMinor);
        String stan = nextStan();
        reversals.store(new TerminalState.PendingReversal(stan, hostAmount, "98", card.maskedPan()));
        Duration timeout = policy.hostWait(hostWait);
        HostAnswer ex = host.sale(card, hostAmount, stan, now, currency, timeout);
        if (!ex.answered() && ex.timedOut() && policy.resubmitsAfterTimeout()) {
            reversals.clear();
            stan = nextStan();
            decide("resubmitted", Map.of("defect", Defect.DOUBLE_SUBMIT.name(), "newStan", stan));
            reversals.store(new TerminalState.PendingReversal(stan, hostAmount, "98", card.maskedPan()));
            ex = host.sale(card, hostAmount, stan, now, currency, timeout);
        }
        if (!ex.answered()) {
            return noAnswer(amountMinor, card, stan, now, currency, ex, progress);
        }
        reversals.clear();
        String de39 = ex.de39();
        boolean approved = ex.approved();
        if (progress.abortRequested()) {
            decide("aborted-by-register", Map.of("stan", stan, "hostApproved", approved));
            if (approved) {
                reversals.store(new TerminalState.PendingReversal(stan, hostAmount, "17", card.maskedPan()));
                reversals.reverseNow(progress);
            }
            return new SaleResult.Failed(SaleResult.Cause.ABORTED, "aborted by the register");
        }
        boolean shownApproved = approved;
        if (!approved && policy.showsDeclineAsApproved(de39)) {
            decide("decline-ignored", Map.of("defect", Defect.IGNORES_DECLINE.name(), "de39", de39));
            shownApproved = true;
        }
        OptionalLong repeat = approved ? progress.repeatedSale() : OptionalLong.empty();
        if (repeat.isPresent()) {
            chargeRepeat(card, hostAmount, now, currency, repeat.getAsLong());
        }
        return new SaleResult.Decided(new Payment(stan, amountMinor, hostAmount, currency, card, now, de39,
                ex.authCode(), ex.rrn(), approved, shownApproved, false, 0));
    }

    private SaleResult noAnswer(long amountMinor, CardProfile card, String stan, ZonedDateTime now, int currency,
                                HostAnswer ex, PaymentProgress progress) {
        switch (policy.onNoAnswer()) {
            case SHOW_APPROVED -> {
                reversals.clear();
                decide("approved-without-answer", Map.of("defect", Defect.APPROVED_ON_TIMEOUT.name(), "stan", stan));
                return new SaleResult.Decided(new Payment(stan, amountMinor, amountMinor, currency, card, now, "00",
                        "000000", null, true, true, true, 0));
            }
            case FORGET_REVERSAL -> {
                reversals.clear();
                decide("reversal-skipped", Map.of("defect", Defect.NO_REVERSAL_ON_TIMEOUT.name(), "stan", stan));
            }
            case REVERSE -> {
                decide("reversing", Map.of("stan", stan, "why", String.valueOf(ex.failure())));
                reversals.reverseNow(progress);
            }
        }
        return new SaleResult.Failed(ex.timedOut() ? SaleResult.Cause.HOST_TIMEOUT : SaleResult.Cause.HOST_UNREACHABLE,
                ex.failure());
    }

    /**
     * Gives a decided payment its receipt number; a payment shown approved goes into the batch, one the host approved
     * gets a stored reversal until the register took its result ({@link #conclude}).
     */
    public Payment record(Payment decided) {
        Payment p = decided.withReceiptNo(state.nextReceiptNo());
        if (p.shownApproved()) {
            state.addToBatch(new TerminalState.BatchEntry(p.stan(), p.rrn(), p.amountMinor(), p.card().maskedPan(),
                    p.receiptNo()));
        }
        if (p.hostApproved() && p.rrn() != null) {
            reversals.store(new TerminalState.PendingReversal(p.stan(), p.hostAmount(), "17", p.card().maskedPan()));
        }
        return p;
    }

    /** After the session reported {@code p}: {@code taken} when the register acknowledged the result (and receipts). */
    public Conclusion conclude(Payment p, boolean taken, PaymentProgress progress) {
        if (p.shownApproved() && !taken) {
            if (policy.keepsUnacknowledgedPayment()) {
                decide("kept-unacknowledged-payment", Map.of("defect",
                        Defect.NO_AUTO_REVERSAL_ON_UNACKED_RESULT.name(), "stan", p.stan()));
                reversals.clear();
                return Conclusion.KEPT_UNACKNOWLEDGED;
            }
            decide("auto-reversal", Map.of("stan", p.stan(),
                    "why", "the register did not acknowledge the result or a print line"));
            state.removeFromBatch(p.stan());
            reversals.reverseNow(progress);
            return Conclusion.AUTO_REVERSED;
        }
        if (p.shownApproved()) {
            reversals.clear();
            return Conclusion.KEPT;
        }
        return Conclusion.DECLINED;
    }

    /**
     * Cancels the last sale of {@code amountMinor} still in the open batch: out of the batch, its reversal stored and
     * sent at once (kept and retried when the host does not acknowledge it: the cancellation stands).
     *
     * @return the cancelled sale, or empty when the open batch holds no such sale
     */
    public Optional<TerminalState.BatchEntry> cancelLast(long amountMinor, PaymentProgress progress) {
        if (!reversals.flushBeforeFinancial(progress)) {
            decide("cancel-refused", Map.of("why", "a stored reversal is still not acknowledged by the host"));
            return Optional.empty();
        }
        var batch = state.image().openBatch();
        for (int i = batch.size() - 1; i >= 0; i--) {
            TerminalState.BatchEntry e = batch.get(i);
            if (e.amountMinor() == amountMinor) {
                reversals.store(new TerminalState.PendingReversal(e.stan(), policy.hostAmount(e.amountMinor()), "17",
                        e.maskedPan()));
                state.removeFromBatch(e.stan());
                boolean acked = reversals.reverseNow(progress);
                decide("cancelled", Map.of("stan", e.stan(), "amount", amountMinor, "hostAcknowledged", acked));
                return Optional.of(e);
            }
        }
        decide("cancel-refused", Map.of("amount", amountMinor, "why", "no sale of that amount in the open batch"));
        return Optional.empty();
    }

    /** End-of-day: sign-on and a pending reversal first, then the settlement. */
    public DayEnd endOfDay(PaymentProgress progress) {
        int batch = state.image().batchNo();
        if (!ensureSignedOn()) {
            return new DayEnd(DayEnd.Kind.NOT_STARTED, batch, java.util.List.of(), 0,
                    "host not reachable for sign-on; the batch stays open");
        }
        if (!reversals.flushBeforeFinancial(progress)) {
            return new DayEnd(DayEnd.Kind.NOT_STARTED, batch, java.util.List.of(), 0,
                    "a stored reversal is not acknowledged; the batch stays open");
        }
        return settlement.run(progress);
    }

    /**
     * {@link Defect#REPEATED_FRAME_CHARGES_TWICE}: the repeated request is run as a second sale on the same card,
     * approved by the host and put in the batch, while the register is told about one sale only.
     */
    private void chargeRepeat(CardProfile card, long hostAmount, ZonedDateTime now, int currency, long repeatAmount) {
        String stan = nextStan();
        decide("repeat-charged", Map.of("defect", Defect.REPEATED_FRAME_CHARGES_TWICE.name(), "stan", stan));
        HostAnswer ex = host.sale(card, hostAmount, stan, now, currency, profile.hostTimeout());
        if (ex.approved()) {
            state.addToBatch(new TerminalState.BatchEntry(stan, ex.rrn(), repeatAmount, card.maskedPan(),
                    state.nextReceiptNo()));
        }
    }

    private String nextStan() {
        if (!policy.persistsStan()) {
            synchronized (this) {
                ramStan = ramStan % 999_999 + 1;
                return String.format("%06d", ramStan);
            }
        }
        return state.nextStan();
    }
}
