package io.firstsettle.core;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Named, bounded waits in lab time. A failed wait says what it waited for, for how long, and what it saw instead.
 *
 * <p>The polling is Awaitility's ({@code org.awaitility:awaitility}, Apache-2.0); this class only adds what the lab
 * needs on top: the bound is given in lab time and scaled through the {@link LabClock}, the message names the wait,
 * its lab bound, the scale and what was seen, and an interrupt ends the wait at once. Awaitility is configured per
 * call, never through its static defaults, because it runs in production code too (the rig, the host, the steps):
 * <ul>
 *   <li>{@code pollInSameThread()}: the probe runs on the caller's thread, as the hand-written loop did. Probes here
 *       read state that is not always thread-safe (a session's counters, a link's buffer), and a thread pool per wait
 *       would cost a thread per call in loops such as {@code ZvtTcpSessions}' accept slices.</li>
 *   <li>{@code dontCatchUncaughtExceptions()}: with catching on (a global Awaitility default any library or test
 *       can switch on), Awaitility installs a JVM-wide uncaught-exception handler for the length of a wait and fails
 *       the wait on any other thread's exception. In a rig with a host, a bank and a terminal in one JVM that would
 *       turn an unrelated thread's failure into a failed wait, so each wait turns it off itself.</li>
 *   <li>Interruption: Awaitility (4.3.0) in same-thread mode does not end a wait when the waiting thread is
 *       interrupted; it keeps polling until the bound (measured: an interrupted 2 s wait returned after 2 s). The
 *       probe below checks the interrupt flag after each miss, so an interrupted wait ends within one poll
 *       interval.</li>
 * </ul>
 *
 * <p>Where Awaitility does not fit: a blocking read with a deadline ({@code BytePort.read(buf, timeout)}, the ZVT and
 * Concert links' frame reads). Those block in the kernel (poll(2), a socket timeout) until a byte arrives or the
 * deadline passes; Awaitility can only call a condition again and again, which would turn a blocking read into a
 * polling loop, the very thing issue 16 removes from idle ports. They keep their own deadline and still name what
 * they waited for in their errors.
 */
public final class Waits {
    private Waits() {
    }

    /** Thrown when a named wait runs out. The message names the wait, its bound and what was seen. */
    public static final class WaitTimeout extends RuntimeException {
        public WaitTimeout(String message) {
            super(message);
        }

        WaitTimeout(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Thrown out of the probe to end a wait whose thread was interrupted; never escapes this class. */
    private static final class Interrupted extends RuntimeException {
        Interrupted() {
            super(null, null, false, false);
        }
    }

    /**
     * Polls {@code probe} until it yields a value or {@code labBound} passes on the lab clock. The probe is called
     * at once, then every 1/100 of the real bound (at least 0.2 ms, at most 20 ms), on the caller's thread. An
     * exception thrown by the probe ends the wait and is passed on as it is.
     *
     * @param what   what is awaited, in words ("the terminal's 06 0F completion")
     * @param seen   describes the current state when the wait fails
     * @throws WaitTimeout when the bound passes (the message names {@code what}, the lab bound, the scale and
     *                     {@code seen}) or the thread is interrupted (the interrupt flag stays set)
     */
    public static <T> T until(LabClock clock, String what, Duration labBound, Supplier<Optional<T>> probe,
                              Supplier<String> seen) {
        Duration real = clock.toReal(labBound);
        long pollNanos = Math.max(200_000L, Math.min(20_000_000L, real.toNanos() / 100));
        AtomicReference<T> got = new AtomicReference<>();
        try {
            Awaitility.await(what)
                    .pollInSameThread()
                    .dontCatchUncaughtExceptions()
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofNanos(pollNanos))
                    .atMost(real.isZero() ? Duration.ofMillis(1) : real)
                    .until(() -> {
                        Optional<T> value = probe.get();
                        if (value.isPresent()) {
                            got.set(value.get());
                            return true;
                        }
                        if (Thread.currentThread().isInterrupted()) {
                            throw new Interrupted();
                        }
                        return false;
                    });
            return got.get();
        } catch (Interrupted e) {
            throw new WaitTimeout("interrupted while waiting for " + what + "; saw: " + seen.get());
        } catch (ConditionTimeoutException e) {
            throw new WaitTimeout("waited " + human(labBound) + " (lab time, scale " + clock.scale() + ") for "
                    + what + "; saw: " + seen.get(), e);
        }
    }

    public static String human(Duration d) {
        if (d.toMillis() % 1000 == 0) {
            return d.toSeconds() + " s";
        }
        return d.toMillis() + " ms";
    }
}
