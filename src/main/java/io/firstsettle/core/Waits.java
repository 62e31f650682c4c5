package io.firstsettle.core;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Named, bounded waits in lab time. A failed wait says what it waited for, for how long, and what it saw instead.
 */
public final class Waits {
    private Waits() {
    }

    /** Thrown when a named wait runs out. The message names the wait, its bound and what was seen. */
    public static final class WaitTimeout extends RuntimeException {
        public WaitTimeout(String message) {
            super(message);
        }
    }

    /**
     * Polls {@code probe} until it yields a value or {@code labBound} passes on the lab clock.
     *
     * @param what   what is awaited, in words ("the terminal's 06 0F completion")
     * @param seen   describes the current state when the wait fails
     */
    public static <T> T until(LabClock clock, String what, Duration labBound, Supplier<Optional<T>> probe,
                              Supplier<String> seen) {
        long deadline = System.nanoTime() + clock.toReal(labBound).toNanos();
        long pollNanos = Math.max(200_000L, Math.min(20_000_000L, clock.toReal(labBound).toNanos() / 100));
        while (true) {
            Optional<T> got = probe.get();
            if (got.isPresent()) {
                return got.get();
            }
            if (System.nanoTime() >= deadline) {
                throw new WaitTimeout("waited " + human(labBound) + " (lab time, scale " + clock.scale() + ") for "
                        + what + "; saw: " + seen.get());
            }
            try {
                Thread.sleep(pollNanos / 1_000_000, (int) (pollNanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WaitTimeout("interrupted while waiting for " + what + "; saw: " + seen.get());
            }
        }
    }

    public static String human(Duration d) {
        if (d.toMillis() % 1000 == 0) {
            return d.toSeconds() + " s";
        }
        return d.toMillis() + " ms";
    }
}
