package io.firstsettle.profile;

/** A fixture file (terminal, card, fault profile) is missing or broken. The message names file, line and field. */
public final class FixtureException extends RuntimeException {
    public FixtureException(String message) {
        super(message);
    }

    public FixtureException(String message, Throwable cause) {
        super(message, cause);
    }
}
