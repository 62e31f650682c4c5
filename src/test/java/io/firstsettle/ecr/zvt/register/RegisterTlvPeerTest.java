package io.firstsettle.ecr.zvt.register;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.TlvCodec;
import io.firstsettle.ecr.zvt.link.TcpZvtLink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.Hex;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 points 2-4, register side: {@link EcrClient} against a tiny PT written here from the spec's syntax
 * (protocols.md A.6), over real TCP ([ZVT-TP] §4.1: bare APDUs). The PT sends frames our own terminal never sends:
 * a Status-Enquiry answer without SW version, TLV inside 04 FF / 04 0F / 06 0F / 06 1E, and receipts as 06 D3.
 */
class RegisterTlvPeerTest {
    /** Reads one APDU from the register (CLASS INSTR LEN data), FF lo hi not needed here. */
    private static byte[] readApdu(InputStream in) throws Exception {
        byte[] h = in.readNBytes(3);
        byte[] d = in.readNBytes(h[2] & 0xFF);
        byte[] all = new byte[3 + d.length];
        System.arraycopy(h, 0, all, 0, 3);
        System.arraycopy(d, 0, all, 3, d.length);
        return all;
    }

    /**
     * A PT that answers the register's command with 80 00 00 and then plays {@code script}: each APDU is sent, then
     * the register's 80 00 00 is read (and checked) before the next, after {@code gapMillis}.
     */
    private static EcrTranscript against(String command, long gapMillis, String... script) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> pt = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept()) {
                    s.setSoTimeout(20_000);
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    String got = Hex.format(readApdu(in));
                    out.write(Hex.parse("80 00 00"));
                    for (String apdu : script) {
                        TimeUnit.MILLISECONDS.sleep(gapMillis);
                        out.write(Hex.parse(apdu));
                        String answer = Hex.format(readApdu(in));
                        if (!answer.equals("80 00 00")) {
                            return "register answered " + apdu + " with " + answer;
                        }
                    }
                    return got;
                } catch (Exception e) {
                    return "PT failed: " + e;
                }
            });
            try (EcrClient ecr = new EcrClient(TcpZvtLink.connect("tcp://127.0.0.1:" + server.getLocalPort(),
                    EventSink.NONE), Duration.ofSeconds(5), Duration.ofMillis(1000), EventSink.NONE)) {
                EcrTranscript t = ecr.run(command, Apdu.decode(Hex.parse(commandHex(command))));
                assertTrue(pt.get(20, TimeUnit.SECONDS).startsWith(commandHex(command).substring(0, 5)),
                        pt.getNow("?"));
                return t;
            }
        }
    }

    private static String commandHex(String command) {
        return switch (command) {
            case "Status Enquiry" -> "05 01 03 00 00 00";
            case "Authorization" -> "06 01 0C 04 00 00 00 00 12 34 49 09 78 06 00";
            default -> throw new IllegalArgumentException(command);
        };
    }

    @Test
    void statusEnquiryAnswerWithoutSoftwareVersion() throws Exception {
        for (String status : List.of("DC", "F0", "00")) {
            EcrTranscript t = against("Status Enquiry", 0, "06 0F 01 " + status);
            assertTrue(t.finished(), t.toString());
            assertNull(t.completion().softwareVersion());
            assertEquals(Integer.parseInt(status, 16), t.completion().terminalStatus());
        }
        EcrTranscript withTlv = against("Status Enquiry", 0, "06 0F 07 F0 06 04 1F 17 01 41");
        assertTrue(withTlv.finished(), withTlv.toString());
        assertEquals(0xF0, withTlv.completion().terminalStatus());
        assertEquals(0x1F17, TlvCodec.decodeContainer(withTlv.completion().fields().get(0)).get(0).tag());
    }

    @Test
    void intermediateStatusWithTlvReArmsT4() throws Exception {
        // T4 is 1 s here; four 04 FF 300 ms apart keep the sequence alive longer than T4, which only re-arming allows
        EcrTranscript t = against("Authorization", 300, "04 FF 03 0A 06 00", "04 FF 04 17 01 06 00",
                "04 FF 03 0A 06 00", "04 FF 1E 0A 01 06 1A 24 18 07 16 42 69 74 74 65 20 4B 61 72 74 65 20 65 69 6E"
                        + " 73 74 65 63 6B 65 6E",
                "04 0F 11 27 00 04 00 00 00 00 12 34 06 06 1F 1F 01 42 41 00",
                "06 D3 11 06 0F 1F 07 01 01 25 09 07 04 54 45 53 54 09 01 81",
                "06 0F 09 27 00 06 05 1F 2B 02 12 34");
        assertTrue(t.finished() && t.success(), t.toString());
        assertEquals(List.of(0x0A, 0x17, 0x0A, 0x0A), t.intermediate());
        assertEquals(List.of("TEST"), t.printLines(), "the 06 D3 text block is a receipt line");
        assertEquals(1234L, t.status().amountMinor().orElseThrow());
    }

    @Test
    void abortWithTlvClosesTheSequence() throws Exception {
        EcrTranscript t = against("Authorization", 0, "06 1E 07 6C 06 04 1F 16 01 42");
        assertTrue(t.finished(), t.toString());
        assertEquals(0x6C, t.resultCode());
    }
}
