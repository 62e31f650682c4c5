package io.firstsettle.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code rfc2217://} against a tiny telnet server on 127.0.0.1 written here byte by byte from RFC 854/855/2217 (it does
 * not use commons-net): it records the negotiation, answers COM-PORT-OPTION commands and echoes data.
 */
class Rfc2217BytePortTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    enum Mode { GOOD, REFUSE_COM_PORT, WRONG_BAUD, SILENT, CONTROL_STUCK_OFF }

    /** One-connection telnet server; everything it saw is in {@link #seen} ("WILL 44", "SB 44 01 00002580"). */
    static final class TinyTelnetServer implements AutoCloseable {
        final ServerSocket server;
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        final ByteArrayOutputStream raw = new ByteArrayOutputStream();
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        final Thread thread;
        private final Mode mode;
        private volatile Socket client;

        TinyTelnetServer(Mode mode) throws IOException {
            this.mode = mode;
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            thread = new Thread(this::serve, "tiny-telnet");
            thread.setDaemon(true);
            thread.start();
        }

        String spec() {
            return "rfc2217://127.0.0.1:" + server.getLocalPort();
        }

        private void serve() {
            try (Socket s = server.accept(); InputStream in0 = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                client = s;
                s.setTcpNoDelay(true);
                InputStream in = new BufferedInputStream(in0);
                // a real server offers things the client does not want: ECHO, and asks for TERMINAL-TYPE
                out.write(new byte[] {(byte) 0xFF, (byte) 0xFB, 1, (byte) 0xFF, (byte) 0xFD, 24});
                out.flush();
                while (true) {
                    int b = next(in);
                    if (b != 0xFF) {
                        data.write(b);
                        out.write(b);
                        out.flush();
                        continue;
                    }
                    int c = next(in);
                    if (c == 0xFF) {
                        data.write(0xFF);
                        // echo 0xFF split over two TCP writes, with a NOP before it
                        out.write(new byte[] {(byte) 0xFF, (byte) 0xF1, (byte) 0xFF});
                        out.flush();
                        out.write(0xFF);
                        out.flush();
                    } else if (c >= 0xFB && c <= 0xFE) {
                        int opt = next(in);
                        String verb = switch (c) {
                            case 0xFB -> "WILL";
                            case 0xFC -> "WONT";
                            case 0xFD -> "DO";
                            default -> "DONT";
                        };
                        seen.add(verb + " " + opt);
                        if (c == 0xFB && opt == 44 && mode != Mode.SILENT) {
                            out.write(new byte[] {(byte) 0xFF, (byte) (mode == Mode.REFUSE_COM_PORT ? 0xFE : 0xFD), 44});
                        } else if (c == 0xFB && opt == 0) {
                            out.write(new byte[] {(byte) 0xFF, (byte) 0xFD, 0});
                        } else if (c == 0xFD && opt == 0) {
                            out.write(new byte[] {(byte) 0xFF, (byte) 0xFB, 0});
                        }
                        out.flush();
                    } else if (c == 0xFA) {
                        int opt = next(in);
                        ByteArrayOutputStream p = new ByteArrayOutputStream();
                        while (true) {
                            int x = next(in);
                            if (x == 0xFF) {
                                int y = next(in);
                                if (y == 0xF0) {
                                    break;
                                }
                                p.write(y); // IAC IAC
                            } else {
                                p.write(x);
                            }
                        }
                        byte[] payload = p.toByteArray();
                        seen.add("SB " + opt + " " + HEX.formatHex(payload, 0, 1) + " "
                                + HEX.formatHex(payload, 1, payload.length));
                        if (opt == 44 && payload[0] == 5) {
                            // SET-CONTROL: first an unsolicited report of another setting under the same code
                            // (flow control: none), as a server may send, then the answer
                            out.write(new byte[] {(byte) 0xFF, (byte) 0xFA, 44, 105, 1, (byte) 0xFF, (byte) 0xF0});
                            if (mode == Mode.CONTROL_STUCK_OFF && (payload[1] == 8 || payload[1] == 11)) {
                                payload[1] = (byte) (payload[1] + 1); // the line stays OFF
                            }
                        }
                        if (opt == 44 && mode != Mode.SILENT) {
                            payload[0] = (byte) (payload[0] + 100);
                            if (mode == Mode.WRONG_BAUD && payload[0] == 101) {
                                payload = new byte[] {101, 0, 0, 0x4B, 0}; // 19200
                            }
                            ByteArrayOutputStream answer = new ByteArrayOutputStream();
                            answer.write(new byte[] {(byte) 0xFF, (byte) 0xFA, 44}, 0, 3);
                            for (byte v : payload) {
                                answer.write(v);
                                if (v == (byte) 0xFF) {
                                    answer.write(v);
                                }
                            }
                            answer.write(new byte[] {(byte) 0xFF, (byte) 0xF0}, 0, 2);
                            out.write(answer.toByteArray());
                            out.flush();
                        }
                    } else {
                        seen.add("IAC " + c);
                    }
                }
            } catch (IOException e) {
                // connection closed: the test is over
            }
        }

        private int next(InputStream in) throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed");
            }
            synchronized (raw) {
                raw.write(b);
            }
            return b;
        }

        byte[] raw() {
            synchronized (raw) {
                return raw.toByteArray();
            }
        }

        /** Closes the accepted connection, as a port server does when its port goes away. */
        void dropClient() throws IOException {
            if (client != null) {
                client.close();
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    @Test
    void negotiatesTheLineAndCarriesFfBothWays() throws Exception {
        try (TinyTelnetServer srv = new TinyTelnetServer(Mode.GOOD);
             BytePort port = BytePorts.open(srv.spec(), SerialSettings.zvtDefault())) {
            assertTrue(port instanceof Rfc2217BytePort, port.toString());
            assertEquals(srv.spec(), port.name());
            List<String> seen = List.copyOf(srv.seen);
            assertTrue(seen.contains("WILL 44"), seen.toString());
            assertTrue(seen.contains("SB 44 01 00002580"), "9600 as 4 bytes big-endian: " + seen);
            assertTrue(seen.contains("SB 44 02 08"), "8 data bits: " + seen);
            assertTrue(seen.contains("SB 44 03 01"), "parity NONE = 1: " + seen);
            assertTrue(seen.contains("SB 44 04 02"), "2 stop bits: " + seen);
            assertTrue(seen.contains("DONT 1"), "refuses the server's ECHO: " + seen);
            assertTrue(seen.contains("WONT 24"), "refuses TERMINAL-TYPE: " + seen);

            // a DLE STX ... frame with 0xFF inside (an APDU long length FF lo hi) and every byte value
            byte[] frame = HEX.parseHex("100206D3FF0300414243100305FF");
            port.write(frame);
            assertArrayEquals(frame, PtyJsscTest.readExactly(port, frame.length, 3000));
            byte[] all = PtyJsscTest.allByteValues();
            port.write(all);
            assertArrayEquals(all, PtyJsscTest.readExactly(port, all.length, 3000));
            String wire = HEX.formatHex(srv.raw());
            assertTrue(wire.contains("06D3FFFF0300"), "0xFF data goes out as IAC IAC: " + wire);
            byte[] atServer;
            synchronized (srv.raw) {
                atServer = srv.data.toByteArray();
            }
            byte[] expected = new byte[frame.length + all.length];
            System.arraycopy(frame, 0, expected, 0, frame.length);
            System.arraycopy(all, 0, expected, frame.length, all.length);
            assertArrayEquals(expected, atServer, "the server un-escapes to the same data");
        }
    }

    @Test
    void otherSettingsAreSentAsRfc2217Codes() throws Exception {
        try (TinyTelnetServer srv = new TinyTelnetServer(Mode.GOOD);
             Rfc2217BytePort port = Rfc2217BytePort.open(srv.spec(),
                     new SerialSettings(115200, 7, 1, SerialSettings.Parity.EVEN))) {
            List<String> seen = List.copyOf(srv.seen);
            assertTrue(seen.contains("SB 44 01 0001C200"), seen.toString());
            assertTrue(seen.contains("SB 44 02 07"), seen.toString());
            assertTrue(seen.contains("SB 44 03 03"), seen.toString());
            assertTrue(seen.contains("SB 44 04 01"), seen.toString());
            assertTrue(port.negotiationLog().contains("line set to 115200 7E1"), port.negotiationLog().toString());
        }
    }

    @Test
    void aServerRefusingTheComPortOptionFailsTheOpen() throws Exception {
        try (TinyTelnetServer srv = new TinyTelnetServer(Mode.REFUSE_COM_PORT)) {
            PortException e = assertThrows(PortException.class,
                    () -> Rfc2217BytePort.open(srv.spec(), SerialSettings.zvtDefault()));
            assertEquals(PortException.Kind.CONFIG_REJECTED, e.kind());
            assertTrue(e.getMessage().contains("refused the COM-PORT-OPTION"), e.getMessage());
        }
    }

    @Test
    void aServerAnsweringAnotherBaudFailsTheOpen() throws Exception {
        try (TinyTelnetServer srv = new TinyTelnetServer(Mode.WRONG_BAUD)) {
            PortException e = assertThrows(PortException.class,
                    () -> Rfc2217BytePort.open(srv.spec(), SerialSettings.zvtDefault()));
            assertEquals(PortException.Kind.CONFIG_REJECTED, e.kind());
            assertTrue(e.getMessage().contains("asked the port server for 9600 baud, it answered 19200 baud"),
                    e.getMessage());
        }
    }

    @Test
    void aSilentServerFailsWithinTheBound() throws Exception {
        try (TinyTelnetServer srv = new TinyTelnetServer(Mode.SILENT)) {
            long t0 = System.nanoTime();
            PortException e = assertThrows(PortException.class,
                    () -> Rfc2217BytePort.open(srv.spec(), SerialSettings.zvtDefault(), Duration.ofMillis(300)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(PortException.Kind.CONFIG_REJECTED, e.kind());
            assertTrue(e.getMessage().contains("no DO COM-PORT-OPTION (44) within 300 ms"), e.getMessage());
            assertTrue(ms < 2000, "took " + ms + " ms");
        }
    }

    @Test
    void binaryModeKeepsCrNulAndLfAsTheyAre() throws Exception {
        // without BINARY a Telnet client sends CR as CR NUL / LF as CR LF and drops the NUL after a received CR
        try (TinyTelnetServer srv = new TinyTelnetServer(Mode.GOOD);
             BytePort port = BytePorts.open(srv.spec(), SerialSettings.zvtDefault())) {
            byte[] bytes = HEX.parseHex("0D000D0A0A0DFF0D");
            port.write(bytes);
            assertArrayEquals(bytes, PtyJsscTest.readExactly(port, bytes.length, 3000));
            String wire = HEX.formatHex(srv.raw());
            assertTrue(wire.endsWith("0D000D0A0A0DFFFF0D"), "on the wire as given, 0xFF doubled: " + wire);
        }
    }

    @Test
    void setControlDrivesDtrAndRtsWithTheRfc2217Values() throws Exception {
        try (TinyTelnetServer srv = new TinyTelnetServer(Mode.GOOD);
             Rfc2217BytePort port = Rfc2217BytePort.open(srv.spec(), SerialSettings.zvtDefault())) {
            int before = srv.raw().length;
            assertTrue(port.setDtr(true), "confirmed");
            assertTrue(port.setDtr(false));
            assertTrue(port.setRts(true));
            assertTrue(port.setRts(false));
            byte[] raw = srv.raw();
            String sent = HEX.formatHex(raw, before, raw.length);
            // IAC SB COM-PORT-OPTION(44) SET-CONTROL(5) value IAC SE: 8/9 DTR on/off, 11/12 RTS on/off (RFC 2217)
            assertEquals("FFFA2C0508FFF0" + "FFFA2C0509FFF0" + "FFFA2C050BFFF0" + "FFFA2C050CFFF0", sent);
            assertTrue(srv.seen.containsAll(List.of("SB 44 05 08", "SB 44 05 09", "SB 44 05 0B", "SB 44 05 0C")),
                    srv.seen.toString());
            List<String> log = port.negotiationLog();
            assertTrue(log.containsAll(List.of("set DTR ON", "set DTR OFF", "set RTS ON", "set RTS OFF")),
                    log.toString());
            // data still flows after the control commands
            byte[] frame = HEX.parseHex("100206D3FF0300");
            port.write(frame);
            assertArrayEquals(frame, PtyJsscTest.readExactly(port, frame.length, 3000));
        }
    }

    @Test
    void aServerThatCannotRaiseDtrFailsTheCommandNamingTheLine() throws Exception {
        try (TinyTelnetServer srv = new TinyTelnetServer(Mode.CONTROL_STUCK_OFF);
             Rfc2217BytePort port = Rfc2217BytePort.open(srv.spec(), SerialSettings.zvtDefault())) {
            PortException e = assertThrows(PortException.class, () -> port.setDtr(true));
            assertEquals(PortException.Kind.CONFIG_REJECTED, e.kind());
            assertTrue(e.getMessage().contains("asked the port server for SET-CONTROL DTR ON, it answered DTR OFF"),
                    e.getMessage());
            assertTrue(port.setDtr(false), "what it can do still works");
        }
    }

    @Test
    void aServerThatClosesDuringTheOpenFailsAtOnce() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = server.accept()) {
                    // the client's three offers (WILL 44, WILL BINARY, DO BINARY), then gone without a word
                    s.getInputStream().readNBytes(9);
                } catch (IOException ignored) {
                    // the test is over
                }
            });
            t.setDaemon(true);
            t.start();
            long t0 = System.nanoTime();
            PortException e = assertThrows(PortException.class, () -> Rfc2217BytePort.open(
                    "rfc2217://127.0.0.1:" + server.getLocalPort(), SerialSettings.zvtDefault(), Duration.ofSeconds(5)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(PortException.Kind.CONFIG_REJECTED, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("the connection closed before"), e.getMessage());
            assertTrue(ms < 4000, "did not wait for the 5 s bound: " + ms + " ms");
        }
    }

    @Test
    void aLinkClosedByTheServerIsLinkGoneAfterTheDataBeforeIt() throws Exception {
        TinyTelnetServer srv = new TinyTelnetServer(Mode.GOOD);
        try (Rfc2217BytePort port = Rfc2217BytePort.open(srv.spec(), SerialSettings.zvtDefault())) {
            port.write(new byte[] {0x06});
            assertArrayEquals(new byte[] {0x06}, PtyJsscTest.readExactly(port, 1, 3000));
            srv.close();
            srv.dropClient();
            byte[] buf = new byte[16];
            long t0 = System.nanoTime();
            PortException e = assertThrows(PortException.class, () -> {
                while (port.read(buf, buf.length, 2000) >= 0) {
                    if (System.nanoTime() - t0 > 5_000_000_000L) {
                        break;
                    }
                }
            });
            assertEquals(PortException.Kind.LINK_GONE, e.kind(), e.getMessage());
            assertTrue(System.nanoTime() - t0 < 1_500_000_000L, "woke on the close, not the 2 s read bound");
        }
    }
}
