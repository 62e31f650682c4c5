package io.firstsettle.fault;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a bank outage breaks the HTTP exchange. The host maps each to DE39 96 (bank-error). */
public enum OutageMode {
    RESET("reset", "the connection is reset by peer"),
    EMPTY("empty", "the connection closes without a reply"),
    GARBAGE("garbage", "random bytes, then close"),
    MALFORMED_CHUNK("malformed-chunk", "a 200 whose chunked body is broken");

    private final String wire;
    private final String meaning;

    OutageMode(String wire, String meaning) {
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
