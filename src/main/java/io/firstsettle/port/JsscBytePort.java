package io.firstsettle.port;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import jssc.SerialPort;
import jssc.SerialPortException;
import jssc.SerialPortTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serial device opened through jssc: a real RS-232 port, a USB-serial adapter, or the slave of a pseudo-terminal.
 *
 * <p>On a pseudo-terminal the kernel has no modem lines, so {@code setParams}, {@code setDTR} and {@code setRTS}
 * report {@code false} although the termios settings are applied; that is logged at debug and ignored. On a real port
 * the same {@code false} is fatal ({@link PortException.Kind#CONFIG_REJECTED}).
 *
 * <p>Reads take what jssc's input count says has arrived, in chunks below 4096 bytes (a timed jssc read of 4096 or more
 * never completes on a pty). While nothing has arrived, the reader blocks in poll(2) on the port's file descriptor
 * (through JNA, as {@link PtyPair} does for the master), so an idle port costs no CPU; before, it parked 200 µs
 * between looks at the count, 8-10 % of a core per idle port, now ~0.2 % ({@link PortIdleBench}). jssc's own ways to wait
 * do not fit: its timed {@code readBytes(n, timeout)} and its event listener ({@code MASK_RXCHAR}) poll too, the
 * listener ~1-2 ms per byte and blind to a vanished far end, and its untimed {@code readBytes(n)} cannot be bounded.
 * jssc does not publish the descriptor: it is read from its {@code portHandle} field (the fd on Linux and macOS);
 * where that fails the old parking loop is used and logged at debug. Writes run on a private thread behind a bound,
 * because jssc's {@code writeBytes} blocks for as long as the far end does not drain.
 */
public final class JsscBytePort implements BytePort {
    private static final Logger log = LoggerFactory.getLogger(JsscBytePort.class);
    /** Largest single jssc read: a pty's input queue stops at 4095 bytes. */
    static final int MAX_CHUNK = 4095;
    /** Base write bound; the time the bytes need on the wire at the set baud rate is added to it. */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(2);
    /** Fallback only (no fd): park between looks at the input count. */
    private static final long IDLE_POLL_NANOS = 200_000L;
    /** Longest single poll(2), so a close from another thread is noticed in this time. */
    private static final int POLL_SLICE_MILLIS = 50;

    private final String name;
    private final SerialPort port;
    private final SerialSettings settings;
    private final boolean pty;
    private final long writeTimeoutMillis;
    private final ExecutorService writer;
    /** The port's file descriptor for poll(2), or -1 where jssc's handle could not be read. */
    private final int fd;
    private volatile boolean closed;
    private volatile boolean writerStuck;

    private JsscBytePort(String name, SerialPort port, SerialSettings settings, boolean pty, Duration writeTimeout) {
        this.name = name;
        this.port = port;
        this.settings = settings;
        this.pty = pty;
        this.writeTimeoutMillis = writeTimeout.toMillis();
        this.fd = fileDescriptor(port, name);
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "port-writer " + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens {@code path} with {@code settings} and the default write bound. */
    public static JsscBytePort open(String path, SerialSettings settings) {
        return open(path, settings, DEFAULT_WRITE_TIMEOUT);
    }

    /**
     * Opens {@code path} (a device or a symlink to one) with {@code settings}.
     *
     * @param writeTimeout base bound of a write; the wire time of the bytes at the baud rate is added
     * @throws PortException NOT_FOUND, PERMISSION_DENIED, BUSY, CONFIG_REJECTED or OTHER, with what to do
     */
    public static JsscBytePort open(String path, SerialSettings settings, Duration writeTimeout) {
        Path p = Path.of(path);
        if (!Files.exists(p)) {
            String detail = Files.isSymbolicLink(p) ? "dangling symlink to " + readLink(p)
                    + ": the device behind it is gone (adapter unplugged, socat or pty pair ended)" : null;
            throw PortErrors.notFound(path, detail);
        }
        if (Files.isDirectory(p)) {
            throw new PortException(PortException.Kind.OTHER, path, path + " is a directory, not a serial device — "
                    + PortListing.describeExisting());
        }
        if (!Files.isReadable(p) || !Files.isWritable(p)) {
            throw PortErrors.permissionDenied(path);
        }
        boolean pty = isPty(p);
        SerialPort sp = new SerialPort(path);
        try {
            sp.openPort();
        } catch (SerialPortException e) {
            throw classify(e, path);
        }
        JsscBytePort result = new JsscBytePort(path, sp, settings, pty, writeTimeout);
        try {
            result.configure();
        } catch (RuntimeException e) {
            result.close();
            throw e;
        }
        log.debug("opened {} ({}, {})", path, pty ? "pseudo-terminal" : "serial device", settings);
        return result;
    }

    private void configure() {
        try {
            check("setParams(" + settings + ")", port.setParams(settings.baud(), settings.dataBits(),
                    settings.stopBits() == 2 ? SerialPort.STOPBITS_2 : SerialPort.STOPBITS_1,
                    jsscParity(settings.parity()), true, true));
            check("setFlowControlMode(NONE)", port.setFlowControlMode(SerialPort.FLOWCONTROL_NONE));
            check("setDTR(true)", port.setDTR(true));
            check("setRTS(true)", port.setRTS(true));
        } catch (SerialPortException e) {
            throw classify(e, name);
        }
    }

    private void check(String what, boolean ok) {
        if (ok) {
            return;
        }
        if (pty) {
            log.debug("{} returned false on pseudo-terminal {} (no modem lines on a pty): ignored", what, name);
            return;
        }
        throw new PortException(PortException.Kind.CONFIG_REJECTED, name, name + ": the driver rejected " + what
                + " — check that the adapter supports these settings (some cheap adapters lack 2 stop bits"
                + " or modem lines) and that the profile's settings match the terminal");
    }

    private static int jsscParity(SerialSettings.Parity parity) {
        return switch (parity) {
            case NONE -> SerialPort.PARITY_NONE;
            case ODD -> SerialPort.PARITY_ODD;
            case EVEN -> SerialPort.PARITY_EVEN;
            case MARK -> SerialPort.PARITY_MARK;
            case SPACE -> SerialPort.PARITY_SPACE;
        };
    }

    /** Whether {@code path}, after resolving symlinks, is a Unix98 pseudo-terminal slave or a legacy BSD pty. */
    static boolean isPty(Path path) {
        try {
            String real = path.toRealPath().toString();
            return real.startsWith("/dev/pts/") || real.matches("/dev/tty[p-za-e][0-9a-f]");
        } catch (IOException e) {
            return false;
        }
    }

    private static String readLink(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
            return "?";
        }
    }

    /**
     * Maps a jssc exception to the port's error vocabulary, with a message that says what to do.
     * Package-private so tests can check the classification without needing a port that fails that way.
     */
    static PortException classify(SerialPortException e, String port) {
        String type = e.getExceptionType();
        String text = String.valueOf(e.getMessage());
        if (SerialPortException.TYPE_PORT_NOT_FOUND.equals(type)) {
            return PortErrors.notFound(port, null, e);
        }
        if (SerialPortException.TYPE_PERMISSION_DENIED.equals(type)) {
            return PortErrors.permissionDenied(port, e);
        }
        if (SerialPortException.TYPE_PORT_BUSY.equals(type)) {
            return PortErrors.busy(port, e);
        }
        if (PortErrors.meansLinkGone(type) || PortErrors.meansLinkGone(text)) {
            return PortErrors.linkGone(port, e);
        }
        if (SerialPortException.TYPE_INCORRECT_SERIAL_PORT.equals(type)) {
            return new PortException(PortException.Kind.OTHER, port, port + " is not a serial port ("
                    + type + ") — " + PortListing.describeExisting(), e);
        }
        if (SerialPortException.TYPE_PORT_NOT_OPENED.equals(type)) {
            return new PortException(PortException.Kind.OTHER, port, port + " is closed — open it again", e);
        }
        return new PortException(PortException.Kind.OTHER, port, "serial error on " + port + " in "
                + e.getMethodName() + ": " + type + " — see the cause", e);
    }

    /** jssc's handle of an open port: the file descriptor on Linux and macOS; -1 where it cannot be read. */
    private static int fileDescriptor(SerialPort port, String name) {
        try {
            java.lang.reflect.Field f = SerialPort.class.getDeclaredField("portHandle");
            f.setAccessible(true);
            long handle = f.getLong(port);
            if (handle >= 0 && handle <= Integer.MAX_VALUE && Libc.C.isatty((int) handle) == 1) {
                return (int) handle;
            }
            log.debug("{}: jssc's handle {} is no tty fd; idle reads park instead of poll(2)", name, handle);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            log.debug("{}: cannot read jssc's fd ({}); idle reads park instead of poll(2)", name, e.toString());
        }
        return -1;
    }

    /** Whether idle reads block in poll(2) (true) or park and look again (false: jssc's fd was not available). */
    public boolean blocksWhenIdle() {
        return fd >= 0;
    }

    /** The underlying jssc port (tests use it to prove the bytes went through a real jssc device). */
    public SerialPort jsscPort() {
        return port;
    }

    public SerialSettings settings() {
        return settings;
    }

    /** Whether the device is a pseudo-terminal (modem-line failures ignored). */
    public boolean isPseudoTerminal() {
        return pty;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * The bound of one write: the base bound plus, on a real line, the bytes' time on the wire at the baud rate
     * (11 bits each: start, 8 data, 2 stop). A pty has no baud rate, so there the base bound alone applies.
     */
    long writeBoundMillis(int bytes) {
        if (pty) {
            return writeTimeoutMillis;
        }
        return writeTimeoutMillis + (bytes * 11_000L + settings.baud() - 1) / settings.baud();
    }

    @Override
    public void write(byte[] data) {
        ensureOpen();
        if (writerStuck) {
            throw new PortException(PortException.Kind.WRITE_TIMEOUT, name, "an earlier write on " + name
                    + " is still blocked: the far end stopped reading — close the port and check the cable/terminal");
        }
        long bound = writeBoundMillis(data.length);
        byte[] copy = data.clone();
        Future<Boolean> f = writer.submit(() -> port.writeBytes(copy));
        try {
            if (!f.get(bound, TimeUnit.MILLISECONDS)) {
                throw new PortException(PortException.Kind.OTHER, name, "write of " + data.length + " bytes failed on "
                        + name + " (jssc returned false) — check the link");
            }
        } catch (TimeoutException e) {
            writerStuck = true;
            throw new PortException(PortException.Kind.WRITE_TIMEOUT, name, "write timed out after " + bound
                    + " ms on " + name + ": the far end stopped reading (" + data.length + " bytes)"
                    + " — check that the terminal is on and the cable and handshake settings are right");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof SerialPortException spe) {
                throw classify(spe, name);
            }
            throw new PortException(PortException.Kind.OTHER, name, "write failed on " + name + ": " + c, c);
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
        long deadline = System.nanoTime() + Math.max(0, timeoutMillis) * 1_000_000L;
        int got = 0;
        try {
            while (true) {
                int avail = port.getInputBufferBytesCount();
                if (avail > 0) {
                    int n = Math.min(Math.min(avail, maxLen - got), MAX_CHUNK);
                    byte[] chunk = port.readBytes(n, 100);
                    System.arraycopy(chunk, 0, buf, got, chunk.length);
                    got += chunk.length;
                    if (got == maxLen) {
                        return got;
                    }
                    continue; // drain whatever else is already there, without waiting
                }
                if (avail < 0) {
                    throw PortErrors.linkGone(name, null);
                }
                long left = deadline - System.nanoTime();
                if (got > 0 || left <= 0) {
                    return got;
                }
                awaitInput(left);
                if (closed) {
                    ensureOpen();
                }
            }
        } catch (SerialPortTimeoutException e) {
            // count said the bytes were there; cannot normally happen: report what we have
            return got;
        } catch (SerialPortException e) {
            throw classify(e, name);
        }
    }

    /**
     * Waits until input arrives, the line hangs up, or {@code leftNanos} (at most one slice) pass. Returns early in
     * every case; the caller looks at the input count again. A hang-up with nothing to read is the link gone.
     */
    private void awaitInput(long leftNanos) throws SerialPortException {
        if (fd < 0) {
            LockSupport.parkNanos(Math.min(leftNanos, IDLE_POLL_NANOS));
            return;
        }
        int millis = (int) Math.min(POLL_SLICE_MILLIS, (leftNanos + 999_999) / 1_000_000);
        short rev = Libc.pollOne(fd, Libc.POLLIN, millis);
        if ((rev & Libc.POLLNVAL) != 0) {
            ensureOpen();
            throw PortErrors.linkGone(name, null);
        }
        if ((rev & (Libc.POLLHUP | Libc.POLLERR)) != 0 && port.getInputBufferBytesCount() <= 0) {
            ensureOpen();
            throw PortErrors.linkGone(name, null);
        }
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
        try {
            port.closePort();
        } catch (SerialPortException e) {
            log.debug("closing {}: {}", name, e.toString());
        }
    }

    @Override
    public String toString() {
        return "JsscBytePort[" + name + ", " + settings + (pty ? ", pty" : "") + (closed ? ", closed" : "") + "]";
    }
}
