package io.firstsettle.ecr.zvt.link;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.message.Authorization;
import io.firstsettle.ecr.zvt.message.IntermediateStatus;
import io.firstsettle.ecr.zvt.message.StatusEnquiry;
import io.firstsettle.ecr.zvt.register.EcrClient;
import io.firstsettle.ecr.zvt.register.EcrTranscript;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.Hex;
import io.firstsettle.port.PortException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** ZVT over real TCP sockets on the loopback: an {@link EcrClient} against a tiny PT behind {@link ZvtTcpServer}. */
class TcpZvtLinkTest {

    static void sendAndExpectAck(ApduLink pt, Apdu apdu) {
        pt.send(apdu);
        assertEquals(Optional.of(Apdu.POSITIVE_ACK), pt.receive(Duration.ofSeconds(2)), "80 00 00 for " + apdu);
    }

    @Test
    void anEcrClientRunsAnAuthorizationAgainstATinyPtOverTcp() throws Exception {
        try (ZvtTcpServer server = ZvtTcpServer.listen("listen://127.0.0.1:0", EventSink.NONE)) {
            // a Print Text Block of 0x0462 data bytes: BMP 06, BER length 82 04 5E, then the container's content
            byte[] bigBlock = new byte[0x0462];
            bigBlock[0] = 0x06;
            bigBlock[1] = (byte) 0x82;
            bigBlock[2] = 0x04;
            bigBlock[3] = 0x5E;
            CompletableFuture<Apdu> pt = CompletableFuture.supplyAsync(() -> {
                try (ApduLink link = server.accept(Duration.ofSeconds(3)).orElseThrow()) {
                    Apdu cmd = link.receive(Duration.ofSeconds(2)).orElseThrow();
                    link.send(Apdu.POSITIVE_ACK);
                    sendAndExpectAck(link, new IntermediateStatus(0x0A, null).toApdu());
                    sendAndExpectAck(link, new Apdu(0x04, 0x0F, Hex.parse("27 00 04 00 00 00 00 12 34")));
                    sendAndExpectAck(link, new Apdu(0x06, 0xD3, bigBlock)); // extended length over TCP
                    sendAndExpectAck(link, new Apdu(0x06, 0x0F, new byte[0]));
                    return cmd;
                }
            });
            try (EcrClient ecr = new EcrClient(TcpZvtLink.connect(server.localSpec(), EventSink.NONE),
                    Duration.ofSeconds(2), Duration.ofSeconds(2), EventSink.NONE)) {
                Authorization auth = new Authorization(1234, 978);
                EcrTranscript t = ecr.authorize(auth);
                assertTrue(t.finished() && t.success(), t.toString());
                assertEquals(List.of(0x0A), t.intermediate());
                assertEquals(Optional.of(1234L), t.status().amountMinor());
                assertEquals(auth.toApdu(), pt.get(3, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void theWireCarriesBareApdusWithoutFramingOrAckBytes() throws Exception {
        try (ZvtTcpServer server = ZvtTcpServer.listen("listen://127.0.0.1:0", EventSink.NONE);
             Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
            try (ApduLink pt = server.accept(Duration.ofSeconds(2)).orElseThrow()) {
                raw.getOutputStream().write(Hex.parse("05 01 03 12 34 56"));
                assertEquals(Optional.of(new StatusEnquiry("123456").toApdu()), pt.receive(Duration.ofSeconds(2)));
                pt.send(Apdu.POSITIVE_ACK);
                raw.setSoTimeout(2000);
                InputStream in = raw.getInputStream();
                assertArrayEquals(Hex.parse("80 00 00"), in.readNBytes(3), "no DLE STX, no CRC, no ACK byte");
                raw.setSoTimeout(100);
                assertThrows(java.net.SocketTimeoutException.class, in::read, "nothing else on the wire");
            }
        }
    }

    @Test
    void theEcrClosingMidApduIsLinkGoneOnThePtSideAtOnce() throws Exception {
        try (ZvtTcpServer server = ZvtTcpServer.listen("listen://127.0.0.1:0", EventSink.NONE);
             Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
            try (ApduLink pt = server.accept(Duration.ofSeconds(2)).orElseThrow()) {
                raw.getOutputStream().write(Hex.parse("06 01 07 04 00"));
                raw.getOutputStream().flush();
                CompletableFuture<ZvtLinkException> waiting = CompletableFuture.supplyAsync(() ->
                        assertThrows(ZvtLinkException.class, () -> pt.receive(Duration.ofSeconds(10))));
                assertEquals(Optional.empty(), pt.receive(Duration.ofMillis(100)));
                long t0 = System.nanoTime();
                raw.close();
                ZvtLinkException e = waiting.get(2, TimeUnit.SECONDS);
                long millis = (System.nanoTime() - t0) / 1_000_000L;
                assertTrue(millis < 500, "reported after " + millis + " ms");
                assertTrue(e.getMessage().contains("link gone"), e.getMessage());
                assertTrue(e.getMessage().contains("5 bytes of an unfinished APDU (06 01 07 04 00)"), e.getMessage());
            }
        }
    }

    @Test
    void listenSpecsDefaultToPort20007AndBadOnesSayHowToWriteThem() {
        assertEquals(new InetSocketAddress("0.0.0.0", 20007), ZvtTcpServer.parse("listen://0.0.0.0"));
        assertEquals(new InetSocketAddress("127.0.0.1", 4100), ZvtTcpServer.parse("listen://127.0.0.1:4100"));
        PortException e = assertThrows(PortException.class, () -> ZvtTcpServer.parse("tcp://127.0.0.1:20007"));
        assertTrue(e.getMessage().contains("listen://HOST:PORT"), e.getMessage());
    }

    @Test
    void aSecondServerOnATakenPortIsBusyWithAHint() {
        try (ZvtTcpServer first = ZvtTcpServer.listen("listen://127.0.0.1:0", EventSink.NONE)) {
            PortException e = assertThrows(PortException.class,
                    () -> ZvtTcpServer.listen("listen://127.0.0.1:" + first.port(), EventSink.NONE));
            assertEquals(PortException.Kind.BUSY, e.kind());
            assertTrue(e.getMessage().contains("holds the port"), e.getMessage());
        }
    }

    @Test
    void nobodyConnectingIsAnEmptyAccept() {
        try (ZvtTcpServer server = ZvtTcpServer.listen("listen://127.0.0.1:0", EventSink.NONE)) {
            assertFalse(server.accept(Duration.ofMillis(100)).isPresent());
        }
    }
}
