package io.firstsettle.ecr.concert;

import io.firstsettle.core.Hex;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure state machine that turns a Concert byte stream into {@link ConcertFrameEvent}s (protocols.md §B). No I/O, no
 * threads, no clock: the link calls {@link #feed} with whatever arrived and {@link #gapExpired()} when the line stayed
 * silent for the inter-byte gap while {@link #midFrame()}.
 *
 * <pre>
 *   IDLE --02 STX--> DATA --03 ETX--> LRC --any byte--> Frame (LRC good) | Corrupt BAD_LRC
 *    |  05 04 06 15 -> Control         |  02 STX      -> Corrupt CUT, a new frame starts
 *    |  other       -> Garbage         |  05 04 06 15 -> Corrupt CUT, the byte is read again in IDLE
 *                                      |  other       -> payload byte (fields are checked by the message codecs)
 * </pre>
 *
 * The byte after ETX is always the LRC, whatever its value: an LRC of 03 (the §B example request) or 02 is not
 * mistaken for ETX or STX.
 *
 * <p>Bit 7: on a 7E1 line the UART delivers 7 data bits; a port opened 8N1 on a 7E1 line sees the parity bit as bit 7.
 * {@link Bit7#STRIP} clears bit 7 of every byte before anything else (so such a capture still decodes);
 * {@link Bit7#REJECT} keeps it and reports a frame holding such a byte as {@link ConcertFrameEvent.Problem#HIGH_BIT}
 * (a USB 8N1 line, where the payload must be plain ASCII).
 */
public final class ConcertFrameParser {
    /** Largest payload accepted: the longest §B message is the 80-char full answer; room for variants. */
    public static final int DEFAULT_MAX_PAYLOAD = 1024;

    /** What to do with bit 7 of incoming bytes. */
    public enum Bit7 {
        /** Clear it: the line is 7E1 (or an 8N1 port listens to a 7E1 line and bit 7 is the parity bit). */
        STRIP,
        /** Keep it: a byte with bit 7 set inside a frame makes the frame {@code HIGH_BIT}; outside, it is garbage. */
        REJECT
    }

    private enum State { IDLE, DATA, LRC }

    private final Bit7 bit7;
    private final int maxPayload;
    private State state = State.IDLE;
    private final ByteArrayOutputStream payload = new ByteArrayOutputStream();
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private final ByteArrayOutputStream garbage = new ByteArrayOutputStream();
    private long garbageStart;
    private long frameStart = -1;
    private long position;
    private int highBitAt = -1;
    private boolean oversize;

    public ConcertFrameParser() {
        this(Bit7.STRIP, DEFAULT_MAX_PAYLOAD);
    }

    public ConcertFrameParser(Bit7 bit7) {
        this(bit7, DEFAULT_MAX_PAYLOAD);
    }

    public ConcertFrameParser(Bit7 bit7, int maxPayload) {
        if (maxPayload < 1) {
            throw new IllegalArgumentException("maxPayload " + maxPayload + " must be at least 1");
        }
        this.bit7 = bit7;
        this.maxPayload = maxPayload;
    }

    /** True between STX and the LRC: a silent gap now cuts the frame. */
    public boolean midFrame() {
        return state != State.IDLE;
    }

    /** Bytes consumed over the parser's life. */
    public long position() {
        return position;
    }

    /** Feeds {@code len} bytes from {@code off}; returns the events they completed, in stream order. */
    public List<ConcertFrameEvent> feed(byte[] buf, int off, int len) {
        List<ConcertFrameEvent> out = new ArrayList<>();
        for (int i = off; i < off + len; i++) {
            step(buf[i] & 0xFF, out);
            position++;
        }
        flushGarbage(out);
        return out;
    }

    public List<ConcertFrameEvent> feed(byte[] buf) {
        return feed(buf, 0, buf.length);
    }

    /** The line stayed silent for the inter-byte gap. Mid-frame: one Corrupt GAP and back to IDLE; else nothing. */
    public List<ConcertFrameEvent> gapExpired() {
        if (!midFrame()) {
            return List.of();
        }
        List<ConcertFrameEvent> out = new ArrayList<>();
        corrupt(out, ConcertFrameEvent.Problem.GAP, "the line went silent " + (state == State.LRC
                ? "after ETX, before the LRC byte" : "after " + payload.size() + " payload chars, before ETX")
                + "; frame cut short, answer NAK so the sender repeats it");
        reset();
        return out;
    }

    /** Like {@link #gapExpired()} at the end of a capture: a frame still open is reported as truncated. */
    public List<ConcertFrameEvent> endOfInput() {
        List<ConcertFrameEvent> out = new ArrayList<>();
        flushGarbage(out);
        if (midFrame()) {
            corrupt(out, ConcertFrameEvent.Problem.GAP, "input ended " + (state == State.LRC
                    ? "after ETX, before the LRC byte" : "after " + payload.size() + " payload chars, before ETX")
                    + ": the frame is truncated");
            reset();
        }
        return out;
    }

    private void step(int in, List<ConcertFrameEvent> out) {
        int b = bit7 == Bit7.STRIP ? in & 0x7F : in;
        switch (state) {
            case IDLE -> idle(b, out);
            case DATA -> data(b, in, out);
            case LRC -> lrc(b, out);
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void idle(int b, List<ConcertFrameEvent> out) {
        if (b == ConcertControl.STX.wire()) {
            flushGarbage(out);
            startFrame();
            raw.write(b);
            state = State.DATA;
            return;
        }
        var control = ConcertControl.of(b);
        if (control.isPresent() && control.get() != ConcertControl.ETX) {
            flushGarbage(out);
            out.add(new ConcertFrameEvent.Control(control.get(), position));
            return;
        }
        if (garbage.size() == 0) {
            garbageStart = position;
        }
        garbage.write(b);
    }

    private void data(int b, int in, List<ConcertFrameEvent> out) {
        if (b == ConcertControl.ETX.wire()) {
            raw.write(b);
            state = State.LRC;
            return;
        }
        if (b == ConcertControl.STX.wire()) {
            corrupt(out, ConcertFrameEvent.Problem.CUT, "STX at payload char " + payload.size()
                    + " before ETX: the frame was cut short and a new one started; answer NAK");
            reset();
            startFrame();
            raw.write(b);
            state = State.DATA;
            return;
        }
        var control = ConcertControl.of(b);
        if (control.isPresent()) {
            corrupt(out, ConcertFrameEvent.Problem.CUT, control.get() + " at payload char " + payload.size()
                    + " before ETX: the sender broke off the frame; answer NAK");
            reset();
            idle(b, out);
            return;
        }
        if (oversize) {
            return;
        }
        if (payload.size() >= maxPayload) {
            oversize = true;
            return;
        }
        if (b > 0x7F && highBitAt < 0) {
            highBitAt = payload.size();
        }
        raw.write(b);
        payload.write(b);
    }

    private void lrc(int b, List<ConcertFrameEvent> out) {
        raw.write(b);
        byte[] body = payload.toByteArray();
        int expected = ConcertFrame.lrc(body);
        if (oversize) {
            corrupt(out, ConcertFrameEvent.Problem.OVERSIZE, "payload longer than " + maxPayload
                    + " chars before ETX; answer NAK (is this a Concert line? check the terminal's protocol setting)");
        } else if (highBitAt >= 0) {
            corrupt(out, ConcertFrameEvent.Problem.HIGH_BIT, "payload char " + highBitAt + " has bit 7 set ("
                    + Hex.format(body[highBitAt]) + "): the payload must be 7-bit ASCII; if the line is 7E1 read"
                    + " through an 8N1 port, strip bit 7");
        } else if (b == expected) {
            out.add(new ConcertFrameEvent.Frame(body, b, frameStart));
        } else {
            corrupt(out, ConcertFrameEvent.Problem.BAD_LRC, "bad LRC: expected " + Hex.format(expected)
                    + " (XOR of the " + body.length + " payload chars and ETX), received " + Hex.format(b)
                    + "; answer NAK");
        }
        reset();
    }

    private void startFrame() {
        frameStart = position;
        payload.reset();
        raw.reset();
        highBitAt = -1;
        oversize = false;
    }

    private void corrupt(List<ConcertFrameEvent> out, ConcertFrameEvent.Problem problem, String reason) {
        flushGarbage(out);
        out.add(new ConcertFrameEvent.Corrupt(raw.toByteArray(), problem, reason, frameStart));
    }

    private void flushGarbage(List<ConcertFrameEvent> out) {
        if (garbage.size() > 0) {
            out.add(new ConcertFrameEvent.Garbage(garbage.toByteArray(), garbageStart));
            garbage.reset();
        }
    }

    private void reset() {
        state = State.IDLE;
        payload.reset();
        raw.reset();
        highBitAt = -1;
        oversize = false;
    }
}
