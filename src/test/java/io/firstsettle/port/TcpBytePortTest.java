package io.firstsettle.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** TCP ports against a real local ServerSocket (standing in for ser2net or an Ethernet terminal). */
class TcpBytePortTest {

    @Test
    void everyByteValueRoundTripsThroughALocalEchoServer() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread echo = new Thread(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                    byte[] b = new byte[1024];
                    int n;
                    while ((n = in.read(b)) > 0) {
                        out.write(b, 0, n);
                    }
                } catch (Exception e) {
                    // test ends
                }
            });
            echo.start();
            String spec = "tcp://127.0.0.1:" + server.getLocalPort();
            try (BytePort port = BytePorts.open(spec, SerialSettings.zvtDefault())) {
                assertTrue(port instanceof TcpBytePort);
                assertEquals(spec, port.name());
                byte[] all = PtyJsscTest.allByteValues();
                port.write(all);
                assertArrayEquals(all, PtyJsscTest.readExactly(port, all.length, 2000));
                port.write(PtyJsscTest.ZVT_LIKE);
                assertArrayEquals(PtyJsscTest.ZVT_LIKE, PtyJsscTest.readExactly(port, 40, 2000));
                assertEquals(0, port.read(new byte[8], 8, 30), "nothing more arrives: read times out with 0");
            }
            echo.join(2000);
        }
    }

    @Test
    void theFarEndClosingIsLinkGone() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread closer = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.getOutputStream().write(0x06);
                } catch (Exception e) {
                    // test ends
                }
            });
            closer.start();
            try (TcpBytePort port = TcpBytePort.open("tcp://127.0.0.1:" + server.getLocalPort())) {
                assertArrayEquals(new byte[] {0x06}, PtyJsscTest.readExactly(port, 1, 2000));
                closer.join(2000);
                PortException e = assertThrows(PortException.class, () -> port.read(new byte[8], 8, 2000));
                assertEquals(PortException.Kind.LINK_GONE, e.kind(), e.getMessage());
                assertTrue(e.getMessage().startsWith("link gone: tcp://127.0.0.1:"), e.getMessage());
            }
        }
    }

    @Test
    void connectionRefusedSaysNothingListensThere() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // free again once closed
        }
        String spec = "tcp://127.0.0.1:" + port;
        PortException e = assertThrows(PortException.class, () -> BytePorts.open(spec, SerialSettings.zvtDefault()));
        assertEquals(PortException.Kind.NOT_FOUND, e.kind());
        assertEquals(spec + ": connection refused — nothing listens on 127.0.0.1:" + port
                + ": start ser2net / check the terminal's IP and ZVT port", e.getMessage());
    }

    @Test
    void aMalformedSpecSaysHowToWriteIt() {
        PortException e = assertThrows(PortException.class, () -> TcpBytePort.open("tcp://bench-3"));
        assertTrue(e.getMessage().contains("write tcp://host:port"), e.getMessage());
    }
}
