package io.firstsettle.fault;

import com.fasterxml.jackson.annotation.JsonValue;

/** How the acquirer host is down for maintenance. */
public enum HostMaintenanceMode {
    REFUSE("refuse", "the host answers every request (sign-on included) with the profile's response code"),
    PORT_CLOSED("port-closed", "the host stops listening; connections are refused until the window ends");

    private final String wire;
    private final String meaning;

    HostMaintenanceMode(String wire, String meaning) {
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
