package io.firstsettle.fault;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a fault profile does; {@link #wire()} is the {@code kind:} value in fixtures/faults/*.yaml. */
public enum FaultKind {
    BANK_MAINTENANCE("bank-maintenance", "the bank answers 503 with Retry-After for a window, then recovers"),
    BANK_UPGRADE("bank-upgrade", "settlement accepted, credit withheld until a lab instant or N settlement cycles"),
    BANK_OUTAGE("bank-outage", "the bank connection fails: reset, empty reply, garbage or a malformed chunk"),
    BANK_DELAY("bank-delay", "the bank answers late, relative to the terminal's host timeout"),
    BANK_DECLINE("bank-decline", "the bank declines every authorization with a fixed response code"),
    RISK_HOLD("risk-hold", "the first credit of a new merchant is held for review for N settlement cycles"),
    SETTLEMENT_CALENDAR("settlement-calendar", "credits carry a value date by a T+n or D+n calendar"),
    HOST_MAINTENANCE("host-maintenance", "the acquirer host refuses requests or closes its port for a window"),
    LINK("link", "the TCP link between terminal and host misbehaves (through LinkFaultProxy)"),
    SERIAL("serial", "the serial line between register and terminal misbehaves (through SerialFaultPort)");

    private final String wire;
    private final String meaning;

    FaultKind(String wire, String meaning) {
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

    /** True for the kinds a BankFake applies. */
    public boolean atBank() {
        return this != HOST_MAINTENANCE && this != LINK && this != SERIAL;
    }
}
