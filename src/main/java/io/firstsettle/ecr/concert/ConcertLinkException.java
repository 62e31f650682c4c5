package io.firstsettle.ecr.concert;

/** The Concert line failed a handshake or went away. The message names the port, the step and what to check. */
public final class ConcertLinkException extends RuntimeException {

    /** Which step failed. */
    public enum Reason {
        /** Our ENQ got no ACK in any of the tries: the peer is off, busy, or not set to Concert. */
        NO_ACK_TO_ENQ,
        /** Our frame got NAK or nothing in every try. */
        FRAME_NOT_ACKED,
        /** The peer asked for the line (ENQ) and then sent no usable frame. */
        NO_FRAME,
        /** The port failed or was closed. */
        LINK_GONE
    }

    private final Reason reason;

    public ConcertLinkException(Reason reason, String message) {
        this(reason, message, null);
    }

    public ConcertLinkException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
