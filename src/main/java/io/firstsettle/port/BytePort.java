package io.firstsettle.port;

/**
 * Moves bytes to and from one link (serial device, pseudo-terminal, TCP socket). No framing, no protocol.
 *
 * <p>Implementations are safe for one reader thread and one writer thread at a time.
 */
public interface BytePort extends AutoCloseable {

    /** The port as opened, e.g. {@code /dev/ttyUSB0}, {@code /dev/pts/7}, {@code tcp://bench-3:4001}. */
    String name();

    /**
     * Writes all of {@code data}, or fails.
     *
     * @throws PortException {@link PortException.Kind#WRITE_TIMEOUT} when the far end does not drain the bytes
     *                       within the port's write bound, {@link PortException.Kind#LINK_GONE} when the link is gone
     */
    void write(byte[] data);

    /**
     * Reads what has arrived, waiting up to {@code timeoutMillis} for the first byte.
     *
     * @return the number of bytes placed at {@code buf[0..n)}, between 1 and {@code maxLen}; 0 when nothing arrived in time
     * @throws PortException {@link PortException.Kind#LINK_GONE} when the link is gone
     */
    int read(byte[] buf, int maxLen, int timeoutMillis);

    /** Releases the port. Idempotent; never throws. */
    @Override
    void close();
}
