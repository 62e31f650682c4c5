package io.firstsettle.ecr.concert;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.firstsettle.ecr.concert.RawConcertPeer.ACK;
import static io.firstsettle.ecr.concert.RawConcertPeer.ENQ;
import static io.firstsettle.ecr.concert.RawConcertPeer.EOT;
import static io.firstsettle.ecr.concert.RawConcertPeer.ETX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firstsettle.testing.LabTools;
import io.firstsettle.bank.BankFake;
import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;
import io.firstsettle.core.Waits;
import io.firstsettle.host.AcquirerHost;
import io.firstsettle.host.HostConfig;
import io.firstsettle.port.BytePort;
import io.firstsettle.port.JsscBytePort;
import io.firstsettle.profile.TerminalProfile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code firstsettle emulate --protocol concert --port pty} as a JVM of its own, driven on the pty it creates by a
 * register written from §B alone ({@link RawConcertPeer}, 7E1 on jssc), against a real jPOS host and WireMock bank:
 * §B's example sale (LRC = ETX) approved and at the bank, a declined sale in a short answer, the télécollecte asked
 * for on standard input, and a clean stop on SIGTERM.
 */
class EmulateConcertProcessTest {
    @TempDir
    Path dir;

    @Test
    @Tag("lab-tools") // a second JVM: ~15 s on a loaded machine, too slow for the default suite
    void aSectionBRegisterDrivesTheConcertEmulatorProcessOnAPty() throws Exception {
        LabClock clock = LabClock.real();
        Path fixtures = Path.of("fixtures").toAbsolutePath();
        Process emu = null;
        try (BankFake bank = BankFake.start(fixtures.resolve("bank"), clock);
             AcquirerHost host = AcquirerHost.start(HostConfig.defaults(bank.baseUrl(), clock, EventSink.NONE)
                     .withPackagerXml(fixtures.resolve("iso8583/iso87binary.xml"))
                     .withResponseCodesYaml(fixtures.resolve("host/response-codes.yaml")))) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path err = dir.resolve("emulate.err");
            emu = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "-Dfirstsettle.home=" + Path.of("").toAbsolutePath(), "io.firstsettle.cli.Main", "emulate",
                    "--protocol", "concert", "--port", "pty", "--host", "127.0.0.1:" + host.port(),
                    "--state-dir", dir.resolve("state").toString())
                    .redirectError(err.toFile()).start();
            LabTools.Stdout stdout = LabTools.stdoutLines(emu);
            List<String> out = stdout.lines();
            String ready = Waits.until(clock, "'ready on /dev/pts/N' from the emulate process", Duration.ofSeconds(30),
                    () -> out.stream().filter(l -> l.startsWith("ready on /dev/")).findFirst(),
                    () -> "stdout " + out + ", stderr " + read(err));
            String slave = ready.substring("ready on ".length());

            try (BytePort port = JsscBytePort.open(slave, ConcertLine.RS232_7E1.settings())) {
                RawConcertPeer register = new RawConcertPeer(port);
                byte[] sale = ConcertVectors.bytes(ConcertVectors.SALE_1234_HEX);
                assertEquals(ETX, sale[sale.length - 1], "§B's example: the LRC equals ETX");
                byte[] answer = transact(register, sale);
                assertEquals(83, answer.length, "full answer: an 83-byte frame");
                assertTrue(RawConcertPeer.lrcGood(answer));
                String t = RawConcertPeer.text(answer);
                assertEquals("010", t.substring(0, 3), "POS 01, status 0: " + t + " / " + read(err));
                assertEquals("00001234", t.substring(3, 11));
                assertEquals("00", host.journal().byMti("0210").get(0).responseCode());
                assertTrue(bank.journal().stream().anyMatch(e -> e.path().endsWith("/authorizations")
                        && e.status() == 200), "the approved sale reached the bank");

                bank.wireMock().stubFor(post(urlPathEqualTo("/bank/v1/authorizations")).atPriority(1)
                        .withMetadata(Map.of("fault", "auth-503")).willReturn(aResponse().withStatus(503)));
                byte[] declined = transact(register, RawConcertPeer.frame("01" + "00000500" + "0" + "1" + "0" + "978"
                        + " ".repeat(10) + "A010B010"));
                assertEquals(28, declined.length, "short answer: a 28-byte frame");
                assertEquals("01" + "7" + "00000500" + "1" + "978" + " ".repeat(10), RawConcertPeer.text(declined));
            }

            OutputStream stdin = emu.getOutputStream();
            stdin.write("end-of-day\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            String day = Waits.until(clock, "the télécollecte's line on stdout", Duration.ofSeconds(30),
                    () -> out.stream().filter(l -> l.startsWith("end-of-day ")).findFirst(),
                    () -> "stdout " + out + ", stderr " + read(err));
            assertTrue(day.startsWith("end-of-day CLOSED") && day.contains("count 1 total 1234"), day);
            // the emulate process runs fixtures/terminals/emulated-concert.yaml: the settlement is under its TID
            String tid = TerminalProfile.load(fixtures.resolve("terminals/emulated-concert.yaml")).terminalId();
            assertEquals(tid, host.journal().byMti("0210").get(0).tid(), "the sale came from the Concert profile's TID");
            assertEquals("00", host.journal().settlement(tid).orElseThrow(() -> new AssertionError("no 0510 for TID "
                    + tid + " in " + host.journal().byMti("0510"))).responseCode());

            emu.destroy(); // SIGTERM
            assertTrue(emu.waitFor(15, TimeUnit.SECONDS), "emulate did not stop within 15 s of SIGTERM");
            stdout.awaitEnd(2000);
            assertTrue(read(err).contains("terminal stopped {tid=" + tid + "}"), "no clean stop; stderr tail: "
                    + tail(read(err)));
        } finally {
            if (emu != null && emu.isAlive()) {
                emu.destroyForcibly();
            }
        }
    }

    /** §B: the register's ENQ / frame / EOT, then the terminal's answer in the same handshake the other way. */
    private static byte[] transact(RawConcertPeer register, byte[] frame) {
        register.send(ENQ);
        register.expect(ACK, 2000);
        register.send(frame);
        register.expect(ACK, 2000);
        register.send(EOT);
        register.expect(ENQ, 30_000);
        register.send(ACK);
        byte[] answer = register.readFrame(2000);
        register.send(ACK);
        register.expect(EOT, 2000);
        return answer;
    }

    private static String tail(String s) {
        return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
    }

    private static String read(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
