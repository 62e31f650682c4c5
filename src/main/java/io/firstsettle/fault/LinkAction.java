package io.firstsettle.fault;

import com.fasterxml.jackson.annotation.JsonValue;

/** What the link fault proxy does when its trigger fires. */
public enum LinkAction {
    REFUSE("refuse", "accept the TCP connection and reset it at once, before any byte"),
    DROP("drop", "close both sides at the protocol point (the message in hand is lost when not yet forwarded)"),
    DELAY("delay", "hold the message at the protocol point for a fixed or jittered lab duration"),
    HALF_OPEN("half-open", "from the protocol point on, swallow every byte and never answer, keep the socket open"),
    RESET("reset", "forward half of the message in hand, then reset both sides (RST)"),
    BANDWIDTH("bandwidth", "limit both directions of the connection to bytesPerSecond (lab time)");

    private final String wire;
    private final String meaning;

    LinkAction(String wire, String meaning) {
        this.wire = wire;
        this.meaning = meaning;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public String meaning() {
        return meaning;
    }
}
