package io.firstsettle.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.firstsettle.bank.MerchantStatement;
import io.firstsettle.core.LabClock;

/** 0320 batch upload, 0100 authorization and 0220 advice through the real host, a jPOS client and the bank fake. */
class BatchUploadTest {
    private static final String TID = AcquirerHostTest.TID;
    private static final String MID = AcquirerHostTest.MID;

    private final LabClock clock = LabClock.scaled(0.01);
    private final List<String> events = new CopyOnWriteArrayList<>();
    private BankFake bank;
    private AcquirerHost host;
    private IsoTestClient terminal;

    @BeforeEach
    void start() throws Exception {
        bank = BankFake.start(Path.of("fixtures", "bank"), clock);
        host = AcquirerHost.start(HostConfig.defaults(bank.baseUrl(), clock, (s, k, f) -> events.add(s + "/" + k + " " + f))
                .withBankBudget(Duration.ofSeconds(500)));
        terminal = new IsoTestClient(host.port(), host.packager());
    }

    @AfterEach
    void stop() throws Exception {
        terminal.close();
        host.close();
        bank.close();
    }

    static ISOMsg upload(String stan, String originalStan, String rrn, long amountMinor) throws Exception {
        ISOMsg m = new ISOMsg("0320");
        m.set(3, "000000");
        m.set(4, String.format("%012d", amountMinor));
        m.set(11, stan);
        if (rrn != null) {
            m.set(37, rrn);
        }
        m.set(41, TID);
        m.set(42, MID);
        m.set(60, "000001");
        m.set(90, "0200" + originalStan + "0000000000" + "0".repeat(22));
        return m;
    }

    private long events(String kind) {
        return events.stream().filter(e -> e.startsWith("host/" + kind + " ")).count();
    }

    private List<MerchantStatement.Credit> credits() {
        return bank.statement(MID).credits();
    }

    @Test
    void afterARestartTheUploadedSaleIsSettledOnce() throws Exception {
        terminal.exchange(IsoTestClient.signOn("000001"));
        ISOMsg sale = terminal.exchange(IsoTestClient.sale("000002", 1234));
        assertEquals("00", sale.getString(39));
        int port = host.port();
        terminal.close();
        host = host.restart();
        assertEquals(port, host.port(), "the host comes back on the same port");
        terminal = new IsoTestClient(host.port(), host.packager());

        ISOMsg rec = terminal.exchange(IsoTestClient.reconcile("000003", "000001", 1, 1234));
        assertEquals("95", rec.getString(39), "the restarted host lost its open batch: the totals disagree");
        ISOMsg ack = terminal.exchange(upload("000004", "000002", sale.getString(37), 1234));
        assertEquals("0330", ack.getMTI());
        assertEquals("00", ack.getString(39));
        assertEquals(sale.getString(37), ack.getString(37));
        rec = terminal.exchange(IsoTestClient.reconcile("000005", "000001", 1, 1234));
        assertEquals("00", rec.getString(39), "the journal shows the host approved it: settled");
        assertEquals(1, events("upload-recovered"));

        List<MerchantStatement.Credit> c = credits();
        assertEquals(1, c.size());
        assertEquals(sale.getString(37), c.get(0).rrn());
        assertEquals("CREDITED", c.get(0).status());

        // the terminal did not see the 0510 and tries again: nothing is credited twice
        terminal.exchange(upload("000006", "000002", sale.getString(37), 1234));
        terminal.exchange(IsoTestClient.reconcile("000007", "000001", 1, 1234));
        assertEquals(1, credits().size());
        assertEquals("000002", terminal.exchange(IsoTestClient.signOn("000008")).getString(60));
    }

    @Test
    void anUploadTheHostNeverApprovedIsNotSettledAndStays95() throws Exception {
        terminal.exchange(IsoTestClient.signOn("000001"));
        assertEquals("00", terminal.exchange(IsoTestClient.sale("000002", 1000)).getString(39));
        // the terminal claims a second sale the host never saw, and one with another amount
        assertEquals("00", terminal.exchange(upload("000003", "000002", null, 1000)).getString(39));
        assertEquals("00", terminal.exchange(upload("000004", "000099", "B00000000042", 500)).getString(39));
        ISOMsg rec = terminal.exchange(IsoTestClient.reconcile("000005", "000001", 2, 1500));
        assertEquals("95", rec.getString(39));
        assertEquals("2", rec.getString(66));
        assertEquals(1, events("upload-not-settled"));
        assertTrue(events.stream().anyMatch(e -> e.contains("upload-not-settled") && e.contains("000099")
                && e.contains("no approval")), events.toString());
        assertTrue(credits().isEmpty(), "nothing is settled blindly");
        // what the host approved still settles when the terminal reports just that
        assertEquals("00", terminal.exchange(IsoTestClient.reconcile("000006", "000001", 1, 1000)).getString(39));
        assertEquals(1, credits().size());
    }

    @Test
    void anUploadOfAReversedSaleIsNotSettled() throws Exception {
        terminal.exchange(IsoTestClient.signOn("000001"));
        ISOMsg sale = terminal.exchange(IsoTestClient.sale("000002", 700));
        assertEquals("00", terminal.exchange(IsoTestClient.reversal("000002", 700)).getString(39));
        terminal.close();
        host = host.restart();
        terminal = new IsoTestClient(host.port(), host.packager());
        terminal.exchange(upload("000003", "000002", sale.getString(37), 700));
        assertEquals("95", terminal.exchange(IsoTestClient.reconcile("000004", "000001", 1, 700)).getString(39));
        assertTrue(events.stream().anyMatch(e -> e.contains("upload-not-settled") && e.contains("reversed")));
        assertTrue(credits().isEmpty());
    }

    @Test
    void anAuthorizationIsNeverSettledByItself() throws Exception {
        terminal.exchange(IsoTestClient.signOn("000001"));
        ISOMsg auth = IsoTestClient.sale("000002", 900);
        auth.setMTI("0100");
        ISOMsg r = terminal.exchange(auth);
        assertEquals("0110", r.getMTI());
        assertEquals("00", r.getString(39));
        assertEquals(6, r.getString(38).length());
        assertEquals("94", terminal.exchange(IsoTestClient.sale("000002", 900)).getString(39), "same STAN again");
        assertEquals("95", terminal.exchange(IsoTestClient.reconcile("000003", "000001", 1, 900)).getString(39),
                "an authorization is not in the settlement totals");
        terminal.exchange(upload("000004", "000002", r.getString(37), 900));
        assertEquals("95", terminal.exchange(IsoTestClient.reconcile("000005", "000001", 1, 900)).getString(39),
                "nor does an upload make it one");
        assertEquals("00", terminal.exchange(IsoTestClient.reconcile("000006", "000001", 0, 0)).getString(39));
        assertTrue(credits().isEmpty());
        ISOMsg declined = IsoTestClient.sale("000007", 5100);
        declined.setMTI("0100");
        assertEquals("51", terminal.exchange(declined).getString(39), "the bank's decline table applies to 0100 too");
    }

    @Test
    void anAdviceIsJournalledToldToTheBankAndSettledOnce() throws Exception {
        terminal.exchange(IsoTestClient.signOn("000001"));
        ISOMsg advice = IsoTestClient.sale("000002", 5100); // an amount the bank would decline online
        advice.setMTI("0220");
        advice.set(38, "OFF123");
        ISOMsg r = terminal.exchange(advice);
        assertEquals("0230", r.getMTI());
        assertEquals("00", r.getString(39));
        assertEquals("OFF123", r.getString(38));
        ISOMsg again = terminal.exchange(advice);
        assertEquals("00", again.getString(39), "a repeated advice is acknowledged again");
        assertEquals(r.getString(37), again.getString(37));
        assertEquals(1, events("advice-repeat"));
        assertEquals(1, bank.journal().stream().filter(e -> e.path().equals("/bank/v1/authorizations")).count());
        assertTrue(host.journal().approvedCapture(TID, "000002").isPresent());
        assertEquals("00", terminal.exchange(IsoTestClient.reconcile("000003", "000001", 1, 5100)).getString(39));
        List<MerchantStatement.Credit> c = credits();
        assertEquals(1, c.size());
        assertEquals(5100, c.get(0).amountMinor());
        assertEquals(r.getString(37), c.get(0).rrn());
    }

    @Test
    void anAdviceTheBankCannotTakeIsNotAcknowledged() throws Exception {
        terminal.exchange(IsoTestClient.signOn("000001"));
        bank.wireMock().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/bank/v1/authorizations"))
                .atPriority(1).withMetadata(Map.of("fault", "test-503"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(503)));
        ISOMsg advice = IsoTestClient.sale("000002", 800);
        advice.setMTI("0220");
        assertEquals("91", terminal.exchange(advice).getString(39));
        bank.removeFaults();
        assertEquals("00", terminal.exchange(advice).getString(39), "the resent advice is processed afresh");
        assertEquals("00", terminal.exchange(IsoTestClient.reconcile("000003", "000001", 1, 800)).getString(39));
        assertEquals(1, credits().size());
    }
}
