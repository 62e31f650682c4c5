package io.firstsettle.ecr.concert;

import static io.firstsettle.ecr.concert.RawConcertPeer.ACK;
import static io.firstsettle.ecr.concert.RawConcertPeer.ENQ;
import static io.firstsettle.ecr.concert.RawConcertPeer.EOT;
import static io.firstsettle.ecr.concert.RawConcertPeer.NAK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firstsettle.core.LabClock;
import io.firstsettle.port.JsscBytePort;
import io.firstsettle.port.PtyPair;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ConcertRegister} on the jssc side of a real kernel pty, against a tiny terminal written in
 * {@link RawConcertPeer} from §B alone: it checks the request bytes against §B's example and answers with
 * hand-made frames. The lab clock runs at scale 0.01, so the 120 s answer wait of a request with delay A010 takes
 * 1.2 s and the (configured) 10 s of A011 takes 0.1 s.
 */
class ConcertRegisterPtyTest {
    static final ConcertTimings FAST = ConcertEmulatedTerminalPtyTest.FAST;
    static final LabClock CLOCK = LabClock.scaled(0.01);
    static final int WAIT = 1000;
    static final String FULL_APPROVED = "01" + "0" + "00001234" + "1" + "4761739001010010" + " ".repeat(39) + "978"
            + " ".repeat(10);

    PtyPair pair;
    ConcertLink link;
    RawConcertPeer terminal;
    final List<String> events = new CopyOnWriteArrayList<>();

    ConcertRegister register(ConcertLine line, ConcertRegisterSettings settings) {
        pair = PtyPair.open();
        terminal = new RawConcertPeer(pair.master());
        link = new ConcertLink(JsscBytePort.open(pair.slavePath(), line.settings()), FAST, line.bit7(),
                ConcertEmulatedTerminalPtyTest.recorder(events), "ecr");
        return new ConcertRegister(link, CLOCK, settings, ConcertEmulatedTerminalPtyTest.recorder(events));
    }

    @AfterEach
    void stop() {
        if (link != null) {
            link.close();
        }
        if (pair != null) {
            pair.close();
        }
    }

    /** Runs the terminal's script on its own thread; the register runs on the test thread. */
    CompletableFuture<Void> terminal(Consumer<RawConcertPeer> script) {
        return CompletableFuture.runAsync(() -> script.accept(terminal));
    }

    /** The terminal's half of the request handshake: ACK the ENQ, take the frame, ACK it, see EOT. */
    static byte[] takeRequest(RawConcertPeer t) {
        t.expect(ENQ, 2 * WAIT);
        t.send(ACK);
        byte[] f = t.readFrame(WAIT);
        t.send(ACK);
        t.expect(EOT, WAIT);
        return f;
    }

    /** The terminal's half of the answer handshake. */
    static void answer(RawConcertPeer t, byte[] frame) {
        t.send(ENQ);
        t.expect(ACK, WAIT);
        t.send(frame);
        t.expect(ACK, WAIT);
        t.send(EOT);
    }

    static void join(CompletableFuture<Void> f) throws Exception {
        f.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aSaleSendsTheSectionBBytesAndReadsAFullApproval() throws Exception {
        ConcertRegister reg = register(ConcertLine.USB_8N1, ConcertRegisterSettings.defaults());
        byte[][] seen = new byte[1][];
        CompletableFuture<Void> pt = terminal(t -> {
            seen[0] = takeRequest(t);
            answer(t, RawConcertPeer.frame(FULL_APPROVED));
        });
        ConcertResult r = reg.sale(1234);
        join(pt);
        assertArrayEquals(ConcertVectors.bytes(ConcertVectors.SALE_1234_HEX), seen[0],
                "the request is §B's example byte for byte, LRC 03 included");
        assertEquals(ConcertResult.Outcome.APPROVED, r.outcome(), r.detail());
        assertEquals(1234, r.amountCents());
        assertEquals(Optional.of("476173******0010"), r.maskedCard());
        assertTrue(events.stream().noneMatch(e -> e.contains("4761739001010010")), "no full PAN in the evidence");
    }

    @Test
    void aShortDeclineOnA7E1LineWithParityBitsSet() throws Exception {
        ConcertRegister reg = register(ConcertLine.RS232_7E1,
                ConcertRegisterSettings.defaults().withAnswer(AnswerSize.SHORT, AnswerDelay.AT_END));
        CompletableFuture<Void> pt = terminal(t -> {
            byte[] req = takeRequest(t);
            assertEquals('0', (char) req[11], "answer flag 0 = short");
            byte[] f = RawConcertPeer.frame("01" + "7" + "00000500" + "1" + "978" + " ".repeat(10));
            for (int i = 0; i < f.length; i++) {
                if (Integer.bitCount(f[i] & 0x7F) % 2 == 1) {
                    f[i] |= (byte) 0x80; // the even-parity bit, as a 7E1 line's bytes look through an 8-bit pty
                }
            }
            answer(t, f);
        });
        ConcertResult r = reg.sale(500);
        join(pt);
        assertEquals(ConcertResult.Outcome.DECLINED, r.outcome(), r.detail());
        assertEquals(Optional.empty(), r.answer().orElseThrow().report());
    }

    @Test
    void aNakedRequestIsSentAgainIdentically() throws Exception {
        ConcertRegister reg = register(ConcertLine.USB_8N1, ConcertRegisterSettings.defaults());
        CompletableFuture<Void> pt = terminal(t -> {
            t.expect(ENQ, 2 * WAIT);
            t.send(ACK);
            byte[] first = t.readFrame(WAIT);
            t.send(NAK);
            byte[] second = t.readFrame(WAIT);
            assertArrayEquals(first, second, "the repeat is the same frame");
            t.send(ACK);
            t.expect(EOT, WAIT);
            answer(t, RawConcertPeer.frame(FULL_APPROVED));
        });
        ConcertResult r = reg.sale(1234);
        join(pt);
        assertEquals(ConcertResult.Outcome.APPROVED, r.outcome());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("concert-nak-received")), events.toString());
    }

    @Test
    void anAnswerWithABadLrcIsNakedAndTheRepeatIsTaken() throws Exception {
        ConcertRegister reg = register(ConcertLine.USB_8N1, ConcertRegisterSettings.defaults());
        CompletableFuture<Void> pt = terminal(t -> {
            takeRequest(t);
            byte[] good = RawConcertPeer.frame(FULL_APPROVED);
            byte[] bad = good.clone();
            bad[20] = '5';
            t.send(ENQ);
            t.expect(ACK, WAIT);
            t.send(bad);
            t.expect(NAK, WAIT);
            t.send(good);
            t.expect(ACK, WAIT);
            t.send(EOT);
        });
        ConcertResult r = reg.sale(1234);
        join(pt);
        assertEquals(ConcertResult.Outcome.APPROVED, r.outcome());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("concert-corrupt") && e.contains("BAD_LRC")),
                events.toString());
    }

    @Test
    void aRepeatedAnswerWhoseAckWasLostIsAckedAgainAndCountsOnce() throws Exception {
        ConcertRegister reg = register(ConcertLine.USB_8N1, ConcertRegisterSettings.defaults());
        CompletableFuture<Void> pt = terminal(t -> {
            takeRequest(t);
            byte[] answer = RawConcertPeer.frame(FULL_APPROVED);
            t.send(ENQ);
            t.expect(ACK, WAIT);
            t.send(answer);
            t.expect(ACK, WAIT); // ... and pretend it was lost on the line: repeat after a while, as after frameAck
            t.expectSilence(150);
            t.send(answer);
            t.expect(ACK, WAIT);
            t.send(EOT);
        });
        ConcertResult r = reg.sale(1234);
        join(pt);
        assertEquals(ConcertResult.Outcome.APPROVED, r.outcome());
        assertEquals(1, events.stream().filter(e -> e.startsWith("concert-in")).count(), events.toString());
        assertEquals(1, events.stream().filter(e -> e.startsWith("concert-duplicate-dropped")).count(),
                events.toString());
    }

    @Test
    void aSilentTerminalGetsThreeEnqsThenTheRegisterGivesUp() throws Exception {
        ConcertRegister reg = register(ConcertLine.USB_8N1, ConcertRegisterSettings.defaults());
        CompletableFuture<Integer> enqs = CompletableFuture.supplyAsync(() -> {
            int n = 0;
            while (terminal.next(600) == ENQ) {
                n++;
            }
            return n;
        });
        long t0 = System.nanoTime();
        ConcertLinkException e = assertThrows(ConcertLinkException.class, () -> reg.sale(1234));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(ConcertLinkException.Reason.NO_ACK_TO_ENQ, e.reason());
        assertTrue(e.getMessage().contains("3 tries"), e.getMessage());
        assertEquals(3, enqs.get(5, TimeUnit.SECONDS), "enqTries ENQs on the wire");
        assertTrue(ms >= 3 * 300 - 50 && ms < 3000, "3 x enqAck 300 ms, took " + ms + " ms");
    }

    @Test
    void theRegisterWaitsAsLongAsTheRequestedDelaySays() throws Exception {
        // the terminal answers 400 ms after the request: inside A010's 1.2 s, outside A011's 0.1 s (scale 0.01)
        for (AnswerDelay delay : AnswerDelay.values()) {
            events.clear();
            ConcertRegister reg = register(ConcertLine.USB_8N1,
                    ConcertRegisterSettings.defaults().withAnswer(AnswerSize.FULL, delay));
            CompletableFuture<Void> pt = terminal(t -> {
                takeRequest(t);
                t.expectSilence(400);
                t.send(ENQ);
                if (t.next(WAIT) == ACK) { // the A011 register has given up and does not ACK
                    t.send(RawConcertPeer.frame(FULL_APPROVED));
                    t.expect(ACK, WAIT);
                    t.send(EOT);
                }
            });
            long t0 = System.nanoTime();
            ConcertResult r = reg.sale(1234);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            join(pt);
            if (delay == AnswerDelay.AT_END) {
                assertEquals(ConcertResult.Outcome.APPROVED, r.outcome(), r.detail());
            } else {
                assertEquals(ConcertResult.Outcome.NO_ANSWER, r.outcome(), r.detail());
                assertTrue(r.detail().contains("10 s"), r.detail());
                assertTrue(ms < 400, "A011 waits 10 s lab = 100 ms real, took " + ms + " ms");
            }
            stop();
        }
        link = null;
        pair = null;
    }

    @Test
    void refundUsesTheConfiguredCodeAndCancelNeedsOne() throws Exception {
        ConcertRegister reg = register(ConcertLine.USB_8N1, ConcertRegisterSettings.defaults());
        UnsupportedOperationException no = assertThrows(UnsupportedOperationException.class, () -> reg.cancel(100));
        assertTrue(no.getMessage().contains("cancelType"), no.getMessage());
        char[] type = new char[1];
        CompletableFuture<Void> pt = terminal(t -> {
            type[0] = (char) takeRequest(t)[13];
            answer(t, RawConcertPeer.frame("01" + "0" + "00000100" + "1" + "978" + " ".repeat(10)));
        });
        ConcertResult r = reg.refund(100);
        join(pt);
        assertEquals('2', type[0], "transaction type at payload offset 12 (frame byte 13): 2 = refund per §B");
        assertEquals(ConcertResult.Outcome.APPROVED, r.outcome());
        assertEquals(TransactionType.CREDIT, ConcertRegisterSettings.defaults().withCancelType(TransactionType.CREDIT)
                .cancelType().orElseThrow());
    }

    @Test
    void anAnswerThatDoesNotReadIsUnreadableNotApproved() throws Exception {
        ConcertRegister reg = register(ConcertLine.USB_8N1, ConcertRegisterSettings.defaults());
        CompletableFuture<Void> pt = terminal(t -> {
            takeRequest(t);
            answer(t, RawConcertPeer.frame("01" + "5" + "00001234" + "1" + "978" + " ".repeat(10)));
        });
        ConcertResult r = reg.sale(1234);
        join(pt);
        assertEquals(ConcertResult.Outcome.UNREADABLE_ANSWER, r.outcome());
        assertTrue(r.detail().contains("'status' at payload offset 2"), r.detail());
    }
}
