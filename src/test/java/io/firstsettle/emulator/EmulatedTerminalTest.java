package io.firstsettle.emulator;

import io.firstsettle.ecr.zvt.message.AbortFromEcr;
import io.firstsettle.ecr.zvt.message.AbortFromPt;
import io.firstsettle.ecr.zvt.message.Acknowledgement;
import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.message.Authorization;
import io.firstsettle.ecr.zvt.register.EcrBehaviour;
import io.firstsettle.ecr.zvt.register.EcrTranscript;
import io.firstsettle.ecr.zvt.message.Initialisation;
import io.firstsettle.ecr.zvt.message.IntermediateStatus;
import io.firstsettle.ecr.zvt.message.Registration;
import io.firstsettle.ecr.zvt.message.ResultCode;
import io.firstsettle.ecr.zvt.message.ZvtMessage;
import io.firstsettle.ecr.zvt.message.ZvtMessages;
import io.firstsettle.host.HostJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The correct terminal, through the real serial path (jssc on a kernel pty) against the real host and bank fake. */
class EmulatedTerminalTest {
    @TempDir
    Path dir;

    static String tid(Bench b) {
        return b.profile.terminalId();
    }

    @Test
    void factoryNewTerminalSignsOnAtFirstNeedThenPaysWithBothReceiptCopies() throws Exception {
        try (Bench b = new Bench(dir, Set.of())) {
            assertTrue(b.terminal.state().image().factoryNew());
            assertTrue(b.register().success());
            EcrTranscript t = b.pay("visa-test", 1234);
            assertTrue(t.success(), t.toString());
            assertEquals(0, t.resultCode());
            List<HostJournal.Entry> in = b.host.journal().entries().stream().filter(e -> !e.isOut()).toList();
            assertEquals("0800", in.get(0).mti(), "sign-on goes first");
            assertEquals("0200", in.get(1).mti());
            assertEquals(1, b.terminal.state().image().batchNo(), "batch number learnt from the 0810");
            assertTrue(t.printLines().stream().anyMatch(l -> l.contains("CUSTOMER COPY")), t.printLines().toString());
            assertTrue(t.printLines().stream().anyMatch(l -> l.contains("MERCHANT COPY")));
            assertEquals(2, t.printLines().stream().filter(l -> l.startsWith("APPROVED AUTH")).count());
            assertEquals(1, b.terminal.state().image().openBatch().size());
            assertTrue(b.terminal.pendingReversal().isEmpty());
        }
    }

    @Test
    void initialisationSignsOnAndReportsTheBatch() throws Exception {
        try (Bench b = new Bench(dir, Set.of())) {
            b.register();
            EcrTranscript t = b.ecr.run("Initialisation", new Initialisation(b.profile.password()).toApdu());
            assertTrue(t.success(), t.toString());
            assertTrue(b.terminal.signedOn());
            assertEquals(1, b.hostIn("0800").size());
            assertTrue(t.status().additionalText().orElse("").contains("BATCH 000001"));
        }
    }

    @Test
    void factoryNewTerminalThatCannotReachTheHostSaysSo() throws Exception {
        try (Bench b = new Bench(dir, Set.of())) {
            b.proxy.close(); // nothing listens on the terminal's host address any more
            b.register();
            EcrTranscript t = b.pay("visa-test", 1000);
            assertFalse(t.success());
            assertEquals(ResultCode.NO_CONNECTION.code(), t.resultCode());
            assertTrue(t.printLines().isEmpty(), "no receipt for a payment that never reached the host");
            assertFalse(b.terminal.signedOn());
            assertTrue(b.terminal.state().image().openBatch().isEmpty());
        }
    }

    @Test
    void countersAndStoredReversalSurviveARestart() throws Exception {
        try (Bench b = new Bench(dir, Set.of())) {
            b.register();
            assertTrue(b.pay("visa-test", 100).success());
            assertTrue(b.pay("visa-test", 200).success());
            b.proxy.mode(HostProxy.Mode.SILENT);
            assertFalse(b.pay("visa-test", 300).success());
            TerminalState.Image before = b.terminal.state().image();
            assertNotNull(before.pendingReversal(), "the unanswered sale's reversal is stored");
            b.restartTerminal(Set.of());
            TerminalState.Image after = TerminalState.open(dir).image();
            assertEquals(before.stan(), after.stan());
            assertEquals(before.receiptNo(), after.receiptNo());
            assertEquals(before.batchNo(), after.batchNo());
            assertEquals(before.openBatch(), after.openBatch());
            assertEquals(before.pendingReversal(), after.pendingReversal());
            b.proxy.mode(HostProxy.Mode.FORWARD);
            b.register();
            assertTrue(b.pay("visa-test", 400).success());
            List<String> stans = b.hostIn("0200").stream().map(HostJournal.Entry::stan).toList();
            assertEquals(stans.size(), stans.stream().distinct().count(), "no STAN reused: " + stans);
            assertTrue(b.hostIn("0400").stream().anyMatch(e -> e.fields().containsValue(before.pendingReversal().stan())));
            assertEquals(3, b.terminal.state().image().openBatch().size());
            assertTrue(b.terminal.state().image().receiptNo() > before.receiptNo());
        }
    }

    @Test
    void hostTimeoutFailsThePaymentReversesAtOnceAndIgnoresTheLate0210() throws Exception {
        try (Bench b = new Bench(dir, Set.of())) {
            b.register();
            b.terminal.presentCard(io.firstsettle.profile.CardProfile.load(Bench.FIXTURES.resolve("cards/visa-test.yaml")));
            b.ecr.authorize(new Authorization(500, 978)); // signs on, first sale approved
            b.proxy.delayNext(Duration.ofSeconds(60)); // the host approves, its 0210 arrives 60 lab s later
            EcrTranscript t = b.pay("visa-test", 777);
            assertFalse(t.success());
            assertEquals(ResultCode.REMOTE_NOT_RESPONDING.code(), t.resultCode());
            assertTrue(t.printLines().stream().noneMatch(l -> l.contains("APPROVED")));
            String stan = b.hostOut("0210").get(1).stan();
            assertEquals("00", b.hostOut("0210").get(1).responseCode(), "the host did approve, too late");
            assertTrue(b.host.journal().reversed(tid(b), stan), "the 0400 reached the host");
            b.clock.pause(Duration.ofSeconds(70)); // the late 0210 has been and gone
            assertEquals(1, b.terminal.state().image().openBatch().size(), "the late approval never joined the batch");
            assertTrue(b.terminal.pendingReversal().isEmpty());
        }
    }

    @Test
    void unacknowledgedReversalIsRetriedAndGoesBeforeTheNextSale() throws Exception {
        try (Bench b = new Bench(dir, Set.of())) {
            b.register();
            assertTrue(b.pay("visa-test", 100).success());
            b.proxy.mode(HostProxy.Mode.SILENT);
            EcrTranscript t = b.pay("visa-test", 200);
            assertEquals(ResultCode.REMOTE_NOT_RESPONDING.code(), t.resultCode());
            assertEquals(EmulatedTerminal.REVERSAL_ATTEMPTS, b.isoOut("0400"), "a series of attempts at once");
            String pending = b.terminal.pendingReversal().orElseThrow().stan();
            b.proxy.mode(HostProxy.Mode.FORWARD);
            assertTrue(b.pay("visa-test", 300).success());
            List<HostJournal.Entry> in = b.host.journal().entries().stream().filter(e -> !e.isOut()).toList();
            int rev = -1;
            int sale = -1;
            for (int i = 0; i < in.size(); i++) {
                if (in.get(i).mti().equals("0400") && rev < 0) {
                    rev = i;
                }
                if (in.get(i).mti().equals("0200")) {
                    sale = i;
                }
            }
            assertTrue(rev >= 0 && rev < sale, "the stored 0400 reached the host before the next 0200");
            assertTrue(b.host.journal().entries().stream().anyMatch(e -> e.mti().equals("0410")
                    && pending.equals(e.fields().get("originalStan")) || e.mti().equals("0410") && pending.equals(e.stan())));
            assertTrue(b.terminal.pendingReversal().isEmpty());
        }
    }

    @Test
    void registerThatIgnoresPrintLinesGetsTheApprovedPaymentReversed() throws Exception {
        try (Bench b = new Bench(dir, Set.of())) {
            b.register();
            b.ecrBehaviour(EcrBehaviour.IGNORES_PRINT_LINES);
            EcrTranscript t = b.pay("visa-test", 1500);
            assertFalse(t.success());
            String stan = b.hostOut("0210").get(0).stan();
            assertTrue(b.host.journal().reversed(tid(b), stan));
            assertEquals(1, b.terminalEvents("auto-reversal").size());
            assertTrue(b.terminal.state().image().openBatch().isEmpty());
        }
    }

    @Test
    void registerThatIgnoresTheStatusInformationGetsThePaymentReversed() throws Exception {
        try (Bench b = new Bench(dir, Set.of())) {
            b.register();
            b.ecrBehaviour(EcrBehaviour.IGNORES_STATUS_INFORMATION);
            b.pay("visa-test", 1600);
            String stan = b.hostOut("0210").get(0).stan();
            assertTrue(b.host.journal().reversed(tid(b), stan));
            assertTrue(b.terminal.state().image().openBatch().isEmpty());
        }
    }

    @Test
    void terminalPrintsOnItsOwnPaperWhenTheRegisterDoesNotPrint() throws Exception {
        try (Bench b = new Bench(dir, Set.of())) {
            b.ecr.register(new Registration(b.profile.password(), 0x38, 978, null)); // bits 1 and 7 clear
            EcrTranscript t = b.pay("visa-test", 1000);
            assertTrue(t.success());
            assertTrue(t.printLines().isEmpty());
            List<String> paper = b.terminal.ownPaper();
            assertTrue(paper.stream().anyMatch(l -> l.contains("CUSTOMER COPY")), paper.toString());
            assertTrue(paper.stream().anyMatch(l -> l.contains("MERCHANT COPY")));
        }
    }

    @Test
    void declinedReceiptCarriesTheReason() throws Exception {
        try (Bench b = new Bench(dir, Set.of())) {
            b.register();
            EcrTranscript t = b.pay("visa-test", 5100);
            assertFalse(t.success());
            assertEquals(0x33, t.resultCode(), "DE39 51 as binary 0x33");
            assertEquals(2, t.printLines().stream().filter(l -> l.equals("DECLINED 51 INSUFFICIENT FUNDS")).count(),
                    t.printLines().toString());
            assertTrue(b.terminal.state().image().openBatch().isEmpty());
        }
    }

    @Test
    void endOfDaySettlesTheBatchWithCountsAndTotals() throws Exception {
        try (Bench b = new Bench(dir, Set.of())) {
            b.register();
            b.pay("visa-test", 1000);
            b.pay("mastercard-test", 2345);
            EcrTranscript t = b.endOfDay();
            assertTrue(t.success(), t.toString());
            HostJournal.Entry r = b.hostIn("0500").get(0);
            assertEquals("0000000002", r.fields().get("76"));
            assertEquals(String.format("%016d", 3345), r.fields().get("88"));
            assertTrue(b.terminal.state().image().openBatch().isEmpty());
            assertEquals(2, b.terminal.state().image().batchNo());
            assertTrue(t.printLines().contains("SETTLEMENT ACCEPTED"));
            assertEquals(3345L, t.status().amountMinor().orElseThrow());
        }
    }

    @Test
    void refusedSettlementKeepsTheBatchOpenReportsF0AndTheNextEndOfDayRetries() throws Exception {
        try (Bench b = new Bench(dir, Set.of())) {
            b.register();
            b.pay("visa-test", 1000);
            b.bank.wireMock().stubFor(post(urlPathEqualTo("/bank/v1/settlements")).atPriority(1)
                    .withMetadata(Map.of("fault", "settlement-503")).willReturn(aResponse().withStatus(503)));
            EcrTranscript t = b.endOfDay();
            assertFalse(t.success());
            assertEquals(ResultCode.OPEN_END_OF_DAY_BATCH.code(), t.resultCode());
            assertEquals(1, b.terminal.state().image().openBatch().size());
            assertTrue(t.printLines().contains("BATCH STAYS OPEN"));
            b.bank.removeFaults();
            assertTrue(b.endOfDay().success());
            assertTrue(b.terminal.state().image().openBatch().isEmpty());
            assertEquals(2, b.hostIn("0500").size());
        }
    }

    @Test
    void reconcileErrorUploadsTheBatchButAnUnknownSaleIsNotSettledSoTheBatchStaysOpen() throws Exception {
        TerminalState.open(dir).addToBatch(new TerminalState.BatchEntry("000042", "B00000000042", 999,
                "476173******0010", 7)); // a sale the host never saw
        try (Bench b = new Bench(dir, Set.of())) {
            b.register();
            EcrTranscript t = b.endOfDay();
            assertEquals("95", b.hostOut("0510").get(0).responseCode());
            assertEquals(1, b.isoOut("0320"), "batch upload attempted");
            assertEquals("00", b.hostOut("0330").get(0).responseCode(), "the upload is received");
            assertEquals("95", b.hostOut("0510").get(1).responseCode(),
                    "a sale the host never approved is not settled on the terminal's word");
            assertEquals(ResultCode.OPEN_END_OF_DAY_BATCH.code(), t.resultCode());
            assertEquals(1, b.terminal.state().image().openBatch().size());
        }
    }

    @Test
    void abortAfterTheHostApprovedReversesThePayment() throws Exception {
        try (Bench b = new Bench(dir, Set.of())) {
            b.register();
            b.terminal.presentCard(io.firstsettle.profile.CardProfile.load(Bench.FIXTURES.resolve("cards/visa-test.yaml")));
            b.ecr.authorize(new Authorization(100, 978)); // sign-on out of the way
            b.proxy.delayNext(Duration.ofSeconds(10)); // within the host timeout: the register aborts meanwhile
            b.ecrLink.send(new Authorization(4200, 978).toApdu());
            boolean abortSent = false;
            Integer abortCode = null;
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (abortCode == null && System.nanoTime() < end) {
                Optional<Apdu> in = b.ecrLink.receive(Duration.ofSeconds(10));
                assertTrue(in.isPresent(), "the terminal went silent");
                ZvtMessage m = ZvtMessages.decode(in.get());
                if (m instanceof Acknowledgement) {
                    continue;
                }
                b.ecrLink.send(Apdu.POSITIVE_ACK);
                if (m instanceof IntermediateStatus && !abortSent) {
                    b.ecrLink.send(new AbortFromEcr().toApdu());
                    abortSent = true;
                } else if (m instanceof AbortFromPt a) {
                    abortCode = a.resultCode();
                }
            }
            assertEquals(ResultCode.ABORT_TIMEOUT_OR_KEY.code(), abortCode);
            HostJournal.Entry approved = b.hostOut("0210").get(1);
            assertEquals("00", approved.responseCode());
            assertTrue(b.host.journal().reversed(tid(b), approved.stan()));
            assertEquals(1, b.terminal.state().image().openBatch().size(), "only the first sale is kept");
        }
    }

    @Test
    void operatorInputIsAnsweredAsGiven() throws Exception {
        try (Bench b = new Bench(dir, Set.of())) {
            EcrTranscript early = b.pay("visa-test", 100);
            assertEquals(ResultCode.FUNCTION_DEACTIVATED.code(), early.resultCode(), "payment before Registration");
            EcrTranscript wrong = b.ecr.register(new Registration("123456", 0xBA, 978, null));
            assertEquals(ResultCode.PROTOCOL_ERROR.code(), wrong.resultCode(), "wrong password");
            b.register();
            EcrTranscript currency = b.ecr.authorize(new Authorization(100, 840));
            assertEquals(ResultCode.WRONG_CURRENCY.code(), currency.resultCode());
            b.terminal.presentCard(io.firstsettle.profile.CardProfile.load(Bench.FIXTURES.resolve("cards/mastercard-test.yaml")));
            EcrTranscript t = b.ecr.authorize(new Authorization(4321, 978, 0x40, null, null));
            assertTrue(t.success());
            assertEquals(0x40, t.status().paymentType().orElseThrow(), "payment type BMP 19 as given");
            assertEquals(4321L, t.status().amountMinor().orElseThrow());
            assertEquals(6, t.status().cardType().orElseThrow(), "the presented card's ZVT card type");
            assertTrue(b.hostIn("0200").get(0).maskedPan().startsWith("541333"));
            assertEquals(4321L, b.hostIn("0200").get(0).amountMinor());
        }
    }
}
