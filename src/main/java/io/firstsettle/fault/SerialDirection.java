package io.firstsettle.fault;

import com.fasterxml.jackson.annotation.JsonValue;

/** Which way a {@link SerialFault} hits bytes, seen from the cash register's end of the line. */
public enum SerialDirection {
    TO_TERMINAL("to-terminal", "bytes the register sends (commands, its ACKs and 80 00 00)"),
    TO_REGISTER("to-register", "bytes the terminal sends (its answers, ACKs, status, print lines)"),
    BOTH("both", "both ways");

    private final String wire;
    private final String meaning;

    SerialDirection(String wire, String meaning) {
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

    boolean includes(boolean toTerminal) {
        return this == BOTH || (this == TO_TERMINAL) == toTerminal;
    }
}
