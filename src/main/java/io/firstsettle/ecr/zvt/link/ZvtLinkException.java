package io.firstsettle.ecr.zvt.link;

/** The ZVT line failed: no ACK after the repeats, the port is gone, or the peer broke the transport rules. */
public class ZvtLinkException extends RuntimeException {
    public ZvtLinkException(String message) {
        super(message);
    }

    public ZvtLinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
