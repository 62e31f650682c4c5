package io.firstsettle.ecr.concert;

import static io.firstsettle.ecr.concert.RawConcertPeer.ACK;
import static io.firstsettle.ecr.concert.RawConcertPeer.ENQ;
import static io.firstsettle.ecr.concert.RawConcertPeer.EOT;
import static io.firstsettle.ecr.concert.RawConcertPeer.ETX;
import static io.firstsettle.ecr.concert.RawConcertPeer.NAK;
import static io.firstsettle.ecr.concert.RawConcertPeer.STX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;
import io.firstsettle.core.Waits;
import io.firstsettle.port.JsscBytePort;
import io.firstsettle.port.PtyPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The emulated Concert terminal session on the jssc side of a real kernel pty (7E1 settings), driven by a tiny
 * register written in {@link RawConcertPeer} from §B alone, with §B's own example request.
 */
class ConcertEmulatedTerminalPtyTest {
    static final ConcertTimings FAST = new ConcertTimings(Duration.ofMillis(300), 3, Duration.ofMillis(500),
            Duration.ofMillis(300), 2, Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofSeconds(120),
            Duration.ofSeconds(10));
    static final int WAIT = 1000;
    /** A repeat comes only after the terminal's own frameAck timer (1 s): wait for it with room to spare. */
    static final int REPEAT_WAIT = 3000;

    PtyPair pair;
    ConcertTerminalSession session;
    RawConcertPeer register;
    final List<String> events = new CopyOnWriteArrayList<>();

    void start(ScriptedConcertServices terminal) {
        pair = PtyPair.open();
        register = new RawConcertPeer(pair.master());
        ConcertLink link = new ConcertLink(JsscBytePort.open(pair.slavePath(), ConcertLine.RS232_7E1.settings()), FAST,
                ConcertLine.RS232_7E1.bit7(), recorder(events), "terminal");
        session = new ConcertTerminalSession(link, terminal, recorder(events)).start();
    }

    static EventSink recorder(List<String> into) {
        return (source, kind, fields) -> into.add(kind + " " + fields);
    }

    @AfterEach
    void stop() {
        if (session != null) {
            session.close();
        }
        if (pair != null) {
            pair.close();
        }
    }

    /** ENQ, ACK, the frame, ACK, EOT: the register's half of §B's handshake. */
    void sendRequest(byte[] frame) {
        register.send(ENQ);
        register.expect(ACK, WAIT);
        register.send(frame);
        register.expect(ACK, WAIT);
        register.send(EOT);
    }

    /** The terminal's half: it asks with ENQ, we ACK, take the frame. */
    byte[] takeAnswer() {
        register.expect(ENQ, 2 * WAIT);
        register.send(ACK);
        return register.readFrame(WAIT);
    }

    /** The session records after it writes: wait (bounded) for the event instead of racing it. */
    void awaitEvent(String kind, String detail) {
        Waits.until(LabClock.real(), "the session's event " + kind + " with " + detail, Duration.ofSeconds(2),
                () -> events.stream().filter(e -> e.startsWith(kind) && e.contains(detail)).findFirst(),
                events::toString);
    }

    /** The session counts an answer after its EOT is written: wait (bounded) instead of racing it. */
    void awaitAnswered(int n) {
        Waits.until(LabClock.real(), n + " answer(s) counted by the session", Duration.ofSeconds(2),
                () -> session.answered() == n ? java.util.Optional.of(n) : java.util.Optional.empty(),
                () -> session.answered() + " answered; events " + events);
    }

    @Test
    void theSectionBExampleSaleIsApprovedWithAFullAnswer() {
        start(ScriptedConcertServices.approvingAll());
        byte[] request = ConcertVectors.bytes(ConcertVectors.SALE_1234_HEX);
        assertEquals(ETX, request[request.length - 1], "the example's LRC equals ETX");
        sendRequest(request);
        byte[] answer = takeAnswer();
        register.send(ACK);
        register.expect(EOT, WAIT);

        assertEquals(83, answer.length, "a full answer is an 83-byte frame (§B)");
        assertEquals(STX, answer[0]);
        assertEquals(ETX, answer[81]);
        assertTrue(RawConcertPeer.lrcGood(answer), "LRC over everything after STX up to and including ETX");
        String t = RawConcertPeer.text(answer);
        assertEquals("01", t.substring(0, 2), "POS");
        assertEquals("0", t.substring(2, 3), "status 0 = success");
        assertEquals("00001234", t.substring(3, 11), "amount in cents");
        assertEquals("1", t.substring(11, 12), "payment mode card");
        assertTrue(t.substring(12, 67).startsWith("476173******0010"), "report: " + t.substring(12, 67));
        assertEquals("978", t.substring(67, 70), "currency");
        awaitAnswered(1);
    }

    @Test
    void aDeclinedSaleGetsAShortAnswerWhenAskedFor() {
        start(new ScriptedConcertServices(r -> r.amountCents() >= 5000
                ? ScriptedConcertServices.Decision.DECLINE : ScriptedConcertServices.Decision.APPROVE));
        // 50.00 EUR, POS 07, short answer ('0'), card, debit, EUR, answer at end, normal authorization
        sendRequest(RawConcertPeer.frame("07" + "00005000" + "0" + "1" + "0" + "978" + " ".repeat(10) + "A010B010"));
        byte[] answer = takeAnswer();
        register.send(ACK);
        register.expect(EOT, WAIT);
        assertEquals(28, answer.length, "a short answer is a 28-byte frame (§B)");
        assertTrue(RawConcertPeer.lrcGood(answer));
        assertEquals("07" + "7" + "00005000" + "1" + "978" + " ".repeat(10), RawConcertPeer.text(answer));
    }

    @Test
    void aRequestWithABadLrcIsNakedAndTheRepeatIsServedOnce() {
        start(ScriptedConcertServices.approvingAll());
        byte[] good = ConcertVectors.bytes(ConcertVectors.SALE_1234_HEX);
        byte[] bad = good.clone();
        bad[bad.length - 1] = 0x04;
        register.send(ENQ);
        register.expect(ACK, WAIT);
        register.send(bad);
        register.expect(NAK, WAIT);
        register.send(good);
        register.expect(ACK, WAIT);
        register.send(EOT);
        byte[] answer = takeAnswer();
        register.send(ACK);
        register.expect(EOT, WAIT);
        assertEquals(83, answer.length);
        awaitAnswered(1);
        assertTrue(events.stream().anyMatch(e -> e.startsWith("concert-nak-sent")), events.toString());
    }

    @Test
    void anAnswerTheRegisterNaksIsRepeatedIdentically() {
        start(ScriptedConcertServices.approvingAll());
        sendRequest(ConcertVectors.bytes(ConcertVectors.SALE_1234_HEX));
        byte[] first = takeAnswer();
        register.send(NAK);
        byte[] second = register.readFrame(WAIT);
        assertEquals(java.util.Arrays.toString(first), java.util.Arrays.toString(second));
        register.send(ACK);
        register.expect(EOT, WAIT);
        register.expectSilence(400);
        assertTrue(events.stream().anyMatch(e -> e.startsWith("concert-nak-received")), events.toString());
    }

    @Test
    void aRegisterThatNeverAcksTheAnswerGetsItThreeTimesThenEot() {
        start(ScriptedConcertServices.approvingAll());
        sendRequest(ConcertVectors.bytes(ConcertVectors.SALE_1234_HEX));
        takeAnswer();
        register.readFrame(REPEAT_WAIT);
        register.readFrame(REPEAT_WAIT);
        register.expect(EOT, REPEAT_WAIT);
        awaitEvent("concert-handshake-failed", "FRAME_NOT_ACKED");
        // the session lives on: the next sale is served
        sendRequest(ConcertVectors.bytes(ConcertVectors.SALE_1234_HEX));
        takeAnswer();
        register.send(ACK);
        register.expect(EOT, WAIT);
        awaitAnswered(1);
        assertEquals(1, session.answered(), "only the acknowledged answer counts");
    }

    @Test
    void parityBitsFromA7E1SenderAreStripped() {
        start(ScriptedConcertServices.approvingAll());
        byte[] f = ConcertVectors.bytes(ConcertVectors.SALE_1234_HEX);
        for (int i = 0; i < f.length; i++) {
            if (Integer.bitCount(f[i] & 0x7F) % 2 == 1) {
                f[i] = (byte) (f[i] | 0x80); // even parity in bit 7, as an 8-bit view of a 7E1 line shows it
            }
        }
        register.send(ENQ); // 05 has an even bit count: parity bit 0
        register.expect(ACK, WAIT);
        register.send(f);
        register.expect(ACK, WAIT);
        register.send(EOT | 0x80); // 04 has odd bit count: parity bit set
        byte[] answer = takeAnswer();
        register.send(ACK);
        register.expect(EOT, WAIT);
        assertEquals("0", RawConcertPeer.text(answer).substring(2, 3));
    }

    @Test
    void aRequestThatDoesNotDecodeIsRecordedAndLeftUnanswered() {
        start(ScriptedConcertServices.approvingAll());
        sendRequest(RawConcertPeer.frame("01" + "0000X234" + "1" + "1" + "0" + "978" + " ".repeat(10) + "A010B010"));
        register.expectSilence(500);
        awaitEvent("concert-bad-request", "offset=6");
        assertTrue(events.toString().contains("field=amount"), events.toString());
    }
}
