package io.firstsettle.ecr.zvt.link;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.core.EventSink;
import io.firstsettle.ecr.zvt.codec.FrameEvent;
import io.firstsettle.ecr.zvt.codec.ZvtFrameParser;
import io.firstsettle.ecr.zvt.codec.ZvtSerialFrame;
import io.firstsettle.port.BytePort;
import io.firstsettle.port.PortException;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * ZVT serial transport over a {@link BytePort}: one reader thread parses incoming bytes with the pure
 * {@link ZvtFrameParser}, answers every frame at once with ACK (good CRC) or NAK (bad CRC, broken escape, T1 gap)
 * before the application sees it ([ZVT-TP] §3.2), and hands good APDUs to {@link #receive}. {@link #send} repeats a
 * frame after NAK or T2 at most {@code repeats} times ([ZVT-TP] §3.5).
 *
 * <pre>
 *  DLE STX  APDU (0x10 doubled)  DLE ETX  CRC-lo CRC-hi      peer answers: ACK 06 | NAK 15
 *  10  02   ...                  10  03   xx     xx
 * </pre>
 *
 * <p>A peer that missed our ACK repeats its frame after T2. Such a repeat is ACKed again but not delivered twice: a
 * frame byte-identical to the last one delivered, arriving within T2 + T2/2 of our ACK for it and with no ACK from the
 * peer for a frame of ours in between (which would show the peer has moved on), is dropped with the event
 * {@code zvt-duplicate-dropped}. A peer sending the same message again on purpose (a second 04 FF) has ACKed our
 * answer first, so its message is delivered.
 */
public final class SerialZvtLink implements ApduLink {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();
    private static final byte ACK = 0x06;
    private static final byte NAK = 0x15;
    /** Longest a waiting caller goes without looking whether the line is still there. */
    private static final long SLICE_MILLIS = LinkState.SLICE_MILLIS;

    private final BytePort port;
    private final LinkTimings timings;
    private final EventSink events;
    private final String role;
    private final LinkState state;
    private final BlockingQueue<Boolean> acks = new LinkedBlockingQueue<>();
    private final Object writeLock = new Object();
    private final Object wire = new Object();
    private final Thread reader;
    /** Reader thread only: the last frame delivered, when we ACKed it, and the peer's ACK count at that moment. */
    private byte[] lastDelivered;
    private long lastDeliveredAckNanos;
    private long peerAcksAtLastDelivery;
    private long peerAcks;
    /** Set once anything well-formed (ACK, NAK or a frame with a good CRC) arrived from the peer. */
    private volatile boolean peerHeard;
    private volatile boolean deliverRepeats;
    private final BlockingQueue<byte[]> malformed = new LinkedBlockingQueue<>(16);

    /**
     * @param role "ecr" or "terminal": who this side is, for the evidence
     */
    public SerialZvtLink(BytePort port, LinkTimings timings, EventSink events, String role) {
        this.port = port;
        this.timings = timings;
        this.events = events;
        this.role = role;
        this.state = new LinkState("the ZVT line " + port.name());
        this.reader = new Thread(this::readLoop, "zvt-" + role + "-reader");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    @Override
    public String name() {
        return port.name();
    }

    /** Whether the peer ever sent an ACK, a NAK or a well-formed frame on this line. */
    @Override
    public boolean peerEverAnswered() {
        return peerHeard;
    }

    /**
     * Whether a repeat the peer sent after losing our ACK is delivered as a new APDU (a firmware bug the emulated
     * terminal reproduces: emulator defect REPEATED_FRAME_CHARGES_TWICE). Off by default. Returns this link.
     */
    public SerialZvtLink deliverRepeats(boolean deliver) {
        this.deliverRepeats = deliver;
        return this;
    }

    @Override
    public void send(Apdu apdu) {
        byte[] frame = ZvtSerialFrame.encode(apdu.encode());
        synchronized (writeLock) {
            acks.clear();
            for (int attempt = 0; attempt <= timings.repeats(); attempt++) {
                checkAlive();
                writeRaw(frame);
                events.record(role, "zvt-out", Map.of("apdu", apdu.toString(), "bytes", HEX.formatHex(frame),
                        "attempt", attempt + 1));
                Boolean ack = awaitAckOrNak(apdu);
                if (Boolean.TRUE.equals(ack)) {
                    return;
                }
                events.record(role, ack == null ? "zvt-t2-expired" : "zvt-nak-received",
                        Map.of("apdu", apdu.toString(), "attempt", attempt + 1));
            }
            checkAlive();
            throw new ZvtNoAckException(apdu, name(), timings.repeats() + 1, timings.t2());
        }
    }

    /**
     * Waits up to T2 for the peer's ACK or NAK, in slices of {@value #SLICE_MILLIS} ms so a line that dies meanwhile is
     * reported at once instead of after T2.
     *
     * @return TRUE for ACK, FALSE for NAK, null when T2 ran out
     */
    private Boolean awaitAckOrNak(Apdu apdu) {
        long deadline = System.nanoTime() + timings.t2().toNanos();
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return null;
                }
                Boolean ack = acks.poll(Math.min(left, SLICE_MILLIS), TimeUnit.MILLISECONDS);
                if (ack != null) {
                    return ack;
                }
                checkAlive();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZvtLinkException("interrupted while waiting for the ACK of " + apdu + " on " + name());
        }
    }

    /** The next APDU; a line that dies during the wait throws {@link ZvtLinkException} within 20 ms. */
    @Override
    public Optional<Apdu> receive(Duration realTimeout) {
        return state.receive(realTimeout);
    }

    @Override
    public Optional<byte[]> takeMalformed() {
        return Optional.ofNullable(malformed.poll());
    }

    private void checkAlive() {
        state.checkAlive();
    }

    private void writeRaw(byte[] bytes) {
        try {
            synchronized (wire) {
                port.write(bytes);
            }
        } catch (PortException e) {
            state.failed(e);
            throw new ZvtLinkException(e.getMessage(), e);
        }
    }

    /** Reads with T1 as the bound while mid-frame: a gap of T1 cuts the frame and is answered NAK ([ZVT-TP] §3.4). */
    private void readLoop() {
        ZvtFrameParser parser = new ZvtFrameParser();
        byte[] buf = new byte[1024];
        int t1 = (int) Math.max(1, timings.t1().toMillis());
        while (!state.closed()) {
            int n;
            try {
                n = port.read(buf, buf.length, parser.midFrame() ? t1 : 50);
            } catch (PortException e) {
                if (!state.closed()) {
                    state.failed(e);
                    events.record(role, "link-gone", Map.of("port", name(), "error", String.valueOf(e.getMessage())));
                }
                return;
            } catch (RuntimeException e) {
                if (!state.closed()) {
                    state.failed(e);
                }
                return;
            }
            List<FrameEvent> got;
            if (n > 0) {
                got = parser.feed(buf, 0, n);
            } else if (parser.midFrame()) {
                got = parser.gapExpired();
            } else {
                continue;
            }
            for (FrameEvent ev : got) {
                handle(ev);
            }
        }
    }

    private void handle(FrameEvent ev) {
        if (ev instanceof FrameEvent.Frame || ev instanceof FrameEvent.Ack || ev instanceof FrameEvent.Nak) {
            peerHeard = true;
        }
        if (ev instanceof FrameEvent.Frame f) {
            Apdu apdu;
            try {
                apdu = Apdu.decode(f.apdu());
            } catch (RuntimeException bad) {
                // Transport is fine (CRC good), the APDU is not: ACK it and let the application report 9A.
                sendControl(ACK);
                events.record(role, "zvt-bad-apdu", Map.of("bytes", HEX.formatHex(f.apdu()),
                        "error", String.valueOf(bad.getMessage())));
                malformed.offer(f.apdu().clone());
                return;
            }
            sendControl(ACK);
            long now = System.nanoTime();
            if (!deliverRepeats && isRepeatOfLast(f.apdu(), now)) {
                events.record(role, "zvt-duplicate-dropped", Map.of("apdu", apdu.toString(),
                        "sinceAckMillis", (now - lastDeliveredAckNanos) / 1_000_000L,
                        "hint", "the peer repeated a frame we had ACKed (our ACK was lost); ACKed again, not delivered"));
                lastDeliveredAckNanos = now;
                return;
            }
            lastDelivered = f.apdu().clone();
            lastDeliveredAckNanos = now;
            peerAcksAtLastDelivery = peerAcks;
            events.record(role, "zvt-in", Map.of("apdu", apdu.toString(), "bytes", HEX.formatHex(f.apdu())));
            state.delivered(apdu);
        } else if (ev instanceof FrameEvent.Ack) {
            peerAcks++;
            acks.add(Boolean.TRUE);
        } else if (ev instanceof FrameEvent.Nak) {
            acks.add(Boolean.FALSE);
        } else if (ev instanceof FrameEvent.Corrupt c) {
            sendControl(NAK);
            events.record(role, "zvt-corrupt-frame", Map.of("reason", c.reason(), "bytes", HEX.formatHex(c.raw())));
        } else if (ev instanceof FrameEvent.Garbage g) {
            events.record(role, "zvt-garbage", Map.of("bytes", HEX.formatHex(g.bytes()),
                    "hint", "bytes outside any frame: check baud rate and that only one program uses the port"));
        }
    }

    /** A repeat the peer sent because it missed our ACK ([ZVT-TP] §3.5: the sender repeats after T2). */
    private boolean isRepeatOfLast(byte[] apdu, long now) {
        long window = timings.t2().toNanos() + timings.t2().toNanos() / 2;
        return lastDelivered != null && java.util.Arrays.equals(lastDelivered, apdu)
                && peerAcks == peerAcksAtLastDelivery && now - lastDeliveredAckNanos <= window;
    }

    private void sendControl(byte b) {
        try {
            synchronized (wire) {
                port.write(new byte[] {b});
            }
        } catch (PortException e) {
            state.failed(e);
        }
    }

    @Override
    public void close() {
        state.close();
        reader.interrupt();
        try {
            reader.join(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        port.close();
    }
}
