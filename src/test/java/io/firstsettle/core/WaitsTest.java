package io.firstsettle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Waits through Awaitility: a wait that succeeds, one that times out with its name, and interruption. */
class WaitsTest {

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void returnsTheProbesValueOnTheCallersThreadOnceItAppears() {
        AtomicInteger calls = new AtomicInteger();
        Thread caller = Thread.currentThread();
        long t0 = System.nanoTime();
        String got = Waits.until(LabClock.scaled(0.01), "the fifth probe", Duration.ofSeconds(100), () -> {
            assertSame(caller, Thread.currentThread(), "the probe runs on the caller's thread");
            return calls.incrementAndGet() >= 5 ? Optional.of("ready") : Optional.empty();
        }, () -> "calls=" + calls.get());
        assertEquals("ready", got);
        assertEquals(5, calls.get(), "no probe after the value appeared");
        // 100 s lab at scale 0.01 is 1 s real; the poll interval is 1/100 of it (10 ms), so five calls take ~40 ms
        assertTrue(System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(900), "returned before the bound");
    }

    @Test
    void anAlreadyTrueProbeReturnsAtOnce() {
        long t0 = System.nanoTime();
        int v = Waits.until(LabClock.real(), "an answer that is there", Duration.ofSeconds(30),
                () -> Optional.of(7), () -> "nothing");
        assertEquals(7, v);
        assertTrue(System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(500));
    }

    @Test
    void timesOutAfterTheScaledBoundNamingTheWaitItsBoundAndWhatItSaw() {
        LabClock clock = LabClock.scaled(0.001);
        long t0 = System.nanoTime();
        Waits.WaitTimeout e = assertThrows(Waits.WaitTimeout.class, () -> Waits.until(clock,
                "the terminal's 06 0F completion", Duration.ofSeconds(120), Optional::empty,
                () -> "80 00 00 (ACK) only"));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals("waited 120 s (lab time, scale 0.001) for the terminal's 06 0F completion; "
                + "saw: 80 00 00 (ACK) only", e.getMessage());
        // 120 s lab at scale 0.001 = 120 ms real: not before it, and far from the 120 s of lab time
        assertTrue(tookMs >= 115, "waited the real bound, took " + tookMs + " ms");
        assertTrue(tookMs < 5_000, "the bound was scaled, took " + tookMs + " ms");
    }

    @Test
    void anInterruptEndsTheWaitAtOnceAndKeepsTheFlag() throws InterruptedException {
        Thread waiter = Thread.currentThread();
        CountDownLatch probing = new CountDownLatch(1);
        Thread interrupter = new Thread(() -> {
            try {
                probing.await(5, TimeUnit.SECONDS);
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException ignored) {
                return;
            }
            waiter.interrupt();
        }, "interrupter");
        interrupter.start();
        long t0 = System.nanoTime();
        Waits.WaitTimeout e = assertThrows(Waits.WaitTimeout.class, () -> Waits.until(LabClock.real(),
                "a register that never connects", Duration.ofSeconds(30), () -> {
                    probing.countDown();
                    return Optional.empty();
                }, () -> "no connection"));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals("interrupted while waiting for a register that never connects; saw: no connection",
                e.getMessage());
        assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag stays set for the caller");
        assertTrue(tookMs < 5_000, "ended on the interrupt, not at the 30 s bound: " + tookMs + " ms");
        Thread.interrupted();
        interrupter.join(5_000);
    }

    @Test
    void aProbesOwnExceptionEndsTheWaitAsItIs() {
        IllegalStateException boom = new IllegalStateException("the link is gone");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Waits.until(LabClock.real(),
                "a frame", Duration.ofSeconds(5), () -> {
                    throw boom;
                }, () -> "nothing"));
        assertSame(boom, e);
    }

    @Test
    void leavesTheJvmsUncaughtExceptionHandlerAlone() {
        // Awaitility's default would install its own JVM-wide handler during the wait and fail the wait on any other
        // thread's exception; in a rig (host, bank, terminal in one JVM) that must not happen.
        // Waits configures each wait itself (same thread, no catching), so even a global Awaitility default that a
        // test library could set does not reach it.
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Awaitility.catchUncaughtExceptions();
        try {
            AtomicInteger calls = new AtomicInteger();
            Waits.until(LabClock.real(), "the host's answer", Duration.ofSeconds(5), () -> {
                assertSame(before, Thread.getDefaultUncaughtExceptionHandler(), "handler during the wait");
                return calls.incrementAndGet() > 2 ? Optional.of(true) : Optional.empty();
            }, () -> "calls=" + calls.get());
        } finally {
            Awaitility.reset();
        }
        assertSame(before, Thread.getDefaultUncaughtExceptionHandler());
    }
}
