package io.firstsettle.fault;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where in the bank's work a fault strikes; request stages carry the HTTP path of fixtures/bank/README.md. */
public enum Stage {
    AUTHORIZATION("authorization", "/bank/v1/authorizations"),
    REVERSAL("reversal", "/bank/v1/reversals"),
    SETTLEMENT("settlement", "/bank/v1/settlements"),
    /** Not a request: the ledger's credit run at settlement (see fixtures/bank/README.md, "Pending credits"). */
    CREDIT("credit", null);

    private final String wire;
    private final String path;

    Stage(String wire, String path) {
        this.wire = wire;
        this.path = path;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The request path, or null for {@link #CREDIT}. */
    public String path() {
        return path;
    }
}
