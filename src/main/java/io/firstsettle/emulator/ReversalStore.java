package io.firstsettle.emulator;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The stored reversal and its retries: stored before each 0200 (in {@link TerminalState}, or in RAM under
 * {@link DecisionPoint#REVERSAL_STORAGE}), sent at once when a sale fails (a series of {@value #ATTEMPTS}), then one
 * attempt every {@link #RETRY_INTERVAL} of lab time while the terminal is idle, and always before the next financial
 * message.
 */
final class ReversalStore {
    static final int ATTEMPTS = 3;
    static final Duration RETRY_INTERVAL = Duration.ofSeconds(60);
    private static final Duration PAUSE = Duration.ofSeconds(2);

    private final TerminalState state;
    private final DefectPolicy policy;
    private final IsoHost host;
    private final LabClock clock;
    private final EventSink events;
    private TerminalState.PendingReversal ram;
    private Instant lastSeries = Instant.MIN;

    ReversalStore(TerminalState state, DefectPolicy policy, IsoHost host, LabClock clock, EventSink events) {
        this.state = state;
        this.policy = policy;
        this.host = host;
        this.clock = clock;
        this.events = events;
    }

    synchronized Optional<TerminalState.PendingReversal> pending() {
        return Optional.ofNullable(policy.persistsReversal() ? state.image().pendingReversal() : ram);
    }

    synchronized void store(TerminalState.PendingReversal r) {
        if (policy.persistsReversal()) {
            state.storeReversal(r);
        } else {
            ram = r;
        }
    }

    synchronized void clear() {
        if (!policy.persistsReversal()) {
            ram = null;
        } else if (state.image().pendingReversal() != null) {
            state.clearReversal();
        }
    }

    /** Before any financial message: a stored reversal goes first. False when it is still not acknowledged. */
    boolean flushBeforeFinancial(PaymentProgress progress) {
        if (pending().isEmpty()) {
            return true;
        }
        events.record("terminal", "reversal-before-financial", Map.of("stan", pending().get().stan()));
        return reverseNow(progress);
    }

    /** One attempt when the last series is {@link #RETRY_INTERVAL} (lab time) ago. */
    void retryWhenIdle() {
        if (pending().isEmpty()) {
            return;
        }
        Instant now = clock.now();
        if (lastSeries != Instant.MIN && now.isBefore(lastSeries.plus(RETRY_INTERVAL))) {
            return;
        }
        events.record("terminal", "reversal-retry-idle", Map.of("stan", pending().get().stan()));
        attempt(1);
    }

    /** Sends the stored reversal at once, up to {@value #ATTEMPTS} tries; true when acknowledged. */
    boolean reverseNow(PaymentProgress progress) {
        if (pending().isEmpty()) {
            return true;
        }
        progress.stage(PaymentProgress.Stage.REVERSAL);
        return attempt(policy.reversalAttempts(ATTEMPTS));
    }

    private boolean attempt(int attempts) {
        TerminalState.PendingReversal r = pending().orElse(null);
        if (r == null) {
            return true;
        }
        for (int attempt = 1; attempt <= attempts; attempt++) {
            lastSeries = clock.now();
            HostAnswer ex = host.reversal(r);
            if (ex.approved()) {
                clear();
                events.record("terminal", "reversal-acknowledged", Map.of("stan", r.stan(), "attempt", attempt));
                return true;
            }
            if (!ex.timedOut() && attempt < attempts) {
                pause(PAUSE);
            }
        }
        if (policy.dropsUnacknowledgedReversal()) {
            clear();
            events.record("terminal", "reversal-dropped", Map.of("defect", Defect.REVERSAL_NOT_RETRIED.name(),
                    "stan", r.stan()));
            return true;
        }
        events.record("terminal", "reversal-pending", Map.of("stan", r.stan(), "retryEveryLabS",
                RETRY_INTERVAL.toSeconds(), "why", "the host did not acknowledge the reversal; it stays stored and goes"
                        + " before the next financial message"));
        return false;
    }

    private void pause(Duration lab) {
        try {
            clock.pause(lab);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
