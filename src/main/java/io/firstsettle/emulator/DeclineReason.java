package io.firstsettle.emulator;

import java.util.Map;

/** The words a receipt prints next to a host response code (fixtures/iso8583/README.md, DE39 codes). */
final class DeclineReason {
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("05", "DO NOT HONOUR"),
            Map.entry("12", "INVALID TRANSACTION"),
            Map.entry("30", "FORMAT ERROR"),
            Map.entry("51", "INSUFFICIENT FUNDS"),
            Map.entry("54", "EXPIRED CARD"),
            Map.entry("68", "RESPONSE RECEIVED TOO LATE"),
            Map.entry("91", "BANK UNAVAILABLE"),
            Map.entry("94", "DUPLICATE TRANSMISSION"),
            Map.entry("95", "RECONCILE ERROR"),
            Map.entry("96", "SYSTEM MALFUNCTION"),
            Map.entry("A8", "TERMINAL NOT SIGNED ON"));

    private DeclineReason() {
    }

    static String of(String de39) {
        return WORDS.getOrDefault(de39, "HOST CODE " + de39);
    }
}
