package io.firstsettle.port;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bytes over a plain TCP socket: {@code tcp://host:port}. Either ser2net exporting a serial port in raw mode (a
 * remote bench), or an Ethernet terminal speaking ZVT over TCP directly.
 */
public final class TcpBytePort implements BytePort {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(2);

    private final String name;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final long writeTimeoutMillis;
    private final ExecutorService writer;
    private volatile boolean closed;

    private TcpBytePort(String name, Socket socket, Duration writeTimeout) throws IOException {
        this.name = name;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.writeTimeoutMillis = writeTimeout.toMillis();
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "port-writer " + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Connects to {@code tcp://host:port} with the default bounds. */
    public static TcpBytePort open(String spec) {
        return open(spec, DEFAULT_CONNECT_TIMEOUT, DEFAULT_WRITE_TIMEOUT);
    }

    /**
     * Connects to {@code tcp://host:port}.
     *
     * @throws PortException NOT_FOUND (unknown host, nothing listening, no route) or OTHER (bad spec, timeout)
     */
    public static TcpBytePort open(String spec, Duration connectTimeout, Duration writeTimeout) {
        InetSocketAddress addr = parse(spec);
        String where = addr.getHostString() + ":" + addr.getPort();
        if (addr.isUnresolved()) {
            throw new PortException(PortException.Kind.NOT_FOUND, spec, spec + ": unknown host "
                    + addr.getHostString() + " — check the host name in the terminal profile, or use its IP address");
        }
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(addr, (int) connectTimeout.toMillis());
            return new TcpBytePort(spec, s, writeTimeout);
        } catch (IOException e) {
            closeQuietly(s);
            throw connectFailure(spec, where, e, connectTimeout);
        }
    }

    /** What a failed connect to {@code where} means and what to do, as a PortException of the right kind. */
    static PortException connectFailure(String spec, String where, IOException e, Duration connectTimeout) {
        if (e instanceof ConnectException) {
            if (String.valueOf(e.getMessage()).toLowerCase().contains("refused")) {
                return new PortException(PortException.Kind.NOT_FOUND, spec, spec + ": connection refused — nothing"
                        + " listens on " + where + ": start ser2net / check the terminal's IP and ZVT port", e);
            }
            return new PortException(PortException.Kind.NOT_FOUND, spec, spec + ": cannot connect to " + where + " ("
                    + e.getMessage() + ") — check that the host is up and the port is right", e);
        }
        if (e instanceof NoRouteToHostException) {
            return new PortException(PortException.Kind.NOT_FOUND, spec, spec + ": no route to " + where
                    + " — check the network cable, the bench's subnet and any firewall", e);
        }
        if (e instanceof UnknownHostException) {
            return new PortException(PortException.Kind.NOT_FOUND, spec, spec + ": unknown host " + e.getMessage()
                    + " — check the host name in the terminal profile, or use its IP address", e);
        }
        if (e instanceof SocketTimeoutException) {
            return new PortException(PortException.Kind.OTHER, spec, spec + ": no answer from " + where + " within "
                    + connectTimeout.toMillis() + " ms — check that the host is up and no firewall drops the port", e);
        }
        return new PortException(PortException.Kind.OTHER, spec, spec + ": cannot connect to " + where + ": " + e, e);
    }

    /**
     * Wraps a socket a server accepted (an Ethernet terminal's side: the ECR connected to it), with the default write
     * bound. The port takes ownership of the socket.
     *
     * @param name how messages name this line, e.g. {@code tcp://10.0.0.7:51234 (accepted on :20007)}
     */
    public static TcpBytePort accepted(Socket socket, String name) {
        try {
            socket.setTcpNoDelay(true);
            return new TcpBytePort(name, socket, DEFAULT_WRITE_TIMEOUT);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new PortException(PortException.Kind.LINK_GONE, name, "link gone: " + name + " (" + e.getMessage()
                    + ") — the connection closed right after it was accepted; let the cash register connect again", e);
        }
    }

    static InetSocketAddress parse(String spec) {
        URI uri;
        try {
            uri = URI.create(spec);
        } catch (IllegalArgumentException e) {
            throw badSpec(spec);
        }
        if (!"tcp".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
            throw badSpec(spec);
        }
        return new InetSocketAddress(uri.getHost(), uri.getPort());
    }

    private static PortException badSpec(String spec) {
        return new PortException(PortException.Kind.OTHER, spec, "'" + spec + "' is not a TCP port spec: write"
                + " tcp://host:port, e.g. tcp://bench-3:4001 for ser2net or tcp://192.168.1.50:20007 for a terminal");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void write(byte[] data) {
        ensureOpen();
        byte[] copy = data.clone();
        Future<?> f = writer.submit(() -> {
            out.write(copy);
            out.flush();
            return null;
        });
        try {
            f.get(writeTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new PortException(PortException.Kind.WRITE_TIMEOUT, name, "write timed out after "
                    + writeTimeoutMillis + " ms on " + name + ": the far end stopped reading (" + data.length
                    + " bytes) — check the terminal or ser2net");
        } catch (ExecutionException e) {
            throw ioFailure("write", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortException(PortException.Kind.OTHER, name, "interrupted while writing to " + name);
        }
    }

    @Override
    public int read(byte[] buf, int maxLen, int timeoutMillis) {
        if (maxLen > buf.length) {
            throw new IllegalArgumentException("maxLen " + maxLen + " > buffer length " + buf.length);
        }
        if (maxLen <= 0) {
            return 0;
        }
        ensureOpen();
        try {
            socket.setSoTimeout(Math.max(1, timeoutMillis));
            int n = in.read(buf, 0, maxLen);
            if (n < 0) {
                throw new PortException(PortException.Kind.LINK_GONE, name, "link gone: " + name
                        + " (connection closed by the far end) — the terminal or ser2net closed the connection");
            }
            return n;
        } catch (SocketTimeoutException e) {
            return 0;
        } catch (IOException e) {
            throw ioFailure("read", e);
        }
    }

    private PortException ioFailure(String op, Throwable e) {
        if (closed) {
            return new PortException(PortException.Kind.OTHER, name, name + " is closed — open it again", e);
        }
        if (e instanceof SocketException) {
            return new PortException(PortException.Kind.LINK_GONE, name, "link gone: " + name + " (" + e.getMessage()
                    + ") — the terminal or ser2net dropped the connection", e);
        }
        return new PortException(PortException.Kind.OTHER, name, op + " failed on " + name + ": " + e, e);
    }

    private void ensureOpen() {
        if (closed) {
            throw new PortException(PortException.Kind.OTHER, name, name + " is closed — open it again");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        writer.shutdownNow();
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    @Override
    public String toString() {
        return "TcpBytePort[" + name + (closed ? ", closed" : "") + "]";
    }
}
