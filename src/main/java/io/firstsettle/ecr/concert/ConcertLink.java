package io.firstsettle.ecr.concert;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.Hex;
import io.firstsettle.port.BytePort;
import io.firstsettle.port.PortException;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * The Concert link over a {@link BytePort}, for either role: the same handshake carries the register's request and
 * the terminal's answer (protocols.md §B, [TELIUM] {@code manager.py} {@code ask()} / {@code verify()}).
 *
 * <pre>
 *  sender                         receiver
 *  ENQ 05            -->                          (no ACK within enqAck: ENQ again, up to enqTries)
 *                    <--          ACK 06
 *  STX payload ETX LRC -->                        (receiver checks the LRC)
 *                    <--          ACK 06 | NAK 15 (NAK or nothing within frameAck: the frame again,
 *                                                  up to frameRepeats repeats)
 *  EOT 04            -->                          (the line is free again)
 * </pre>
 *
 * <p>Half-duplex and synchronous: one thread at a time calls {@link #send} or {@link #receive}; there is no reader
 * thread. A receiver that gets the same frame again after its ACK (the sender missed the ACK) ACKs it again and does
 * not deliver it twice. Every wait is bounded by a timer of {@link ConcertTimings}, in real time.
 */
public final class ConcertLink implements AutoCloseable {
    private static final byte[] ENQ = {ConcertControl.ENQ.asByte()};
    private static final byte[] ACK = {ConcertControl.ACK.asByte()};
    private static final byte[] NAK = {ConcertControl.NAK.asByte()};
    private static final byte[] EOT = {ConcertControl.EOT.asByte()};
    /** Longest single read, so a close from another thread is seen promptly. */
    private static final int SLICE_MILLIS = 50;

    private final BytePort port;
    private final ConcertTimings timings;
    private final EventSink events;
    private final String role;
    private final ConcertFrameParser parser;
    private final Deque<ConcertFrameEvent> pending = new ArrayDeque<>();
    private final byte[] buf = new byte[512];
    private long lastByteNanos = System.nanoTime();
    private volatile int repeatsOfLast;
    private volatile boolean closed;

    /**
     * @param bit7 {@link ConcertFrameParser.Bit7#STRIP} on a 7E1 line, {@code REJECT} on an 8N1 (USB) line
     * @param role "ecr" or "terminal": who this side is, for the evidence
     */
    public ConcertLink(BytePort port, ConcertTimings timings, ConcertFrameParser.Bit7 bit7, EventSink events,
                       String role) {
        this.port = port;
        this.timings = timings;
        this.events = events;
        this.role = role;
        this.parser = new ConcertFrameParser(bit7);
    }

    public String name() {
        return port.name();
    }

    public ConcertTimings timings() {
        return timings;
    }

    /**
     * Sends one message: ENQ until ACKed, the frame until ACKed, then EOT.
     *
     * @throws ConcertLinkException NO_ACK_TO_ENQ, FRAME_NOT_ACKED or LINK_GONE
     */
    public void send(byte[] payload) {
        byte[] frame = ConcertFrame.encode(payload);
        String text = ConcertEvidence.payloadText(payload);
        askForLine(text);
        for (int attempt = 1; attempt <= timings.frameRepeats() + 1; attempt++) {
            write(frame);
            events.record(role, "concert-out", Map.of("payload", text, "lrc", Hex.format(frame[frame.length - 1]),
                    "attempt", attempt));
            ConcertControl answer = awaitControl(timings.frameAck(), ConcertControl.ACK, ConcertControl.NAK);
            if (answer == ConcertControl.ACK) {
                write(EOT);
                return;
            }
            events.record(role, answer == null ? "concert-no-ack" : "concert-nak-received",
                    Map.of("attempt", attempt, "waitedMillis", timings.frameAck().toMillis()));
        }
        write(EOT);
        throw new ConcertLinkException(ConcertLinkException.Reason.FRAME_NOT_ACKED, "the peer on " + name()
                + " did not ACK our frame in " + (timings.frameRepeats() + 1) + " tries (frameAck "
                + timings.frameAck().toMillis() + " ms each, NAK or silence): check the line settings (7E1 on"
                + " RS-232, 8N1 on USB) and that the terminal speaks Concert");
    }

    private void askForLine(String text) {
        for (int attempt = 1; attempt <= timings.enqTries(); attempt++) {
            write(ENQ);
            ConcertControl answer = awaitControl(timings.enqAck(), ConcertControl.ACK, ConcertControl.NAK);
            if (answer == ConcertControl.ACK) {
                return;
            }
            events.record(role, "concert-enq-unanswered", Map.of("attempt", attempt,
                    "answer", answer == null ? "nothing" : answer.name()));
        }
        throw new ConcertLinkException(ConcertLinkException.Reason.NO_ACK_TO_ENQ, "no ACK to ENQ on " + name()
                + " after " + timings.enqTries() + " tries (enqAck " + timings.enqAck().toMillis() + " ms each) while"
                + " sending '" + text + "': check that the terminal is on, idle, set to Concert (\"Cash Connection ="
                + " On\") and that the line settings match");
    }

    /**
     * Waits up to {@code realBound} for the peer to ask for the line, then takes its frame: ACK the ENQ, NAK a bad
     * frame (at most frameRepeats times), ACK a good one, wait for EOT.
     *
     * @return the payload, or empty when no ENQ came within the bound
     * @throws ConcertLinkException NO_FRAME when the peer asked for the line and sent no good frame; LINK_GONE
     */
    public Optional<byte[]> receive(Duration realBound) {
        long deadline = System.nanoTime() + realBound.toNanos();
        while (true) {
            ConcertFrameEvent ev = next(deadline);
            if (ev == null) {
                return Optional.empty();
            }
            if (ev instanceof ConcertFrameEvent.Control c && c.control() == ConcertControl.ENQ) {
                break;
            }
            ignored(ev, "while idle");
        }
        repeatsOfLast = 0;
        write(ACK);
        byte[] payload = takeFrame();
        awaitEot(payload);
        events.record(role, "concert-in", Map.of("payload", ConcertEvidence.payloadText(payload)));
        return Optional.of(payload);
    }

    private byte[] takeFrame() {
        int naks = 0;
        while (true) {
            ConcertFrameEvent ev = next(System.nanoTime() + timings.frameWait().toNanos());
            if (ev == null) {
                throw new ConcertLinkException(ConcertLinkException.Reason.NO_FRAME, "the peer on " + name()
                        + " asked for the line (ENQ), we ACKed, and no frame came within " + timings.frameWait()
                        .toMillis() + " ms");
            }
            if (ev instanceof ConcertFrameEvent.Frame f) {
                write(ACK);
                return f.payload();
            }
            if (ev instanceof ConcertFrameEvent.Control c) {
                if (c.control() == ConcertControl.ENQ) {
                    write(ACK); // the peer missed our ACK and asks again
                    continue;
                }
                if (c.control() == ConcertControl.EOT) {
                    throw new ConcertLinkException(ConcertLinkException.Reason.NO_FRAME, "the peer on " + name()
                            + " asked for the line (ENQ) and gave it back (EOT) without a good frame after " + naks
                            + " NAK(s)");
                }
            }
            if (ev instanceof ConcertFrameEvent.Corrupt bad) {
                events.record(role, "concert-corrupt", Map.of("problem", bad.problem().name(), "reason", bad.reason(),
                        "bytes", Hex.format(bad.raw())));
                if (naks++ == timings.frameRepeats()) {
                    write(NAK);
                    throw new ConcertLinkException(ConcertLinkException.Reason.NO_FRAME, "the peer on " + name()
                            + " sent " + naks + " bad frames in a row (last: " + bad.reason() + ")");
                }
                write(NAK);
                events.record(role, "concert-nak-sent", Map.of("count", naks));
                continue;
            }
            ignored(ev, "while waiting for a frame");
        }
    }

    private void awaitEot(byte[] delivered) {
        long deadline = System.nanoTime() + timings.eot().toNanos();
        while (true) {
            ConcertFrameEvent ev = next(deadline);
            if (ev == null) {
                events.record(role, "concert-no-eot", Map.of("waitedMillis", timings.eot().toMillis(),
                        "hint", "the frame was ACKed and is delivered; the peer did not close with EOT"));
                return;
            }
            if (ev instanceof ConcertFrameEvent.Control c && c.control() == ConcertControl.EOT) {
                return;
            }
            if (ev instanceof ConcertFrameEvent.Frame f && Arrays.equals(f.payload(), delivered)) {
                write(ACK); // our ACK was lost, the peer repeated the frame: ACK again, deliver once
                events.record(role, "concert-duplicate-dropped", Map.of("lrc", Hex.format(f.lrc())));
                repeatsOfLast++;
                deadline = System.nanoTime() + timings.eot().toNanos();
                continue;
            }
            if (ev instanceof ConcertFrameEvent.Corrupt) {
                write(NAK);
                continue;
            }
            ignored(ev, "while waiting for EOT");
        }
    }

    /**
     * How many times the peer sent the frame that the last {@link #receive} delivered again (it missed our ACK): each
     * repeat was ACKed and dropped here, so the frame was delivered once.
     */
    public int repeatsOfLastFrame() {
        return repeatsOfLast;
    }

    /** The first of {@code wanted} to arrive within {@code bound}; other events are recorded and skipped. */
    private ConcertControl awaitControl(Duration bound, ConcertControl... wanted) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            ConcertFrameEvent ev = next(deadline);
            if (ev == null) {
                return null;
            }
            if (ev instanceof ConcertFrameEvent.Control c) {
                for (ConcertControl w : wanted) {
                    if (c.control() == w) {
                        return w;
                    }
                }
            }
            ignored(ev, "while waiting for " + Arrays.toString(wanted));
        }
    }

    private void ignored(ConcertFrameEvent ev, String when) {
        if (ev instanceof ConcertFrameEvent.Garbage g) {
            events.record(role, "concert-garbage", Map.of("bytes", Hex.format(g.bytes()), "when", when,
                    "hint", "bytes outside any frame: check baud rate, 7E1 vs 8N1, and that one program uses the port"));
        } else {
            events.record(role, "concert-unexpected", Map.of("event", ev.toString(), "when", when));
        }
    }

    /** The next parser event, reading the port as needed; null when {@code deadlineNanos} passes first. */
    private ConcertFrameEvent next(long deadlineNanos) {
        while (pending.isEmpty()) {
            if (closed) {
                throw gone(null);
            }
            long left = (deadlineNanos - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return null;
            }
            int slice = (int) Math.min(left, SLICE_MILLIS);
            if (parser.midFrame()) {
                long gapLeft = (lastByteNanos + timings.interByteGap().toNanos() - System.nanoTime()) / 1_000_000L;
                if (gapLeft <= 0) {
                    pending.addAll(parser.gapExpired());
                    continue;
                }
                slice = (int) Math.min(slice, gapLeft);
            }
            int n;
            try {
                n = port.read(buf, buf.length, Math.max(1, slice));
            } catch (PortException e) {
                throw gone(e);
            }
            if (n > 0) {
                lastByteNanos = System.nanoTime();
                pending.addAll(parser.feed(buf, 0, n));
            }
        }
        return pending.poll();
    }

    private void write(byte[] bytes) {
        if (closed) {
            throw gone(null);
        }
        try {
            port.write(bytes);
        } catch (PortException e) {
            throw gone(e);
        }
    }

    private ConcertLinkException gone(PortException e) {
        return new ConcertLinkException(ConcertLinkException.Reason.LINK_GONE, closed ? "the Concert link on "
                + name() + " is closed" : "the Concert line " + name() + " is gone: " + e.getMessage(), e);
    }

    /** Closes the port. Idempotent. */
    @Override
    public void close() {
        closed = true;
        port.close();
    }
}
