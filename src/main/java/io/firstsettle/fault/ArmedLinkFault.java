package io.firstsettle.fault;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/** A link fault in force on a {@link LinkFaultProxy}, with its own trigger state (match counter, seeded random). */
final class ArmedLinkFault implements AppliedFault {
    final FaultProfile profile;
    final LinkFault fault;
    private final Random random;
    private int matched;
    final AtomicBoolean removed = new AtomicBoolean();
    private final Runnable onRemove;

    ArmedLinkFault(FaultProfile profile, Runnable onRemove) {
        this.profile = profile;
        this.fault = profile.link();
        this.random = new Random(fault.trigger().seed());
        this.onRemove = onRemove;
    }

    /** Decides whether this request (or connection, mti null) is hit; call once per candidate. */
    synchronized boolean fires(String mti) {
        LinkTrigger t = fault.trigger();
        if (t.mti() != null && !t.mti().equals(mti)) {
            return false;
        }
        matched++;
        if (t.nth() != null && matched != t.nth()) {
            return false;
        }
        return t.probability() == null || random.nextDouble() < t.probability();
    }

    /** The delay to apply now: the profile's, plus a seeded share of its jitter. */
    synchronized Duration delay() {
        Duration d = fault.delay();
        if (fault.jitter() != null) {
            d = d.plusNanos((long) (random.nextDouble() * fault.jitter().toNanos()));
        }
        return d;
    }

    LinkAction action() {
        return fault.action();
    }

    ProtocolPoint point() {
        return fault.point();
    }

    @Override
    public FaultProfile profile() {
        return profile;
    }

    @Override
    public String terminalId() {
        return null;
    }

    @Override
    public boolean active() {
        return !removed.get();
    }

    @Override
    public void remove() {
        if (removed.compareAndSet(false, true)) {
            onRemove.run();
        }
    }
}
