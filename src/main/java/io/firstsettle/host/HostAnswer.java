package io.firstsettle.host;

/**
 * The acquirer's answer to a {@link HostRequest}, with no ISO 8583 in it; {@link IsoDialect} writes it into the reply.
 *
 * @param outcome        what the host decided (DE39 through {@link ResponseCodes})
 * @param code           a response code to send as it is instead (the bank's own decline code, a maintenance code)
 * @param rrn            retrieval reference number (DE37), or null
 * @param authCode       approval code (DE38), or null
 * @param batch          the terminal's open batch number (DE60 of a sign-on reply), or null
 * @param workingKey     a sign-on reply carries the working key (DE62)
 * @param settlementCode DE66 of a reconciliation reply ("1" in balance, "2" out of balance), or null
 */
record HostAnswer(Outcome outcome, String code, String rrn, String authCode, Integer batch, boolean workingKey,
                  String settlementCode) {

    static HostAnswer of(Outcome outcome) {
        return new HostAnswer(outcome, null, null, null, null, false, null);
    }

    /** Answered with {@code code} as it is (e.g. a host-maintenance profile's response code). */
    static HostAnswer code(String code) {
        return new HostAnswer(null, code, null, null, null, false, null);
    }

    HostAnswer withCode(String c) {
        return new HostAnswer(outcome, c, rrn, authCode, batch, workingKey, settlementCode);
    }

    HostAnswer withRrn(String r) {
        return new HostAnswer(outcome, code, r, authCode, batch, workingKey, settlementCode);
    }

    HostAnswer withAuthCode(String a) {
        return new HostAnswer(outcome, code, rrn, a, batch, workingKey, settlementCode);
    }

    HostAnswer withBatch(int b, boolean key) {
        return new HostAnswer(outcome, code, rrn, authCode, b, key, settlementCode);
    }

    HostAnswer withSettlementCode(String s) {
        return new HostAnswer(outcome, code, rrn, authCode, batch, workingKey, s);
    }
}
