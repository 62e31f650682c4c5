package io.firstsettle.ecr.zvt.register;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.link.LinkTimings;
import io.firstsettle.ecr.zvt.link.SerialZvtLink;
import io.firstsettle.ecr.zvt.message.IntermediateStatus;
import io.firstsettle.ecr.zvt.message.PrintLine;
import io.firstsettle.ecr.zvt.message.StatusEnquiry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;
import io.firstsettle.port.JsscBytePort;
import io.firstsettle.port.PtyPair;
import io.firstsettle.port.SerialSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link EcrClient} over a real kernel pty (jssc on the slave), against a scripted terminal that speaks through its
 * own {@link SerialZvtLink} on the pty master. T4 is short (600 ms real) so the re-arm rules show in a second.
 */
class EcrClientPtyTest {
    static final LinkTimings TIMINGS = new LinkTimings(Duration.ofMillis(200), Duration.ofMillis(500), 2,
            Duration.ofSeconds(1), Duration.ofMillis(600));
    static final LabClock REAL = LabClock.real();
    static final Apdu ACK = Apdu.POSITIVE_ACK;

    PtyPair pair;
    SerialZvtLink ptLink;
    SerialZvtLink ecrLink;

    @BeforeEach
    void open() {
        pair = PtyPair.open();
        ptLink = new SerialZvtLink(pair.master(), TIMINGS, EventSink.NONE, "terminal");
        ecrLink = new SerialZvtLink(JsscBytePort.open(pair.slavePath(), SerialSettings.zvtDefault()), TIMINGS,
                EventSink.NONE, "ecr");
    }

    @AfterEach
    void close() {
        ecrLink.close();
        ptLink.close();
        pair.close();
    }

    /** Runs {@code script} as the terminal: it receives the command, answers 80 00 00, then does what it says. */
    CompletableFuture<Void> terminal(Consumer<SerialZvtLink> script) {
        return CompletableFuture.runAsync(() -> {
            Optional<Apdu> cmd = ptLink.receive(Duration.ofSeconds(2));
            assertTrue(cmd.isPresent(), "the terminal got no command");
            ptLink.send(ACK);
            script.accept(ptLink);
        });
    }

    /** Sends {@code apdu} and expects the register's 80 00 00. */
    static void sendAndExpectAck(SerialZvtLink pt, Apdu apdu) {
        pt.send(apdu);
        assertEquals(Optional.of(ACK), pt.receive(Duration.ofSeconds(1)), "the register's 80 00 00 for " + apdu);
    }

    static void pause(int millis) {
        try {
            REAL.pause(Duration.ofMillis(millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static Apdu statusInformation(int result) {
        return new Apdu(0x04, 0x0F, new byte[] {0x27, (byte) result});
    }

    EcrTranscript run(EcrClient client) {
        return client.run("Status Enquiry", new StatusEnquiry("123456", null).toApdu());
    }

    @Test
    void intermediateStatusAndStatusInformationReArmT4() throws Exception {
        EcrClient client = new EcrClient(ecrLink, TIMINGS.t3(), TIMINGS.t4(), REAL, EventSink.NONE);
        CompletableFuture<Void> pt = terminal(l -> {
            // 5 x 400 ms = 2 s in total, more than three T4s, but never 600 ms without a re-arm
            for (int i = 0; i < 4; i++) {
                pause(400);
                sendAndExpectAck(l, new IntermediateStatus(0x0A, null).toApdu());
            }
            pause(400);
            sendAndExpectAck(l, statusInformation(0x00));
            pause(400);
            sendAndExpectAck(l, new Apdu(0x06, 0x0F, new byte[0]));
        });
        long t0 = System.nanoTime();
        EcrTranscript t = run(client);
        pt.get(3, TimeUnit.SECONDS);
        assertTrue(t.finished(), t.toString());
        assertTrue(t.success(), t.toString());
        assertEquals(List.of(0x0A, 0x0A, 0x0A, 0x0A), t.intermediate());
        assertTrue((System.nanoTime() - t0) / 1_000_000L > 1800, "the sequence outlasted T4 several times");
    }

    @Test
    void printLinesDoNotReArmT4() throws Exception {
        EcrClient client = new EcrClient(ecrLink, TIMINGS.t3(), TIMINGS.t4(), REAL, EventSink.NONE);
        CompletableFuture<Void> pt = terminal(l -> {
            for (int i = 0; i < 2; i++) {
                pause(250);
                sendAndExpectAck(l, new PrintLine(0x00, "line " + i).toApdu());
            }
            pause(250); // 750 ms since 80 00 00: T4 (600 ms) has run out
            l.send(new Apdu(0x06, 0x0F, new byte[0]));
        });
        EcrTranscript t = run(client);
        pt.get(3, TimeUnit.SECONDS);
        assertFalse(t.finished(), t.toString());
        assertTrue(t.problem().startsWith("T4 (600 ms) ran out"), t.problem());
        assertEquals(List.of("line 0", "line 1"), t.printLines());
    }

    @Test
    void aTimeoutCarriedBy04FfBecomesTheNewT4InLabTime() throws Exception {
        // scale 0.01: the 1 minute carried by 04 FF lasts 600 ms real; the configured T4 is only 300 ms
        LabClock fast = LabClock.scaled(0.01);
        EcrClient client = new EcrClient(ecrLink, TIMINGS.t3(), Duration.ofMillis(300), fast, EventSink.NONE);
        CompletableFuture<Void> pt = terminal(l -> {
            sendAndExpectAck(l, new IntermediateStatus(0x0E, 1).toApdu());
            pause(450); // beyond the 300 ms T4, inside the new 600 ms
            sendAndExpectAck(l, new Apdu(0x06, 0x0F, new byte[0]));
        });
        EcrTranscript t = run(client);
        pt.get(3, TimeUnit.SECONDS);
        assertTrue(t.finished(), t.toString());
        assertNull(t.problem());
        assertEquals(List.of(0x0E), t.intermediate());
    }

    @Test
    void withoutTheCarriedTimeoutTheSamePauseRunsOutT4() throws Exception {
        EcrClient client = new EcrClient(ecrLink, TIMINGS.t3(), Duration.ofMillis(300), LabClock.scaled(0.01),
                EventSink.NONE);
        CompletableFuture<Void> pt = terminal(l -> {
            sendAndExpectAck(l, new IntermediateStatus(0x0E, null).toApdu());
            pause(450);
            l.send(new Apdu(0x06, 0x0F, new byte[0]));
        });
        EcrTranscript t = run(client);
        pt.get(3, TimeUnit.SECONDS);
        assertFalse(t.finished(), t.toString());
        assertTrue(t.problem().startsWith("T4 (300 ms) ran out"), t.problem());
    }

    @Test
    void aTerminalThatNeverAnswersRunsOutT3() {
        EcrClient client = new EcrClient(ecrLink, Duration.ofMillis(400), TIMINGS.t4(), REAL, EventSink.NONE);
        CompletableFuture<Optional<Apdu>> pt = CompletableFuture.supplyAsync(() -> ptLink.receive(Duration.ofSeconds(2)));
        EcrTranscript t = run(client);
        assertTrue(pt.join().isPresent(), "the terminal took the command (ACK) but never answered 80 00");
        assertFalse(t.finished());
        assertTrue(t.problem().contains("within T3 (400 ms)"), t.problem());
    }

    @Test
    void theLineDyingMidSequenceEndsTheTranscriptAtOnceNamingTheLine() throws Exception {
        EcrClient client = new EcrClient(ecrLink, TIMINGS.t3(), Duration.ofSeconds(30), REAL, EventSink.NONE);
        CompletableFuture<Void> pt = terminal(l -> sendAndExpectAck(l, statusInformation(0x00)));
        CompletableFuture<EcrTranscript> running = CompletableFuture.supplyAsync(() -> run(client));
        pt.get(3, TimeUnit.SECONDS);
        long closedAt = System.nanoTime();
        pair.close();
        EcrTranscript t = running.get(2, TimeUnit.SECONDS);
        long latencyMillis = (System.nanoTime() - closedAt) / 1_000_000L;
        assertFalse(t.finished());
        assertTrue(t.problem().contains("link gone") && t.problem().contains(pair.slavePath()), t.problem());
        assertEquals(Optional.of(0), Optional.ofNullable(t.resultCode()), "the last 04 0F is kept");
        assertTrue(latencyMillis < 500, "reported " + latencyMillis + " ms after the pty closed; T4 was 30 s");
    }
}
