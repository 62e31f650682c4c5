package io.firstsettle.store;

/** A terminal is held by another process; the message names the holder and since when. */
public final class TerminalBusyException extends Exception {
    private final transient TerminalHold hold;

    public TerminalBusyException(String terminal, TerminalHold hold, String where) {
        super("terminal " + terminal + " is held by " + (hold != null ? hold.describe() : "another firstsettle process "
                + "(its holder row is missing)") + " in " + where + ": wait for it to finish, or ask its holder");
        this.hold = hold;
    }

    public TerminalHold hold() {
        return hold;
    }
}
