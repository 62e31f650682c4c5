package io.firstsettle.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.firstsettle.bank.BankFake;
import io.firstsettle.bank.MerchantStatement;
import io.firstsettle.core.LabClock;
import io.firstsettle.host.AcquirerHost;
import io.firstsettle.host.HostConfig;

/** Every bank fault profile through the real acquirer host (jPOS) and the real bank fake (WireMock). */
class BankFaultProfilesTest {
    static final Path FAULTS = Path.of("fixtures", "faults");
    /** Friday 7 June 2024, 10:00 in Berlin. */
    static final Instant FRIDAY = Instant.parse("2024-06-07T08:00:00Z");

    private final List<String> events = new CopyOnWriteArrayList<>();
    private LabClock clock = LabClock.scaled(0.01, FRIDAY, ZoneId.of("Europe/Berlin"));
    private BankFake bank;
    private AcquirerHost host;

    private WireTerminal start(String tid) {
        return start(tid, Duration.ofSeconds(500));
    }

    private WireTerminal start(String tid, Duration bankBudget) {
        bank = BankFake.start(Path.of("fixtures", "bank"), clock, (s, k, f) -> events.add(s + ":" + k + ":" + f));
        host = AcquirerHost.start(HostConfig.defaults(bank.baseUrl(), clock, (s, k, f) -> events.add(s + ":" + k))
                .withBankBudget(bankBudget));
        return terminal(tid);
    }

    private WireTerminal terminal(String tid) {
        return new WireTerminal(tid, "MERCHANT" + tid.substring(1), host.port(), host.packager());
    }

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
        if (bank != null) {
            bank.close();
        }
    }

    static FaultProfile fault(String name) {
        return FaultFiles.load(FAULTS, name);
    }

    private static String sale(WireTerminal t, long amount) throws Exception {
        ISOMsg r = t.exchange(t.sale(amount));
        assertEquals("0210", r.getMTI());
        return r.getString(39);
    }

    private static String settle(WireTerminal t, String batch, long count, long total) throws Exception {
        return t.exchange(t.reconcile(batch, count, total)).getString(39);
    }

    @Test
    void bankMaintenanceAnswers91WithRetryAfterThenRecoversWhenTheWindowPasses() throws Exception {
        WireTerminal t = start("T0000001");
        assertEquals("00", t.exchange(t.signOn()).getString(39));
        AppliedFault f = bank.apply(fault("bank-maintenance"), t.tid);
        assertEquals("91", sale(t, 1000));
        var served = bank.journal().get(bank.journal().size() - 1);
        assertEquals(503, served.status());
        assertTrue(served.fault());
        assertTrue(f.active());
        clock.advance(Duration.ofMinutes(31)); // the 30-minute window passes on the lab clock
        assertFalse(f.active());
        assertEquals("00", sale(t, 1000), "recovered after the window");
        assertFalse(bank.journal().get(bank.journal().size() - 1).fault());
        f.remove();
        assertTrue(events.stream().anyMatch(e -> e.startsWith("fault:applied")));
        assertTrue(events.stream().anyMatch(e -> e.startsWith("fault:bank-request-faulted") && e.contains("503")));
        assertTrue(events.stream().anyMatch(e -> e.startsWith("fault:removed")));
    }

    @Test
    void bankMaintenanceRetryAfterHeaderIsSent() throws Exception {
        start("T0000001");
        bank.apply(fault("bank-maintenance"), "T0000001");
        var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        bank.baseUrl().resolve("bank/v1/authorizations")).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"terminalId\":\"T0000001\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(503, r.statusCode());
        assertEquals("300", r.headers().firstValue("Retry-After").orElse(""), "retryAfter: 5m in lab seconds");
    }

    @Test
    void settlementStageMaintenanceRefusesTheBatchAndRemovalRestoresIt() throws Exception {
        WireTerminal t = start("T0000001");
        t.exchange(t.signOn());
        assertEquals("00", sale(t, 700));
        AppliedFault f = bank.apply(fault("bank-maintenance-settlement"), t.tid);
        assertEquals("91", settle(t, "000001", 1, 700));
        assertTrue(bank.statement(t.mid).credits().isEmpty());
        f.remove();
        assertEquals("00", settle(t, "000001", 1, 700));
        assertEquals(700, bank.statement(t.mid).creditedTotalMinor());
    }

    @Test
    void creditStageMaintenanceKeepsTheCreditPendingUntilTheWindowEnds() throws Exception {
        WireTerminal t = start("T0000001");
        t.exchange(t.signOn());
        bank.apply(fault("bank-maintenance-credit"), t.tid);
        assertEquals("00", sale(t, 900));
        assertEquals("00", settle(t, "000001", 1, 900), "the settlement itself is accepted");
        MerchantStatement.Credit c = bank.statement(t.mid).credits().get(0);
        assertEquals("PENDING", c.status());
        assertEquals("credit system maintenance", c.reason());
        clock.advance(Duration.ofHours(2));
        c = bank.statement(t.mid).credits().get(0);
        assertEquals("CREDITED", c.status());
        assertEquals(900, bank.statement(t.mid).creditedTotalMinor());
    }

    @Test
    void bankUpgradeWithholdsTheFirstCreditForOneCycleAndCreditsItOnce() throws Exception {
        WireTerminal t = start("T0000001");
        t.exchange(t.signOn());
        AppliedFault f = bank.apply(fault("bank-upgrade"), t.tid);
        assertEquals("00", sale(t, 1234));
        assertEquals("00", settle(t, "000001", 1, 1234));
        MerchantStatement st = bank.statement(t.mid);
        assertEquals("PENDING", st.credits().get(0).status());
        assertEquals("bank system upgrade in progress", st.credits().get(0).reason());
        assertEquals(0, st.creditedTotalMinor());
        f.remove();
        assertEquals("00", sale(t, 100));
        assertEquals("00", settle(t, "000002", 1, 100), "the next cycle");
        st = bank.statement(t.mid);
        assertEquals(2, st.credits().size(), "credited once each, never twice");
        assertTrue(st.credits().stream().allMatch(c -> c.status().equals("CREDITED")), st.toString());
        assertEquals(1334, st.creditedTotalMinor());
        assertEquals(1334, bank.statement(t.mid).creditedTotalMinor(), "a second read changes nothing");
    }

    @Test
    void bankUpgradeUntilAWindowReleasesWhenTheLabClockPassesIt() throws Exception {
        WireTerminal t = start("T0000001");
        t.exchange(t.signOn());
        bank.apply(fault("bank-upgrade-until"), t.tid);
        sale(t, 500);
        settle(t, "000001", 1, 500);
        assertEquals("PENDING", bank.statement(t.mid).credits().get(0).status());
        clock.advance(Duration.ofHours(11));
        assertEquals("PENDING", bank.statement(t.mid).credits().get(0).status());
        clock.advance(Duration.ofHours(1));
        MerchantStatement.Credit c = bank.statement(t.mid).credits().get(0);
        assertEquals("CREDITED", c.status());
        assertTrue(c.creditedAt() != null && !c.creditedAt().isBefore(FRIDAY.plus(Duration.ofHours(12))));
    }

    @Test
    void everyOutageModeIsBankError96AndRemovalRestoresApproval() throws Exception {
        WireTerminal t = start("T0000001");
        t.exchange(t.signOn());
        for (String mode : List.of("reset", "empty", "garbage", "malformed-chunk")) {
            AppliedFault f = bank.apply(fault("bank-outage-" + mode), t.tid);
            assertEquals("96", sale(t, 300), mode);
            f.remove();
            assertEquals("00", sale(t, 300), "after removing " + mode);
        }
    }

    @Test
    void outageOnTheSettlementStage() throws Exception {
        WireTerminal t = start("T0000001");
        t.exchange(t.signOn());
        sale(t, 300);
        FaultProfile p = new FaultProfile("settlement-reset", FaultKind.BANK_OUTAGE, null, Stage.SETTLEMENT, null,
                null, null, null, null, OutageMode.RESET, null, null, null, null, null, null);
        AppliedFault f = bank.apply(p, t.tid);
        assertEquals("96", settle(t, "000001", 1, 300));
        f.remove();
        assertEquals("00", settle(t, "000001", 1, 300));
    }

    @Test
    void delayAboveTheTerminalTimeoutIsLateAndBelowItIsApproved() throws Exception {
        // terminal host timeout 30 s (lab); the host gives the bank 40 s; 1.5 x 30 s = 45 s is above both
        WireTerminal t = start("T0000001", Duration.ofSeconds(40));
        t.exchange(t.signOn());
        AppliedFault f = bank.apply(fault("bank-delay-fixed"), new FaultTarget(t.tid, null, Duration.ofSeconds(30)));
        long t0 = System.nanoTime();
        assertEquals("68", sale(t, 400));
        long realMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(realMs >= 350 && realMs < 3_000, "the host gave up after its 40 s lab budget (0.4 s real): " + realMs);
        f.remove();
        AppliedFault below = bank.apply(fault("bank-delay-uniform"), new FaultTarget(t.tid, null, Duration.ofSeconds(30)));
        assertEquals("00", sale(t, 400), "0.2..0.6 x 30 s = 6..18 s, inside the host's 40 s budget");
        below.remove();
        AppliedFault logn = bank.apply(fault("bank-delay-lognormal"), new FaultTarget(t.tid, null, Duration.ofSeconds(10)));
        assertEquals("00", sale(t, 400), "median 3 s on a 10 s terminal");
        assertTrue(events.stream().anyMatch(e -> e.startsWith("fault:bank-request-faulted") && e.contains("delayLabMillis")));
        logn.remove();
    }

    @Test
    void declineProfilesPassTheirCodesAndRemovalRestoresApproval() throws Exception {
        WireTerminal t = start("T0000001");
        t.exchange(t.signOn());
        for (var e : Map.of("insufficient-funds", "51", "invalid-merchant", "03", "terminal-not-registered", "97")
                .entrySet()) {
            AppliedFault f = bank.apply(fault(e.getKey()), t.tid);
            assertEquals(e.getValue(), sale(t, 250), e.getKey());
            f.remove();
            assertEquals("00", sale(t, 250), "after removing " + e.getKey());
        }
    }

    @Test
    void riskHoldHoldsOnlyTheFirstCreditOfANewMerchantForOneCycle() throws Exception {
        WireTerminal t = start("T0000001");
        t.exchange(t.signOn());
        AppliedFault f = bank.apply(fault("risk-hold-first-transaction"), t.tid);
        sale(t, 111);
        sale(t, 222);
        assertEquals("00", settle(t, "000001", 2, 333));
        MerchantStatement st = bank.statement(t.mid);
        assertEquals(List.of("PENDING", "CREDITED"), st.credits().stream().map(MerchantStatement.Credit::status).toList());
        assertEquals("risk review", st.credits().get(0).reason());
        sale(t, 50);
        settle(t, "000002", 1, 50);
        st = bank.statement(t.mid);
        assertEquals(383, st.creditedTotalMinor(), st.toString());
        assertEquals(3, st.credits().size());
        f.remove();
    }

    @Test
    void calendarT1CreditsAFridaySaleOnMonday() throws Exception {
        WireTerminal t = start("T0000001");
        t.exchange(t.signOn());
        bank.apply(fault("settlement-calendar-T1"), t.tid);
        sale(t, 1500);
        settle(t, "000001", 1, 1500);
        MerchantStatement.Credit c = bank.statement(t.mid).credits().get(0);
        assertEquals("PENDING", c.status());
        assertEquals(LocalDate.of(2024, 6, 10), c.valueDate());
        assertEquals("value date 2024-06-10 (T1)", c.reason());
        clock.advance(Duration.ofDays(1)); // Saturday
        assertEquals("PENDING", bank.statement(t.mid).credits().get(0).status());
        clock.advance(Duration.ofDays(2)); // Monday
        c = bank.statement(t.mid).credits().get(0);
        assertEquals("CREDITED", c.status());
        assertEquals(LocalDate.of(2024, 6, 10), c.valueDate());
    }

    @Test
    void calendarD1CreditsAFridaySaleOnSaturdayAndRemovalMeansSameDay() throws Exception {
        WireTerminal t = start("T0000001");
        t.exchange(t.signOn());
        AppliedFault f = bank.apply(fault("settlement-calendar-D1"), t.tid);
        sale(t, 1500);
        settle(t, "000001", 1, 1500);
        assertEquals(LocalDate.of(2024, 6, 8), bank.statement(t.mid).credits().get(0).valueDate());
        clock.advance(Duration.ofDays(1));
        assertEquals("CREDITED", bank.statement(t.mid).credits().get(0).status());
        f.remove();
        sale(t, 10);
        settle(t, "000002", 1, 10);
        MerchantStatement.Credit c = bank.statement(t.mid).credits().get(1);
        assertEquals("CREDITED", c.status());
        assertEquals(LocalDate.of(2024, 6, 8), c.valueDate(), "credited the day it settled");
    }

    @Test
    void twoTerminalsWithDifferentFaultsOnOneBankAtTheSameTimeDoNotSeeEachOther() throws Exception {
        WireTerminal a = start("T0000001");
        WireTerminal b = terminal("T0000002");
        a.exchange(a.signOn());
        b.exchange(b.signOn());
        bank.apply(fault("insufficient-funds"), a.tid);
        bank.apply(fault("bank-outage-reset"), b.tid);
        List<String> aCodes = new CopyOnWriteArrayList<>();
        List<String> bCodes = new CopyOnWriteArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        Thread ta = new Thread(() -> run(errors, () -> { for (int i = 0; i < 10; i++) { aCodes.add(sale(a, 100)); } }));
        Thread tb = new Thread(() -> run(errors, () -> { for (int i = 0; i < 10; i++) { bCodes.add(sale(b, 100)); } }));
        ta.start();
        tb.start();
        ta.join(30_000);
        tb.join(30_000);
        assertEquals(List.of(), errors);
        assertEquals(List.of("51"), aCodes.stream().distinct().toList());
        assertEquals(List.of("96"), bCodes.stream().distinct().toList());
        assertEquals(10, aCodes.size());
        assertEquals(10, bCodes.size());
        WireTerminal c = terminal("T0000003");
        c.exchange(c.signOn());
        assertEquals("00", sale(c, 100), "a third terminal without faults is untouched");
    }

    interface Body {
        void run() throws Exception;
    }

    private static void run(List<Throwable> errors, Body b) {
        try {
            b.run();
        } catch (Throwable e) {
            errors.add(e);
        }
    }
}
