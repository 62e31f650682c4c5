package io.firstsettle.host;

import java.time.Duration;
import java.util.Objects;

/**
 * How many terminal connections the acquirer host serves at once, and how long it keeps a silent one.
 *
 * @param maxSessions  open sessions served at once; a connection beyond it is accepted and closed at once (refused,
 *                     logged), and the listener stays open for the next one
 * @param idleTimeout  lab time a session may stay silent before the host closes it, as a real acquirer does
 */
public record SessionLimits(int maxSessions, Duration idleTimeout) {
    public static final int DEFAULT_MAX_SESSIONS = 256;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(120);

    public SessionLimits {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maxSessions < 1 || maxSessions > 10_000) {
            throw new IllegalArgumentException("max sessions " + maxSessions + " is out of range: use 1..10000 "
                    + "(default " + DEFAULT_MAX_SESSIONS + ")");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout " + idleTimeout + " must be positive (lab time, default "
                    + DEFAULT_IDLE_TIMEOUT.toSeconds() + " s)");
        }
    }

    public static SessionLimits defaults() {
        return new SessionLimits(DEFAULT_MAX_SESSIONS, DEFAULT_IDLE_TIMEOUT);
    }
}
