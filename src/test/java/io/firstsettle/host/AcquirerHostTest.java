package io.firstsettle.host;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.firstsettle.bank.BankFake;
import io.firstsettle.bank.BankJournal;
import io.firstsettle.bank.MerchantStatement;
import io.firstsettle.core.LabClock;

class AcquirerHostTest {
    static final String TID = "TERM0001";
    static final String MID = "MERCHANT0000001";
    static final String PAN = "4761739001010010";

    private final LabClock clock = LabClock.scaled(0.01);
    private final List<Map<String, ?>> events = new CopyOnWriteArrayList<>();
    private BankFake bank;
    private AcquirerHost host;
    private IsoTestClient terminal;

    @BeforeEach
    void start() throws Exception {
        bank = BankFake.start(Path.of("fixtures", "bank"), clock);
        host = AcquirerHost.start(HostConfig.defaults(bank.baseUrl(), clock, (s, k, f) -> events.add(f))
                .withBankBudget(Duration.ofSeconds(500)));
        terminal = new IsoTestClient(host.port(), host.packager());
    }

    @AfterEach
    void stop() throws Exception {
        terminal.close();
        host.close();
        bank.close();
    }

    private long bankCalls(String path) {
        return bank.journal().stream().filter(e -> e.path().equals(path)).count();
    }

    @Test
    void firstSaleIsSettledAndCreditedOnce() throws Exception {
        ISOMsg signOn = terminal.exchange(IsoTestClient.signOn("000001"));
        assertEquals("0810", signOn.getMTI());
        assertEquals("00", signOn.getString(39));
        assertEquals("000001", signOn.getString(60));
        assertEquals(16, signOn.getBytes(62).length);
        assertEquals("001", signOn.getString(70));
        assertArrayEquals(new byte[] {0x60, 0x00, 0x00, 0x00, 0x01}, signOn.getHeader(), "TPDU source/destination swapped");

        ISOMsg sale = terminal.exchange(IsoTestClient.sale("000002", 1234));
        assertEquals("0210", sale.getMTI());
        assertEquals("00", sale.getString(39));
        assertEquals(12, sale.getString(37).length());
        assertEquals(6, sale.getString(38).length());
        assertEquals("000000001234", sale.getString(4));

        ISOMsg rec = terminal.exchange(IsoTestClient.reconcile("000003", "000001", 1, 1234));
        assertEquals("0510", rec.getMTI());
        assertEquals("00", rec.getString(39));
        assertEquals("1", rec.getString(66));
        assertEquals("000001", rec.getString(60));

        HostJournal j = host.journal();
        HostJournal.Entry approved = j.approvedSale(TID, "000002").orElseThrow();
        assertEquals(1234L, approved.amountMinor());
        assertEquals(sale.getString(37), approved.rrn());
        assertEquals("00", j.settlement(TID).orElseThrow().responseCode());
        assertFalse(j.reversed(TID, "000002"));
        assertEquals(6, j.entries().size());
        assertEquals("476173******0010", j.byMti("0200").get(0).maskedPan());
        assertTrue(j.entries().stream().noneMatch(e -> e.fields().toString().contains(PAN)), "PAN must be masked");
        assertTrue(events.stream().noneMatch(e -> e.toString().contains(PAN)), "PAN must be masked in events");

        assertEquals(1, bankCalls("/bank/v1/authorizations"));
        assertEquals(1, bankCalls("/bank/v1/settlements"));
        assertTrue(bank.journal().stream().noneMatch(e -> e.requestBody().contains(PAN)));
        assertTrue(bank.journal().stream().noneMatch(BankJournal.Entry::fault));

        MerchantStatement st = bank.statement(MID);
        assertEquals(1, st.credits().size());
        assertEquals(1234, st.credits().get(0).amountMinor());
        assertEquals("CREDITED", st.credits().get(0).status());
        assertEquals(sale.getString(37), st.credits().get(0).rrn());

        ISOMsg again = terminal.exchange(IsoTestClient.signOn("000004"));
        assertEquals("000002", again.getString(60), "a settled batch opens the next one");
    }

    @Test
    void totalsMismatchIsReconcileError() throws Exception {
        terminal.exchange(IsoTestClient.signOn("000001"));
        assertEquals("00", terminal.exchange(IsoTestClient.sale("000002", 1234)).getString(39));
        ISOMsg rec = terminal.exchange(IsoTestClient.reconcile("000003", "000001", 1, 1000));
        assertEquals("95", rec.getString(39));
        assertEquals("2", rec.getString(66));
        assertEquals(0, bankCalls("/bank/v1/settlements"));
        assertTrue(bank.statement(MID).credits().isEmpty());
    }

    @Test
    void saleBeforeSignOnIsRefused() throws Exception {
        ISOMsg sale = terminal.exchange(IsoTestClient.sale("000001", 1234));
        assertEquals("A8", sale.getString(39));
        assertEquals(0, bankCalls("/bank/v1/authorizations"));
    }

    @Test
    void duplicateStanIsRefused() throws Exception {
        terminal.exchange(IsoTestClient.signOn("000001"));
        assertEquals("00", terminal.exchange(IsoTestClient.sale("000002", 1234)).getString(39));
        assertEquals("94", terminal.exchange(IsoTestClient.sale("000002", 1234)).getString(39));
        assertEquals(1, bankCalls("/bank/v1/authorizations"));
    }

    @Test
    void reversalIsIdempotentAndNothingIsCredited() throws Exception {
        terminal.exchange(IsoTestClient.signOn("000001"));
        assertEquals("00", terminal.exchange(IsoTestClient.sale("000002", 1234)).getString(39));
        ISOMsg first = terminal.exchange(IsoTestClient.reversal("000002", 1234));
        ISOMsg second = terminal.exchange(IsoTestClient.reversal("000002", 1234));
        assertEquals("0410", first.getMTI());
        assertEquals("00", first.getString(39));
        assertEquals("00", second.getString(39));
        assertEquals(1, bankCalls("/bank/v1/reversals"));
        assertTrue(host.journal().reversed(TID, "000002"));

        assertEquals("95", terminal.exchange(IsoTestClient.reconcile("000003", "000001", 1, 1234)).getString(39),
                "a reversed sale is not in the host's totals");
        assertEquals("00", terminal.exchange(IsoTestClient.reconcile("000004", "000001", 0, 0)).getString(39));
        assertTrue(bank.statement(MID).credits().isEmpty());
    }

    @Test
    void failedBankSettlementIsNotApprovedAndNothingIsCredited() throws Exception {
        bank.wireMock().stubFor(post(urlPathEqualTo("/bank/v1/settlements")).atPriority(1)
                .withMetadata(Map.of("fault", "settlement-500"))
                .willReturn(aResponse().withStatus(500).withBody("{\"error\":\"internal\"}")));
        terminal.exchange(IsoTestClient.signOn("000001"));
        assertEquals("00", terminal.exchange(IsoTestClient.sale("000002", 1234)).getString(39));
        ISOMsg rec = terminal.exchange(IsoTestClient.reconcile("000003", "000001", 1, 1234));
        assertEquals("96", rec.getString(39));
        assertTrue(bank.statement(MID).credits().isEmpty());
        assertTrue(bank.journal().stream().anyMatch(e -> e.fault() && e.status() == 500));

        bank.removeFaults();
        ISOMsg retry = terminal.exchange(IsoTestClient.reconcile("000004", "000001", 1, 1234));
        assertEquals("00", retry.getString(39));
        ISOMsg repeat = terminal.exchange(IsoTestClient.reconcile("000005", "000001", 1, 1234));
        assertEquals("00", repeat.getString(39), "a repeated 0500 of a settled batch is answered again");
        MerchantStatement st = bank.statement(MID);
        assertEquals(1, st.credits().size(), "a repeated settlement is not credited twice: " + st);
        assertEquals(1234, st.creditedTotalMinor());
    }

    @Test
    void bankUnavailableAtAuthorizationIs91() throws Exception {
        bank.wireMock().stubFor(post(urlPathEqualTo("/bank/v1/authorizations")).atPriority(1)
                .withMetadata(Map.of("fault", "maintenance"))
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "120")));
        terminal.exchange(IsoTestClient.signOn("000001"));
        ISOMsg sale = terminal.exchange(IsoTestClient.sale("000002", 1234));
        assertEquals("91", sale.getString(39));
        assertNotNull(sale.getString(37));
        assertTrue(host.journal().approvedSale(TID, "000002").isEmpty());
    }

    @Test
    void bankDeclinePassesTheBanksCode() throws Exception {
        terminal.exchange(IsoTestClient.signOn("000001"));
        assertEquals("51", terminal.exchange(IsoTestClient.sale("000002", 5100)).getString(39));
    }

    @Test
    void garbageFromTheBankIsSystemMalfunction() throws Exception {
        bank.wireMock().stubFor(post(urlPathEqualTo("/bank/v1/authorizations")).atPriority(1)
                .withMetadata(Map.of("fault", "garbage"))
                .willReturn(aResponse().withStatus(200).withBody("<html>oops")));
        terminal.exchange(IsoTestClient.signOn("000001"));
        assertEquals("96", terminal.exchange(IsoTestClient.sale("000002", 1234)).getString(39));
    }

    @Test
    void resetByTheBankIsSystemMalfunction() throws Exception {
        bank.wireMock().stubFor(post(urlPathEqualTo("/bank/v1/authorizations")).atPriority(1)
                .withMetadata(Map.of("fault", "reset"))
                .willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        terminal.exchange(IsoTestClient.signOn("000001"));
        assertEquals("96", terminal.exchange(IsoTestClient.sale("000002", 1234)).getString(39));
        assertEquals(1, bankCalls("/bank/v1/authorizations"), "POST is not retried after a reset");
        assertTrue(bank.journal().get(0).fault());
    }

    @Test
    void slowBankIsLateAndTheReversalReachesTheBank() throws Exception {
        bank.wireMock().stubFor(post(urlPathEqualTo("/bank/v1/authorizations")).atPriority(1)
                .withMetadata(Map.of("fault", "slow"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(1500)
                        .withBody("{\"outcome\":\"APPROVED\",\"responseCode\":\"00\"}")));
        // default budget: 20 s lab = 200 ms real at scale 0.01
        try (AcquirerHost fast = AcquirerHost.start(HostConfig.defaults(bank.baseUrl(), clock, (s, k, f) -> { }));
             IsoTestClient t = new IsoTestClient(fast.port(), fast.packager())) {
            t.exchange(IsoTestClient.signOn("000001"));
            assertEquals("68", t.exchange(IsoTestClient.sale("000002", 1234)).getString(39));
            assertEquals("00", t.exchange(IsoTestClient.reversal("000002", 1234)).getString(39));
            assertTrue(fast.journal().reversed(TID, "000002"));
            assertEquals(1, bankCalls("/bank/v1/reversals"));
        }
    }
}
