package io.firstsettle.terminal;

/** The register operations a first transaction needs. */
public enum Operation {
    LOGON(Capability.LOGON),
    SALE(Capability.SALE),
    REFUND(Capability.REFUND),
    REVERSAL(Capability.REVERSAL),
    END_OF_DAY(Capability.END_OF_DAY),
    STATUS(Capability.STATUS);

    private final Capability needs;

    Operation(Capability needs) {
        this.needs = needs;
    }

    public Capability needs() {
        return needs;
    }
}
