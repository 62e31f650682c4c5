package io.firstsettle.fault;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;
import io.firstsettle.port.BytePort;

/**
 * The cash register's end of the serial line, with a fault in the cable: a {@link BytePort} decorator (so it works
 * on ptys, real ports, tcp:// and rfc2217:// alike) that passes bytes faithfully until a {@code kind: serial} fault
 * profile is applied, then lets a {@link LineFaultEngine} for the line's {@link SerialFraming} (ZVT or Concert) mangle
 * them from the profile's {@link SerialPoint}.
 *
 * <pre>
 *  EcrClient -- SerialZvtLink -- [SerialFaultPort] -- delegate port ==line== terminal
 *                       write(): to the terminal          read(): to the register
 * </pre>
 *
 * A NAK the engine sends back "for the receiver" goes to the sender: into the register's reads, or written to the
 * terminal. Bytes held mid-frame ({@code gap}) are released to the register's reads when their time comes. One fault
 * at a time; every fault that fires is recorded as a "fault"/"serial-fault-fired" event.
 */
public final class SerialFaultPort implements BytePort {
    private final BytePort delegate;
    private final SerialFraming framing;
    private final LabClock clock;
    private final EventSink events;
    private final Object writeLock = new Object();
    /** Bytes due to the register, each with the nanoTime it may be read at. */
    private final Deque<long[]> due = new ArrayDeque<>();
    private final byte[] chunk = new byte[1024];
    private volatile Applied applied;
    private volatile long lastTraffic = System.nanoTime();

    /** A ZVT line. */
    public SerialFaultPort(BytePort delegate, LabClock clock, EventSink events) {
        this(delegate, clock, events, SerialFraming.ZVT);
    }

    /** A line that carries {@code framing}'s frames: the fault points are recognised in them. */
    public SerialFaultPort(BytePort delegate, LabClock clock, EventSink events, SerialFraming framing) {
        this.framing = framing;
        this.delegate = delegate;
        this.clock = clock;
        this.events = events;
    }

    /** The fault in force, with its engine. */
    private final class Applied implements AppliedFault {
        final FaultProfile profile;
        final LineFaultEngine engine;
        final long lastingNanos;
        final AtomicBoolean removed = new AtomicBoolean();
        final Set<String> told = new HashSet<>();

        Applied(FaultProfile profile) {
            this.profile = profile;
            SerialFault f = profile.serial();
            this.lastingNanos = f.lasting() == null ? -1 : clock.toReal(f.lasting()).toNanos();
            this.engine = LineFaultEngine.of(framing, f, lastingNanos, System.nanoTime());
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
            return !removed.get() && !engine.spent(System.nanoTime());
        }

        @Override
        public void remove() {
            if (removed.compareAndSet(false, true)) {
                if (applied == this) {
                    applied = null;
                }
                events.record("fault", "serial-fault-removed", Map.of("fault", profile.name(), "port", name()));
            }
        }

        void tell(java.util.List<String> fired) {
            for (String what : fired) {
                boolean repeatable = !what.startsWith("line cut") && !what.startsWith("bytes ")
                        && !what.startsWith("dropping bytes");
                synchronized (told) {
                    if (!repeatable && !told.add(what)) {
                        continue;
                    }
                }
                events.record("fault", "serial-fault-fired", Map.of("fault", profile.name(),
                        "action", profile.serial().action().wire(), "what", what, "port", name()));
            }
        }
    }

    /** Puts a {@code kind: serial} profile in force, replacing any other; the returned handle removes it. */
    public AppliedFault apply(FaultProfile profile) {
        if (profile.kind() != FaultKind.SERIAL) {
            throw new IllegalArgumentException(profile.name() + " is a " + profile.kind().wire()
                    + " fault, not a serial one");
        }
        Applied a = new Applied(profile);
        Applied old = applied;
        if (old != null) {
            old.remove();
        }
        applied = a;
        SerialFault f = profile.serial();
        events.record("fault", "serial-fault-applied", Map.of("fault", profile.name(), "action", f.action().wire(),
                "point", f.point().wire(), "direction", f.direction().wire(), "port", name(),
                "lasting", f.lasting() == null ? "until removed" : f.lasting().toString()));
        return a;
    }

    /** True while a window fault (a cut cable, a NAK storm) is in its window. */
    public boolean lineDisturbed() {
        Applied a = applied;
        return a != null && a.engine.windowOpen(System.nanoTime());
    }

    /** The protocol framing the fault points are recognised in. */
    public SerialFraming framing() {
        return framing;
    }

    /** The fault in force, or null. */
    public AppliedFault current() {
        return applied;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public void write(byte[] data) {
        lastTraffic = System.nanoTime();
        Applied a = applied;
        if (a == null) {
            toTerminal(data);
            return;
        }
        LineFaultEngine.Result r = a.engine.feed(true, data, 0, data.length, System.nanoTime());
        a.tell(r.fired());
        if (r.back().length > 0) {
            queueForRegister(r.back(), System.nanoTime());
        }
        for (LineFaultEngine.Piece p : r.forward()) {
            if (p.pauseMillis() > 0) {
                holdLine(p.pauseMillis());
            }
            if (p.bytes().length > 0) {
                toTerminal(p.bytes());
            }
        }
    }

    private void toTerminal(byte[] data) {
        synchronized (writeLock) {
            delegate.write(data);
        }
        lastTraffic = System.nanoTime();
    }

    /** How long no byte has crossed the line either way, in real milliseconds. */
    public long quietMillis() {
        return (System.nanoTime() - lastTraffic) / 1_000_000L;
    }

    /** A gap on the wire: real time, never scaled (T1 is a wire timing). */
    private static void holdLine(long millis) {
        try {
            LabClock.real().pause(Duration.ofMillis(millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int read(byte[] buf, int maxLen, int timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            long now = System.nanoTime();
            int n = takeDue(buf, maxLen, now);
            if (n > 0) {
                lastTraffic = System.nanoTime();
                return n;
            }
            long left = deadline - now;
            Long nextDue = nextDue();
            if (left <= 0 && (nextDue == null || nextDue > now)) {
                return 0;
            }
            long wait = nextDue == null ? left : Math.min(left, nextDue - now);
            int waitMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, wait / 1_000_000L));
            int got = delegate.read(chunk, Math.min(chunk.length, maxLen), waitMillis);
            if (got <= 0) {
                if (System.nanoTime() >= deadline && !hasDue(System.nanoTime())) {
                    return 0;
                }
                continue;
            }
            lastTraffic = System.nanoTime();
            Applied a = applied;
            if (a == null) {
                queueForRegister(java.util.Arrays.copyOf(chunk, got), System.nanoTime());
                continue;
            }
            LineFaultEngine.Result r = a.engine.feed(false, chunk, 0, got, System.nanoTime());
            a.tell(r.fired());
            if (r.back().length > 0) {
                toTerminal(r.back());
            }
            long at = System.nanoTime();
            for (LineFaultEngine.Piece p : r.forward()) {
                at += p.pauseMillis() * 1_000_000L;
                queueForRegister(p.bytes(), at);
            }
        }
    }

    private void queueForRegister(byte[] bytes, long atNanos) {
        synchronized (due) {
            for (byte b : bytes) {
                due.addLast(new long[] {b & 0xFF, atNanos});
            }
        }
    }

    private int takeDue(byte[] buf, int maxLen, long now) {
        synchronized (due) {
            int n = 0;
            while (n < maxLen && !due.isEmpty() && due.peekFirst()[1] <= now) {
                buf[n++] = (byte) due.pollFirst()[0];
            }
            return n;
        }
    }

    private Long nextDue() {
        synchronized (due) {
            return due.isEmpty() ? null : due.peekFirst()[1];
        }
    }

    private boolean hasDue(long now) {
        Long d = nextDue();
        return d != null && d <= now;
    }

    @Override
    public void close() {
        Applied a = applied;
        if (a != null) {
            a.remove();
        }
        delegate.close();
    }
}
