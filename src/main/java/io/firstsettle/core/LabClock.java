package io.firstsettle.core;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one clock of a rig. Every timeout, delay and timestamp in firstsettle is expressed in <em>lab time</em> and
 * goes through here, so a 30 s terminal timeout takes 30 s on a bench (scale 1.0) and 0.3 s in CI (scale 0.01).
 *
 * <p>Lab time = the lab epoch + real elapsed time / scale + calendar jumps. Calendar jumps ({@link #advance}) move
 * lab time forward without waiting, for settlement calendars (a Friday sale credited on Monday).
 */
public final class LabClock {
    private final double scale;
    private final Instant labEpoch;
    private final long startNanos;
    private final ZoneId zone;
    private final AtomicLong jumpedNanos = new AtomicLong();

    private LabClock(double scale, Instant labEpoch, ZoneId zone) {
        if (!(scale > 0) || scale > 1000) {
            throw new IllegalArgumentException("time scale " + scale + " is out of range: use a value in (0, 1000], "
                    + "1.0 on a bench with a physical terminal, 0.01 for emulated terminals in CI");
        }
        this.scale = scale;
        this.labEpoch = labEpoch;
        this.zone = zone;
        this.startNanos = System.nanoTime();
    }

    /** Lab time runs with wall time (bench use). */
    public static LabClock real() {
        return new LabClock(1.0, Instant.now(), ZoneId.systemDefault());
    }

    /** A lab clock starting at {@code labStart} whose durations take {@code scale} of their lab length in real time. */
    public static LabClock scaled(double scale, Instant labStart, ZoneId zone) {
        return new LabClock(scale, labStart, zone);
    }

    public static LabClock scaled(double scale) {
        return new LabClock(scale, Instant.now(), ZoneId.systemDefault());
    }

    /** Real seconds per lab second. */
    public double scale() {
        return scale;
    }

    public ZoneId zone() {
        return zone;
    }

    public Instant now() {
        long realElapsed = System.nanoTime() - startNanos;
        long labElapsed = (long) (realElapsed / scale);
        return labEpoch.plusNanos(labElapsed + jumpedNanos.get());
    }

    public ZonedDateTime nowZoned() {
        return now().atZone(zone);
    }

    /** How long a lab duration takes in real time. Never less than 1 ms for a positive duration. */
    public Duration toReal(Duration lab) {
        if (lab.isZero() || lab.isNegative()) {
            return Duration.ZERO;
        }
        long nanos = (long) (lab.toNanos() * scale);
        return Duration.ofNanos(Math.max(nanos, 1_000_000L));
    }

    public long toRealMillis(Duration lab) {
        return toReal(lab).toMillis();
    }

    /** The lab duration that a real duration stands for. */
    public Duration toLab(Duration real) {
        return Duration.ofNanos((long) (real.toNanos() / scale));
    }

    /** Moves lab time forward at once (calendar days, settlement cycles) without waiting in real time. */
    public void advance(Duration lab) {
        if (lab.isNegative()) {
            throw new IllegalArgumentException("the lab clock never goes back (asked to move by " + lab + ")");
        }
        jumpedNanos.addAndGet(lab.toNanos());
    }

    /** Sleeps for a lab duration, scaled. Prefer {@link Waits} for anything that waits for a condition. */
    public void pause(Duration lab) throws InterruptedException {
        Duration real = toReal(lab);
        if (!real.isZero()) {
            Thread.sleep(real.toMillis(), real.toNanosPart() % 1_000_000);
        }
    }

    @Override
    public String toString() {
        return "LabClock[scale=" + scale + ", now=" + now() + "]";
    }
}
