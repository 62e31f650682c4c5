package io.firstsettle.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.firstsettle.core.LabClock;
import io.firstsettle.core.Waits;
import io.firstsettle.fault.FaultFiles;

/** The credit-notification webhook, received by a real HTTP server in the test. */
class CreditWebhookTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LabClock clock = LabClock.scaled(0.01);
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private BankFake bank;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/credits", ex -> {
            received.add(JSON.readTree(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
        bank = BankFake.start(Path.of("fixtures", "bank"), clock, (s, k, f) -> events.add(s + "/" + k));
        bank.notifyCreditsTo(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/credits"));
    }

    @AfterEach
    void stop() {
        bank.close();
        receiver.stop(0);
    }

    private JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(bank.baseUrl().resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private String authorize(String stan, long amount) throws Exception {
        return post("bank/v1/authorizations", "{\"merchantId\":\"M1\",\"terminalId\":\"T1\",\"stan\":\"" + stan
                + "\",\"amountMinor\":" + amount + ",\"currency\":\"978\",\"maskedPan\":\"476173******0010\"}")
                .get("rrn").asText();
    }

    private void settle(String rrn, long amount) throws Exception {
        post("bank/v1/settlements", "{\"merchantId\":\"M1\",\"terminalId\":\"T1\",\"batchNo\":\"000001\",\"count\":1,"
                + "\"totalMinor\":" + amount + ",\"transactions\":[{\"rrn\":\"" + rrn + "\",\"stan\":\"000001\","
                + "\"amountMinor\":" + amount + "}]}");
    }

    private List<JsonNode> about(String rrn) {
        return received.stream().filter(n -> rrn.equals(n.path("rrn").asText())).toList();
    }

    private JsonNode awaitNotification(String rrn) {
        return Waits.until(clock, "the credit notification of " + rrn, Duration.ofSeconds(1000),
                () -> about(rrn).isEmpty() ? Optional.empty() : Optional.of(about(rrn).get(0)),
                () -> "received so far: " + received);
    }

    @Test
    void oneNotificationPerCreditNoneForAReversedSale() throws Exception {
        String rrn = authorize("000001", 1234);
        settle(rrn, 1234);
        JsonNode n = awaitNotification(rrn);
        assertEquals("M1", n.get("merchantId").asText());
        assertEquals(1234, n.get("amountMinor").asLong());
        assertEquals("978", n.get("currency").asText());
        MerchantStatement.Credit c = bank.statement("M1").credits().get(0);
        assertEquals(c.valueDate().toString(), n.get("valueDate").asText());
        assertEquals(c.creditedAt().toString(), n.get("creditedAt").asText());

        String reversed = authorize("000002", 500);
        post("bank/v1/reversals", "{\"merchantId\":\"M1\",\"terminalId\":\"T1\",\"rrn\":\"" + reversed
                + "\",\"stan\":\"000002\",\"amountMinor\":500}");
        settle(reversed, 500);
        settle(rrn, 1234); // the same credit settled again
        String last = authorize("000003", 700);
        settle(last, 700);
        awaitNotification(last); // sent after everything above

        assertEquals(1, about(rrn).size(), "exactly one notification per credit");
        assertTrue(about(reversed).isEmpty(), "a reversed sale is never credited, so never notified");
        assertEquals(2, received.size(), received.toString());
        Waits.until(clock, "the notifier's events", Duration.ofSeconds(1000),
                () -> events.stream().filter("bank/credit-notified"::equals).count() == 2 ? Optional.of(true)
                        : Optional.empty(), () -> events.toString());
    }

    @Test
    void aHeldCreditIsNotifiedOnlyOnRelease() throws Exception {
        bank.apply(FaultFiles.load(Path.of("fixtures", "faults"), "risk-hold-first-transaction"), "T1");
        String first = authorize("000001", 1234);
        settle(first, 1234);
        assertEquals("PENDING", bank.statement("M1").credits().get(0).status());
        String second = authorize("000002", 600);
        settle(second, 600); // the next cycle releases the hold
        awaitNotification(second);
        JsonNode n = awaitNotification(first);
        assertEquals(1234, n.get("amountMinor").asLong());
        assertEquals("CREDITED", bank.statement("M1").credits().get(0).status());
        bank.statement("M1");
        String third = authorize("000003", 100);
        settle(third, 100);
        awaitNotification(third);
        assertEquals(1, about(first).size(), "the release is notified once, not at each later look");
        assertEquals(3, received.size(), received.toString());
    }

    @Test
    void anUnreachableReceiverIsRecordedAndTheCreditStands() throws Exception {
        receiver.stop(0);
        String rrn = authorize("000001", 1234);
        settle(rrn, 1234);
        Waits.until(clock, "the failed notification event", Duration.ofSeconds(2000),
                () -> events.contains("bank/credit-notify-failed") ? Optional.of(true) : Optional.empty(),
                () -> events.toString());
        assertEquals("CREDITED", bank.statement("M1").credits().get(0).status());
    }
}
