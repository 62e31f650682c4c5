package io.firstsettle.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.firstsettle.core.LabClock;

class BankFakeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private BankFake bank;

    @BeforeEach
    void start() {
        bank = BankFake.start(Path.of("fixtures", "bank"), LabClock.scaled(0.01));
    }

    @AfterEach
    void stop() {
        bank.close();
    }

    private JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(bank.baseUrl().resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private String authorize(String stan, long amount) throws Exception {
        JsonNode a = post("bank/v1/authorizations", "{\"merchantId\":\"M1\",\"terminalId\":\"T1\",\"stan\":\"" + stan
                + "\",\"amountMinor\":" + amount + ",\"currency\":\"978\",\"maskedPan\":\"476173******0010\"}");
        assertEquals("APPROVED", a.get("outcome").asText());
        assertEquals("00", a.get("responseCode").asText());
        assertEquals(6, a.get("authCode").asText().length());
        return a.get("rrn").asText();
    }

    private JsonNode settle(String... rrnAmount) throws Exception {
        StringBuilder txns = new StringBuilder();
        long total = 0;
        for (int i = 0; i < rrnAmount.length; i += 2) {
            txns.append(txns.length() == 0 ? "" : ",").append("{\"rrn\":\"").append(rrnAmount[i])
                    .append("\",\"stan\":\"000001\",\"amountMinor\":").append(rrnAmount[i + 1]).append('}');
            total += Long.parseLong(rrnAmount[i + 1]);
        }
        return post("bank/v1/settlements", "{\"merchantId\":\"M1\",\"terminalId\":\"T1\",\"batchNo\":\"000001\","
                + "\"count\":" + rrnAmount.length / 2 + ",\"totalMinor\":" + total + ",\"transactions\":[" + txns + "]}");
    }

    @Test
    void aRequestBodyOverTheLimitIsAnswered413AndNeverAuthorizesWhileWireMocksJournalIsOff() throws Exception {
        String pad = "x".repeat(BankFake.maxRequestBytes());
        HttpResponse<String> big = http.send(HttpRequest.newBuilder(bank.baseUrl().resolve("bank/v1/authorizations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"merchantId\":\"M1\",\"terminalId\":\"T1\",\"stan\":"
                        + "\"000009\",\"amountMinor\":1,\"currency\":\"978\",\"pad\":\"" + pad + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, big.statusCode(), big.body());
        assertTrue(big.body().contains(String.valueOf(BankFake.maxRequestBytes())), big.body());
        authorize("000001", 1234); // a normal request right after is served

        assertTrue(bank.wireMock().getOptions().requestJournalDisabled(), "WireMock's unbounded journal must be off");
        java.util.List<BankJournal.Entry> j = bank.journal();
        assertEquals(java.util.List.of(413, 200), j.stream().map(BankJournal.Entry::status).toList(),
                "the bank's own record keeps both exchanges");
        assertTrue(j.get(1).responseBody().contains("APPROVED"), j.get(1).responseBody());
        assertTrue(j.get(1).labTime() != null);
    }

    @Test
    void authorizationAloneCreditsNothing() throws Exception {
        authorize("000001", 1234);
        assertTrue(bank.statement("M1").credits().isEmpty());
    }

    @Test
    void settlementCreditsOnceEvenWhenRepeated() throws Exception {
        String rrn = authorize("000001", 1234);
        assertEquals("ACCEPTED", settle(rrn, "1234").get("outcome").asText());
        JsonNode again = settle(rrn, "1234");
        assertEquals("ACCEPTED", again.get("outcome").asText());
        assertEquals(0, again.get("credited").asInt());
        MerchantStatement st = bank.statement("M1");
        assertEquals(1, st.credits().size());
        assertEquals(1234, st.creditedTotalMinor());
        assertEquals("CREDITED", st.byRrn(rrn).get(0).status());
    }

    @Test
    void reversedAuthorizationIsNeverCredited() throws Exception {
        String rrn = authorize("000001", 1234);
        JsonNode rev = post("bank/v1/reversals", "{\"merchantId\":\"M1\",\"terminalId\":\"T1\",\"stan\":\"000001\","
                + "\"amountMinor\":1234}");
        assertEquals("REVERSED", rev.get("outcome").asText());
        assertTrue(rev.get("matched").asBoolean());
        settle(rrn, "1234");
        assertTrue(bank.statement("M1").credits().isEmpty());
    }

    @Test
    void settlementWithWrongTotalsIsRejected() throws Exception {
        String rrn = authorize("000001", 1234);
        JsonNode r = post("bank/v1/settlements", "{\"merchantId\":\"M1\",\"terminalId\":\"T1\",\"batchNo\":\"000001\","
                + "\"count\":1,\"totalMinor\":999,\"transactions\":[{\"rrn\":\"" + rrn + "\",\"stan\":\"000001\","
                + "\"amountMinor\":1234}]}");
        assertEquals("REJECTED", r.get("outcome").asText());
        assertTrue(bank.statement("M1").credits().isEmpty());
    }

    @Test
    void journalMasksPansAndOrdersOldestFirst() throws Exception {
        post("bank/v1/authorizations", "{\"merchantId\":\"M1\",\"terminalId\":\"T1\",\"stan\":\"000001\","
                + "\"amountMinor\":1,\"currency\":\"978\",\"maskedPan\":\"4761739001010010\"}");
        bank.statement("M1");
        var j = bank.journal();
        assertEquals(2, j.size());
        assertEquals("POST", j.get(0).method());
        assertEquals("/bank/v1/authorizations", j.get(0).path());
        assertTrue(j.get(0).requestBody().contains("476173******0010"), j.get(0).requestBody());
        assertTrue(!j.get(0).requestBody().contains("4761739001010010"));
        assertEquals("GET", j.get(1).method());
        assertTrue(j.get(0).labTime() != null && !j.get(0).labTime().isAfter(j.get(1).labTime()));
    }

    @Test
    void independentInstancesHaveIndependentLedgers() throws Exception {
        String rrn = authorize("000001", 500);
        settle(rrn, "500");
        try (BankFake other = BankFake.start(Path.of("fixtures", "bank"))) {
            assertTrue(other.statement("M1").credits().isEmpty());
            assertTrue(URI.create(other.baseUrl().toString()).getPort() != bank.port());
        }
        assertEquals(500, bank.statement("M1").creditedTotalMinor());
    }

    @Test
    void missingFixturesAreNamed(@TempDir Path tmp) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BankFake.start(tmp));
        assertTrue(e.getMessage().contains(tmp.toString()) && e.getMessage().contains("mappings"), e.getMessage());
    }
}
