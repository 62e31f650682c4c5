package io.firstsettle.bank;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.firstsettle.core.EventSink;

/**
 * The bank's credit-notification webhook (fixtures/bank/README.md): one POST per credit, when it becomes CREDITED.
 * Sent asynchronously so the ledger never waits for the receiver; the outcome is recorded as an event (source "bank").
 * Not retried: the merchant statement stays the record of what was credited.
 */
final class CreditNotifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Real time: the receiver is a lab process on the same machine. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI target;
    private final EventSink events;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    CreditNotifier(URI target, EventSink events) {
        this.target = target;
        this.events = events;
    }

    void notifyCredited(String merchantId, String rrn, long amountMinor, String currency, String valueDate,
                        String creditedAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("merchantId", merchantId);
        body.put("rrn", rrn);
        body.put("amountMinor", amountMinor);
        body.put("currency", currency);
        body.put("valueDate", valueDate);
        body.put("creditedAt", creditedAt);
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the credit notification " + body, e);
        }
        HttpRequest req = HttpRequest.newBuilder(target).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
            if (e == null && r.statusCode() / 100 == 2) {
                events.record("bank", "credit-notified", Map.of("url", target.toString(), "rrn", rrn,
                        "merchantId", merchantId, "status", r.statusCode()));
            } else {
                events.record("bank", "credit-notify-failed", Map.of("url", target.toString(), "rrn", rrn,
                        "merchantId", merchantId, "error", e != null ? String.valueOf(e) : "HTTP " + r.statusCode(),
                        "hint", "is the receiver listening at " + target + "? the statement still shows the credit"));
            }
        });
    }
}
