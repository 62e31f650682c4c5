package io.firstsettle.ecr.concert;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.firstsettle.ecr.concert.RawConcertPeer.ENQ;
import static io.firstsettle.ecr.concert.RawConcertPeer.ETX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firstsettle.emulator.DayEnd;
import io.firstsettle.emulator.Defect;
import io.firstsettle.host.HostJournal;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulated Concert terminal ({@code emulator.concert.ConcertTerminal}) with the payment engine the ZVT one uses:
 * driven on a pty by a register written from §B alone, through a real jPOS host to the WireMock bank.
 */
class EmulatedConcertTerminalHostTest {
    /** Lab scale with a real host behind: its 30 s timeout is 3 s, room for a loaded machine. */
    static final double SCALE = 0.1;
    /** For a host that never answers: the 30 s host timeout is 0.3 s. */
    static final double SILENT_SCALE = 0.01;

    @TempDir
    Path dir;

    private static void bank503(ConcertHostBench b) {
        b.bank.wireMock().stubFor(post(urlPathEqualTo("/bank/v1/authorizations")).atPriority(1)
                .withMetadata(Map.of("fault", "auth-503")).willReturn(aResponse().withStatus(503)));
    }

    private static String status(byte[] answer) {
        return RawConcertPeer.text(answer).substring(2, 3);
    }

    @Test
    void theSectionBSaleIsApprovedReachesTheBankAndTheTelecollecteSettlesIt() throws Exception {
        try (ConcertHostBench b = new ConcertHostBench(dir, SCALE).start(Set.of(), false)) {
            byte[] request = ConcertVectors.bytes(ConcertVectors.SALE_1234_HEX);
            assertEquals(ETX, request[request.length - 1], "§B's example: the LRC equals ETX");
            byte[] answer = b.transact(request);
            assertEquals(83, answer.length, "full answer: an 83-byte frame (§B)");
            assertTrue(RawConcertPeer.lrcGood(answer));
            String t = RawConcertPeer.text(answer);
            assertEquals("0", status(answer), b.tail());
            assertEquals("00001234", t.substring(3, 11));
            assertTrue(t.substring(12, 67).startsWith("476173******0010 AUTH "), "report: " + t.substring(12, 67));
            assertEquals("978", t.substring(67, 70));

            HostJournal.Entry sale = b.hostOut("0210").get(0);
            assertEquals("00", sale.responseCode());
            assertEquals(1234L, b.hostIn("0200").get(0).amountMinor());
            assertTrue(b.bank.journal().stream().anyMatch(e -> e.path().endsWith("/authorizations")
                    && e.status() == 200 && e.requestBody().contains("1234")), "the sale reached the bank");
            assertEquals(1, b.terminal.state().image().openBatch().size());
            assertTrue(b.terminal.ownPaper().stream().anyMatch(l -> l.startsWith("APPROVED AUTH")),
                    "Concert E+ sends no receipt lines: the terminal prints its own");

            DayEnd day = b.terminal.endOfDay();
            assertTrue(day.closed(), day.toString());
            assertEquals(1234L, day.total());
            assertEquals("00", b.host.journal().settlement(b.profile.terminalId()).orElseThrow().responseCode());
            assertTrue(b.terminal.state().image().openBatch().isEmpty());
        }
    }

    @Test
    void aDeclinedSaleGetsAShortRejectedAnswerAndStaysOutOfTheBatch() throws Exception {
        try (ConcertHostBench b = new ConcertHostBench(dir, SCALE).start(Set.of(), false)) {
            bank503(b);
            byte[] answer = b.transact(ConcertHostBench.request(5000, '0', '0', "A010"));
            assertEquals(28, answer.length, "short answer: a 28-byte frame (§B)");
            assertTrue(RawConcertPeer.lrcGood(answer));
            assertEquals("01" + "7" + "00005000" + "1" + "978" + " ".repeat(10), RawConcertPeer.text(answer));
            assertEquals("91", b.hostOut("0210").get(0).responseCode());
            assertTrue(b.terminal.state().image().openBatch().isEmpty());
        }
    }

    @Test
    void aCancellationReversesTheSaleStillInTheBatchAndACreditIsNotPossible() throws Exception {
        try (ConcertHostBench b = new ConcertHostBench(dir, SCALE).start(Set.of(), false)) {
            assertEquals("0", status(b.transact(ConcertHostBench.request(700, '1', '0', "A010"))));
            String stan = b.hostIn("0200").get(0).stan();
            assertEquals("0", status(b.transact(ConcertHostBench.request(700, '1', '2', "A010"))), b.tail());
            assertTrue(b.host.journal().reversed(b.profile.terminalId(), stan), "0400 acknowledged");
            assertTrue(b.terminal.state().image().openBatch().isEmpty());
            assertEquals("7", status(b.transact(ConcertHostBench.request(700, '1', '2', "A010"))),
                    "nothing left to cancel");
            assertEquals("7", status(b.transact(ConcertHostBench.request(700, '1', '1', "A010"))), "credit");
            assertEquals(1, b.hostIn("0200").size(), "no money moved for the refused ones");
        }
    }

    @Test
    void answerAtOnceCapsTheWaitForTheHost() throws Exception {
        try (ConcertHostBench b = new ConcertHostBench(dir, SILENT_SCALE).start(Set.of(Defect.NO_REVERSAL_ON_TIMEOUT),
                true)) {
            assertEquals("7", status(b.transact(ConcertHostBench.request(700, '1', '0', "A011"))));
            Object waited = b.terminalEvents("iso-timeout").get(0).fields().get("waitedLabMs");
            assertEquals(ConcertHostBench.TIMINGS.answerAtOnce().toMillis(), ((Number) waited).longValue(),
                    "A011: the terminal waits for its host no longer than the register waits for the answer");
        }
    }

    @Test
    void aCorrectTerminalReversesAnApprovedSaleWhoseAnswerTheRegisterNeverTook() throws Exception {
        try (ConcertHostBench b = new ConcertHostBench(dir, SCALE).start(Set.of(), false)) {
            b.send(ConcertHostBench.request(700, '1', '0', "A010"));
            b.register.expect(ENQ, ConcertHostBench.ANSWER_WAIT);
            b.ignore(1500); // ignore every ENQ: the answer is never delivered
            String stan = b.hostIn("0200").get(0).stan();
            assertEquals("00", b.hostOut("0210").get(0).responseCode());
            Waiting.until("the auto-reversal", () -> b.host.journal().reversed(b.profile.terminalId(), stan), b);
            // the host journals its 0410 before it sends it: the terminal empties its batch once the 0410 is in
            Waiting.until("the reversed sale out of the batch", () -> b.terminal.state().image().openBatch().isEmpty(),
                    b);
        }
    }

    @Test
    void aCorrectTerminalKeepsItsReversalOverARestartAndSendsItBeforeTheNextSale() throws Exception {
        try (ConcertHostBench b = new ConcertHostBench(dir, SILENT_SCALE).start(Set.of(), true)) {
            assertEquals("7", status(b.transact(ConcertHostBench.request(700, '1', '0', "A010"))));
            String stan = b.terminal.state().image().pendingReversal().stan();
            b.restart(Set.of(), false, SCALE); // power cut; the host answers again
            assertEquals(stan, b.terminal.state().image().pendingReversal().stan(), "kept in state.json");
            assertEquals("0", status(b.transact(ConcertHostBench.request(800, '1', '0', "A010"))), b.tail());
            assertEquals(stan, b.hostIn("0400").get(0).stan(), "the stored 0400 went first");
            // the sale's own answer is concluded once the register's ACK and EOT are through, just after transact
            // returns: until then the terminal holds it as a possible reversal, so wait for that (bounded), not a
            // snapshot
            Waiting.until("the terminal to conclude the sale and hold no reversal",
                    () -> b.terminal.state().image().pendingReversal() == null, b);
            assertTrue(Integer.parseInt(b.hostIn("0200").get(0).stan()) > Integer.parseInt(stan),
                    "the STAN counter survived the restart");
        }
    }

    // ---- defects through the Concert session ----

    @Test
    void amountScaleErrorSendsTheHostAHundredTimesWhatTheRegisterAsked() throws Exception {
        try (ConcertHostBench b = new ConcertHostBench(dir, SCALE).start(Set.of(Defect.AMOUNT_SCALE_ERROR), false)) {
            byte[] answer = b.transact(ConcertVectors.bytes(ConcertVectors.SALE_1234_HEX));
            assertEquals("0", status(answer));
            assertEquals("00001234", RawConcertPeer.text(answer).substring(3, 11), "the register sees its amount");
            assertEquals(123400L, b.hostIn("0200").get(0).amountMinor(), "correct: 1234");
        }
    }

    @Test
    void ignoresDeclineAnswersSuccessOnAHost91() throws Exception {
        try (ConcertHostBench b = new ConcertHostBench(dir, SCALE).start(Set.of(Defect.IGNORES_DECLINE), false)) {
            bank503(b);
            byte[] answer = b.transact(ConcertHostBench.request(700, '1', '0', "A010"));
            assertEquals("91", b.hostOut("0210").get(0).responseCode());
            assertEquals("0", status(answer), "correct: 7");
            assertEquals(1, b.terminal.state().image().openBatch().size());
        }
    }

    @Test
    void approvedOnTimeoutAnswersSuccessTheHostNeverGave() throws Exception {
        try (ConcertHostBench b = new ConcertHostBench(dir, SILENT_SCALE)
                .start(Set.of(Defect.APPROVED_ON_TIMEOUT), true)) {
            assertEquals("0", status(b.transact(ConcertHostBench.request(700, '1', '0', "A010"))), "correct: 7");
            assertEquals(1, b.isoOut("0200"));
            assertEquals(0, b.isoOut("0400"), "correct: reversed");
        }
    }

    @Test
    void doubleSubmitSendsTheSaleAgainInsteadOfReversing() throws Exception {
        try (ConcertHostBench b = new ConcertHostBench(dir, SILENT_SCALE)
                .start(Set.of(Defect.DOUBLE_SUBMIT, Defect.NO_REVERSAL_ON_TIMEOUT), true)) {
            assertEquals("7", status(b.transact(ConcertHostBench.request(700, '1', '0', "A010"))));
            assertEquals(2, b.isoOut("0200"), "correct: one 0200, then its 0400");
            assertEquals(1, b.terminalEvents("resubmitted").size());
        }
    }

    @Test
    void reversalNotPersistedIsLostOnRestart() throws Exception {
        try (ConcertHostBench b = new ConcertHostBench(dir, SILENT_SCALE)
                .start(Set.of(Defect.REVERSAL_NOT_PERSISTED), true)) {
            assertEquals("7", status(b.transact(ConcertHostBench.request(700, '1', '0', "A010"))));
            assertTrue(b.terminal.pendingReversal().isPresent(), "held in RAM");
            assertNull(b.terminal.state().image().pendingReversal(), "correct: in state.json");
            b.restart(Set.of(Defect.REVERSAL_NOT_PERSISTED), false);
            assertFalse(b.terminal.pendingReversal().isPresent(), "lost with the power");
        }
    }

    @Test
    void noAutoReversalKeepsASaleWhoseAnswerTheRegisterNeverTook() throws Exception {
        try (ConcertHostBench b = new ConcertHostBench(dir, SCALE)
                .start(Set.of(Defect.NO_AUTO_REVERSAL_ON_UNACKED_RESULT), false)) {
            b.send(ConcertHostBench.request(700, '1', '0', "A010"));
            b.register.expect(ENQ, ConcertHostBench.ANSWER_WAIT);
            b.ignore(1500);
            Waiting.until("the terminal's conclusion", () -> !b.terminalEvents("kept-unacknowledged-payment")
                    .isEmpty(), b);
            assertFalse(b.host.journal().reversed(b.profile.terminalId(), b.hostIn("0200").get(0).stan()));
            assertEquals(1, b.terminal.state().image().openBatch().size(), "correct: reversed, batch empty");
        }
    }

    @Test
    void settlementOmitsFirstLeavesTheFirstSaleOutOfTheTelecollecte() throws Exception {
        try (ConcertHostBench b = new ConcertHostBench(dir, SCALE)
                .start(Set.of(Defect.SETTLEMENT_OMITS_FIRST), false)) {
            assertEquals("0", status(b.transact(ConcertHostBench.request(700, '1', '0', "A010"))));
            assertEquals("0", status(b.transact(ConcertHostBench.request(300, '1', '0', "A010"))));
            DayEnd day = b.terminal.endOfDay();
            assertEquals(300L, day.total(), "correct: 1000");
            assertEquals(1, day.count());
        }
    }

    @Test
    void aRequestRepeatedAfterALostAckIsChargedOnceByACorrectTerminalAndTwiceUnderTheDefect() throws Exception {
        for (boolean defective : new boolean[] {false, true}) {
            try (ConcertHostBench b = new ConcertHostBench(dir.resolve("t-" + defective), SCALE)
                    .start(defective ? Set.of(Defect.REPEATED_FRAME_CHARGES_TWICE) : Set.of(), false)) {
                byte[] frame = ConcertHostBench.request(700, '1', '0', "A010");
                b.register.send(RawConcertPeer.ENQ);
                b.register.expect(RawConcertPeer.ACK, 1000);
                b.register.send(frame);
                b.register.expect(RawConcertPeer.ACK, 1000);
                b.register.send(frame); // as if our ACK was lost: the same frame again
                b.register.expect(RawConcertPeer.ACK, 1000);
                b.register.send(RawConcertPeer.EOT);
                b.register.expect(ENQ, ConcertHostBench.ANSWER_WAIT);
                b.register.send(RawConcertPeer.ACK);
                byte[] answer = b.register.readFrame(1000);
                b.register.send(RawConcertPeer.ACK);
                b.register.expect(RawConcertPeer.EOT, 1000);
                assertEquals("0", status(answer), "one answer, approved: " + b.tail());
                assertEquals(defective ? 2 : 1, b.hostIn("0200").size(), (defective ? "defect" : "correct") + ": "
                        + b.tail());
                assertEquals(defective ? 2 : 1, b.terminal.state().image().openBatch().size());
            }
        }
    }

    /** A bounded wait for something the terminal does after the register stopped listening. */
    static final class Waiting {
        static void until(String what, java.util.function.BooleanSupplier done, ConcertHostBench b) {
            io.firstsettle.core.Waits.until(io.firstsettle.core.LabClock.real(), what, java.time.Duration.ofSeconds(10),
                    () -> done.getAsBoolean() ? java.util.Optional.of(true) : java.util.Optional.empty(), b::tail);
        }
    }
}
