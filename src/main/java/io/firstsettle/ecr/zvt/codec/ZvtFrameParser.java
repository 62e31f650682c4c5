package io.firstsettle.ecr.zvt.codec;

import io.firstsettle.core.Hex;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure state machine that turns a ZVT serial byte stream into {@link FrameEvent}s. No I/O, no threads, no clock: the
 * transport calls {@link #feed} with whatever bytes arrived and {@link #gapExpired()} when T1 (200 ms, [ZVT-TP] §3.4)
 * passed without a byte while {@link #midFrame()}.
 *
 * <pre>
 *   WAIT_DLE --10--> WAIT_STX --02--> DATA --10--> AFTER_DLE --10--> DATA (data byte 0x10)
 *      |  06 -> Ack                    ^  other -> APDU byte   |--03--> CRC_LOW -> CRC_HIGH -> Frame | Corrupt(bad CRC)
 *      |  15 -> Nak                    |                       |--02--> Corrupt, new frame starts
 *      |  other -> Garbage             +-----------------------|--xx--> Corrupt, back to WAIT_DLE
 * </pre>
 *
 * After DLE ETX exactly two bytes are taken raw as CRC low/high, so CRC bytes 0x10, 0x02 or 0x03 are fine. Garbage bytes
 * are coalesced into one event per {@link #feed} call (per run between other events). An APDU longer than the
 * configured maximum yields one Corrupt and the rest of that frame is skipped up to its CRC.
 */
public final class ZvtFrameParser {
    /** Largest APDU: 2 control bytes + FF lo hi + 65535 data bytes ([ZVT-TP] §5.2.4). */
    public static final int DEFAULT_MAX_APDU = 65535 + 5;

    private enum State { WAIT_DLE, WAIT_STX, DATA, AFTER_DLE, CRC_LOW, CRC_HIGH }

    private final int maxApdu;
    private State state = State.WAIT_DLE;
    private final ByteArrayOutputStream apdu = new ByteArrayOutputStream();
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private final ByteArrayOutputStream garbage = new ByteArrayOutputStream();
    private boolean discarding;
    private int crcLow;
    private long position;
    private long frameStart = -1;

    public ZvtFrameParser() {
        this(DEFAULT_MAX_APDU);
    }

    /** @param maxApdu largest unstuffed APDU accepted, in bytes; longer frames yield Corrupt "oversize". */
    public ZvtFrameParser(int maxApdu) {
        if (maxApdu < 3) {
            throw new IllegalArgumentException("maxApdu " + maxApdu + " is below the 3-byte minimum APDU (CLASS INSTR LEN)");
        }
        this.maxApdu = maxApdu;
    }

    /** True between DLE and the second CRC byte: a T1 gap now would cut the frame. */
    public boolean midFrame() {
        return state != State.WAIT_DLE;
    }

    /** Bytes consumed so far over the parser's life. */
    public long position() {
        return position;
    }

    /** Stream offset of the DLE that started the current (or last) frame; -1 before any frame. */
    public long frameStart() {
        return frameStart;
    }

    /** Feeds {@code len} bytes from {@code off}; returns the events they completed, in order. */
    public List<FrameEvent> feed(byte[] buf, int off, int len) {
        List<FrameEvent> out = new ArrayList<>();
        for (int i = off; i < off + len; i++) {
            step(buf[i] & 0xFF, out);
            position++;
        }
        flushGarbage(out);
        return out;
    }

    /** Convenience for {@code feed(buf, 0, buf.length)}. */
    public List<FrameEvent> feed(byte[] buf) {
        return feed(buf, 0, buf.length);
    }

    /**
     * The transport saw no byte for T1 (200 ms). Mid-frame this cuts the frame: one Corrupt "inter-byte gap" and a
     * reset to WAIT_DLE (the receiver answers NAK, [ZVT-TP] §3.4). Outside a frame nothing happens.
     */
    public List<FrameEvent> gapExpired() {
        if (!midFrame()) {
            return List.of();
        }
        List<FrameEvent> out = new ArrayList<>();
        if (!discarding) {
            out.add(new FrameEvent.Corrupt(raw.toByteArray(), "inter-byte gap (T1 200 ms) after " + raw.size()
                    + " frame bytes in state " + state + "; frame cut short, answer NAK so the sender repeats it"));
        }
        reset();
        return out;
    }

    private void step(int b, List<FrameEvent> out) {
        switch (state) {
            case WAIT_DLE -> {
                if (b == (ZvtSerialFrame.DLE & 0xFF)) {
                    startFrame();
                    raw.write(b);
                    state = State.WAIT_STX;
                } else if (b == ZvtSerialFrame.ACK) {
                    flushGarbage(out);
                    out.add(new FrameEvent.Ack());
                } else if (b == ZvtSerialFrame.NAK) {
                    flushGarbage(out);
                    out.add(new FrameEvent.Nak());
                } else {
                    garbage.write(b);
                }
            }
            case WAIT_STX -> {
                if (b == ZvtSerialFrame.STX) {
                    flushGarbage(out);
                    raw.write(b);
                    state = State.DATA;
                } else {
                    garbage.write(ZvtSerialFrame.DLE);
                    reset();
                    step(b, out);
                }
            }
            case DATA -> {
                rawWrite(b);
                if (b == ZvtSerialFrame.DLE) {
                    state = State.AFTER_DLE;
                } else {
                    apduWrite(b, out);
                }
            }
            case AFTER_DLE -> {
                rawWrite(b);
                if (b == ZvtSerialFrame.DLE) {
                    apduWrite(b, out);
                    state = State.DATA;
                } else if (b == ZvtSerialFrame.ETX) {
                    state = State.CRC_LOW;
                } else if (b == ZvtSerialFrame.STX) {
                    corrupt(out, "DLE STX at frame byte " + (raw.size() - 2)
                            + " before DLE ETX: frame cut short and a new one started; answer NAK");
                    reset();
                    startFrame();
                    frameStart = position - 1;
                    raw.write(ZvtSerialFrame.DLE);
                    raw.write(ZvtSerialFrame.STX);
                    state = State.DATA;
                } else {
                    corrupt(out, "DLE followed by unexpected byte " + Hex.format(b) + " at frame byte "
                            + (raw.size() - 1) + " (expected 10 = stuffed DLE or 03 = ETX); answer NAK");
                    reset();
                }
            }
            case CRC_LOW -> {
                rawWrite(b);
                crcLow = b;
                state = State.CRC_HIGH;
            }
            case CRC_HIGH -> {
                rawWrite(b);
                if (!discarding) {
                    byte[] body = apdu.toByteArray();
                    int expected = Crc16Kermit.forApdu(body);
                    int actual = crcLow | (b << 8);
                    if (expected == actual) {
                        out.add(new FrameEvent.Frame(body));
                    } else {
                        corrupt(out, "bad CRC: expected " + Hex.format(expected & 0xFF) + " " + Hex.format(expected >>> 8)
                                + ", received " + Hex.format(crcLow) + " " + Hex.format(b)
                                + " (CRC-16/KERMIT over APDU + ETX); answer NAK");
                    }
                }
                reset();
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void startFrame() {
        frameStart = position;
        apdu.reset();
        raw.reset();
        discarding = false;
    }

    private void rawWrite(int b) {
        if (!discarding) {
            raw.write(b);
        }
    }

    private void apduWrite(int b, List<FrameEvent> out) {
        if (discarding) {
            return;
        }
        if (apdu.size() >= maxApdu) {
            corrupt(out, "oversize: APDU longer than " + maxApdu + " bytes at frame byte " + (raw.size() - 1)
                    + "; skipping to the end of this frame, answer NAK");
            discarding = true;
            return;
        }
        apdu.write(b);
    }

    private void corrupt(List<FrameEvent> out, String reason) {
        flushGarbage(out);
        out.add(new FrameEvent.Corrupt(raw.toByteArray(), reason));
    }

    private void flushGarbage(List<FrameEvent> out) {
        if (garbage.size() > 0) {
            out.add(new FrameEvent.Garbage(garbage.toByteArray()));
            garbage.reset();
        }
    }

    private void reset() {
        state = State.WAIT_DLE;
        apdu.reset();
        raw.reset();
        discarding = false;
    }
}
