package io.firstsettle.emulator;

import io.firstsettle.ecr.zvt.register.EcrBehaviour;
import io.firstsettle.ecr.zvt.register.EcrTranscript;
import io.firstsettle.ecr.zvt.message.Initialisation;
import io.firstsettle.ecr.zvt.message.ResultCode;
import io.firstsettle.host.HostJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each defect, through the real serial path, differs from the correct terminal (EmulatedTerminalTest) in the way its
 * name says.
 */
class DefectTest {
    @TempDir
    Path dir;

    private static Bench bench(Path dir, Defect d) throws Exception {
        return new Bench(dir, Set.of(d));
    }

    /** Registration + Initialisation, so the next host connection is a financial one. */
    private static void ready(Bench b) {
        assertTrue(b.register().success());
        assertTrue(b.ecr.run("Initialisation", new Initialisation(b.profile.password()).toApdu()).success());
    }

    private static void bankAuthorizations503(Bench b) {
        b.bank.wireMock().stubFor(post(urlPathEqualTo("/bank/v1/authorizations")).atPriority(1)
                .withMetadata(Map.of("fault", "auth-503")).willReturn(aResponse().withStatus(503)));
    }

    private static void bankSettlements503(Bench b) {
        b.bank.wireMock().stubFor(post(urlPathEqualTo("/bank/v1/settlements")).atPriority(1)
                .withMetadata(Map.of("fault", "settle-503")).willReturn(aResponse().withStatus(503)));
    }

    @Test
    void noReversalOnTimeoutLeavesTheHostsApprovalStanding() throws Exception {
        try (Bench b = bench(dir, Defect.NO_REVERSAL_ON_TIMEOUT)) {
            ready(b);
            b.proxy.delayNext(Duration.ofSeconds(60));
            EcrTranscript t = b.pay("visa-test", 700);
            assertEquals(ResultCode.REMOTE_NOT_RESPONDING.code(), t.resultCode());
            String stan = b.hostOut("0210").get(0).stan();
            assertEquals("00", b.hostOut("0210").get(0).responseCode());
            assertFalse(b.host.journal().reversed(b.profile.terminalId(), stan), "correct: reversed");
            assertEquals(0, b.isoOut("0400"));
        }
    }

    @Test
    void reversalNotPersistedIsLostOnRestart() throws Exception {
        try (Bench b = bench(dir, Defect.REVERSAL_NOT_PERSISTED)) {
            ready(b);
            b.proxy.mode(HostProxy.Mode.SILENT);
            b.pay("visa-test", 700);
            assertTrue(b.terminal.pendingReversal().isPresent(), "held in RAM");
            assertNull(b.terminal.state().image().pendingReversal(), "correct: in state.json");
            b.restartTerminal(Set.of(Defect.REVERSAL_NOT_PERSISTED));
            b.proxy.mode(HostProxy.Mode.FORWARD);
            b.register();
            EcrTranscript t = b.pay("visa-test", 800);
            assertTrue(t.success(), t + " " + b.events.subList(Math.max(0, b.events.size() - 30), b.events.size()));
            assertTrue(b.hostIn("0400").isEmpty(), "correct: the stored 0400 goes first after the restart");
        }
    }

    @Test
    void reversalNotRetriedIsSentOnceAndForgotten() throws Exception {
        try (Bench b = bench(dir, Defect.REVERSAL_NOT_RETRIED)) {
            ready(b);
            b.proxy.mode(HostProxy.Mode.SILENT);
            b.pay("visa-test", 700);
            assertEquals(1, b.isoOut("0400"), "correct: " + EmulatedTerminal.REVERSAL_ATTEMPTS + " and kept");
            assertTrue(b.terminal.pendingReversal().isEmpty());
        }
    }

    @Test
    void approvedOnTimeoutShowsSuccessTheHostNeverGave() throws Exception {
        try (Bench b = bench(dir, Defect.APPROVED_ON_TIMEOUT)) {
            ready(b);
            b.proxy.mode(HostProxy.Mode.SILENT);
            EcrTranscript t = b.pay("visa-test", 700);
            assertTrue(t.success());
            assertEquals(0, t.resultCode());
            assertTrue(b.hostOut("0210").isEmpty(), "the host never approved anything");
        }
    }

    @Test
    void ignoresDeclinePrintsApprovedOn91() throws Exception {
        try (Bench b = bench(dir, Defect.IGNORES_DECLINE)) {
            ready(b);
            bankAuthorizations503(b);
            EcrTranscript t = b.pay("visa-test", 700);
            assertEquals("91", b.hostOut("0210").get(0).responseCode());
            assertTrue(t.success());
            assertTrue(t.printLines().stream().anyMatch(l -> l.startsWith("APPROVED")));
        }
    }

    @Test
    void correctTerminalReportsBankUnavailableAs91() throws Exception {
        try (Bench b = new Bench(dir, Set.of())) {
            ready(b);
            bankAuthorizations503(b);
            EcrTranscript t = b.pay("visa-test", 700);
            assertFalse(t.success());
            assertEquals(91, t.resultCode());
            assertTrue(t.printLines().contains("DECLINED 91 BANK UNAVAILABLE"));
        }
    }

    @Test
    void maintenanceMisreportedGivesAGenericError() throws Exception {
        try (Bench b = bench(dir, Defect.MAINTENANCE_MISREPORTED)) {
            ready(b);
            bankAuthorizations503(b);
            EcrTranscript t = b.pay("visa-test", 700);
            assertEquals(ResultCode.SYSTEM_ERROR.code(), t.resultCode(), "correct: 91 (0x5B)");
        }
    }

    @Test
    void doubleSubmitChargesTwiceWithoutAReversal() throws Exception {
        try (Bench b = bench(dir, Defect.DOUBLE_SUBMIT)) {
            ready(b);
            b.proxy.delayNext(Duration.ofSeconds(60));
            EcrTranscript t = b.pay("visa-test", 700);
            assertTrue(t.success());
            List<HostJournal.Entry> approvals = b.hostOut("0210").stream()
                    .filter(e -> "00".equals(e.responseCode())).toList();
            assertEquals(2, approvals.size(), "the same sale approved twice");
            assertEquals(0, b.isoOut("0400"));
        }
    }

    @Test
    void skipsSignOnSendsTheSaleUnsignedAndTheHostRefuses() throws Exception {
        try (Bench b = bench(dir, Defect.SKIPS_SIGN_ON)) {
            b.register();
            EcrTranscript t = b.pay("visa-test", 700);
            assertTrue(b.hostIn("0800").isEmpty(), "correct: 0800 first");
            assertEquals("A8", b.hostOut("0210").get(0).responseCode());
            assertEquals(ResultCode.ACTIVATION_REQUIRED.code(), t.resultCode());
        }
    }

    @Test
    void settlementOmitsFirstSendsShortTotals() throws Exception {
        try (Bench b = bench(dir, Defect.SETTLEMENT_OMITS_FIRST)) {
            b.register();
            b.pay("visa-test", 1000);
            b.pay("visa-test", 2000);
            EcrTranscript t = b.endOfDay();
            HostJournal.Entry r = b.hostIn("0500").get(0);
            assertEquals("0000000001", r.fields().get("76"), "correct: 2 sales");
            assertEquals(String.format("%016d", 2000), r.fields().get("88"));
            assertEquals("95", b.hostOut("0510").get(0).responseCode());
            assertEquals(ResultCode.OPEN_END_OF_DAY_BATCH.code(), t.resultCode());
        }
    }

    @Test
    void openBatchSilentReportsSuccessWhenTheSettlementFailed() throws Exception {
        try (Bench b = bench(dir, Defect.OPEN_BATCH_SILENT)) {
            b.register();
            b.pay("visa-test", 1000);
            bankSettlements503(b);
            EcrTranscript t = b.endOfDay();
            assertNotEquals("00", b.hostOut("0510").get(0).responseCode());
            assertTrue(t.success(), "correct: F0");
            assertTrue(b.terminal.state().image().openBatch().isEmpty(), "the unsettled batch is gone");
        }
    }

    @Test
    void acceptsLateResponseTurnsALate0210IntoSuccess() throws Exception {
        try (Bench b = bench(dir, Defect.ACCEPTS_LATE_RESPONSE)) {
            ready(b);
            b.proxy.delayNext(Duration.ofSeconds(60)); // twice the 30 s host timeout
            EcrTranscript t = b.pay("visa-test", 700);
            assertTrue(t.success(), "correct: A1 and a reversal");
            assertEquals(0, b.isoOut("0400"));
        }
    }

    @Test
    void amountScaleErrorSendsAHundredTimesTheAmount() throws Exception {
        try (Bench b = bench(dir, Defect.AMOUNT_SCALE_ERROR)) {
            b.register();
            EcrTranscript t = b.pay("visa-test", 1234);
            assertEquals(123400L, b.hostIn("0200").get(0).amountMinor(), "correct: 1234");
            assertEquals(1234L, t.status().amountMinor().orElseThrow(), "the register is shown its own amount");
        }
    }

    @Test
    void stanReusedAfterRestartMakesTheHostSeeADuplicate() throws Exception {
        try (Bench b = bench(dir, Defect.STAN_REUSED_AFTER_RESTART)) {
            b.register();
            assertTrue(b.pay("visa-test", 1000).success());
            b.restartTerminal(Set.of(Defect.STAN_REUSED_AFTER_RESTART));
            b.register();
            EcrTranscript t = b.pay("visa-test", 2000);
            List<String> stans = b.hostIn("0200").stream().map(HostJournal.Entry::stan).toList();
            assertEquals(stans.get(0), stans.get(1), "correct: distinct STANs");
            assertEquals("94", b.hostOut("0210").get(1).responseCode());
            assertFalse(t.success());
        }
    }

    @Test
    void noAutoReversalKeepsAPaymentTheRegisterNeverTook() throws Exception {
        try (Bench b = bench(dir, Defect.NO_AUTO_REVERSAL_ON_UNACKED_RESULT)) {
            b.register();
            b.ecrBehaviour(EcrBehaviour.IGNORES_PRINT_LINES);
            b.pay("visa-test", 1500);
            String stan = b.hostOut("0210").get(0).stan();
            assertFalse(b.host.journal().reversed(b.profile.terminalId(), stan), "correct: reversed");
            assertEquals(1, b.terminal.state().image().openBatch().size());
        }
    }

    @Test
    void everyDefectHasADescriptionAndParsesByName() {
        for (Defect d : Defect.values()) {
            assertNotNull(d.description());
            assertFalse(d.description().isBlank());
            assertEquals(d, Defect.parse(d.name().toLowerCase().replace('_', '-')));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Defect.parse("NOPE"));
        assertTrue(e.getMessage().contains("DOUBLE_SUBMIT"));
    }
}
