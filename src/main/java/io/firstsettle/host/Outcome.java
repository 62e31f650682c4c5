package io.firstsettle.host;

/** What the host decided about a message; each outcome maps to a DE39 code through {@link ResponseCodes}. */
public enum Outcome {
    APPROVED("approved"),
    BANK_DECLINED("bank-declined"),
    BANK_UNAVAILABLE("bank-unavailable"),
    BANK_ERROR("bank-error"),
    LATE("late"),
    DUPLICATE("duplicate"),
    RECONCILE_ERROR("reconcile-error"),
    NOT_SIGNED_ON("not-signed-on"),
    FORMAT_ERROR("format-error"),
    INVALID_TRANSACTION("invalid-transaction");

    private final String key;

    Outcome(String key) {
        this.key = key;
    }

    /** The name used in fixtures/host/response-codes.yaml. */
    public String key() {
        return key;
    }
}
