package io.firstsettle.evidence;

import java.util.Map;

/** Names of the ISO 8583:1987 data elements the harness's field profile uses (fixtures/iso8583/README.md). */
final class IsoFields {
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(2, "PAN (masked)"), Map.entry(3, "processing code"), Map.entry(4, "amount"),
            Map.entry(7, "transmission date/time"), Map.entry(11, "STAN"), Map.entry(12, "local time"),
            Map.entry(13, "local date"), Map.entry(14, "expiry"), Map.entry(22, "POS entry mode"),
            Map.entry(25, "POS condition"), Map.entry(35, "track 2 (masked)"), Map.entry(37, "RRN"),
            Map.entry(38, "authorisation code"), Map.entry(39, "response code"), Map.entry(41, "TID"),
            Map.entry(42, "merchant id"), Map.entry(49, "currency"), Map.entry(52, "PIN block"),
            Map.entry(60, "batch number"), Map.entry(62, "private (keys)"), Map.entry(64, "MAC"),
            Map.entry(66, "settlement code"), Map.entry(70, "network management code"),
            Map.entry(74, "credits, number"), Map.entry(76, "debits, number"), Map.entry(86, "credits, amount"),
            Map.entry(88, "debits, amount"), Map.entry(90, "original data elements"));

    private static final Map<String, String> MTIS = Map.ofEntries(
            Map.entry("0100", "authorisation request"), Map.entry("0110", "authorisation response"),
            Map.entry("0200", "financial request (sale)"), Map.entry("0210", "financial response"),
            Map.entry("0400", "reversal request"), Map.entry("0410", "reversal response"),
            Map.entry("0420", "reversal advice"), Map.entry("0430", "reversal advice response"),
            Map.entry("0500", "reconciliation request (end of day)"), Map.entry("0510", "reconciliation response"),
            Map.entry("0800", "network management request (sign-on)"), Map.entry("0810", "network management response"));

    private IsoFields() {
    }

    static String name(int de) {
        return NAMES.getOrDefault(de, "field " + de);
    }

    static String mti(String mti) {
        return MTIS.getOrDefault(mti, "message");
    }
}
