package io.firstsettle.ecr.zvt.link;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.message.PrintLine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;
import io.firstsettle.core.Hex;
import io.firstsettle.ecr.zvt.codec.ZvtSerialFrame;
import io.firstsettle.port.BytePort;
import io.firstsettle.port.JsscBytePort;
import io.firstsettle.port.PtyPair;
import io.firstsettle.port.SerialSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SerialZvtLink} on the ECR side of a real kernel pty (jssc on the slave); the test plays the terminal with raw
 * bytes on the pty master, so every ACK, NAK, gap and broken CRC is exactly what a physical terminal could send.
 */
class SerialZvtLinkPtyTest {
    /** T2 short so the repeat tests take a second, T1 at the spec's 200 ms. */
    static final LinkTimings FAST = new LinkTimings(Duration.ofMillis(200), Duration.ofMillis(400), 2,
            Duration.ofSeconds(1), Duration.ofSeconds(2));
    static final LabClock REAL = LabClock.real();
    static final Apdu STATUS_ENQUIRY = new Apdu(0x05, 0x01, Hex.parse("12 34 56"));

    PtyPair pair;
    BytePort pt;
    SerialZvtLink ecr;
    final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void open() {
        pair = PtyPair.open();
        pt = pair.master();
        EventSink sink = (source, kind, fields) -> events.add(kind);
        ecr = new SerialZvtLink(JsscBytePort.open(pair.slavePath(), SerialSettings.zvtDefault()), FAST, sink, "ecr");
    }

    @AfterEach
    void close() {
        ecr.close();
        pair.close();
    }

    /** Reads exactly {@code n} bytes from the master within {@code millis}. */
    static byte[] read(BytePort port, int n, int millis) {
        byte[] out = new byte[n];
        int got = 0;
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (got < n) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new AssertionError("got " + got + " of " + n + " bytes within " + millis + " ms: "
                        + Hex.format(Arrays.copyOf(out, got)));
            }
            byte[] buf = new byte[n - got];
            int r = port.read(buf, n - got, (int) left);
            System.arraycopy(buf, 0, out, got, r);
            got += r;
        }
        return out;
    }

    static void assertSilent(BytePort port, int millis) {
        byte[] buf = new byte[64];
        int n = port.read(buf, buf.length, millis);
        assertEquals(0, n, "expected silence, got " + Hex.format(Arrays.copyOf(buf, n)));
    }

    CompletableFuture<Void> sendAsync(Apdu apdu) {
        return CompletableFuture.runAsync(() -> ecr.send(apdu));
    }

    @Test
    void aNakMakesTheSenderRepeatTheSameFrameAndTheAckEndsTheSend() throws Exception {
        byte[] frame = ZvtSerialFrame.encode(STATUS_ENQUIRY.encode());
        CompletableFuture<Void> sending = sendAsync(STATUS_ENQUIRY);
        assertArrayEquals(frame, read(pt, frame.length, 1000), "first try");
        pt.write(new byte[] {ZvtSerialFrame.NAK});
        assertArrayEquals(frame, read(pt, frame.length, 1000), "repeat after NAK is byte-identical");
        assertFalse(sending.isDone(), "send must not return before the ACK");
        pt.write(new byte[] {ZvtSerialFrame.ACK});
        sending.get(1, TimeUnit.SECONDS);
        assertSilent(pt, 100);
        assertTrue(events.contains("zvt-nak-received"), events.toString());
    }

    @Test
    void threeNaksFailTheSendNamingThePortAndWhatToCheck() throws Exception {
        byte[] frame = ZvtSerialFrame.encode(STATUS_ENQUIRY.encode());
        CompletableFuture<Void> sending = sendAsync(STATUS_ENQUIRY);
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertArrayEquals(frame, read(pt, frame.length, 1000), "try " + attempt);
            pt.write(new byte[] {ZvtSerialFrame.NAK});
        }
        Exception e = assertThrows(Exception.class, () -> sending.get(1, TimeUnit.SECONDS));
        ZvtLinkException z = (ZvtLinkException) e.getCause();
        assertTrue(z.getMessage().contains(pair.slavePath()), z.getMessage());
        assertTrue(z.getMessage().contains("after 3 tries"), z.getMessage());
        assertTrue(z.getMessage().contains("check the cable, the baud rate"), z.getMessage());
        assertSilent(pt, 100); // no fourth try: at most two repeats ([ZVT-TP] §3.5)
    }

    @Test
    void silenceForT2MakesTheSenderRepeatAfterT2() throws Exception {
        byte[] frame = ZvtSerialFrame.encode(STATUS_ENQUIRY.encode());
        CompletableFuture<Void> sending = sendAsync(STATUS_ENQUIRY);
        assertArrayEquals(frame, read(pt, frame.length, 1000));
        long t0 = System.nanoTime();
        assertArrayEquals(frame, read(pt, frame.length, 2000), "repeat after T2");
        long waitedMillis = (System.nanoTime() - t0) / 1_000_000L;
        assertTrue(waitedMillis >= 380 && waitedMillis < 1000, "repeat came after " + waitedMillis + " ms, T2 is 400");
        pt.write(new byte[] {ZvtSerialFrame.ACK});
        sending.get(1, TimeUnit.SECONDS);
        assertTrue(events.contains("zvt-t2-expired"), events.toString());
    }

    @Test
    void t2RunningOutThreeTimesFailsTheSend() {
        long t0 = System.nanoTime();
        ZvtLinkException e = assertThrows(ZvtLinkException.class, () -> ecr.send(STATUS_ENQUIRY));
        long tookMillis = (System.nanoTime() - t0) / 1_000_000L;
        assertTrue(tookMillis >= 3 * 390 && tookMillis < 3 * 400 + 600, "took " + tookMillis + " ms");
        assertTrue(e.getMessage().contains("T2 400 ms"), e.getMessage());
        byte[] frame = ZvtSerialFrame.encode(STATUS_ENQUIRY.encode());
        assertArrayEquals(frame, read(pt, frame.length, 200));
        assertArrayEquals(frame, read(pt, frame.length, 200));
        assertArrayEquals(frame, read(pt, frame.length, 200));
        assertSilent(pt, 50);
    }

    @Test
    void aGoodFrameIsAckedBeforeTheApplicationSeesIt() {
        Apdu completion = new Apdu(0x06, 0x0F, new byte[0]);
        pt.write(ZvtSerialFrame.encode(completion.encode()));
        assertArrayEquals(new byte[] {ZvtSerialFrame.ACK}, read(pt, 1, 1000));
        assertEquals(Optional.of(completion), ecr.receive(Duration.ofSeconds(1)));
    }

    @Test
    void aBadCrcIsNakedAndNeverDelivered() {
        byte[] frame = ZvtSerialFrame.encode(Hex.parse("06 0F 00"));
        frame[frame.length - 1] ^= 0x01;
        pt.write(frame);
        assertArrayEquals(new byte[] {ZvtSerialFrame.NAK}, read(pt, 1, 1000));
        assertEquals(Optional.empty(), ecr.receive(Duration.ofMillis(300)));
        assertTrue(events.contains("zvt-corrupt-frame"), events.toString());
        // the terminal repeats it right: ACK and delivered
        pt.write(ZvtSerialFrame.encode(Hex.parse("06 0F 00")));
        assertArrayEquals(new byte[] {ZvtSerialFrame.ACK}, read(pt, 1, 1000));
        assertEquals(Optional.of(new Apdu(0x06, 0x0F, new byte[0])), ecr.receive(Duration.ofSeconds(1)));
    }

    @Test
    void aT1GapInsideAFrameIsNakedAndTheRepeatIsTaken() throws InterruptedException {
        Apdu print = new PrintLine(0x00, "TOTAL 12.34 EUR").toApdu();
        byte[] frame = ZvtSerialFrame.encode(print.encode());
        int half = frame.length / 2;
        // byte by byte up to the middle, each well inside T1
        for (int i = 0; i < half; i++) {
            pt.write(new byte[] {frame[i]});
            REAL.pause(Duration.ofMillis(20));
        }
        long t0 = System.nanoTime();
        // the gap: no byte for longer than T1 (200 ms) -> the receiver answers NAK on its own
        byte[] nak = read(pt, 1, 1000);
        long nakAfterMillis = (System.nanoTime() - t0) / 1_000_000L;
        assertArrayEquals(new byte[] {ZvtSerialFrame.NAK}, nak, "NAK for the cut frame");
        assertTrue(nakAfterMillis >= 150 && nakAfterMillis < 600, "NAK came " + nakAfterMillis + " ms after the last"
                + " byte; T1 is 200 ms");
        // the late rest of the frame is not a frame: no ACK, nothing delivered
        pt.write(Arrays.copyOfRange(frame, half, frame.length));
        assertEquals(Optional.empty(), ecr.receive(Duration.ofMillis(300)));
        assertSilent(pt, 50);
        // the sender repeats the whole frame: ACK and delivered
        pt.write(frame);
        assertArrayEquals(new byte[] {ZvtSerialFrame.ACK}, read(pt, 1, 1000));
        assertEquals(Optional.of(print), ecr.receive(Duration.ofSeconds(1)));
    }

    @Test
    void closingThePtyMidFrameReportsTheLinkGonePromptly() throws Exception {
        byte[] frame = ZvtSerialFrame.encode(Hex.parse("04 0F 02 27 00"));
        pt.write(Arrays.copyOf(frame, 5));
        CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(() -> {
            ZvtLinkException e = assertThrows(ZvtLinkException.class, () -> ecr.receive(Duration.ofSeconds(10)));
            assertTrue(e.getMessage().contains("link gone"), e.getMessage());
            assertTrue(e.getMessage().contains(pair.slavePath()), e.getMessage());
            return System.nanoTime();
        });
        REAL.pause(Duration.ofMillis(50));
        long closedAt = System.nanoTime();
        pair.close();
        long reportedAt = waiting.get(3, TimeUnit.SECONDS);
        long latencyMillis = (reportedAt - closedAt) / 1_000_000L;
        System.out.println("ZVT link-gone latency after pty close mid-frame: " + latencyMillis + " ms");
        assertTrue(latencyMillis < 300, "link gone reported after " + latencyMillis + " ms");
        assertTrue(events.contains("link-gone"), events.toString());
        ZvtLinkException onSend = assertThrows(ZvtLinkException.class, () -> ecr.send(STATUS_ENQUIRY));
        assertTrue(onSend.getMessage().contains("link gone"), onSend.getMessage());
    }

    @Test
    void aFrameRepeatedBecauseOurAckWasLostIsAckedAgainButDeliveredOnce() {
        Apdu status = new Apdu(0x04, 0x0F, Hex.parse("27 00"));
        byte[] frame = ZvtSerialFrame.encode(status.encode());
        pt.write(frame);
        assertArrayEquals(new byte[] {0x06}, read(pt, 1, 1000));
        assertEquals(Optional.of(status), ecr.receive(Duration.ofSeconds(1)));
        // the terminal did not see that ACK and repeats after its T2
        pt.write(frame);
        assertArrayEquals(new byte[] {0x06}, read(pt, 1, 1000), "the repeat is ACKed again");
        assertEquals(Optional.empty(), ecr.receive(Duration.ofMillis(300)), "and not delivered a second time");
        assertTrue(events.contains("zvt-duplicate-dropped"), events.toString());
        // a different frame right after is delivered
        Apdu completion = new Apdu(0x06, 0x0F, new byte[0]);
        pt.write(ZvtSerialFrame.encode(completion.encode()));
        assertArrayEquals(new byte[] {0x06}, read(pt, 1, 1000));
        assertEquals(Optional.of(completion), ecr.receive(Duration.ofSeconds(1)));
    }

    @Test
    void theSameMessageAgainAfterThePeerAckedOurAnswerIsANewMessage() throws Exception {
        Apdu intermediate = new Apdu(0x04, 0xFF, Hex.parse("0A"));
        byte[] frame = ZvtSerialFrame.encode(intermediate.encode());
        pt.write(frame);
        assertArrayEquals(new byte[] {0x06}, read(pt, 1, 1000));
        assertEquals(Optional.of(intermediate), ecr.receive(Duration.ofSeconds(1)));
        // the register answers 80 00 00 and the terminal ACKs it: the terminal has moved on
        CompletableFuture<Void> answer = sendAsync(Apdu.POSITIVE_ACK);
        byte[] ours = ZvtSerialFrame.encode(Apdu.POSITIVE_ACK.encode());
        assertArrayEquals(ours, read(pt, ours.length, 1000));
        pt.write(new byte[] {0x06});
        answer.get(2, TimeUnit.SECONDS);
        pt.write(frame);
        assertArrayEquals(new byte[] {0x06}, read(pt, 1, 1000));
        assertEquals(Optional.of(intermediate), ecr.receive(Duration.ofSeconds(1)), "a second 04 FF on purpose");
        assertFalse(events.contains("zvt-duplicate-dropped"), events.toString());
    }

    @Test
    void theSameFrameAfterTheDuplicateWindowIsDelivered() {
        Apdu status = new Apdu(0x04, 0x0F, Hex.parse("27 00"));
        byte[] frame = ZvtSerialFrame.encode(status.encode());
        pt.write(frame);
        assertArrayEquals(new byte[] {0x06}, read(pt, 1, 1000));
        assertEquals(Optional.of(status), ecr.receive(Duration.ofSeconds(1)));
        // T2 400 ms + 200 ms margin: silence on the line for 800 ms, then the same frame is a new one
        assertSilent(pt, 800);
        pt.write(frame);
        assertArrayEquals(new byte[] {0x06}, read(pt, 1, 1000));
        assertEquals(Optional.of(status), ecr.receive(Duration.ofSeconds(1)));
        assertFalse(events.contains("zvt-duplicate-dropped"), events.toString());
    }
}
