package io.firstsettle.ecr.zvt.link;

import io.firstsettle.ecr.zvt.codec.Apdu;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What both ZVT links (serial and TCP) keep about their line: the APDUs received and not yet taken, the failure that
 * ended the line, and whether it was closed. Waits run in slices of {@value #SLICE_MILLIS} ms, so a line that dies
 * during a wait is reported within one slice of its reader noticing, not when the wait ends.
 */
final class LinkState {
    static final long SLICE_MILLIS = 20;

    private final BlockingQueue<Apdu> inbound = new LinkedBlockingQueue<>();
    private final String what;
    private volatile boolean closed;
    private volatile RuntimeException failure;

    /** @param what how the line is named in errors: "the ZVT line /dev/pts/3", "the ZVT connection tcp://..." */
    LinkState(String what) {
        this.what = what;
    }

    void delivered(Apdu apdu) {
        inbound.add(apdu);
    }

    /** Records why the line ended; ignored once the line was closed on purpose. */
    void failed(RuntimeException e) {
        if (!closed) {
            failure = e;
        }
    }

    void close() {
        closed = true;
    }

    boolean closed() {
        return closed;
    }

    RuntimeException failure() {
        return failure;
    }

    /** The next APDU within {@code realTimeout}, or empty; throws {@link ZvtLinkException} when the line is gone. */
    Optional<Apdu> receive(Duration realTimeout) {
        long deadline = System.nanoTime() + Math.max(0, realTimeout.toNanos());
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                Apdu a = inbound.poll(Math.max(0, Math.min(left, SLICE_MILLIS)), TimeUnit.MILLISECONDS);
                if (a != null) {
                    return Optional.of(a);
                }
                checkAlive();
                if (left <= 0) {
                    return Optional.empty();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    void checkAlive() {
        RuntimeException f = failure;
        if (f != null) {
            String m = String.valueOf(f.getMessage());
            throw new ZvtLinkException(m.startsWith("link gone") ? m : "link gone on " + what + ": " + m, f);
        }
        if (closed) {
            throw new ZvtLinkException(what + " is closed");
        }
    }
}
