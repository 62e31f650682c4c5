package io.firstsettle.ecr.concert;

import io.firstsettle.core.EventSink;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The terminal's protocol session: takes each request off the {@link ConcertLink}, asks the
 * {@link ConcertTerminalServices} for the answer and sends it back through the same handshake, in its own thread.
 * A request that does not decode is recorded and left unanswered (the register sees no answer); a failed handshake is
 * recorded and the session waits for the next request. It stops when closed or when the line is gone.
 */
public final class ConcertTerminalSession implements AutoCloseable {
    /** How long one receive waits before looking whether the session was closed. */
    private static final Duration POLL = Duration.ofMillis(100);

    private final ConcertLink link;
    private final ConcertTerminalServices services;
    private final EventSink events;
    private final Thread thread;
    private final AtomicInteger answered = new AtomicInteger();
    private volatile boolean closed;
    private volatile RuntimeException stoppedBy;

    public ConcertTerminalSession(ConcertLink link, ConcertTerminalServices services, EventSink events) {
        this.link = link;
        this.services = services;
        this.events = events;
        this.thread = new Thread(this::run, "concert-terminal " + link.name());
        this.thread.setDaemon(true);
    }

    public ConcertTerminalSession start() {
        thread.start();
        return this;
    }

    /** Answers sent so far. */
    public int answered() {
        return answered.get();
    }

    /** What ended the session other than {@link #close()}, if anything. */
    public Optional<RuntimeException> stoppedBy() {
        return Optional.ofNullable(stoppedBy);
    }

    private void run() {
        while (!closed) {
            try {
                Optional<byte[]> payload = link.receive(POLL);
                if (payload.isPresent()) {
                    answer(payload.get());
                } else {
                    services.idle();
                }
            } catch (ConcertLinkException e) {
                if (closed) {
                    return;
                }
                if (e.reason() == ConcertLinkException.Reason.LINK_GONE) {
                    stoppedBy = e;
                    events.record("terminal", "concert-session-ended", Map.of("error", String.valueOf(e.getMessage())));
                    return;
                }
                events.record("terminal", "concert-handshake-failed", Map.of("reason", e.reason().name(),
                        "error", String.valueOf(e.getMessage())));
            } catch (RuntimeException e) {
                stoppedBy = e;
                events.record("terminal", "concert-session-ended", Map.of("error", String.valueOf(e)));
                return;
            }
        }
    }

    private void answer(byte[] payload) {
        ConcertRequest request;
        try {
            request = ConcertRequest.decode(payload);
        } catch (ConcertFormatException e) {
            events.record("terminal", "concert-bad-request", Map.of("field", e.field(), "offset", e.offset(),
                    "error", e.getMessage()));
            return;
        }
        ConcertAnswer answer = services.serve(request);
        try {
            link.send(answer.encode());
        } catch (ConcertLinkException e) {
            services.delivered(request, answer, false);
            throw e;
        }
        answered.incrementAndGet();
        services.delivered(request, answer, true);
        events.record("terminal", "concert-answered", Map.of("request", request.toString(),
                "answer", answer.toString()));
    }

    /** Stops the session and closes the link. */
    @Override
    public void close() {
        close(Duration.ofMillis(1000));
    }

    /**
     * Stops the session and closes the link, then waits up to {@code realBound} for a request being served (a host
     * exchange in flight) to end, so that nothing it still does overlaps a restart on the same state.
     */
    public void close(Duration realBound) {
        closed = true;
        thread.interrupt();
        link.close();
        try {
            thread.join(Math.max(1, realBound.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
