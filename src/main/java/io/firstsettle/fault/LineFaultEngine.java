package io.firstsettle.fault;

import java.util.List;

/**
 * The pure part of {@link SerialFaultPort} for one protocol's framing: bytes in, mangled bytes out, no I/O and no
 * clock of its own (the caller passes the time). Each protocol recognises the {@link SerialPoint}s (moments of the
 * exchange, in protocol-neutral words) in its own frames: {@link SerialFaultEngine} for ZVT (by APDU header),
 * {@link ConcertFaultEngine} for Concert (by the E+ handshake and the direction of its frames).
 */
interface LineFaultEngine {

    /** A run of bytes to pass on, after a pause (real milliseconds) when {@code pauseMillis > 0}. */
    record Piece(long pauseMillis, byte[] bytes) {
    }

    /**
     * @param forward what to pass on the way it was going, in order
     * @param back    what to send back to the sender (a NAK standing in for the receiver)
     * @param fired   one line per fault that fired, for the evidence
     */
    record Result(List<Piece> forward, byte[] back, List<String> fired) {
        int forwardLength() {
            return forward.stream().mapToInt(p -> p.bytes().length).sum();
        }
    }

    /** Bytes going one way ({@code toTerminal}: written by the register), seen at {@code nowNanos}. */
    Result feed(boolean toTerminalWay, byte[] data, int off, int len, long nowNanos);

    /** True while a window fault is in its window (a cut line, a NAK storm). */
    boolean windowOpen(long nowNanos);

    /** True when the fault has done all it will do (its frames hit, its window over). */
    boolean spent(long nowNanos);

    /** The engine that recognises {@code framing}'s frames. */
    static LineFaultEngine of(SerialFraming framing, SerialFault fault, long lastingNanos, long appliedNanos) {
        return framing == SerialFraming.CONCERT ? new ConcertFaultEngine(fault, lastingNanos, appliedNanos)
                : new SerialFaultEngine(fault, lastingNanos, appliedNanos);
    }
}
