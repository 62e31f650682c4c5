package io.firstsettle.fault;

import java.io.ByteArrayOutputStream;

/**
 * The Concert {@link LineFaultEngine}: follows the protocol-E+ handshake of each direction (protocols.md §B) just far
 * enough to know where a frame starts and ends, who sends it and what it carries, and recognises the
 * {@link SerialPoint}s in it:
 *
 * <pre>
 *  register -> terminal   ENQ  . . .  STX POS(2) AMOUNT(8) FLAG MODE TYPE ... ETX LRC  . . .  EOT
 *  terminal -> register        ACK                                             ACK
 *  sale-command        the register's request frame whose transaction type (payload char 13) is '0' (debit)
 *  status-information  the terminal's answer frame (the only frame a terminal sends)
 *  result-handover     from the terminal's ENQ that asks for the line to hand over its answer: swallow-ack loses the
 *                      register's ACKs of that ENQ (the terminal never gets to send its answer); frame faults hit the
 *                      answer frame
 * </pre>
 *
 * The LRC is the byte after ETX, whatever its value (an LRC equal to ETX is a real case). Bytes are recognised with
 * bit 7 cleared, so a 7E1 line's parity bit does not hide them; they are passed on as they came. The first bytes of a
 * frame are held until its transaction type is known (14 bytes on the wire), so a fault can hit the frame it names
 * from its first byte. One engine serves both directions; a point reached in one direction (the register's request)
 * arms the fault for the other (the terminal's ACK of it).
 */
final class ConcertFaultEngine implements LineFaultEngine {
    static final int STX = 0x02;
    static final int ETX = 0x03;
    static final int ENQ = 0x05;
    static final int ACK = 0x06;
    static final int NAK = 0x15;
    /** Wire index of the request's transaction type: STX, POS 2, amount 8, answer flag, payment mode, then it. */
    static final int TYPE_INDEX = 14;
    /** Noise between frames: none of the E+ controls (ENQ, ACK, NAK, EOT, STX, ETX), with bit 7 set or not. */
    static final byte[] GARBAGE = {(byte) 0xFF, 0x7E, 0x55, (byte) 0xAA, 0x7F, (byte) 0xE0};

    private enum State { OUT, FRAME, LRC }

    /** Framing state of one direction. */
    private static final class Watch {
        State state = State.OUT;
        final ByteArrayOutputStream held = new ByteArrayOutputStream();
        int wireIndex;
        int type = -1;
        boolean decided;
        boolean hit;
        boolean swallowed;
    }

    private final FaultState state;
    private final SerialFault fault;
    private final Watch toTerminal = new Watch();
    private final Watch toRegister = new Watch();

    /**
     * @param lastingNanos the window in real nanoseconds, or -1 for "until removed"
     * @param appliedNanos when the fault was put in force (arms {@code applied} faults)
     */
    ConcertFaultEngine(SerialFault fault, long lastingNanos, long appliedNanos) {
        this.state = new FaultState(fault, lastingNanos, appliedNanos);
        this.fault = fault;
    }

    @Override
    public synchronized Result feed(boolean toTerminalWay, byte[] data, int off, int len, long nowNanos) {
        FaultOutput out = new FaultOutput();
        Watch w = toTerminalWay ? toTerminal : toRegister;
        for (int i = off; i < off + len; i++) {
            step(w, toTerminalWay, data[i], nowNanos, out);
        }
        return out.result();
    }

    @Override
    public synchronized boolean windowOpen(long nowNanos) {
        return state.windowOpen(nowNanos);
    }

    @Override
    public synchronized boolean spent(long nowNanos) {
        return state.spent(nowNanos);
    }



    private void step(Watch w, boolean way, byte b, long now, FaultOutput out) {
        int m = b & 0x7F;
        switch (w.state) {
            case OUT -> {
                if (m == STX) {
                    startFrame(w, b);
                } else {
                    outside(way, b, m, now, out);
                }
            }
            case FRAME -> {
                if (m == STX) {
                    // a new frame before the ETX: the sender gave up on the last one; pass it unharmed
                    flushHeld(w, way, now, out);
                    startFrame(w, b);
                    return;
                }
                w.wireIndex++;
                if (w.wireIndex == TYPE_INDEX && m != ETX) {
                    w.type = m;
                }
                if (m == ETX) {
                    w.state = State.LRC;
                }
                frameByte(w, way, b, false, now, out);
                if (m == ETX && !w.decided) {
                    release(w, way, now, out);
                }
            }
            case LRC -> {
                w.wireIndex++;
                w.state = State.OUT;
                frameByte(w, way, b, true, now, out);
                frameEnded(w, way, now, out);
            }
        }
    }

    private static void startFrame(Watch w, byte b) {
        w.state = State.FRAME;
        w.held.reset();
        w.held.write(b);
        w.wireIndex = 1;
        w.type = -1;
        w.decided = false;
        w.hit = false;
        w.swallowed = false;
    }

    /** True when the frame going this way is the one the point names. */
    private boolean names(SerialPoint p, boolean toTerminalWay, int type) {
        return switch (p) {
            case SALE_COMMAND -> toTerminalWay && type == '0';
            case STATUS_INFORMATION, RESULT_HANDOVER -> !toTerminalWay;
            default -> false;
        };
    }

    /** The frame's sender and type are known (or it ended before): decide what the fault does to it. */
    private void decide(Watch w, boolean way, long now) {
        w.decided = true;
        SerialPoint p = fault.point();
        boolean named = names(p, way, w.type);
        if (named) {
            state.arm(now);
        }
        if (fault.action() == SerialAction.NAK_STORM && state.applies(way) && state.windowOpen(now)) {
            w.swallowed = true;
        }
        if (fault.action().perFrame() && !fault.windowed() && state.hasLeft() && state.applies(way)) {
            boolean anyFrame = p == SerialPoint.APPLIED || p == SerialPoint.AFTER_STATUS_INFORMATION && state.armed();
            if (anyFrame || named) {
                w.hit = true;
                state.took();
            }
        }
    }

    private void frameByte(Watch w, boolean way, byte b, boolean last, long now, FaultOutput out) {
        if (!w.decided) {
            w.held.write(b);
            if (w.wireIndex >= TYPE_INDEX) {
                release(w, way, now, out);
            }
            return;
        }
        inFrame(w, way, b, w.wireIndex, last, now, out);
    }

    /** Decides on the frame and passes the bytes held so far through the fault. */
    private void release(Watch w, boolean way, long now, FaultOutput out) {
        decide(w, way, now);
        byte[] h = w.held.toByteArray();
        w.held.reset();
        for (int i = 0; i < h.length; i++) {
            inFrame(w, way, h[i], i + 1, false, now, out);
        }
    }

    private void flushHeld(Watch w, boolean way, long now, FaultOutput out) {
        byte[] h = w.held.toByteArray();
        w.held.reset();
        for (byte b : h) {
            emit(way, b, now, out);
        }
    }

    private void inFrame(Watch w, boolean way, byte b, int index, boolean last, long now, FaultOutput out) {
        if (w.swallowed) {
            return;
        }
        int passed = w.hit ? state.onHitFrameByte(b, index, last, what(way) + " " + FaultOutput.dir(way), "", out)
                : b & 0xFF;
        if (passed >= 0) {
            emit(way, (byte) passed, now, out);
        }
    }

    private void frameEnded(Watch w, boolean way, long now, FaultOutput out) {
        if (w.swallowed) {
            out.back((byte) NAK);
            out.fired("NAKed " + what(way) + " " + FaultOutput.dir(way) + " (NAK storm): the receiver never saw it");
        }
        if (w.hit && fault.action() == SerialAction.GARBAGE) {
            out.fired("inserted " + GARBAGE.length + " noise bytes after " + what(way) + " " + FaultOutput.dir(way));
            for (byte g : GARBAGE) {
                emit(way, g, now, out);
            }
        }
        if (fault.point() == SerialPoint.AFTER_STATUS_INFORMATION && !state.armed() && !way) {
            state.arm(now);
            out.fired("armed after the terminal's answer frame");
        }
    }

    /** A byte outside any frame: ENQ, ACK, NAK, EOT or noise. */
    private void outside(boolean way, byte b, int m, long now, FaultOutput out) {
        if (fault.point() == SerialPoint.RESULT_HANDOVER && !way && m == ENQ && !state.armed()) {
            state.arm(now);
            out.fired("armed at the terminal's ENQ (it asks for the line to hand over its answer)");
        }
        if (fault.action() == SerialAction.SWALLOW_ACK && m == ACK && state.armed() && state.hasLeft()
                && state.applies(way)) {
            state.took();
            out.fired("swallowed an ACK " + FaultOutput.dir(way));
            return;
        }
        emit(way, b, now, out);
    }

    private void emit(boolean way, byte b, long now, FaultOutput out) {
        state.emit(way, b, now, out);
    }

    private static String what(boolean way) {
        return way ? "the register's request frame" : "the terminal's answer frame";
    }
}
