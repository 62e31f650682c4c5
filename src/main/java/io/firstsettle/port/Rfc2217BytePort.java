package io.firstsettle.port;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A remote serial port over Telnet with the COM-PORT-OPTION ([RFC 2217]): {@code rfc2217://host:port}, e.g. ser2net's
 * {@code telnet(rfc2217)} mode. Unlike {@code tcp://} (raw mode), the line settings of the terminal profile are sent
 * to the port server, so the remote UART runs at the profile's baud rate and framing.
 *
 * <p>Opening connects, offers {@code WILL COM-PORT-OPTION} and BINARY both ways, waits for the server's
 * {@code DO COM-PORT-OPTION}, sends SET-BAUDRATE (4 bytes, big-endian), SET-DATASIZE, SET-PARITY and SET-STOPSIZE,
 * and waits for the server's answer to each (code + 100, [RFC 2217] "Server to client"). A server that refuses the
 * option or answers another baud rate fails the open with {@link PortException.Kind#CONFIG_REJECTED}.
 *
 * <p>Data 0xFF is sent as IAC IAC; received telnet commands are answered or dropped by {@link TelnetCodec} and never
 * reach the caller.
 */
public final class Rfc2217BytePort implements BytePort {
    public static final Duration DEFAULT_NEGOTIATION_TIMEOUT = Duration.ofSeconds(3);

    /** Telnet option numbers. */
    static final int BINARY = 0;
    static final int SUPPRESS_GO_AHEAD = 3;
    static final int COM_PORT_OPTION = 44;

    /** COM-PORT-OPTION client commands ([RFC 2217]); the server answers with the same code + 100. */
    static final int SET_BAUDRATE = 1;
    static final int SET_DATASIZE = 2;
    static final int SET_PARITY = 3;
    static final int SET_STOPSIZE = 4;
    static final int SERVER_OFFSET = 100;

    private static final Set<Integer> WE_WILL = Set.of(BINARY, SUPPRESS_GO_AHEAD, COM_PORT_OPTION);
    private static final Set<Integer> WE_DO = Set.of(BINARY, SUPPRESS_GO_AHEAD);

    private final String name;
    private final TcpBytePort tcp;
    private final TelnetCodec codec = new TelnetCodec();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final Set<Integer> willSent = new HashSet<>();
    private final Set<Integer> doSent = new HashSet<>();
    private final Set<Integer> refused = new HashSet<>();
    private final Map<Integer, byte[]> serverAnswers = new HashMap<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private volatile Boolean comPortAccepted;

    private Rfc2217BytePort(String name, TcpBytePort tcp) {
        this.name = name;
        this.tcp = tcp;
    }

    /** Connects to {@code rfc2217://host:port} and sets the remote line to {@code settings}, with default bounds. */
    public static Rfc2217BytePort open(String spec, SerialSettings settings) {
        return open(spec, settings, DEFAULT_NEGOTIATION_TIMEOUT);
    }

    /**
     * Connects and negotiates.
     *
     * @param negotiationTimeout how long the server has for its DO COM-PORT-OPTION and for the four answers
     * @throws PortException NOT_FOUND (cannot connect), CONFIG_REJECTED (option refused, wrong answer, no answer)
     */
    public static Rfc2217BytePort open(String spec, SerialSettings settings, Duration negotiationTimeout) {
        String hostPort = parse(spec);
        TcpBytePort tcp;
        try {
            tcp = TcpBytePort.open("tcp://" + hostPort);
        } catch (PortException e) {
            throw new PortException(e.kind(), spec, spec + ": " + e.getMessage(), e);
        }
        Rfc2217BytePort port = new Rfc2217BytePort(spec, tcp);
        try {
            port.negotiate(settings, negotiationTimeout);
            return port;
        } catch (RuntimeException e) {
            port.close();
            throw e;
        }
    }

    static String parse(String spec) {
        URI uri;
        try {
            uri = URI.create(spec);
        } catch (IllegalArgumentException e) {
            throw badSpec(spec);
        }
        if (!"rfc2217".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
            throw badSpec(spec);
        }
        return uri.getHost() + ":" + uri.getPort();
    }

    private static PortException badSpec(String spec) {
        return new PortException(PortException.Kind.OTHER, spec, "'" + spec + "' is not an RFC 2217 port spec:"
                + " write rfc2217://host:port, e.g. rfc2217://bench-3:3001 for ser2net in telnet(rfc2217) mode");
    }

    private void negotiate(SerialSettings s, Duration bound) {
        offerWill(COM_PORT_OPTION);
        offerWill(BINARY);
        offerDo(BINARY);
        long deadline = System.nanoTime() + bound.toNanos();
        awaitNegotiation(deadline, bound, "DO COM-PORT-OPTION (44)", () -> comPortAccepted != null);
        if (!comPortAccepted) {
            throw new PortException(PortException.Kind.CONFIG_REJECTED, name, name + ": the server refused the"
                    + " COM-PORT-OPTION (DONT 44), so the baud rate cannot be set — configure ser2net with"
                    + " telnet(rfc2217) on this port, or use tcp:// with the line settings in ser2net; saw " + log);
        }
        byte[] baud = {(byte) (s.baud() >>> 24), (byte) (s.baud() >>> 16), (byte) (s.baud() >>> 8), (byte) s.baud()};
        send(SET_BAUDRATE, baud);
        send(SET_DATASIZE, new byte[] {(byte) s.dataBits()});
        send(SET_PARITY, new byte[] {(byte) parityCode(s.parity())});
        send(SET_STOPSIZE, new byte[] {(byte) s.stopBits()});
        deadline = System.nanoTime() + bound.toNanos();
        for (int code : new int[] {SET_BAUDRATE, SET_DATASIZE, SET_PARITY, SET_STOPSIZE}) {
            int answer = code + SERVER_OFFSET;
            awaitNegotiation(deadline, bound, "the server's answer " + answer + " to " + commandName(code),
                    () -> answered(answer));
        }
        byte[] got = answer(SET_BAUDRATE + SERVER_OFFSET);
        int gotBaud = got.length == 4 ? ((got[0] & 0xFF) << 24 | (got[1] & 0xFF) << 16 | (got[2] & 0xFF) << 8
                | (got[3] & 0xFF)) : -1;
        if (gotBaud != s.baud()) {
            throw new PortException(PortException.Kind.CONFIG_REJECTED, name, name + ": asked the port server for "
                    + s.baud() + " baud, it answered " + (gotBaud < 0 ? "a malformed value" : gotBaud + " baud")
                    + " — the remote UART may not support it; check the terminal profile's baud rate");
        }
        log.add("line set to " + s);
    }

    private boolean answered(int code) {
        synchronized (serverAnswers) {
            return serverAnswers.containsKey(code);
        }
    }

    private byte[] answer(int code) {
        synchronized (serverAnswers) {
            return serverAnswers.get(code);
        }
    }

    private void awaitNegotiation(long deadline, Duration bound, String what, java.util.function.BooleanSupplier done) {
        byte[] raw = new byte[1024];
        while (!done.getAsBoolean()) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new PortException(PortException.Kind.CONFIG_REJECTED, name, name + ": no " + what + " within "
                        + bound.toMillis() + " ms — is this a telnet RFC 2217 server (ser2net telnet(rfc2217)),"
                        + " not a raw port? saw: " + log);
            }
            int n = tcp.read(raw, raw.length, (int) Math.min(left, Integer.MAX_VALUE));
            if (n > 0) {
                byte[] data = take(raw, n);
                synchronized (pending) {
                    pending.writeBytes(data);
                }
            }
        }
    }

    /** Runs raw bytes through the codec, answers the commands, returns the data bytes. */
    private byte[] take(byte[] raw, int n) {
        TelnetCodec.Decoded d;
        synchronized (codec) {
            d = codec.feed(raw, 0, n);
        }
        for (TelnetCodec.Command c : d.commands()) {
            handle(c);
        }
        return d.data();
    }

    private void handle(TelnetCodec.Command c) {
        log.add("got " + c);
        if (c instanceof TelnetCodec.Negotiation neg) {
            int opt = neg.option();
            switch (neg.verb()) {
                case TelnetCodec.DO -> {
                    if (WE_WILL.contains(opt)) {
                        offerWill(opt);
                        if (opt == COM_PORT_OPTION) {
                            comPortAccepted = true;
                        }
                    } else if (refused.add(opt)) {
                        sendRaw(TelnetCodec.negotiation(TelnetCodec.WONT, opt));
                    }
                }
                case TelnetCodec.DONT -> {
                    if (opt == COM_PORT_OPTION) {
                        comPortAccepted = false;
                    }
                }
                case TelnetCodec.WILL -> {
                    if (WE_DO.contains(opt)) {
                        offerDo(opt);
                    } else if (refused.add(-1 - opt)) {
                        sendRaw(TelnetCodec.negotiation(TelnetCodec.DONT, opt));
                    }
                }
                default -> {
                    // WONT: nothing to answer
                }
            }
        } else if (c instanceof TelnetCodec.Subnegotiation sub && sub.option() == COM_PORT_OPTION
                && sub.payload().length >= 1) {
            byte[] p = sub.payload();
            synchronized (serverAnswers) {
                serverAnswers.put(p[0] & 0xFF, java.util.Arrays.copyOfRange(p, 1, p.length));
            }
        }
    }

    private void offerWill(int opt) {
        synchronized (willSent) {
            if (!willSent.add(opt)) {
                return;
            }
        }
        sendRaw(TelnetCodec.negotiation(TelnetCodec.WILL, opt));
    }

    private void offerDo(int opt) {
        synchronized (doSent) {
            if (!doSent.add(opt)) {
                return;
            }
        }
        sendRaw(TelnetCodec.negotiation(TelnetCodec.DO, opt));
    }

    private void send(int code, byte[] value) {
        byte[] payload = new byte[1 + value.length];
        payload[0] = (byte) code;
        System.arraycopy(value, 0, payload, 1, value.length);
        log.add("sent " + commandName(code));
        sendRaw(TelnetCodec.subnegotiation(COM_PORT_OPTION, payload));
    }

    private void sendRaw(byte[] bytes) {
        tcp.write(bytes);
    }

    /** RFC 2217 SET-PARITY values. */
    static int parityCode(SerialSettings.Parity p) {
        return switch (p) {
            case NONE -> 1;
            case ODD -> 2;
            case EVEN -> 3;
            case MARK -> 4;
            case SPACE -> 5;
        };
    }

    private static String commandName(int code) {
        return switch (code) {
            case SET_BAUDRATE -> "SET-BAUDRATE";
            case SET_DATASIZE -> "SET-DATASIZE";
            case SET_PARITY -> "SET-PARITY";
            case SET_STOPSIZE -> "SET-STOPSIZE";
            default -> "COM-PORT command " + code;
        };
    }

    /** What was negotiated, in order ("got DO 44", "sent SET-BAUDRATE", ...), for error messages and tests. */
    public List<String> negotiationLog() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void write(byte[] data) {
        tcp.write(TelnetCodec.escape(data));
    }

    @Override
    public int read(byte[] buf, int maxLen, int timeoutMillis) {
        if (maxLen > buf.length) {
            throw new IllegalArgumentException("maxLen " + maxLen + " > buffer length " + buf.length);
        }
        if (maxLen <= 0) {
            return 0;
        }
        int got = drainPending(buf, maxLen);
        if (got > 0) {
            return got;
        }
        long deadline = System.nanoTime() + Math.max(1, timeoutMillis) * 1_000_000L;
        byte[] raw = new byte[Math.min(maxLen, 4095)];
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return 0;
            }
            int n = tcp.read(raw, raw.length, (int) Math.min(left, Integer.MAX_VALUE));
            if (n == 0) {
                return 0;
            }
            byte[] data = take(raw, n);
            if (data.length > 0) {
                // raw.length <= maxLen and data never exceeds the raw bytes it came from
                System.arraycopy(data, 0, buf, 0, data.length);
                return data.length;
            }
        }
    }

    private int drainPending(byte[] buf, int maxLen) {
        synchronized (pending) {
            if (pending.size() == 0) {
                return 0;
            }
            byte[] all = pending.toByteArray();
            int n = Math.min(maxLen, all.length);
            System.arraycopy(all, 0, buf, 0, n);
            pending.reset();
            pending.write(all, n, all.length - n);
            return n;
        }
    }

    @Override
    public void close() {
        tcp.close();
    }

    @Override
    public String toString() {
        return "Rfc2217BytePort[" + name + "]";
    }
}
