package io.firstsettle.bank;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;
import io.firstsettle.fault.AppliedFault;
import io.firstsettle.fault.FaultProfile;
import io.firstsettle.fault.FaultTarget;

/** A bank fault in force for one terminal. Its window runs on the lab clock from the moment it was applied. */
final class BankAppliedFault implements AppliedFault {
    private final String id;
    private final FaultProfile profile;
    private final FaultTarget target;
    private final LabClock clock;
    private final Instant appliedAt;
    private final Instant windowEnd;
    private final Random random;
    private final AtomicBoolean removed = new AtomicBoolean();
    private final Runnable onRemove;
    private final EventSink events;

    BankAppliedFault(String id, FaultProfile profile, FaultTarget target, LabClock clock, EventSink events,
                     Runnable onRemove) {
        this.id = id;
        this.profile = profile;
        this.target = target;
        this.clock = clock;
        this.events = events;
        this.onRemove = onRemove;
        this.appliedAt = clock.now();
        this.windowEnd = profile.window() == null ? null : appliedAt.plus(profile.window());
        this.random = new Random(profile.delay() == null ? 1L : profile.delay().seed());
    }

    String id() {
        return id;
    }

    FaultTarget target() {
        return target;
    }

    Instant appliedAt() {
        return appliedAt;
    }

    /** Lab instant the window ends, or null when the fault lasts until removed. */
    Instant windowEnd() {
        return windowEnd;
    }

    boolean removed() {
        return removed.get();
    }

    /** The next delay of a bank-delay fault (lab time); seeded, so the sequence repeats. */
    synchronized Duration nextDelay() {
        return profile.delay().sample(target.terminalTimeout(), random);
    }

    boolean matches(String terminalId, String merchantId) {
        return target.hits(terminalId, merchantId);
    }

    @Override
    public FaultProfile profile() {
        return profile;
    }

    @Override
    public String terminalId() {
        return target.terminalId();
    }

    @Override
    public boolean active() {
        return !removed.get() && (windowEnd == null || clock.now().isBefore(windowEnd));
    }

    @Override
    public void remove() {
        if (removed.compareAndSet(false, true)) {
            onRemove.run();
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("fault", profile.name());
            ev.put("id", id);
            ev.put("terminalId", target.terminalId());
            events.record("fault", "removed", ev);
        }
    }

    @Override
    public String toString() {
        return profile.name() + "@" + target.terminalId() + (windowEnd == null ? "" : " until " + windowEnd);
    }
}
