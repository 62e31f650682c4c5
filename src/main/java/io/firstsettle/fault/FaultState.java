package io.firstsettle.fault;

import java.util.Random;

/**
 * What one serial fault has done and still may do, whatever the line's protocol: armed at its point (or when applied),
 * how many frames or ACKs it still hits, its window, its seeded randomness, and what a hit does to one byte of a frame.
 * Both {@link SerialFaultEngine} (ZVT) and {@link ConcertFaultEngine} (Concert E+) keep one; they only differ in how
 * they recognise the moments of the exchange. Not thread-safe: the engines guard it.
 */
final class FaultState {
    final SerialFault fault;
    private final long lastingNanos;
    private final Random random;
    private boolean armed;
    private long armedAt;
    private int left;

    /**
     * @param lastingNanos the window in real nanoseconds, or -1 for "until removed"
     * @param appliedNanos when the fault was put in force (arms {@code applied} faults)
     */
    FaultState(SerialFault fault, long lastingNanos, long appliedNanos) {
        this.fault = fault;
        this.lastingNanos = lastingNanos;
        this.random = new Random(fault.seed());
        this.left = fault.frames();
        if (fault.point() == SerialPoint.APPLIED) {
            arm(appliedNanos);
        }
    }

    boolean armed() {
        return armed;
    }

    /** Arms the fault at {@code now} unless it is armed already. */
    void arm(long now) {
        if (!armed) {
            armed = true;
            armedAt = now;
        }
    }

    /** Whether the fault acts on bytes going this way. */
    boolean applies(boolean toTerminalWay) {
        return fault.direction().includes(toTerminalWay);
    }

    /** Whether it may still hit a frame or an ACK. */
    boolean hasLeft() {
        return left > 0;
    }

    /** One frame or ACK hit. */
    void took() {
        left--;
    }

    /** True while a window fault is in its window (a cut line, a NAK storm). */
    boolean windowOpen(long nowNanos) {
        return fault.windowed() && armed && (lastingNanos < 0 || nowNanos - armedAt < lastingNanos);
    }

    /** True when the fault has done all it will do (its frames hit, its window over). */
    boolean spent(long nowNanos) {
        if (fault.windowed()) {
            return armed && lastingNanos >= 0 && nowNanos - armedAt >= lastingNanos;
        }
        return left == 0;
    }

    /**
     * Byte {@code index} (1-based, {@code last} for the frame's last byte) of a frame the fault hit: DROP takes it
     * out (-1), FLIP flips its low bit, GAP pauses the line before it; any other action passes it as it is.
     *
     * @param frame   the frame and its direction, in words, for the evidence
     * @param gapNote what the held time means on this line, appended to the GAP's evidence line ("" for nothing)
     */
    int onHitFrameByte(byte b, int index, boolean last, String frame, String gapNote, FaultOutput out) {
        switch (fault.action()) {
            case DROP -> {
                if (index == fault.nth()) {
                    out.fired("dropped byte " + index + " of " + frame);
                    return -1;
                }
            }
            case FLIP -> {
                if (fault.nth() == null ? last : index == fault.nth()) {
                    out.fired("flipped a bit of byte " + index + " of " + frame);
                    return (b ^ 0x01) & 0xFF;
                }
            }
            case GAP -> {
                if (index == (fault.nth() == null ? 5 : fault.nth())) {
                    out.fired("held " + frame + " for " + fault.gapMillis() + " ms before byte " + index + gapNote);
                    out.pause(fault.gapMillis());
                }
            }
            default -> {
            }
        }
        return b & 0xFF;
    }

    /** Every byte that would go on passes here last: the window faults act on the line itself. */
    void emit(boolean way, byte b, long now, FaultOutput out) {
        out.emit(fault, random, windowOpen(now), way, b);
    }
}
