package io.firstsettle.fault;

import java.time.Duration;

/**
 * A fault on the serial line between the cash register and the terminal, applied by {@link SerialFaultPort} (a
 * {@code BytePort} decorator, so it works on ptys, real ports, tcp:// and rfc2217://). It starts at a named ZVT
 * {@link SerialPoint} and hits the bytes going one {@link SerialDirection} (seen from the register).
 *
 * <p>Frame faults ({@code drop} with nth, {@code flip}, {@code garbage}, {@code gap}) hit the first {@code frames}
 * frames the point names (any frame for {@code applied} and {@code after-status-information}); window faults
 * ({@code cut}, {@code nak-storm}, {@code baud-mismatch}, {@code drop} with share) last {@code lasting} of lab time
 * from the point on, or until the fault is removed; {@code swallow-ack} loses the next {@code frames} ACK bytes.
 *
 * @param action    what happens
 * @param point     where it starts (default {@code applied})
 * @param direction which way (default: the way the point's frame goes; both for {@code applied}, cut and baud)
 * @param nth       drop / flip: the nth byte of the frame on the wire (1 = its DLE); flip defaults to the last CRC byte
 * @param share     drop: the probability each byte is lost, in (0, 1]
 * @param frames    frame faults: how many frames are hit; swallow-ack: how many ACKs are lost (default 1)
 * @param lasting   window faults: how long, in lab time (absent: until the fault is removed)
 * @param gapMillis gap: how long the frame is held mid-way, in real milliseconds (a wire timing, never scaled; it must
 *                  exceed the receiver's T1 of 200 ms; default 400)
 * @param seed      drop share: the seed of its random draws (the same seed drops the same bytes)
 */
public record SerialFault(SerialAction action, SerialPoint point, SerialDirection direction, Integer nth, Double share,
                          Integer frames, Duration lasting, Integer gapMillis, Long seed) {

    public SerialFault {
        if (action == null) {
            throw new FaultFieldException("serial.action", "is required: one of drop, flip, garbage, gap, nak-storm, "
                    + "swallow-ack, cut, baud-mismatch");
        }
        point = point == null ? SerialPoint.APPLIED : point;
        if (direction == null) {
            direction = defaultDirection(action, point);
        }
        if (nth != null && nth < 1) {
            throw new FaultFieldException("serial.nth", nth + " must be 1 or more (1 = the frame's leading DLE)");
        }
        if (nth != null && action != SerialAction.DROP && action != SerialAction.FLIP && action != SerialAction.GAP) {
            throw new FaultFieldException("serial.nth", "only drop, flip and gap take nth");
        }
        if (share != null && !(share > 0 && share <= 1)) {
            throw new FaultFieldException("serial.share", share + " must be in (0, 1]");
        }
        if (share != null && action != SerialAction.DROP) {
            throw new FaultFieldException("serial.share", "only drop takes a share");
        }
        if (action == SerialAction.DROP && (nth == null) == (share == null)) {
            throw new FaultFieldException("serial.nth", "drop needs exactly one of nth (the nth byte of a frame, e.g. 7)"
                    + " or share (each byte with a probability, e.g. 0.05)");
        }
        if (frames != null && frames < 1) {
            throw new FaultFieldException("serial.frames", frames + " must be 1 or more");
        }
        frames = frames == null ? 1 : frames;
        if (lasting != null && (lasting.isNegative() || lasting.isZero())) {
            throw new FaultFieldException("serial.lasting", "must be a positive lab duration such as 60s");
        }
        if (gapMillis != null && action != SerialAction.GAP) {
            throw new FaultFieldException("serial.gapMillis", "only gap takes gapMillis");
        }
        if (action == SerialAction.GAP) {
            gapMillis = gapMillis == null ? 400 : gapMillis;
            if (gapMillis <= 200 || gapMillis > 60_000) {
                throw new FaultFieldException("serial.gapMillis", gapMillis + " must be above T1 (200 ms) and at most "
                        + "60000 ms");
            }
        }
        if (action == SerialAction.SWALLOW_ACK && direction == SerialDirection.BOTH && point != SerialPoint.APPLIED) {
            throw new FaultFieldException("serial.direction", "swallow-ack at a point loses the ACKs of one side: "
                    + "to-register (the terminal's ACKs) or to-terminal (the register's)");
        }
        if (point == SerialPoint.AFTER_STATUS_INFORMATION && action.perFrame() && nth != null) {
            throw new FaultFieldException("serial.point", "after-status-information names no frame to count bytes in: "
                    + "use status-information");
        }
        seed = seed == null ? 1L : seed;
    }

    /** A window fault: it lasts a time (or until removed) instead of hitting a number of frames. */
    public boolean windowed() {
        return action == SerialAction.CUT || action == SerialAction.NAK_STORM || action == SerialAction.BAUD_MISMATCH
                || action == SerialAction.DROP && share != null;
    }

    private static SerialDirection defaultDirection(SerialAction action, SerialPoint point) {
        if (action == SerialAction.CUT || action == SerialAction.BAUD_MISMATCH || point == SerialPoint.APPLIED) {
            return SerialDirection.BOTH;
        }
        boolean pointFromRegister = point.fromRegister();
        if (action == SerialAction.SWALLOW_ACK) {
            // the ACK that answers the point's frame goes the other way
            return pointFromRegister ? SerialDirection.TO_REGISTER : SerialDirection.TO_TERMINAL;
        }
        return pointFromRegister ? SerialDirection.TO_TERMINAL : SerialDirection.TO_REGISTER;
    }
}
