package io.firstsettle.fault;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;

/**
 * An in-process TCP proxy between a terminal and its acquirer host that misbehaves on purpose. It listens on
 * 127.0.0.1:0 and forwards to the host; it frames ISO 8583 by the 2-byte big-endian length prefix and reads the MTI
 * after the TPDU header (5 bytes by default; ASCII or BCD MTI), so a fault can fire at a named {@link ProtocolPoint} of
 * a chosen exchange. Timings are lab time through the {@link LabClock}.
 *
 * <pre>
 *  terminal --TCP--> [proxy :port]  --TCP--> host
 *            request-received | request-delivered      (terminal -> host)
 *            response-delivered | response-received    (host -> terminal)
 * </pre>
 *
 * One fault at a time: {@link #apply(FaultProfile)} replaces it, {@link AppliedFault#remove()} clears it (the proxy then
 * forwards faithfully). Each fired fault is recorded as a "fault"/"link-fault-fired" event.
 */
public final class LinkFaultProxy implements AutoCloseable {
    private final String targetHost;
    private final int targetPort;
    private final int headerLength;
    private final LabClock clock;
    private final EventSink events;
    private final ServerSocket listener;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Armed armed;

    /** The fault in force with its own trigger state (counters, seeded random). */
    private final class Armed implements AppliedFault {
        final FaultProfile profile;
        final LinkFault fault;
        final Random random;
        int matched;
        final AtomicBoolean removed = new AtomicBoolean();

        Armed(FaultProfile profile) {
            this.profile = profile;
            this.fault = profile.link();
            this.random = new Random(fault.trigger().seed());
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

        synchronized Duration delay() {
            Duration d = fault.delay();
            if (fault.jitter() != null) {
                d = d.plusNanos((long) (random.nextDouble() * fault.jitter().toNanos()));
            }
            return d;
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
                if (armed == this) {
                    armed = null;
                }
                events.record("fault", "removed", Map.of("fault", profile.name(), "proxyPort", port()));
            }
        }
    }

    private LinkFaultProxy(String targetHost, int targetPort, int headerLength, LabClock clock, EventSink events)
            throws IOException {
        this(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), targetHost, targetPort, headerLength, clock,
                events);
    }

    private LinkFaultProxy(InetSocketAddress bind, String targetHost, int targetPort, int headerLength, LabClock clock,
                           EventSink events) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.headerLength = headerLength;
        this.clock = clock;
        this.events = events == null ? EventSink.NONE : events;
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(bind, 50);
    }

    /**
     * A faithful proxy listening where a physical terminal was told its acquirer is ({@code bindHost:bindPort}, e.g.
     * 0.0.0.0:8583), forwarding to the host at 127.0.0.1:targetPort with a 5-byte TPDU header.
     */
    public static LinkFaultProxy listen(String bindHost, int bindPort, int targetPort, LabClock clock, EventSink events) {
        try {
            LinkFaultProxy p = new LinkFaultProxy(new InetSocketAddress(bindHost, bindPort), "127.0.0.1", targetPort, 5,
                    clock, events);
            Thread t = new Thread(p::acceptLoop, "link-fault-proxy-" + p.port());
            t.setDaemon(true);
            t.start();
            p.events.record("fault", "link-proxy-started", Map.of("port", p.port(), "bind", bindHost,
                    "target", "127.0.0.1:" + targetPort));
            return p;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen for the terminal on " + bindHost + ":" + bindPort + " (" + e
                    .getMessage() + "): free the port, or change hostListen in the terminal profile and the acquirer "
                    + "address in the terminal's own set-up", e);
        }
    }

    /** A proxy to 127.0.0.1:targetPort with a 5-byte TPDU header and {@code fault} applied (null = faithful). */
    public static LinkFaultProxy start(int targetPort, LinkFault fault, LabClock clock, EventSink events) {
        LinkFaultProxy p = start("127.0.0.1", targetPort, 5, clock, events);
        if (fault != null) {
            p.apply(FaultProfile.link("link-" + fault.action().wire(), fault));
        }
        return p;
    }

    /** @param headerLength bytes of channel header before the MTI: 5 (TPDU), 11 (UnionPay-style), 0 (none) */
    public static LinkFaultProxy start(String targetHost, int targetPort, int headerLength, LabClock clock,
                                       EventSink events) {
        try {
            LinkFaultProxy p = new LinkFaultProxy(targetHost, targetPort, headerLength, clock, events);
            Thread t = new Thread(p::acceptLoop, "link-fault-proxy-" + p.port());
            t.setDaemon(true);
            t.start();
            p.events.record("fault", "link-proxy-started", Map.of("port", p.port(), "target",
                    targetHost + ":" + targetPort));
            return p;
        } catch (IOException e) {
            throw new IllegalStateException("the link fault proxy cannot listen on 127.0.0.1: " + e, e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Puts a link profile in force (replacing any other); its trigger counts from zero. */
    public AppliedFault apply(FaultProfile profile) {
        if (profile.kind() != FaultKind.LINK) {
            throw new IllegalArgumentException("fault '" + profile.name() + "' is of kind " + profile.kind().wire()
                    + ": the link proxy applies only kind 'link'");
        }
        Armed a = new Armed(profile);
        Armed old = armed;
        armed = a;
        if (old != null) {
            old.removed.set(true);
        }
        LinkFault f = profile.link();
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("fault", profile.name());
        ev.put("action", f.action().wire());
        ev.put("point", f.point().wire());
        ev.put("trigger", String.valueOf(f.trigger()));
        ev.put("proxyPort", port());
        events.record("fault", "applied", ev);
        return a;
    }

    private void acceptLoop() {
        while (!closed.get()) {
            Socket c;
            try {
                c = listener.accept();
            } catch (IOException e) {
                if (!closed.get()) {
                    events.record("fault", "link-proxy-accept-failed", Map.of("error", e.toString()));
                }
                return;
            }
            sockets.add(c);
            int n = connections.incrementAndGet();
            Thread t = new Thread(() -> serve(c, n), "link-fault-conn-" + n);
            t.setDaemon(true);
            t.start();
        }
    }

    private void fired(Armed a, ProtocolPoint point, String mti, int conn) {
        fired(a, point, mti, conn, null);
    }

    private Duration firedDelay(Armed a, ProtocolPoint point, String mti, int conn) {
        Duration d = a.delay();
        fired(a, point, mti, conn, d);
        return d;
    }

    private void fired(Armed a, ProtocolPoint point, String mti, int conn, Duration delay) {
        Map<String, Object> ev = new LinkedHashMap<>();
        if (delay != null) {
            ev.put("delayLabMillis", delay.toMillis());
        }
        ev.put("fault", a.profile.name());
        ev.put("action", a.fault.action().wire());
        ev.put("point", point.wire());
        ev.put("mti", mti == null ? "-" : mti);
        ev.put("connection", conn);
        events.record("fault", "link-fault-fired", ev);
    }

    /** One terminal connection. Exchange state: the fault (if any) that fires on the current request. */
    private void serve(Socket c, int conn) {
        Armed a = armed;
        Socket s = null;
        Link link = new Link(c);
        try {
            if (a != null && a.fault.point() == ProtocolPoint.CONNECT && a.fires(null)) {
                Duration d = a.fault.action() == LinkAction.DELAY ? a.delay() : null;
                fired(a, ProtocolPoint.CONNECT, null, conn, d);
                switch (a.fault.action()) {
                    case REFUSE -> {
                        reset(c);
                        return;
                    }
                    case HALF_OPEN -> {
                        swallow(c.getInputStream());
                        return;
                    }
                    case DELAY -> clock.pause(d);
                    case BANDWIDTH -> link.bytesPerSecond = a.fault.bytesPerSecond();
                    default -> { }
                }
            }
            s = new Socket(targetHost, targetPort);
            sockets.add(s);
            link.host = s;
            Thread back = new Thread(() -> pumpResponses(link, conn), "link-fault-back-" + conn);
            back.setDaemon(true);
            back.start();
            pumpRequests(link, conn);
        } catch (IOException | InterruptedException e) {
            // either side went away: the other follows
        } finally {
            link.closeBoth();
        }
    }

    /** The state of one proxied connection. */
    private final class Link {
        final Socket terminal;
        volatile Socket host;
        volatile int bytesPerSecond;
        volatile Armed hit;
        volatile String hitMti;
        volatile boolean swallowing;

        Link(Socket terminal) {
            this.terminal = terminal;
        }

        void closeBoth() {
            close(terminal);
            sockets.remove(terminal);
            if (host != null) {
                close(host);
                sockets.remove(host);
            }
        }
    }

    private void pumpRequests(Link l, int conn) throws IOException, InterruptedException {
        DataInputStream in = new DataInputStream(l.terminal.getInputStream());
        OutputStream out = l.host.getOutputStream();
        while (true) {
            byte[] msg = readFrame(in);
            if (l.swallowing) {
                continue;
            }
            String mti = mti(msg);
            Armed a = armed;
            boolean hit = a != null && a.fault.point() != ProtocolPoint.CONNECT && a.fires(mti);
            l.hit = hit ? a : null;
            l.hitMti = mti;
            if (hit && a.fault.point() == ProtocolPoint.REQUEST_RECEIVED) {
                if (a.fault.action() != LinkAction.DELAY) {
                    fired(a, ProtocolPoint.REQUEST_RECEIVED, mti, conn);
                }
                switch (a.fault.action()) {
                    case DROP -> {
                        return;
                    }
                    case DELAY -> clock.pause(firedDelay(a, ProtocolPoint.REQUEST_RECEIVED, mti, conn));
                    case RESET -> {
                        write(out, msg, msg.length / 2, l.bytesPerSecond);
                        reset(l.host);
                        reset(l.terminal);
                        return;
                    }
                    case HALF_OPEN -> {
                        l.swallowing = true;
                        continue;
                    }
                    default -> { }
                }
            }
            write(out, msg, msg.length, l.bytesPerSecond);
            if (hit && a.fault.point() == ProtocolPoint.REQUEST_DELIVERED) {
                fired(a, ProtocolPoint.REQUEST_DELIVERED, mti, conn);
                if (a.fault.action() == LinkAction.DROP) {
                    return;
                }
                l.swallowing = true; // half-open: the answer will be swallowed
            }
        }
    }

    private void pumpResponses(Link l, int conn) {
        try {
            DataInputStream in = new DataInputStream(l.host.getInputStream());
            OutputStream out = l.terminal.getOutputStream();
            while (true) {
                byte[] msg = readFrame(in);
                if (l.swallowing) {
                    continue;
                }
                Armed a = l.hit;
                String mti = l.hitMti;
                if (a != null && a.fault.point() == ProtocolPoint.RESPONSE_RECEIVED) {
                    if (a.fault.action() != LinkAction.DELAY) {
                        fired(a, ProtocolPoint.RESPONSE_RECEIVED, mti, conn);
                    }
                    switch (a.fault.action()) {
                        case DROP -> {
                            l.closeBoth();
                            return;
                        }
                        case DELAY -> clock.pause(firedDelay(a, ProtocolPoint.RESPONSE_RECEIVED, mti, conn));
                        case RESET -> {
                            write(out, msg, msg.length / 2, l.bytesPerSecond);
                            reset(l.terminal);
                            reset(l.host);
                            return;
                        }
                        default -> { }
                    }
                }
                write(out, msg, msg.length, l.bytesPerSecond);
                if (a != null && a.fault.point() == ProtocolPoint.RESPONSE_DELIVERED) {
                    fired(a, ProtocolPoint.RESPONSE_DELIVERED, mti, conn);
                    l.closeBoth();
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            l.closeBoth();
        }
    }

    /** A whole frame: the 2-byte length prefix and its payload. */
    private static byte[] readFrame(DataInputStream in) throws IOException {
        int hi = in.read();
        if (hi < 0) {
            throw new EOFException();
        }
        int lo = in.read();
        if (lo < 0) {
            throw new EOFException();
        }
        int len = (hi << 8) | lo;
        byte[] frame = new byte[2 + len];
        frame[0] = (byte) hi;
        frame[1] = (byte) lo;
        in.readFully(frame, 2, len);
        return frame;
    }

    /** The MTI after the length prefix and the channel header: 4 ASCII digits, else 2 BCD bytes; "????" if too short. */
    String mti(byte[] frame) {
        int at = 2 + headerLength;
        if (frame.length >= at + 4 && isDigits(frame, at, 4)) {
            return new String(frame, at, 4, java.nio.charset.StandardCharsets.US_ASCII);
        }
        if (frame.length >= at + 2) {
            return String.format("%02X%02X", frame[at] & 0xFF, frame[at + 1] & 0xFF);
        }
        return "????";
    }

    private static boolean isDigits(byte[] b, int off, int n) {
        for (int i = off; i < off + n; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }

    /** Writes {@code n} bytes, at most {@code bytesPerSecond} per lab second when limited (0 = unlimited). */
    private void write(OutputStream out, byte[] b, int n, int bytesPerSecond) throws IOException, InterruptedException {
        if (bytesPerSecond <= 0) {
            out.write(b, 0, n);
            out.flush();
            return;
        }
        int chunk = Math.max(1, bytesPerSecond / 10);
        for (int off = 0; off < n; off += chunk) {
            int len = Math.min(chunk, n - off);
            out.write(b, off, len);
            out.flush();
            clock.pause(Duration.ofNanos(1_000_000_000L * len / bytesPerSecond));
        }
    }

    private static void swallow(InputStream in) throws IOException {
        byte[] buf = new byte[1024];
        while (in.read(buf) >= 0) {
            // half-open: read and never answer
        }
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // already closed
        }
        close(s);
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                listener.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            sockets.forEach(LinkFaultProxy::close);
            events.record("fault", "link-proxy-stopped", Map.of("port", listener.getLocalPort()));
        }
    }
}
