package io.firstsettle.store;

import java.time.Instant;

/** Who holds a terminal, since when and for what; {@code address} is where the terminal was last reached from. */
public record TerminalHold(String terminal, Holder holder, long sinceMs, String purpose) {
    public String describe() {
        return holder.describe() + " since " + Instant.ofEpochMilli(sinceMs) + (purpose != null ? " (" + purpose + ")" : "");
    }
}
