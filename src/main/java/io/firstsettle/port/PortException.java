package io.firstsettle.port;

import java.util.Objects;

/**
 * A port failed. The message names the port, what failed and what to do about it; {@link #kind()} lets callers
 * (the lab layer, the oracle's {@code LAB_FAULT} classification) react without parsing text.
 */
public final class PortException extends RuntimeException {

    /** What went wrong with a port, independent of the transport. */
    public enum Kind {
        /** The device path or host does not exist. */
        NOT_FOUND,
        /** The device exists but this user may not open it. */
        PERMISSION_DENIED,
        /** Another program (or another open in this one) holds the port. */
        BUSY,
        /** The link was there and is gone: USB adapter unplugged, pty master closed, TCP peer closed. */
        LINK_GONE,
        /** A write did not complete within its bound: the far end stopped reading. */
        WRITE_TIMEOUT,
        /** The device refused a setting (baud, framing, modem lines). */
        CONFIG_REJECTED,
        /** Anything else; the message says what. */
        OTHER
    }

    private final Kind kind;
    private final String port;

    public PortException(Kind kind, String port, String message) {
        this(kind, port, message, null);
    }

    public PortException(Kind kind, String port, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.port = port;
    }

    public Kind kind() {
        return kind;
    }

    /** The port as the user named it (device path or tcp:// spec), or null if unknown. */
    public String port() {
        return port;
    }
}
