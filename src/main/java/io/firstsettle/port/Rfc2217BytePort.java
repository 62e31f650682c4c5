package io.firstsettle.port;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.net.telnet.InvalidTelnetOptionException;
import org.apache.commons.net.telnet.SimpleOptionHandler;
import org.apache.commons.net.telnet.TelnetClient;

/**
 * A remote serial port over Telnet with the COM-PORT-OPTION ([RFC 2217]): {@code rfc2217://host:port}, e.g. ser2net's
 * {@code telnet(rfc2217)} mode. Unlike {@code tcp://} (raw mode), the line settings of the terminal profile are sent
 * to the port server, so the remote UART runs at the profile's baud rate and framing; DTR and RTS can be set too.
 *
 * <p>The Telnet layer is commons-net's {@link TelnetClient} (option negotiation, IAC escaping both ways, sub-negotiation
 * framing). Above it sits only the RFC 2217 command layer: {@link ComPortCommand} (what the commands carry) and
 * {@link ComPortNegotiation} (WILL 44 and the server's answers). Opening connects, offers {@code WILL COM-PORT-OPTION}
 * and BINARY both ways, waits for the server's {@code DO COM-PORT-OPTION}, sends SET-BAUDRATE, SET-DATASIZE,
 * SET-PARITY and SET-STOPSIZE, and waits for the answer to each (code + 100). A server that refuses the option or
 * answers another baud rate fails the open with {@link PortException.Kind#CONFIG_REJECTED}.
 *
 * <p>How commons-net is used, and where it does not fit as it comes:
 * <ul>
 *   <li>Its own reader thread is off. With it on, {@code read()} blocks with no timeout, and the end of the stream
 *       reaches neither the input listener nor {@code available()}; with it off, a read with {@code SO_TIMEOUT} that
 *       times out returns -1 and sleeps 100 ms inside the library (3.11.1), so a timeout cannot be told from the end
 *       of the link. Instead one thread of ours ({@code rfc2217-reader}) blocks in the library's read with no
 *       timeout, which also runs the option negotiation as bytes arrive, and hands data to {@link #read} through a
 *       buffer: a reader waiting with a deadline wakes on data or on the end of the link, and an idle port uses no
 *       CPU.</li>
 *   <li>Writes go through a one-thread executor with a bound, as in {@link TcpBytePort}: the library's write blocks
 *       when the far end stops draining, and a socket has no write timeout.</li>
 *   <li>{@link #close} closes the socket first ({@link Client#abort}): the library's {@code disconnect()} flushes its
 *       output, which would block behind a stuck write.</li>
 * </ul>
 */
public final class Rfc2217BytePort implements BytePort {
    public static final Duration DEFAULT_NEGOTIATION_TIMEOUT = Duration.ofSeconds(3);
    static final Duration CONNECT_TIMEOUT = TcpBytePort.DEFAULT_CONNECT_TIMEOUT;
    static final Duration WRITE_TIMEOUT = TcpBytePort.DEFAULT_WRITE_TIMEOUT;

    /** Telnet option numbers other than COM-PORT-OPTION. */
    static final int BINARY = 0;
    static final int SUPPRESS_GO_AHEAD = 3;

    /** TelnetClient with a way to drop the socket at once. */
    private static final class Client extends TelnetClient {
        Client() {
            super(""); // no TERMINAL-TYPE: a serial port has none, so a server asking for it gets WONT 24
        }

        void abort() {
            try {
                if (_socket_ != null) {
                    _socket_.close();
                }
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private final String name;
    private final Client telnet;
    private final ComPortNegotiation comPort;
    private final Duration negotiationTimeout;
    private final InputStream in;
    private final OutputStream out;
    private final ExecutorService writer;
    private final Thread reader;
    private final ReceiveBuffer received = new ReceiveBuffer();
    private volatile boolean closed;

    private Rfc2217BytePort(String name, Client telnet, ComPortNegotiation comPort, Duration negotiationTimeout) {
        this.name = name;
        this.telnet = telnet;
        this.comPort = comPort;
        this.negotiationTimeout = negotiationTimeout;
        this.in = telnet.getInputStream();
        this.out = telnet.getOutputStream();
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rfc2217-writer " + name);
            t.setDaemon(true);
            return t;
        });
        this.reader = new Thread(this::pump, "rfc2217-reader " + name);
        this.reader.setDaemon(true);
    }

    /** Connects to {@code rfc2217://host:port} and sets the remote line to {@code settings}, with default bounds. */
    public static Rfc2217BytePort open(String spec, SerialSettings settings) {
        return open(spec, settings, DEFAULT_NEGOTIATION_TIMEOUT);
    }

    /**
     * Connects and negotiates.
     *
     * @param negotiationTimeout how long the server has for its DO COM-PORT-OPTION, for the four answers, and later
     *                           for the answer to each {@link #setDtr}/{@link #setRts}
     * @throws PortException NOT_FOUND (cannot connect), CONFIG_REJECTED (option refused, wrong answer, no answer)
     */
    public static Rfc2217BytePort open(String spec, SerialSettings settings, Duration negotiationTimeout) {
        URI where = parse(spec);
        ComPortNegotiation comPort = new ComPortNegotiation();
        Client telnet = new Client();
        telnet.setReaderThread(false);
        telnet.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
        try {
            telnet.addOptionHandler(comPort);
            telnet.addOptionHandler(new SimpleOptionHandler(BINARY, true, true, true, true));
            telnet.addOptionHandler(new SimpleOptionHandler(SUPPRESS_GO_AHEAD, false, false, true, true));
        } catch (InvalidTelnetOptionException | IOException e) {
            throw new IllegalStateException("commons-net refused a Telnet option handler: " + e, e);
        }
        telnet.registerNotifHandler(comPort);
        try {
            telnet.connect(where.getHost(), where.getPort());
            telnet.setTcpNoDelay(true);
        } catch (IOException e) {
            telnet.abort();
            throw TcpBytePort.connectFailure(spec, where.getHost() + ":" + where.getPort(), e, CONNECT_TIMEOUT);
        }
        Rfc2217BytePort port = new Rfc2217BytePort(spec, telnet, comPort, negotiationTimeout);
        port.reader.start();
        try {
            port.negotiate(settings);
            return port;
        } catch (RuntimeException e) {
            port.close();
            throw e;
        }
    }

    static URI parse(String spec) {
        URI uri;
        try {
            uri = URI.create(spec);
        } catch (IllegalArgumentException e) {
            throw badSpec(spec);
        }
        if (!"rfc2217".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
            throw badSpec(spec);
        }
        return uri;
    }

    private static PortException badSpec(String spec) {
        return new PortException(PortException.Kind.OTHER, spec, "'" + spec + "' is not an RFC 2217 port spec:"
                + " write rfc2217://host:port, e.g. rfc2217://bench-3:3001 for ser2net in telnet(rfc2217) mode");
    }

    private void negotiate(SerialSettings s) {
        long deadline = System.nanoTime() + negotiationTimeout.toNanos();
        Boolean accepted;
        try {
            accepted = comPort.awaitDecision(deadline, received::ended);
        } catch (InterruptedException e) {
            throw interrupted("waiting for DO COM-PORT-OPTION (44)");
        }
        if (accepted == null) {
            throw noAnswer("DO COM-PORT-OPTION (44)");
        }
        if (!accepted) {
            throw new PortException(PortException.Kind.CONFIG_REJECTED, name, name + ": the server refused the"
                    + " COM-PORT-OPTION (DONT 44), so the baud rate cannot be set — configure ser2net with"
                    + " telnet(rfc2217) on this port, or use tcp:// with the line settings in ser2net; saw "
                    + comPort.log());
        }
        List<ComPortCommand> line = List.of(ComPortCommand.baudRate(s.baud()), ComPortCommand.dataSize(s.dataBits()),
                ComPortCommand.parity(s.parity()), ComPortCommand.stopSize(s.stopBits()));
        for (ComPortCommand c : line) {
            send(c);
        }
        deadline = System.nanoTime() + negotiationTimeout.toNanos();
        byte[] baud = null;
        for (ComPortCommand c : line) {
            byte[] answer = awaitAnswer(c, deadline);
            if (c.code() == ComPortCommand.SET_BAUDRATE) {
                baud = answer;
            }
        }
        int gotBaud = ComPortCommand.baud(baud);
        if (gotBaud != s.baud()) {
            throw new PortException(PortException.Kind.CONFIG_REJECTED, name, name + ": asked the port server for "
                    + s.baud() + " baud, it answered " + (gotBaud < 0 ? "a malformed value" : gotBaud + " baud")
                    + " — the remote UART may not support it; check the terminal profile's baud rate");
        }
        comPort.note("line set to " + s);
    }

    /**
     * Raises or drops DTR on the remote port (SET-CONTROL 8 / 9) and waits up to the negotiation bound for the
     * server to confirm it.
     *
     * @return true when the server confirmed the new state; false when it did not answer in the bound. ser2net
     *         answers only when the modem-line ioctl worked, so a pty behind it (which has no modem lines) never
     *         answers: that is no error on a pty, as jssc's {@code setDTR} returning false is none (see README,
     *         Serial on pseudo-terminals); on a real port a lab should check the cable's DTR wire
     * @throws PortException CONFIG_REJECTED when the server answered the other state (it cannot drive the line)
     */
    public boolean setDtr(boolean on) {
        return control(ComPortCommand.dtr(on));
    }

    /** Raises or drops RTS on the remote port (SET-CONTROL 11 / 12); as {@link #setDtr}. */
    public boolean setRts(boolean on) {
        return control(ComPortCommand.rts(on));
    }

    private boolean control(ComPortCommand c) {
        ensureOpen();
        comPort.forget(c.answerCode());
        send(c);
        String what = ComPortCommand.controlName(c.value()[0] & 0xFF);
        byte[] answer;
        try {
            answer = comPort.awaitAnswer(c.answerCode(), c::answeredBy,
                    System.nanoTime() + negotiationTimeout.toNanos(), received::ended);
        } catch (InterruptedException e) {
            throw interrupted("waiting for the answer to " + c);
        }
        if (answer == null) {
            comPort.note("no answer to " + what + " within " + negotiationTimeout.toMillis() + " ms");
            return false;
        }
        if (!c.acceptedBy(answer)) {
            throw new PortException(PortException.Kind.CONFIG_REJECTED, name, name + ": asked the port server for "
                    + c + ", it answered " + ComPortCommand.controlName(answer[0] & 0xFF) + " — the remote port"
                    + " cannot drive that line (check the cable and the ser2net port's settings)");
        }
        comPort.note("set " + what);
        return true;
    }

    private byte[] awaitAnswer(ComPortCommand c, long deadline) {
        byte[] answer;
        try {
            answer = comPort.awaitAnswer(c.answerCode(), c::answeredBy, deadline, received::ended);
        } catch (InterruptedException e) {
            throw interrupted("waiting for the answer to " + c);
        }
        if (answer == null) {
            throw noAnswer("answer " + c.answerCode() + " to " + ComPortCommand.name(c.code()));
        }
        return answer;
    }

    private PortException noAnswer(String what) {
        String why = received.ended() ? "the connection closed before" : "no " + what + " within "
                + negotiationTimeout.toMillis() + " ms";
        return new PortException(PortException.Kind.CONFIG_REJECTED, name, name + ": " + why + " — is this a telnet"
                + " RFC 2217 server (ser2net telnet(rfc2217)), not a raw port? saw: " + comPort.log());
    }

    private PortException interrupted(String what) {
        Thread.currentThread().interrupt();
        return new PortException(PortException.Kind.OTHER, name, "interrupted while " + what + " on " + name);
    }

    private void send(ComPortCommand c) {
        comPort.note("sent " + c);
        bounded("send " + c, () -> telnet.sendSubnegotiation(c.subnegotiation()), 0);
    }

    /** What was negotiated, in order ("got DO 44", "sent SET-BAUDRATE 00 00 25 80", ...), for errors and tests. */
    public List<String> negotiationLog() {
        return comPort.log();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void write(byte[] data) {
        ensureOpen();
        byte[] copy = data.clone();
        bounded("write", () -> {
            out.write(copy);
            out.flush();
        }, copy.length);
    }

    private interface IoAction { void run() throws IOException; }

    private void bounded(String what, IoAction action, int bytes) {
        Future<?> f = writer.submit(() -> {
            action.run();
            return null;
        });
        try {
            f.get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new PortException(PortException.Kind.WRITE_TIMEOUT, name, what + " timed out after "
                    + WRITE_TIMEOUT.toMillis() + " ms on " + name + ": the far end stopped reading (" + bytes
                    + " bytes) — check the terminal or ser2net");
        } catch (ExecutionException e) {
            throw failure(what, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortException(PortException.Kind.OTHER, name, "interrupted while writing to " + name);
        }
    }

    /** The reader thread: blocks in commons-net's read (which answers negotiation on the way) and buffers data. */
    private void pump() {
        byte[] chunk = new byte[4096];
        try {
            while (!closed) {
                int n = in.read(chunk, 0, chunk.length);
                if (n < 0) {
                    received.end(null);
                    break;
                }
                if (!received.put(chunk, n)) {
                    break; // closed while waiting for room
                }
            }
        } catch (IOException | RuntimeException e) {
            received.end(e);
        } catch (InterruptedException e) {
            received.end(null);
        } finally {
            received.end(null);
            comPort.wake();
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
            return received.take(buf, maxLen, Math.max(1, timeoutMillis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortException(PortException.Kind.OTHER, name, "interrupted while reading from " + name);
        } catch (ReceiveBuffer.Ended e) {
            throw e.getCause() == null && !closed
                    ? new PortException(PortException.Kind.LINK_GONE, name, "link gone: " + name
                            + " (connection closed by the far end) — the terminal or ser2net closed the connection")
                    : failure("read", e.getCause());
        }
    }

    private PortException failure(String op, Throwable e) {
        return closed ? new PortException(PortException.Kind.OTHER, name, name + " is closed — open it again", e)
                : e instanceof java.net.SocketException ? new PortException(PortException.Kind.LINK_GONE, name,
                        "link gone: " + name + " (" + e.getMessage() + ") — the terminal or ser2net dropped the"
                                + " connection", e)
                : new PortException(PortException.Kind.OTHER, name, op + " failed on " + name + ": " + e, e);
    }

    private void ensureOpen() {
        if (closed) {
            throw failure("use", null);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        telnet.abort();
        received.end(null);
        writer.shutdownNow();
        try {
            telnet.disconnect();
        } catch (IOException | RuntimeException e) {
            // the socket is closed already
        }
        comPort.wake();
    }

    @Override
    public String toString() {
        return "Rfc2217BytePort[" + name + (closed ? ", closed" : "") + "]";
    }
}
