package io.firstsettle.cli;

import io.firstsettle.bank.BankFake;
import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;
import io.firstsettle.core.Waits;
import io.firstsettle.ecr.zvt.message.Authorization;
import io.firstsettle.ecr.zvt.register.EcrClient;
import io.firstsettle.ecr.zvt.register.EcrTranscript;
import io.firstsettle.ecr.zvt.message.EndOfDay;
import io.firstsettle.ecr.zvt.link.LinkTimings;
import io.firstsettle.ecr.zvt.link.ListenAddress;
import io.firstsettle.ecr.zvt.link.ZvtTcpServer;
import io.firstsettle.ecr.zvt.message.Registration;
import io.firstsettle.ecr.zvt.link.SerialZvtLink;
import io.firstsettle.ecr.zvt.link.TcpZvtLink;
import io.firstsettle.host.AcquirerHost;
import io.firstsettle.host.HostConfig;
import io.firstsettle.port.JsscBytePort;
import io.firstsettle.port.SerialSettings;
import org.junit.jupiter.api.Tag;
import io.firstsettle.testing.LabTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code firstsettle emulate} as a separate JVM on one end of a socat pty pair; the harness's EcrClient drives
 * Registration, Authorization and End-of-Day through jssc on the other end, against a real host and bank fake.
 */
class EmulateCommandProcessTest {
    @TempDir
    Path dir;

    @Test
    @Tag("lab-tools")
    void emulatorProcessCompletesRegistrationAuthorizationAndEndOfDayOnASocatPair() throws Exception {
        String socat = LabTools.socat();
        Path a = dir.resolve("pt");
        Path b = dir.resolve("ecr");
        LabClock clock = LabClock.real();
        Process pair = new ProcessBuilder(socat, "-d", "-d", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        Process emu = null;
        Path fixtures = Path.of("fixtures").toAbsolutePath();
        try (BankFake bank = BankFake.start(fixtures.resolve("bank"), clock);
             AcquirerHost host = AcquirerHost.start(HostConfig.defaults(bank.baseUrl(), clock, EventSink.NONE)
                     .withPackagerXml(fixtures.resolve("iso8583/iso87binary.xml"))
                     .withResponseCodesYaml(fixtures.resolve("host/response-codes.yaml")))) {
            Waits.until(clock, "socat's pty links " + a + " and " + b, Duration.ofSeconds(10),
                    () -> Files.exists(a) && Files.exists(b) ? Optional.of(true) : Optional.empty(),
                    () -> "socat log: " + LabTools.read(dir.resolve("socat.log")));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            emu = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "-Dfirstsettle.home=" + Path.of("").toAbsolutePath(), "io.firstsettle.cli.Main", "emulate",
                    "--port", a.toString(), "--host", "127.0.0.1:" + host.port(),
                    "--state-dir", dir.resolve("state").toString())
                    .redirectError(dir.resolve("emulate.err").toFile()).start();
            LabTools.Stdout stdout = LabTools.stdoutLines(emu);
            List<String> out = stdout.lines();
            Waits.until(clock, "'ready on " + a + "' from the emulate process", Duration.ofSeconds(30),
                    () -> out.contains("ready on " + a) ? Optional.of(true) : Optional.empty(),
                    () -> "stdout " + out + ", stderr " + LabTools.read(dir.resolve("emulate.err")));

            LinkTimings timings = new LinkTimings(Duration.ofMillis(200), Duration.ofSeconds(5), 2,
                    Duration.ofSeconds(5), Duration.ofSeconds(60));
            SerialZvtLink link = new SerialZvtLink(JsscBytePort.open(b.toString(),
                    new SerialSettings(9600, 8, 2, SerialSettings.Parity.NONE)), timings, EventSink.NONE, "ecr");
            try (EcrClient ecr = new EcrClient(link, timings.t3(), timings.t4(), EventSink.NONE)) {
                assertTrue(ecr.register(new Registration("000000", 0xBA, 978, null)).success());
                EcrTranscript sale = ecr.authorize(new Authorization(2500, 978));
                assertTrue(sale.success(), sale + " / " + LabTools.read(dir.resolve("emulate.err")));
                EcrTranscript eod = ecr.endOfDay(new EndOfDay("000000"));
                assertTrue(eod.success(), eod.toString());
                assertEquals(2500L, eod.status().amountMinor().orElseThrow());
            }
            assertEquals("00", host.journal().settlement("29110001").orElseThrow().responseCode());

            emu.destroy(); // SIGTERM
            assertTrue(emu.waitFor(15, TimeUnit.SECONDS), "emulate did not stop within 15 s of SIGTERM");
            stdout.awaitEnd(2000);
            assertTrue(LabTools.read(dir.resolve("emulate.err")).contains("terminal stopped {tid=29110001}"),
                    "the terminal did not record a clean stop: " + out + " stderr tail: " + tail(LabTools.read(dir.resolve("emulate.err"))));
        } finally {
            if (emu != null && emu.isAlive()) {
                emu.destroyForcibly();
            }
            pair.destroy();
            pair.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aListeningTerminalNamesTheAddressAndPortItReallyHas() throws Exception {
        try (ZvtTcpServer s = ZvtTcpServer.listen("listen://127.0.0.1:0", EventSink.NONE)) {
            assertTrue(s.port() > 0);
            assertEquals("tcp://127.0.0.1:" + s.port(), s.where(), "one address: just that, with the bound port");
            try (Socket probe = new Socket("127.0.0.1", s.port())) {
                assertTrue(probe.isConnected(), "it listens where it says");
            }
        }
        assertEquals("tcp://127.0.0.1:20007 (listening on all interfaces: 0.0.0.0:20007; from another machine: "
                        + "tcp://192.168.1.20:20007, tcp://[fd00:0:0:0:0:0:0:5]:20007)",
                ListenAddress.describe(new InetSocketAddress("0.0.0.0", 20007),
                        List.of(InetAddress.getByName("192.168.1.20"), InetAddress.getByName("fd00::5"))));
        assertTrue(ListenAddress.describe(new InetSocketAddress("0.0.0.0", 20007), List.of())
                .endsWith("no network address besides loopback yet, so only registers on it can connect)"));
    }

    @Test
    void emulatorListensForZvtOverTcpLikeAnEthernetTerminal() throws Exception {
        LabClock clock = LabClock.real();
        Path fixtures = Path.of("fixtures").toAbsolutePath();
        Process emu = null;
        try (BankFake bank = BankFake.start(fixtures.resolve("bank"), clock);
             AcquirerHost host = AcquirerHost.start(HostConfig.defaults(bank.baseUrl(), clock, EventSink.NONE)
                     .withPackagerXml(fixtures.resolve("iso8583/iso87binary.xml"))
                     .withResponseCodesYaml(fixtures.resolve("host/response-codes.yaml")))) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            emu = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "-Dfirstsettle.home=" + Path.of("").toAbsolutePath(), "io.firstsettle.cli.Main", "emulate",
                    "--port", "listen://0.0.0.0:0", "--host", "127.0.0.1:" + host.port(),
                    "--state-dir", dir.resolve("state-tcp").toString())
                    .redirectError(dir.resolve("emulate-tcp.err").toFile()).start();
            BufferedReader r = new BufferedReader(new InputStreamReader(emu.getInputStream(), StandardCharsets.UTF_8));
            String ready = r.readLine();
            // asked for any port on all interfaces: it says the port it got, and where a register can reach it
            Matcher m = Pattern.compile("ready on (tcp://127\\.0\\.0\\.1:(\\d+)) \\(listening on all interfaces: "
                    + "0\\.0\\.0\\.0:(\\d+); (?:from another machine: tcp://.+:\\d+|this machine has no network address"
                    + " besides loopback.*)\\)").matcher(String.valueOf(ready));
            assertTrue(m.matches(), "expected 'ready on tcp://127.0.0.1:P (listening on all interfaces: 0.0.0.0:P; ...)', got "
                    + ready + "; stderr " + LabTools.read(dir.resolve("emulate-tcp.err")));
            assertEquals(m.group(2), m.group(3), "one port, the bound one");
            assertTrue(Integer.parseInt(m.group(2)) > 0, "the bound port, not the 0 asked for: " + ready);
            String spec = m.group(1);
            try (EcrClient ecr = new EcrClient(TcpZvtLink.connect(spec, EventSink.NONE), Duration.ofSeconds(5),
                    Duration.ofSeconds(60), EventSink.NONE)) {
                assertTrue(ecr.register(new Registration("000000", 0xBA, 978, null)).success());
                EcrTranscript sale = ecr.authorize(new Authorization(4200, 978));
                assertTrue(sale.success(), sale + " / " + LabTools.read(dir.resolve("emulate-tcp.err")));
            }
            // the first register left; the next one is served by the same terminal, still registered (no 06 00 again)
            try (EcrClient ecr = new EcrClient(TcpZvtLink.connect(spec, EventSink.NONE), Duration.ofSeconds(5),
                    Duration.ofSeconds(60), EventSink.NONE)) {
                EcrTranscript second = ecr.authorize(new Authorization(100, 978));
                assertTrue(second.success(), "a second register, one after the other: " + second + " / "
                        + LabTools.read(dir.resolve("emulate-tcp.err")));
                // a third register while the second is connected: closed at once, never left hanging
                URI u = URI.create(spec);
                try (Socket third = new Socket(u.getHost(), u.getPort())) {
                    third.setSoTimeout(10_000);
                    assertEquals(-1, third.getInputStream().read(), "the busy terminal closes a second register");
                }
                assertTrue(LabTools.read(dir.resolve("emulate-tcp.err")).contains("zvt-tcp-refused"),
                        LabTools.read(dir.resolve("emulate-tcp.err")));
                assertTrue(ecr.endOfDay(new EndOfDay("000000")).success(), "the second register is still served");
            }
            assertEquals("00", host.journal().settlement("29110001").orElseThrow().responseCode());
        } finally {
            if (emu != null) {
                emu.destroy();
                emu.waitFor(15, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void listDefectsPrintsTheCatalogue() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.firstsettle.cli.Main",
                "emulate", "--list-defects").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), text);
        for (io.firstsettle.emulator.Defect d : io.firstsettle.emulator.Defect.values()) {
            assertTrue(text.contains(d.name() + " ") && text.contains(d.description()), d + " missing: " + text);
        }
    }


    private static String tail(String s) {
        return s.length() > 1500 ? s.substring(s.length() - 1500) : s;
    }

}
