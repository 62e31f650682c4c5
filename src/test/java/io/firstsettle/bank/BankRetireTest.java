package io.firstsettle.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.firstsettle.core.LabClock;
import io.firstsettle.fault.AppliedFault;
import io.firstsettle.fault.FaultFiles;
import io.firstsettle.fault.FaultTarget;

/**
 * A fleet's terminals retired from the bank once judged: the ledger, the bank's record and its fault book hold the
 * running terminals only, however many terminals came and went; a running terminal's credits (CREDITED and PENDING)
 * and exchanges are untouched, and so are those of another terminal of the same merchant.
 */
class BankRetireTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private JsonNode post(BankFake bank, String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(bank.baseUrl().resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    /** Two sales, the second reversed, and the settlement of the first: returns the first's RRN. */
    private String day(BankFake bank, String tid, String mid, long amount) throws Exception {
        String ids = "\"merchantId\":\"" + mid + "\",\"terminalId\":\"" + tid + "\"";
        String rrn = post(bank, "bank/v1/authorizations", "{" + ids + ",\"stan\":\"000002\",\"amountMinor\":" + amount
                + ",\"currency\":\"978\",\"maskedPan\":\"476173******0010\"}").get("rrn").asText();
        String second = post(bank, "bank/v1/authorizations", "{" + ids + ",\"stan\":\"000003\",\"amountMinor\":"
                + (amount + 1) + ",\"currency\":\"978\",\"maskedPan\":\"476173******0010\"}").get("rrn").asText();
        assertEquals(true, post(bank, "bank/v1/reversals", "{" + ids + ",\"rrn\":\"" + second + "\"}")
                .get("matched").asBoolean());
        JsonNode s = post(bank, "bank/v1/settlements", "{" + ids + ",\"batchNo\":\"000001\",\"count\":1,"
                + "\"totalMinor\":" + amount + ",\"transactions\":[{\"rrn\":\"" + rrn + "\",\"stan\":\"000002\","
                + "\"amountMinor\":" + amount + "}]}");
        assertEquals("ACCEPTED", s.get("outcome").asText(), s.toString());
        return rrn;
    }

    @Test
    void afterManyRetiredTerminalsTheBankHoldsTheRunningOnesOnly() throws Exception {
        Path faults = Path.of("fixtures", "faults");
        try (BankFake bank = BankFake.start(Path.of("fixtures", "bank"), LabClock.scaled(0.01))) {
            // running: one terminal with a held (PENDING) credit under a fault in force, and another of its merchant
            AppliedFault held = bank.apply(FaultFiles.load(faults, "bank-maintenance-credit"),
                    new FaultTarget("R0000001", "RUN000000000001", null));
            day(bank, "R0000001", "RUN000000000001", 2001);
            day(bank, "R0000002", "RUN000000000001", 2002);
            List<MerchantStatement.Credit> running = bank.statement("RUN000000000001").credits();
            assertEquals(List.of("PENDING", "CREDITED"), running.stream().map(MerchantStatement.Credit::status).toList());
            int records = bank.ledgerRecords();
            int exchanges = bank.journalSize();

            for (int i = 1; i <= 20; i++) {
                String tid = String.format("T%07d", i);
                String mid = String.format("RET%012d", i);
                AppliedFault f = i % 4 == 0 ? bank.apply(FaultFiles.load(faults, "bank-maintenance-credit"),
                        new FaultTarget(tid, mid, null)) : null;
                String rrn = day(bank, tid, mid, 1000 + i);
                MerchantStatement.Credit c = bank.statement(mid).credits().get(0);
                assertEquals(rrn, c.rrn());
                assertEquals(f == null ? "CREDITED" : "PENDING", c.status());
                if (f != null) {
                    f.remove(); // the rig removes its faults when it closes, before the fleet retires the terminal
                }
                bank.retire(tid, mid);
            }
            assertEquals(records, bank.ledgerRecords(), "the ledger holds what it held for the running terminals");
            assertEquals(exchanges, bank.journalSize(), "so does the bank's record");
            assertEquals(1, bank.faultsKnown(), "the running terminal's fault in force stays, the removed ones went");
            assertTrue(bank.journal().stream().allMatch(e -> e.requestBody().contains("\"R000000")
                    || e.path().contains("RUN000000000001")), bank.journal().toString());
            assertEquals(running, bank.statement("RUN000000000001").credits(), "the running merchant's credits");
            assertEquals(0, bank.statement("RET000000000020").credits().size());

            // retiring one terminal of a merchant leaves the other's credit, still held by its fault's window
            bank.retire("R0000002", "RUN000000000001");
            List<MerchantStatement.Credit> left = bank.statement("RUN000000000001").credits();
            assertEquals(1, left.size(), left.toString());
            assertEquals(running.get(0).rrn(), left.get(0).rrn());
            assertEquals("PENDING", left.get(0).status());
            assertTrue(held.active());
        }
    }
}
