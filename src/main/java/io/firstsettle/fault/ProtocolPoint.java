package io.firstsettle.fault;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A named point in one terminal-host exchange, as the proxy sees it. The proxy frames ISO 8583 by the 2-byte length
 * prefix and reads the MTI after the TPDU header.
 */
public enum ProtocolPoint {
    CONNECT("connect", "the terminal's connection was accepted, no byte read yet"),
    REQUEST_RECEIVED("request-received", "the whole request reached the proxy; the host has not seen it"),
    REQUEST_DELIVERED("request-delivered", "the request reached the host; its answer has not come back"),
    RESPONSE_RECEIVED("response-received", "the host's answer reached the proxy; the terminal has not seen it"),
    RESPONSE_DELIVERED("response-delivered", "the answer reached the terminal");

    private final String wire;
    private final String meaning;

    ProtocolPoint(String wire, String meaning) {
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
