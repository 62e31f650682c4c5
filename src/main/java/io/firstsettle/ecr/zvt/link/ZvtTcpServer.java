package io.firstsettle.ecr.zvt.link;

import io.firstsettle.core.EventSink;
import io.firstsettle.port.PortException;
import io.firstsettle.port.TcpBytePort;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The listening side of ZVT over TCP, as an Ethernet PT has it: {@code listen://HOST:PORT} (port 20007 when left out,
 * [ZVT-TP] §4.1). The ECR opens the connection and every message of a sequence travels on it; this server takes one
 * ECR connection at a time and hands it out as an {@link ApduLink}. {@link ZvtTcpSessions} serves register after
 * register on one server, as an Ethernet terminal does.
 */
public final class ZvtTcpServer implements AutoCloseable {
    private final ServerSocket server;
    private final String spec;
    private final EventSink events;

    private ZvtTcpServer(ServerSocket server, String spec, EventSink events) {
        this.server = server;
        this.spec = spec;
        this.events = events;
    }

    /**
     * Binds {@code listen://HOST:PORT}; {@code listen://0.0.0.0} takes port 20007, {@code :0} any free port.
     *
     * @throws PortException OTHER for a bad spec, BUSY when the port is taken
     */
    public static ZvtTcpServer listen(String spec, EventSink events) {
        InetSocketAddress addr = parse(spec);
        ServerSocket s = null;
        try {
            s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(addr, 1);
            return new ZvtTcpServer(s, spec, events);
        } catch (BindException e) {
            closeQuietly(s);
            throw new PortException(PortException.Kind.BUSY, spec, spec + ": cannot listen on " + addr + " ("
                    + e.getMessage() + ") — another program (another emulated terminal?) holds the port, or the"
                    + " address is not on this machine; pick another port in the terminal profile", e);
        } catch (IOException e) {
            closeQuietly(s);
            throw new PortException(PortException.Kind.OTHER, spec, spec + ": cannot listen on " + addr + ": " + e, e);
        }
    }

    static InetSocketAddress parse(String spec) {
        URI uri;
        try {
            uri = URI.create(spec);
        } catch (IllegalArgumentException e) {
            throw badSpec(spec);
        }
        if (!"listen".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw badSpec(spec);
        }
        return new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? TcpZvtLink.DEFAULT_PORT : uri.getPort());
    }

    private static PortException badSpec(String spec) {
        return new PortException(PortException.Kind.OTHER, spec, "'" + spec + "' is not a listening spec: write"
                + " listen://HOST:PORT, e.g. listen://0.0.0.0:20007 (the port defaults to 20007)");
    }

    /** The bound port (useful after {@code :0}). */
    public int port() {
        return server.getLocalPort();
    }

    /** {@code tcp://HOST:PORT} for an ECR on this machine to connect to (127.0.0.1 when listening on all). */
    public String localSpec() {
        return ListenAddress.localSpec(bound());
    }

    /**
     * Where it really listens, for a ready line: the bound port and, on all interfaces, e.g. {@code tcp://127.0.0.1:P
     * (listening on all interfaces: 0.0.0.0:P; from another machine: tcp://192.168.1.20:P)}.
     */
    public String where() {
        return ListenAddress.describe(bound(), ListenAddress.networkAddresses());
    }

    private InetSocketAddress bound() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /**
     * Waits up to {@code realTimeout} for the ECR to connect.
     *
     * @return the connection as a terminal-side link, or empty when nobody connected in time
     */
    public Optional<ApduLink> accept(Duration realTimeout) {
        return acceptSocket(realTimeout).map(this::link);
    }

    /** {@code tcp://PEER:PORT (accepted on :20007)}: how messages name an accepted connection. */
    static String nameOf(Socket s, int localPort) {
        return "tcp://" + s.getInetAddress().getHostAddress() + ":" + s.getPort() + " (accepted on :" + localPort + ")";
    }

    /** An accepted socket as a terminal-side link; records {@code zvt-tcp-accepted}. */
    TcpZvtLink link(Socket s) {
        String name = nameOf(s, port());
        events.record("terminal", "zvt-tcp-accepted", Map.of("peer", name));
        return new TcpZvtLink(TcpBytePort.accepted(s, name), events, "terminal");
    }

    /** The next connection as a bare socket, or empty after {@code realTimeout}. */
    Optional<Socket> acceptSocket(Duration realTimeout) {
        try {
            server.setSoTimeout((int) Math.max(1, realTimeout.toMillis()));
            return Optional.of(server.accept());
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new PortException(PortException.Kind.OTHER, spec, "accept failed on " + spec + ": " + e
                    + (server.isClosed() ? " (the server was closed)" : ""), e);
        }
    }

    /** The spec it listens on, as given. */
    public String spec() {
        return spec;
    }

    boolean closed() {
        return server.isClosed();
    }

    @Override
    public void close() {
        closeQuietly(server);
    }

    private static void closeQuietly(ServerSocket s) {
        if (s == null) {
            return;
        }
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
