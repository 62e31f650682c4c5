package io.firstsettle.port;

/**
 * Bytes handed from one reading thread to {@link BytePort#read} callers: the reader blocks on the link and puts what
 * it got; a caller takes with a deadline and wakes at once on data or on the end of the link. Nothing polls. Bounded:
 * a reader that finds it full waits for room, so a far end that floods an unread port stops at the TCP window.
 */
final class ReceiveBuffer {
    static final int CAPACITY = 64 * 1024;

    /** The link ended; {@link #cause()} is null for an orderly end (EOF). */
    static final class Ended extends RuntimeException {
        Ended(Throwable cause) {
            super(cause == null ? "ended" : cause.toString(), cause, false, false);
        }
    }

    private final byte[] ring = new byte[CAPACITY];
    private int head;
    private int size;
    private boolean ended;
    private Throwable cause;

    /**
     * Appends {@code n} bytes, waiting for room while the buffer is full.
     *
     * @return false when the buffer ended meanwhile (the port was closed); the bytes are then dropped
     */
    synchronized boolean put(byte[] data, int n) throws InterruptedException {
        int off = 0;
        while (off < n) {
            while (size == CAPACITY && !ended) {
                wait();
            }
            if (ended) {
                return false;
            }
            int tail = (head + size) % CAPACITY;
            int run = Math.min(n - off, Math.min(CAPACITY - size, CAPACITY - tail));
            System.arraycopy(data, off, ring, tail, run);
            size += run;
            off += run;
            notifyAll();
        }
        return true;
    }

    /** Marks the end of the link; bytes already in are still taken first. Only the first call counts. */
    synchronized void end(Throwable why) {
        if (!ended) {
            ended = true;
            cause = why;
        }
        notifyAll();
    }

    synchronized boolean ended() {
        return ended;
    }

    /**
     * Takes up to {@code maxLen} bytes into {@code buf[0..)}, waiting up to {@code timeoutMillis} for the first.
     *
     * @return bytes taken, 0 when none came in time
     * @throws Ended when the buffer is empty and the link ended
     */
    synchronized int take(byte[] buf, int maxLen, int timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (size == 0) {
            if (ended) {
                throw new Ended(cause);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return 0;
            }
            wait(left / 1_000_000, (int) (left % 1_000_000));
        }
        int n = Math.min(maxLen, size);
        int first = Math.min(n, CAPACITY - head);
        System.arraycopy(ring, head, buf, 0, first);
        System.arraycopy(ring, 0, buf, first, n - first);
        head = (head + n) % CAPACITY;
        size -= n;
        notifyAll();
        return n;
    }
}
