package io.firstsettle.emulator.concert;

import io.firstsettle.core.EventSink;
import io.firstsettle.ecr.concert.AnswerDelay;
import io.firstsettle.ecr.concert.AnswerStatus;
import io.firstsettle.ecr.concert.ConcertAnswer;
import io.firstsettle.ecr.concert.ConcertRequest;
import io.firstsettle.ecr.concert.ConcertTerminalServices;
import io.firstsettle.ecr.concert.ConcertTimings;
import io.firstsettle.ecr.concert.PaymentMode;
import io.firstsettle.emulator.DayEnd;
import io.firstsettle.emulator.Defect;
import io.firstsettle.emulator.Payment;
import io.firstsettle.emulator.PaymentEngine;
import io.firstsettle.emulator.PaymentProgress;
import io.firstsettle.emulator.Receipts;
import io.firstsettle.emulator.SaleResult;
import io.firstsettle.emulator.TerminalState;
import io.firstsettle.profile.TerminalProfile;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.IntSupplier;

/**
 * The Concert transaction types served by the {@link PaymentEngine} (protocols.md §B):
 * <ul>
 *   <li>debit ('0'): a sale; status 0 when the terminal shows it approved, 7 otherwise. A request that asked for the
 *       answer at once (delay A011) caps the terminal's wait for its host at the register's short answer wait
 *       ({@link ConcertTimings#answerAtOnce()}), so the answer comes while the register still listens;</li>
 *   <li>refund / cancellation ('2', [TELIUM] "refund", Concert V3 "cancellation"): cancels the last sale of that
 *       amount still in the open batch with a reversal (0400); a sale already settled cannot be cancelled (7);</li>
 *   <li>credit ('1') and auto ('4'): not possible (7): the lab's acquirer has no refund (DE3 20) flow, and a refund
 *       sent as a 0200 would move money the wrong way.</li>
 * </ul>
 * Concert E+ has no receipt lines for the register, so every receipt prints on the terminal's own paper. An approved
 * payment whose answer the register did not ACK is reversed, as a ZVT result the register did not acknowledge.
 * One request or one télécollecte at a time (they share the engine).
 */
final class ConcertPaymentServices implements ConcertTerminalServices {
    private final PaymentEngine engine;
    private final Receipts receipts;
    private final ConcertTimings timings;
    private final EventSink events;
    private final TerminalProfile profile;
    private final IntSupplier repeatsOfRequest;
    private final Object lock = new Object();
    /** The payment whose answer is on its way to the register. */
    private Payment sending;

    /** @param repeatsOfRequest how often the register repeated the request being served (it missed our ACK) */
    ConcertPaymentServices(PaymentEngine engine, Receipts receipts, ConcertTimings timings, EventSink events,
                           IntSupplier repeatsOfRequest) {
        this.engine = engine;
        this.repeatsOfRequest = repeatsOfRequest;
        this.receipts = receipts;
        this.timings = timings;
        this.events = events;
        this.profile = engine.profile();
    }

    @Override
    public ConcertAnswer debit(ConcertRequest request) {
        synchronized (lock) {
            String refused = refusal(request);
            if (refused != null) {
                events.record("terminal", "command-refused", Map.of("command", "debit", "why", refused));
                return request.notPossible();
            }
            Duration hostWait = request.delay() == AnswerDelay.AT_ONCE
                    ? min(profile.hostTimeout(), timings.answerAtOnce()) : profile.hostTimeout();
            SaleResult result = engine.sale(request.amountCents(), profile.currency(), hostWait, progress(request));
            if (result instanceof SaleResult.Failed f) {
                events.record("terminal", "payment-failed", Map.of("cause", f.cause().name(),
                        "why", String.valueOf(f.why()), "status", "7"));
                return ConcertAnswer.of(request, AnswerStatus.REJECTED, "");
            }
            Payment decided = ((SaleResult.Decided) result).payment();
            if (!decided.withoutAnswer()) {
                events.record("terminal", decided.hostApproved() ? "approved" : "declined", Map.of(
                        "stan", decided.stan(), "de39", String.valueOf(decided.de39()),
                        "status", decided.shownApproved() ? "0" : "7"));
            }
            Payment p = engine.record(decided);
            receipts.printOwn(receipts.payment("CUSTOMER COPY", p));
            receipts.printOwn(receipts.payment("MERCHANT COPY", p));
            sending = p;
            return ConcertAnswer.of(request, p.shownApproved() ? AnswerStatus.SUCCESS : AnswerStatus.REJECTED,
                    report(p));
        }
    }

    @Override
    public ConcertAnswer refund(ConcertRequest request) {
        synchronized (lock) {
            String refused = refusal(request);
            if (refused != null) {
                events.record("terminal", "command-refused", Map.of("command", "cancellation", "why", refused));
                return request.notPossible();
            }
            Optional<TerminalState.BatchEntry> cancelled = engine.cancelLast(request.amountCents(),
                    PaymentProgress.NONE);
            if (cancelled.isEmpty()) {
                return request.notPossible();
            }
            receipts.printOwn(java.util.List.of("FIRSTSETTLE EMULATED PT  CANCELLATION", "TID " + profile.terminalId()
                    + " MID " + profile.merchantId(), "SALE " + Receipts.money(cancelled.get().amountMinor()) + " "
                    + receipts.currencyName(), "TRACE " + cancelled.get().stan() + " CANCELLED"));
            return ConcertAnswer.of(request, AnswerStatus.SUCCESS, cancelled.get().maskedPan());
        }
    }

    @Override
    public ConcertAnswer credit(ConcertRequest request) {
        events.record("terminal", "command-refused", Map.of("command", "credit", "why", "the lab's acquirer has no "
                + "refund flow (0200 DE3 20); use a cancellation ('2') for a sale still in the open batch"));
        return request.notPossible();
    }

    @Override
    public void delivered(ConcertRequest request, ConcertAnswer answer, boolean acknowledged) {
        synchronized (lock) {
            Payment p = sending;
            sending = null;
            if (p == null) {
                return;
            }
            PaymentEngine.Conclusion c = engine.conclude(p, acknowledged, PaymentProgress.NONE);
            events.record("terminal", "concert-payment-concluded", Map.of("stan", p.stan(), "conclusion", c.name()));
            lock.notifyAll();
        }
    }

    @Override
    public void idle() {
        synchronized (lock) {
            engine.idle();
        }
    }

    /**
     * Named wait "answer delivered before télécollecte": a terminal does not start its end-of-day while it is still
     * handing a sale's answer to the register (the answer sent, its ACK and EOT not yet through). Bounded by the
     * link's own handshake: every repeat of the answer waiting for its ACK, then the EOT wait. Past the bound the
     * payment is still unconcluded and the engine treats it as such (a stored reversal goes first), as a terminal
     * whose register never took its answer would. Called holding the lock.
     */
    private void awaitAnswerDelivered() {
        long boundNanos = timings.frameAck().multipliedBy(timings.frameRepeats() + 1L).plus(timings.eot()).toNanos();
        long deadline = System.nanoTime() + boundNanos;
        while (sending != null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                events.record("terminal", "wait-expired", Map.of("wait", "answer delivered before télécollecte",
                        "stan", sending.stan(), "boundMs", boundNanos / 1_000_000));
                return;
            }
            try {
                lock.wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The télécollecte: settles the open batch and prints the report on the terminal's paper. */
    DayEnd endOfDay() {
        synchronized (lock) {
            awaitAnswerDelivered();
            DayEnd d = engine.endOfDay(PaymentProgress.NONE);
            if (d.kind() != DayEnd.Kind.NOT_STARTED) {
                receipts.printOwn(receipts.dayEnd(d));
            }
            return d;
        }
    }

    /**
     * No stages to show in Concert E+; a repeat of the request (the register missed our ACK; the link ACKed and dropped
     * it) is a second sale only for a terminal with {@link io.firstsettle.emulator.DecisionPoint#REPEATED_REQUEST}.
     */
    private PaymentProgress progress(ConcertRequest request) {
        return new PaymentProgress() {
            @Override
            public void stage(Stage stage) {
            }

            @Override
            public OptionalLong repeatedSale() {
                if (repeatsOfRequest.getAsInt() == 0 || !engine.policy().chargesRepeatedRequest()) {
                    return OptionalLong.empty();
                }
                events.record("terminal", "repeat-taken-as-new-sale", Map.of("defect",
                        Defect.REPEATED_FRAME_CHARGES_TWICE.name(), "request", request.toString()));
                return OptionalLong.of(request.amountCents());
            }
        };
    }

    private String refusal(ConcertRequest request) {
        if (request.amountCents() == 0) {
            return "amount 0";
        }
        if (!request.paymentMode().equals(PaymentMode.CARD)) {
            return "payment mode " + request.paymentMode() + ": the emulated terminal takes cards only";
        }
        if (Integer.parseInt(request.currency()) != profile.currency()) {
            return "currency " + request.currency() + " is not the terminal's " + profile.currency();
        }
        return null;
    }

    /** The report of a full answer: the masked card number, then the authorization code when approved. */
    private static String report(Payment p) {
        return p.card().maskedPan() + (p.shownApproved() && p.authCode() != null ? " AUTH " + p.authCode() : "");
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
