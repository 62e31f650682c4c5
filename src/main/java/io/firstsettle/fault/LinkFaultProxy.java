package io.firstsettle.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.IsoFrameFormat;
import io.firstsettle.core.LabClock;

/**
 * An in-process TCP proxy between a terminal and its acquirer host that misbehaves on purpose. It listens on
 * 127.0.0.1:0 and forwards to the host; it frames ISO 8583 as the host does ({@link IsoFrameFormat}: 2-byte length,
 * the host's 5-byte TPDU or 11-byte China UnionPay header, ASCII or BCD MTI), so a fault can fire at a named
 * {@link ProtocolPoint} of a chosen exchange. Timings are lab time through the {@link LabClock}.
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
    private final IsoFrameFormat format;
    private final LabClock clock;
    private final EventSink events;
    private final ServerSocket listener;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile ArmedLinkFault armed;

    private LinkFaultProxy(InetSocketAddress bind, String targetHost, int targetPort, IsoFrameFormat format,
                           LabClock clock, EventSink events) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.format = format;
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
        return listen(bindHost, bindPort, targetPort, IsoFrameFormat.ofHeaderHex("6000000000"), clock, events);
    }

    /** As {@link #listen(String, int, int, LabClock, EventSink)}, framing as the host does ({@code format}). */
    public static LinkFaultProxy listen(String bindHost, int bindPort, int targetPort, IsoFrameFormat format,
                                        LabClock clock, EventSink events) {
        try {
            return started(new LinkFaultProxy(new InetSocketAddress(bindHost, bindPort), "127.0.0.1", targetPort,
                    format, clock, events), bindHost);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen for the terminal on " + bindHost + ":" + bindPort + " (" + e
                    .getMessage() + "): free the port, or change hostListen in the terminal profile and the acquirer "
                    + "address in the terminal's own set-up", e);
        }
    }

    /** A proxy to 127.0.0.1:targetPort with a 5-byte TPDU header and {@code fault} applied (null = faithful). */
    public static LinkFaultProxy start(int targetPort, LinkFault fault, LabClock clock, EventSink events) {
        return start(IsoFrameFormat.ofHeaderHex("6000000000"), targetPort, fault, clock, events);
    }

    /**
     * A proxy to 127.0.0.1:targetPort framing as the host does ({@code format}: the host's own header, 5 or 11 bytes),
     * with {@code fault} applied (null = faithful).
     */
    public static LinkFaultProxy start(IsoFrameFormat format, int targetPort, LinkFault fault, LabClock clock,
                                       EventSink events) {
        LinkFaultProxy p = start("127.0.0.1", targetPort, format, clock, events);
        if (fault != null) {
            p.apply(FaultProfile.link("link-" + fault.action().wire(), fault));
        }
        return p;
    }

    /** @param headerLength bytes of channel header before the MTI: 5 (TPDU), 11 (UnionPay-style), 0 (none) */
    public static LinkFaultProxy start(String targetHost, int targetPort, int headerLength, LabClock clock,
                                       EventSink events) {
        return start(targetHost, targetPort, IsoFrameFormat.ofHeaderHex("00".repeat(headerLength)), clock, events);
    }

    /** A proxy to {@code targetHost:targetPort} whose messages are framed as {@code format} says. */
    public static LinkFaultProxy start(String targetHost, int targetPort, IsoFrameFormat format, LabClock clock,
                                       EventSink events) {
        try {
            return started(new LinkFaultProxy(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), targetHost,
                    targetPort, format, clock, events), null);
        } catch (IOException e) {
            throw new IllegalStateException("the link fault proxy cannot listen on 127.0.0.1: " + e, e);
        }
    }

    private static LinkFaultProxy started(LinkFaultProxy p, String bindHost) {
        Thread t = new Thread(p::acceptLoop, "link-fault-proxy-" + p.port());
        t.setDaemon(true);
        t.start();
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("port", p.port());
        if (bindHost != null) {
            ev.put("bind", bindHost);
        }
        ev.put("target", p.targetHost + ":" + p.targetPort);
        ev.put("headerBytes", p.format.headerBytes());
        p.events.record("fault", "link-proxy-started", ev);
        return p;
    }

    /** How this proxy frames messages (the host's header). */
    public IsoFrameFormat format() {
        return format;
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
        ArmedLinkFault[] self = new ArmedLinkFault[1];
        ArmedLinkFault a = new ArmedLinkFault(profile, () -> {
            if (armed == self[0]) {
                armed = null;
            }
            events.record("fault", "removed", Map.of("fault", profile.name(), "proxyPort", port()));
        });
        self[0] = a;
        ArmedLinkFault old = armed;
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

    private void fired(ArmedLinkFault a, ProtocolPoint point, String mti, int conn) {
        fired(a, point, mti, conn, null);
    }

    private Duration firedDelay(ArmedLinkFault a, ProtocolPoint point, String mti, int conn) {
        Duration d = a.delay();
        fired(a, point, mti, conn, d);
        return d;
    }

    private void fired(ArmedLinkFault a, ProtocolPoint point, String mti, int conn, Duration delay) {
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
        ArmedLinkFault a = armed;
        Socket s = null;
        ProxyLink link = new ProxyLink(c, sockets);
        try {
            if (a != null && a.fault.point() == ProtocolPoint.CONNECT && a.fires(null)) {
                Duration d = a.fault.action() == LinkAction.DELAY ? a.delay() : null;
                fired(a, ProtocolPoint.CONNECT, null, conn, d);
                switch (a.fault.action()) {
                    case REFUSE -> {
                        ProxyLink.reset(c);
                        return;
                    }
                    case HALF_OPEN -> {
                        ProxyLink.swallow(c.getInputStream());
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

    private void pumpRequests(ProxyLink l, int conn) throws IOException, InterruptedException {
        InputStream in = new java.io.BufferedInputStream(l.terminal.getInputStream());
        OutputStream out = l.host.getOutputStream();
        while (true) {
            byte[] msg = IsoFrameFormat.readFrame(in);
            if (l.swallowing) {
                continue;
            }
            String mti = mti(msg);
            ArmedLinkFault a = armed;
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
                        ProxyLink.reset(l.host);
                        ProxyLink.reset(l.terminal);
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

    private void pumpResponses(ProxyLink l, int conn) {
        try {
            InputStream in = new java.io.BufferedInputStream(l.host.getInputStream());
            OutputStream out = l.terminal.getOutputStream();
            while (true) {
                byte[] msg = IsoFrameFormat.readFrame(in);
                if (l.swallowing) {
                    continue;
                }
                ArmedLinkFault a = l.hit;
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
                            ProxyLink.reset(l.terminal);
                            ProxyLink.reset(l.host);
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

    /** The MTI of a frame, read where the host's header ends. */
    String mti(byte[] frame) {
        return format.mti(frame);
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

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                listener.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            sockets.forEach(ProxyLink::close);
            events.record("fault", "link-proxy-stopped", Map.of("port", listener.getLocalPort()));
        }
    }
}
