package io.firstsettle.ecr.zvt.link;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;
import io.firstsettle.core.Waits;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The terminal side of ZVT over TCP as an Ethernet PT serves it ([ZVT-TP] §4.1): the register connects, works, and
 * leaves; the next register connects to the same terminal, which kept its state (registration, batch, stored
 * reversal) because this one link stays with it the whole time. One register at a time: a second register that
 * connects while one is connected is closed at once, with the event {@code zvt-tcp-refused} naming both and why, so it
 * never hangs in the backlog. Between registers {@link #receive} returns empty (the terminal is idle) and
 * {@link #send} fails (nobody to send to).
 */
public final class ZvtTcpSessions implements ApduLink {
    /** How long a connection that may be on its way out gets before a newcomer is refused. */
    private static final Duration LEAVING_GRACE = Duration.ofMillis(300);
    private static final long SLICE_MILLIS = 20;

    private final ZvtTcpServer server;
    private final EventSink events;
    private final Thread acceptor;
    private volatile TcpZvtLink current;
    private volatile boolean closed;

    public ZvtTcpSessions(ZvtTcpServer server, EventSink events) {
        this.server = server;
        this.events = events;
        this.acceptor = new Thread(this::acceptLoop, "zvt-tcp-acceptor-" + server.port());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    private void acceptLoop() {
        while (!closed && !server.closed()) {
            Optional<Socket> s;
            try {
                s = server.acceptSocket(Duration.ofMillis(200));
            } catch (RuntimeException e) {
                if (!closed) {
                    events.record("terminal", "zvt-tcp-accept-failed", Map.of("error", String.valueOf(e.getMessage())));
                }
                return;
            }
            s.ifPresent(this::take);
        }
    }

    private void take(Socket s) {
        TcpZvtLink now = current;
        if (now != null && !gone(now)) {
            refuse(s, now);
            return;
        }
        if (now != null) {
            left(now, "the register disconnected");
        }
        current = server.link(s);
    }

    /** Whether {@code link} is gone, giving a register that is leaving a short grace to be seen leaving. */
    private static boolean gone(TcpZvtLink link) {
        try {
            return Waits.until(LabClock.real(), "the connected register " + link.name() + " to leave", LEAVING_GRACE,
                    () -> link.alive() ? Optional.empty() : Optional.of(true), () -> "still connected");
        } catch (Waits.WaitTimeout stillThere) {
            return false;
        }
    }

    private void refuse(Socket s, TcpZvtLink busy) {
        String peer = ZvtTcpServer.nameOf(s, server.port());
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("peer", peer);
        ev.put("connected", busy.name());
        ev.put("why", "refused " + peer + ": the register " + busy.name() + " is connected, and a ZVT terminal serves"
                + " one register at a time; connect again when it has disconnected");
        events.record("terminal", "zvt-tcp-refused", ev);
        try {
            s.close();
        } catch (IOException e) {
            // closed either way
        }
    }

    private void left(TcpZvtLink link, String why) {
        events.record("terminal", "zvt-tcp-register-left", Map.of("peer", link.name(), "why", why));
        link.close();
        if (current == link) {
            current = null;
        }
    }

    @Override
    public void send(Apdu apdu) {
        TcpZvtLink link = current;
        if (link == null) {
            throw new ZvtLinkException("no register is connected to " + server.spec() + ": nobody to send " + apdu
                    + " to");
        }
        link.send(apdu);
    }

    /** The next APDU from the connected register; empty while none is connected or when it leaves. */
    @Override
    public Optional<Apdu> receive(Duration realTimeout) {
        long deadline = System.nanoTime() + Math.max(0, realTimeout.toNanos());
        while (!closed) {
            TcpZvtLink link = current;
            long left = deadline - System.nanoTime();
            if (link == null) {
                if (left <= 0) {
                    return Optional.empty();
                }
                awaitRegister(Duration.ofNanos(Math.min(left, SLICE_MILLIS * 1_000_000L)));
                continue;
            }
            try {
                return link.receive(Duration.ofNanos(Math.max(0, left)));
            } catch (ZvtLinkException e) {
                left(link, String.valueOf(e.getMessage()));
                return Optional.empty();
            }
        }
        throw new ZvtLinkException(server.spec() + " is closed");
    }

    /** Waits up to {@code slice} for a register to connect (the caller loops until its own deadline). */
    private void awaitRegister(Duration slice) {
        try {
            Waits.until(LabClock.real(), "a register to connect to " + server.spec(), slice,
                    () -> current != null || closed ? Optional.of(true) : Optional.empty(), () -> "none connected");
        } catch (Waits.WaitTimeout none) {
            // the caller decides whether its own deadline has passed
        }
    }

    @Override
    public String name() {
        TcpZvtLink link = current;
        return server.spec() + (link == null ? " (no register connected)" : " (register " + link.name() + ")");
    }

    @Override
    public void close() {
        closed = true;
        server.close();
        acceptor.interrupt();
        try {
            acceptor.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        TcpZvtLink link = current;
        if (link != null) {
            link.close();
        }
    }
}
