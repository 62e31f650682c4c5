package io.firstsettle.host;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.EventObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jpos.iso.BaseChannel;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOServerAcceptEvent;
import org.jpos.iso.ISOServerClientDisconnectEvent;
import org.jpos.iso.ISOServerEventListener;
import org.jpos.iso.ISOSource;
import org.jpos.util.LogEvent;
import org.jpos.util.LogListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;

/**
 * The host's terminal sessions: at most {@link SessionLimits#maxSessions()} open at once, each closed after
 * {@link SessionLimits#idleTimeout()} of silence. A connection beyond the bound is accepted and closed at once (the
 * terminal sees the connection drop and may try again) while the listener stays open: jPOS's own {@code ISOServer}
 * closes its listening socket when its pool is full, which locked every terminal out once a few idle connections
 * held the pool. One INFO line (logger {@code io.firstsettle.host.sessions}) per session start and end and per
 * refused connection or malformed message.
 *
 * <p>Wiring: {@link #listeningSocket()} is the server socket the host binds, {@link #touch} is called for every
 * message, and the instance is the ISOServer's event listener and the log listener of the channels' jPOS logger.
 */
public final class HostSessions implements ISOServerEventListener, LogListener {
    static final String LOGGER = "io.firstsettle.host.sessions";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final SessionLimits limits;
    private final long idleMillis;
    private final EventSink events;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong idleClosed = new AtomicLong();
    private final Map<Object, Session> byChannel = new ConcurrentHashMap<>();

    /** One open session: who, since when, and what it did. */
    private static final class Session {
        final String remote;
        final long startNanos = System.nanoTime();
        volatile long lastNanos = startNanos;
        final AtomicLong messages = new AtomicLong();
        /** Requests taken but not yet answered: while the host owes an answer the session is not idle. */
        final java.util.concurrent.atomic.AtomicInteger owed = new java.util.concurrent.atomic.AtomicInteger();
        volatile Throwable error;

        Session(String remote) {
            this.remote = remote;
        }
    }

    /** Counters for a report: sessions started, refused connections, malformed messages, sessions closed idle. */
    public record Counts(long started, int open, long refused, long malformed, long idleClosed) {
    }

    HostSessions(SessionLimits limits, LabClock clock, EventSink events) {
        this.limits = limits;
        this.idleMillis = Math.max(1, clock.toRealMillis(limits.idleTimeout()));
        this.events = events;
    }

    SessionLimits limits() {
        return limits;
    }

    /** Real milliseconds a session may stay silent (the channel's read timeout). */
    int idleTimeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, idleMillis);
    }

    /** The jPOS thread pool size: one more than the bound, so jPOS itself never sees a full pool. */
    int poolSize() {
        return limits.maxSessions() + 1;
    }

    Counts counts() {
        return new Counts(started.get(), open.get(), refused.get(), malformed.get(), idleClosed.get());
    }

    /** An unbound server socket whose accept() refuses connections beyond the bound. */
    ServerSocket listeningSocket() throws IOException {
        return new ServerSocket() {
            @Override
            public Socket accept() throws IOException {
                while (true) {
                    Socket s = super.accept();
                    if (open.get() < limits.maxSessions()) {
                        return s;
                    }
                    refuse(s);
                }
            }
        };
    }

    private void refuse(Socket s) {
        long n = refused.incrementAndGet();
        String remote = remote(s.getRemoteSocketAddress());
        try {
            s.setSoLinger(true, 0);
            s.close();
        } catch (IOException e) {
            // it is being refused either way
        }
        LOG.info("refused connection from {}: {} of {} sessions open (refused so far: {}); the listener stays open",
                remote, open.get(), limits.maxSessions(), n);
        events.record("host", "connection-refused", Map.of("remote", remote, "open", open.get(),
                "maxSessions", limits.maxSessions()));
    }

    /**
     * A request arrived on {@code source}: the session is not idle, and the host owes it an answer. jPOS fires the
     * accept event from its listener thread after it has started the session's thread, so the first request can come
     * first: the session is then entered here, and the accept event finds it.
     */
    void touch(ISOSource source) {
        Session s = byChannel.computeIfAbsent(source, HostSessions::newSession);
        s.lastNanos = System.nanoTime();
        s.messages.incrementAndGet();
        s.owed.incrementAndGet();
    }

    private static Session newSession(Object channel) {
        return new Session(channel instanceof BaseChannel b && b.getSocket() != null
                ? remote(b.getSocket().getRemoteSocketAddress()) : "?");
    }

    /** The host is done with a request of {@code source} (answered, or let go): the idle time counts from now. */
    void done(ISOSource source) {
        Session s = byChannel.get(source);
        if (s != null) {
            s.lastNanos = System.nanoTime();
            s.owed.decrementAndGet();
        }
    }

    /**
     * How long {@code channel} may still stay silent before the host closes it as idle, in real ms (0 or less: close
     * it now). Its read times out after the idle timeout, but a terminal waiting for a slow bank's answer is not idle:
     * while the host owes it an answer it gets another full idle timeout; after the answer, the idle time counts from
     * the answer.
     */
    long idleLeftMillis(Object channel) {
        Session s = byChannel.get(channel);
        if (s == null) {
            return 0;
        }
        if (s.owed.get() > 0) {
            return idleMillis;
        }
        return idleMillis - (System.nanoTime() - s.lastNanos) / 1_000_000;
    }

    @Override
    public void handleISOServerEvent(EventObject event) {
        if (event instanceof ISOServerAcceptEvent a) {
            Session s = byChannel.computeIfAbsent(a.getISOChannel(), HostSessions::newSession);
            int now = open.incrementAndGet();
            started.incrementAndGet();
            LOG.info("session start {} ({} of {} open)", s.remote, now, limits.maxSessions());
        } else if (event instanceof ISOServerClientDisconnectEvent d) {
            Session s = byChannel.remove(d.getISOChannel());
            if (s == null) {
                return;
            }
            int now = open.decrementAndGet();
            long ms = (System.nanoTime() - s.startNanos) / 1_000_000;
            String why = why(s);
            LOG.info("session end {} after {} ms, {} messages, {} ({} open)", s.remote, ms, s.messages.get(), why, now);
        }
    }

    private String why(Session s) {
        Throwable e = s.error;
        long silentMs = (System.nanoTime() - s.lastNanos) / 1_000_000;
        if (e instanceof SocketTimeoutException || e == null && silentMs >= idleMillis) {
            idleClosed.incrementAndGet();
            events.record("host", "session-idle-closed", Map.of("remote", s.remote, "idleMs", idleMillis));
            return "closed by the host after " + idleMillis + " ms idle";
        }
        if (e instanceof ISOException) {
            return "closed after a malformed message (" + e.getMessage() + ")";
        }
        if (e == null || e instanceof EOFException || e instanceof SocketException) {
            return "closed by the terminal";
        }
        return "closed on error " + e;
    }

    /**
     * The channels log every receive here (jPOS builds that event anyway); one that failed to unpack carries the
     * exception, and its source is the session's channel.
     */
    @Override
    public LogEvent log(LogEvent ev) {
        if (!"receive".equals(ev.getTag())) {
            return ev;
        }
        Throwable t = null;
        for (Object o : ev.getPayLoad()) {
            if (o instanceof Throwable th) {
                t = th;
            }
        }
        if (t instanceof ISOException) {
            Session s = byChannel.get(ev.getSource());
            if (s != null) {
                s.error = t;
            }
            malformed.incrementAndGet();
            String remote = s != null ? s.remote : ev.getSource() instanceof BaseChannel b && b.getSocket() != null
                    ? remote(b.getSocket().getRemoteSocketAddress()) : "?";
            LOG.info("malformed message from {}: {}", remote, t.getMessage());
            events.record("host", "malformed-message", Map.of("remote", remote, "error", String.valueOf(t.getMessage())));
        }
        return ev;
    }

    private static String remote(SocketAddress a) {
        if (a instanceof InetSocketAddress i) {
            return i.getAddress().getHostAddress() + ":" + i.getPort();
        }
        return String.valueOf(a);
    }
}
