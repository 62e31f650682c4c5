package io.firstsettle.port;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A kernel pseudo-terminal made through libc ({@code posix_openpt}, {@code grantpt}, {@code unlockpt},
 * {@code ptsname_r}): the slave is a real tty device ({@code /dev/pts/N}) that any serial code, jssc included, opens
 * like a serial port; the master is this process's end, exposed as a {@link BytePort}.
 *
 * <p>The pair sets the line to raw mode (no echo, no CR/LF mapping, no XON/XOFF, no signals) so every byte value
 * crosses unchanged both ways, and it keeps one slave fd open itself for its whole life. That fd does two jobs: the
 * raw settings stay on the line between opens of the slave, and the master never sees the EIO/EOF a master reads
 * while no slave fd is open (for instance between two opens by the harness).
 *
 * <p>{@link #close()} closes the master: the kernel hangs up the slave, and whoever has it open (jssc) gets
 * "Input/output error" on its next read or write.
 */
public final class PtyPair implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PtyPair.class);
    /** Default bound for a write on the master that the slave side does not drain. */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(2);

    private final int masterFd;
    private final int heldSlaveFd;
    private final String slavePath;
    private final MasterPort master;
    private final List<Path> links = new ArrayList<>();
    private volatile boolean closed;

    private PtyPair(int masterFd, int heldSlaveFd, String slavePath, Duration writeTimeout) {
        this.masterFd = masterFd;
        this.heldSlaveFd = heldSlaveFd;
        this.slavePath = slavePath;
        this.master = new MasterPort(writeTimeout);
    }

    /** Opens a new pseudo-terminal pair in raw mode, with the default write bound on the master. */
    public static PtyPair open() {
        return open(DEFAULT_WRITE_TIMEOUT);
    }

    /** Opens a new pseudo-terminal pair in raw mode; writes on the master fail after {@code writeTimeout}. */
    public static PtyPair open(Duration writeTimeout) {
        Libc c = Libc.C;
        int m = c.posix_openpt(Libc.O_RDWR | Libc.O_NOCTTY);
        if (m < 0) {
            throw fail("posix_openpt(O_RDWR|O_NOCTTY)", "/dev/ptmx", Libc.errno(),
                    "check that /dev/ptmx exists and devpts is mounted on /dev/pts (in a container: mount -t devpts)");
        }
        int s = -1;
        try {
            if (c.grantpt(m) != 0) {
                throw fail("grantpt", "/dev/ptmx", Libc.errno(), "check the devpts mount options (gid=5,mode=620)");
            }
            if (c.unlockpt(m) != 0) {
                throw fail("unlockpt", "/dev/ptmx", Libc.errno(), "check the devpts mount");
            }
            byte[] name = new byte[128];
            int rc = c.ptsname_r(m, name, new NativeLong(name.length));
            if (rc != 0) {
                throw fail("ptsname_r", "/dev/ptmx", rc, "check the devpts mount");
            }
            int len = 0;
            while (len < name.length && name[len] != 0) {
                len++;
            }
            String path = new String(name, 0, len, StandardCharsets.US_ASCII);
            s = c.open(path, Libc.O_RDWR | Libc.O_NOCTTY);
            if (s < 0) {
                throw fail("open", path, Libc.errno(), "check the permissions of " + path);
            }
            makeRaw(s, path);
            int flags = c.fcntl(m, Libc.F_GETFL, 0);
            if (flags < 0 || c.fcntl(m, Libc.F_SETFL, flags | Libc.O_NONBLOCK) < 0) {
                throw fail("fcntl(O_NONBLOCK)", "pty master of " + path, Libc.errno(), "report this as a bug");
            }
            log.debug("pty pair opened: master fd {}, slave {}", m, path);
            return new PtyPair(m, s, path, writeTimeout);
        } catch (RuntimeException e) {
            if (s >= 0) {
                c.close(s);
            }
            c.close(m);
            throw e;
        }
    }

    private static void makeRaw(int fd, String path) {
        Libc c = Libc.C;
        try (Memory t = new Memory(Libc.TERMIOS_SIZE)) {
            t.clear();
            if (c.tcgetattr(fd, t) != 0) {
                throw fail("tcgetattr", path, Libc.errno(), "the slave is not a terminal; report this as a bug");
            }
            c.cfmakeraw(t);
            if (c.tcsetattr(fd, Libc.TCSANOW, t) != 0) {
                throw fail("tcsetattr(raw)", path, Libc.errno(), "report this as a bug");
            }
        }
    }

    private static PortException fail(String call, String where, int errno, String todo) {
        return new PortException(PortException.Kind.OTHER, where,
                call + " failed on " + where + ": " + Libc.describe(errno) + " — " + todo);
    }

    /** The slave device, e.g. {@code /dev/pts/7}: hand this to the code that expects a serial port. */
    public String slavePath() {
        return slavePath;
    }

    /** This process's end of the line. */
    public BytePort master() {
        return master;
    }

    /**
     * Makes (or replaces) a symbolic link to the slave, so a profile can name a stable path like
     * {@code /tmp/firstsettle/pt0}. The link is removed when the pair closes.
     *
     * @return the link
     */
    public Path link(Path symlink) {
        try {
            if (symlink.getParent() != null) {
                Files.createDirectories(symlink.getParent());
            }
            if (Files.isSymbolicLink(symlink)) {
                Files.delete(symlink);
            }
            Files.createSymbolicLink(symlink, Path.of(slavePath));
            synchronized (links) {
                links.add(symlink);
            }
            return symlink;
        } catch (IOException e) {
            throw new PortException(PortException.Kind.OTHER, slavePath, "cannot link " + symlink + " -> " + slavePath
                    + ": " + e + " — check that the directory is writable and the name is not a regular file", e);
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** Closes the master (the slave side sees the link gone), the held slave fd and removes links made by {@link #link}. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Libc.C.close(masterFd);
        Libc.C.close(heldSlaveFd);
        synchronized (links) {
            for (Path l : links) {
                try {
                    Files.deleteIfExists(l);
                } catch (IOException e) {
                    log.warn("could not remove link {} to {}: {}", l, slavePath, e.toString());
                }
            }
            links.clear();
        }
        log.debug("pty pair {} closed", slavePath);
    }

    @Override
    public String toString() {
        return "PtyPair[" + slavePath + (closed ? ", closed" : "") + "]";
    }

    /** The master end: libc read/write on the master fd, poll() for the bounds. */
    private final class MasterPort implements BytePort {
        private final long writeTimeoutMillis;

        MasterPort(Duration writeTimeout) {
            this.writeTimeoutMillis = writeTimeout.toMillis();
        }

        @Override
        public String name() {
            return "pty master of " + slavePath;
        }

        private PortException gone() {
            return new PortException(PortException.Kind.LINK_GONE, name(),
                    "link gone: " + name() + " — the pty pair was closed; open a new one");
        }

        @Override
        public void write(byte[] data) {
            long deadline = System.nanoTime() + writeTimeoutMillis * 1_000_000L;
            int off = 0;
            while (off < data.length) {
                if (closed) {
                    throw gone();
                }
                byte[] chunk = off == 0 ? data : Arrays.copyOfRange(data, off, data.length);
                long n = Libc.C.write(masterFd, chunk, new NativeLong(chunk.length)).longValue();
                if (n > 0) {
                    off += (int) n;
                    continue;
                }
                int e = n < 0 ? Libc.errno() : Libc.EAGAIN;
                if (e == Libc.EINTR) {
                    continue;
                }
                if (e != Libc.EAGAIN) {
                    if (closed) {
                        throw gone();
                    }
                    throw new PortException(PortException.Kind.LINK_GONE, name(), "write failed on " + name()
                            + ": " + Libc.describe(e) + " — open a new pty pair");
                }
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    throw new PortException(PortException.Kind.WRITE_TIMEOUT, name(), "write timed out after "
                            + writeTimeoutMillis + " ms on " + name() + ": the far end stopped reading ("
                            + off + " of " + data.length + " bytes written)");
                }
                Libc.pollOne(masterFd, Libc.POLLOUT, (int) Math.min(left, 50));
            }
        }

        @Override
        public int read(byte[] buf, int maxLen, int timeoutMillis) {
            if (maxLen <= 0) {
                return 0;
            }
            if (maxLen > buf.length) {
                throw new IllegalArgumentException("maxLen " + maxLen + " > buffer length " + buf.length);
            }
            long deadline = System.nanoTime() + Math.max(0, timeoutMillis) * 1_000_000L;
            byte[] tmp = maxLen == buf.length ? buf : new byte[maxLen];
            while (true) {
                if (closed) {
                    throw gone();
                }
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                // short slices so a close() from another thread is noticed promptly
                short rev = Libc.pollOne(masterFd, Libc.POLLIN, (int) Math.max(0, Math.min(left, 50)));
                if ((rev & Libc.POLLIN) != 0) {
                    long n = Libc.C.read(masterFd, tmp, new NativeLong(maxLen)).longValue();
                    if (n > 0) {
                        if (tmp != buf) {
                            System.arraycopy(tmp, 0, buf, 0, (int) n);
                        }
                        return (int) n;
                    }
                    int e = n < 0 ? Libc.errno() : 0;
                    if (closed) {
                        throw gone();
                    }
                    if (n < 0 && e != Libc.EIO && e != Libc.EAGAIN && e != Libc.EINTR) {
                        throw new PortException(PortException.Kind.OTHER, name(), "read failed on " + name()
                                + ": " + Libc.describe(e));
                    }
                    // EIO/EOF: no slave fd open right now — "no data yet", wait a little and look again
                    pauseBriefly();
                } else if ((rev & (Libc.POLLHUP | Libc.POLLERR)) != 0) {
                    if (closed) {
                        throw gone();
                    }
                    pauseBriefly();
                } else if ((rev & Libc.POLLNVAL) != 0) {
                    throw gone();
                }
                if (System.nanoTime() - deadline >= 0) {
                    return 0;
                }
            }
        }

        private void pauseBriefly() {
            try {
                Thread.sleep(1);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new PortException(PortException.Kind.OTHER, name(), "interrupted while reading " + name());
            }
        }

        @Override
        public void close() {
            PtyPair.this.close();
        }

        @Override
        public String toString() {
            return name();
        }
    }
}
