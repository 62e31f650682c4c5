package io.firstsettle.fault;

import java.io.ByteArrayOutputStream;

/**
 * The ZVT {@link LineFaultEngine}: bytes in, mangled bytes out, no I/O and no clock of its own (the caller
 * passes the time). It follows the ZVT serial framing of each direction ([ZVT-TP] §3.1) just far enough to know
 * where a frame starts and ends and which command it carries:
 *
 * <pre>
 *  DLE STX CLASS INSTR ... DLE ETX CRC-lo CRC-hi       ACK 06 / NAK 15 outside frames
 *  10  02  06    01                10  03  xx     xx
 *  |-- held until CLASS INSTR are known, then released through the fault --|
 * </pre>
 *
 * The first bytes of a frame are held until its APDU header is known (4 bytes; 5 when INSTR is a stuffed 0x10), so
 * a fault can hit the frame it names from its first byte. One engine serves both directions; a point reached in one
 * direction (the register's 06 01) arms the fault for the other (the terminal's ACK of it).
 */
final class SerialFaultEngine implements LineFaultEngine {
    static final byte DLE = 0x10;
    static final byte STX = 0x02;
    static final byte ETX = 0x03;
    static final byte ACK = 0x06;
    static final byte NAK = 0x15;
    /** Noise between frames: no DLE, ACK or NAK, so it can only ever be garbage to a receiver. */
    static final byte[] GARBAGE = {(byte) 0xFF, 0x00, 0x55, (byte) 0xAA, 0x7E, (byte) 0xE0};

    private enum State { OUT, OUT_DLE, FRAME, FRAME_DLE, CRC1, CRC2 }

    /** Framing state of one direction. */
    private static final class Watch {
        State state = State.OUT;
        final ByteArrayOutputStream held = new ByteArrayOutputStream();
        int wireIndex;
        int apduBytes;
        int cls = -1;
        int instr = -1;
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
    SerialFaultEngine(SerialFault fault, long lastingNanos, long appliedNanos) {
        this.state = new FaultState(fault, lastingNanos, appliedNanos);
        this.fault = fault;
    }

    /** Bytes going one way ({@code toTerminal}: written by the register), seen at {@code nowNanos}. */
    @Override
    public synchronized Result feed(boolean toTerminalWay, byte[] data, int off, int len, long nowNanos) {
        FaultOutput out = new FaultOutput();
        Watch w = toTerminalWay ? toTerminal : toRegister;
        for (int i = off; i < off + len; i++) {
            step(w, toTerminalWay, data[i], nowNanos, out);
        }
        return out.result();
    }

    /** True while a window fault is in its window (a cut line, a NAK storm). */
    @Override
    public synchronized boolean windowOpen(long nowNanos) {
        return state.windowOpen(nowNanos);
    }

    /** True when the fault has done all it will do (its frames hit, its window over). */
    @Override
    public synchronized boolean spent(long nowNanos) {
        return state.spent(nowNanos);
    }


    private void step(Watch w, boolean way, byte b, long now, FaultOutput out) {
        switch (w.state) {
            case OUT -> {
                if (b == DLE) {
                    w.state = State.OUT_DLE;
                    w.held.reset();
                    w.held.write(b);
                } else {
                    outside(way, b, now, out);
                }
            }
            case OUT_DLE -> {
                if (b == STX) {
                    w.state = State.FRAME;
                    w.held.write(b);
                    w.wireIndex = 2;
                    w.apduBytes = 0;
                    w.cls = -1;
                    w.instr = -1;
                    w.decided = false;
                    w.hit = false;
                    w.swallowed = false;
                } else {
                    w.state = State.OUT;
                    outside(way, DLE, now, out);
                    step(w, way, b, now, out);
                }
            }
            case FRAME -> {
                w.wireIndex++;
                if (b == DLE) {
                    w.state = State.FRAME_DLE;
                    frameByte(w, way, b, false, now, out);
                } else {
                    apduByte(w, way, b, now, out);
                    frameByte(w, way, b, false, now, out);
                }
            }
            case FRAME_DLE -> {
                w.wireIndex++;
                if (b == DLE) {
                    w.state = State.FRAME;
                    apduByte(w, way, b, now, out);
                    frameByte(w, way, b, false, now, out);
                } else if (b == ETX) {
                    w.state = State.CRC1;
                    w.held.write(b);
                    release(w, way, now, out);
                } else {
                    // a broken frame: pass what we hold unharmed, the receiver will say what it thinks of it
                    w.state = State.OUT;
                    flushHeld(w, way, now, out);
                    outside(way, b, now, out);
                }
            }
            case CRC1 -> {
                w.wireIndex++;
                w.state = State.CRC2;
                frameByte(w, way, b, false, now, out);
            }
            case CRC2 -> {
                w.wireIndex++;
                w.state = State.OUT;
                frameByte(w, way, b, true, now, out);
                frameEnded(w, way, now, out);
            }
        }
    }

    private void apduByte(Watch w, boolean way, byte b, long now, FaultOutput out) {
        w.apduBytes++;
        if (w.apduBytes == 1) {
            w.cls = b & 0xFF;
        } else if (w.apduBytes == 2) {
            w.instr = b & 0xFF;
        }
    }

    /** The APDU header is known (or the frame ended without one): decide what the fault does to this frame. */
    private void decide(Watch w, boolean way, long now) {
        if (w.decided) {
            return;
        }
        w.decided = true;
        SerialPoint p = fault.point();
        boolean named = p != SerialPoint.APPLIED && p != SerialPoint.AFTER_STATUS_INFORMATION
                && p.names(w.cls, w.instr, way);
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
            if (w.apduBytes >= 2) {
                release(w, way, now, out);
            }
            return;
        }
        inFrame(w, way, b, w.wireIndex, last, now, out);
    }

    /** Decides on the frame and passes the bytes held so far through the fault. */
    private void release(Watch w, boolean way, long now, FaultOutput out) {
        if (w.decided) {
            inFrame(w, way, w.held.toByteArray()[w.held.size() - 1], w.wireIndex, false, now, out);
            w.held.reset();
            return;
        }
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
        int passed = w.hit ? state.onHitFrameByte(b, index, last, header(w) + " " + dir(way), " (T1 is 200 ms)", out)
                : b & 0xFF;
        if (passed >= 0) {
            emit(way, (byte) passed, now, out);
        }
    }

    private void frameEnded(Watch w, boolean way, long now, FaultOutput out) {
        if (w.swallowed) {
            out.back(NAK);
            out.fired("NAKed " + header(w) + " " + dir(way) + " (NAK storm): the receiver never saw it");
        }
        if (w.hit && fault.action() == SerialAction.GARBAGE) {
            out.fired("inserted " + GARBAGE.length + " noise bytes after " + header(w) + " " + dir(way));
            for (byte g : GARBAGE) {
                emit(way, g, now, out);
            }
        }
        if (fault.point() == SerialPoint.AFTER_STATUS_INFORMATION && !state.armed() && !way && w.cls == 0x04
                && w.instr == 0x0F) {
            state.arm(now);
            out.fired("armed after the terminal's 04 0F");
        }
    }

    /** A byte outside any frame: ACK, NAK or noise. */
    private void outside(boolean way, byte b, long now, FaultOutput out) {
        if (fault.action() == SerialAction.SWALLOW_ACK && b == ACK && state.armed() && state.hasLeft()
                && state.applies(way)) {
            state.took();
            out.fired("swallowed an ACK " + dir(way));
            return;
        }
        emit(way, b, now, out);
    }

    /** Every byte that would go on passes here last: the window faults act on the line itself. */
    private void emit(boolean way, byte b, long now, FaultOutput out) {
        state.emit(way, b, now, out);
    }

    /** See {@link FaultOutput#noise}. */
    static byte noise(byte b) {
        return FaultOutput.noise(b);
    }

    private static String header(Watch w) {
        return w.cls < 0 ? "a frame" : String.format("the %02X %02X frame", w.cls, Math.max(w.instr, 0));
    }

    private static String dir(boolean way) {
        return FaultOutput.dir(way);
    }
}
