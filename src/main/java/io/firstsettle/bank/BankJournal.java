package io.firstsettle.bank;

import java.time.Instant;

/** The bank's view of every HTTP exchange, built from WireMock's serve events (oldest first). */
public final class BankJournal {
    private BankJournal() {
    }

    /**
     * @param labTime      lab time of the request (null when the fake runs without a lab clock)
     * @param realTime     wall-clock time WireMock logged the request
     * @param requestBody  masked (PAN-like digits replaced)
     * @param status       HTTP status sent (0 when a fault such as a reset replaced the response)
     * @param fault        true when a fault stub (metadata key "fault", or a WireMock fault) served it
     * @param stubName     the mapping's name, or null when none matched
     */
    public record Entry(Instant labTime, Instant realTime, String method, String path, String requestBody, int status,
                        String responseBody, boolean fault, String stubName) {
    }
}
