package io.firstsettle.lab;

import io.firstsettle.terminal.NotSupported;

import io.firstsettle.terminal.zvt.ZvtOutcomes;

import io.firstsettle.terminal.Operation;

import io.firstsettle.core.LabClock;
import io.firstsettle.core.Waits;
import io.firstsettle.ecr.zvt.message.Authorization;
import io.firstsettle.ecr.zvt.register.EcrTranscript;
import io.firstsettle.ecr.zvt.message.EndOfDay;
import io.firstsettle.ecr.zvt.message.Registration;
import io.firstsettle.oracle.Verdict;
import io.firstsettle.oracle.VerdictKind;
import io.firstsettle.oracle.ViewCollector;
import io.firstsettle.profile.TerminalProfile;
import org.junit.jupiter.api.Tag;
import io.firstsettle.testing.LabTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bench path: a terminal the harness does not run itself (here `firstsettle emulate` as a separate process on
 * one end of a socat pty pair, exactly as a device on a cable), a profile of kind physical naming the other end, and
 * the rig as its cash register, acquirer host (listening where the terminal was told its acquirer is) and bank.
 */
class PhysicalTerminalRigTest {
    @TempDir
    Path dir;

    @Test
    @Tag("lab-tools")
    void aTerminalOnACableSettlesItsFirstSaleThroughTheRig() throws Exception {
        String socat = LabTools.socat();
        Path pt = dir.resolve("pt");
        Path ecr = dir.resolve("ecr");
        int acquirerPort = freePort();
        Process pair = new ProcessBuilder(socat, "pty,raw,echo=0,link=" + pt, "pty,raw,echo=0,link=" + ecr)
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        Process device = null;
        // the acquirer's record of this bench terminal lives with this test, not in the machine's ~/.firstsettle
        String labState = System.setProperty("firstsettle.labState", dir.resolve("lab-state").toString());
        try {
            LabClock real = LabClock.real();
            Waits.until(real, "socat's links " + pt + " and " + ecr, Duration.ofSeconds(10),
                    () -> Files.exists(pt) && Files.exists(ecr) ? Optional.of(true) : Optional.empty(),
                    () -> "socat log: " + LabTools.read(dir.resolve("socat.log")));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            device = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "-Dfirstsettle.home=" + Path.of("").toAbsolutePath(), "io.firstsettle.cli.Main", "emulate",
                    "--port", pt.toString(), "--host", "127.0.0.1:" + acquirerPort, "--time-scale", "0.05",
                    "--state-dir", dir.resolve("device-state").toString())
                    .redirectError(dir.resolve("device.err").toFile()).redirectOutput(dir.resolve("device.out").toFile())
                    .start();
            Waits.until(real, "the device to be ready", Duration.ofSeconds(30),
                    () -> LabTools.read(dir.resolve("device.out")).contains("ready on") ? Optional.of(true) : Optional.empty(),
                    () -> "stderr: " + LabTools.read(dir.resolve("device.err")));

            Path profileFile = dir.resolve("bench-terminal.yaml");
            Files.writeString(profileFile, String.join("\n",
                    "name: bench-terminal", "kind: physical", "port: " + ecr, "baud: 9600", "stopBits: 2",
                    "password: \"000000\"", "configByte: \"BA\"", "currency: 978", "terminalId: \"29110001\"",
                    "merchantId: \"FS0000000000001\"", "hostListen: \"127.0.0.1:" + acquirerPort + "\"", ""));
            TerminalProfile profile = TerminalProfile.load(profileFile);
            try (Rig rig = Rig.start(new Rig.Spec(profile, Path.of("fixtures").toAbsolutePath(), dir.resolve("evidence"),
                    dir.resolve("unused-state"), LabClock.scaled(0.05)))) {
                assertTrue(!rig.emulated() && !rig.terminal().emulated(), "the rig must not run a terminal of its own");
                assertEquals(ecr.toString(), rig.line());
                EcrTranscript reg = rig.ecr().register(new Registration("000000", 0xBA, 978, null));
                assertTrue(reg.success(), "registration: " + reg);
                EcrTranscript sale = rig.ecr().authorize(new Authorization(1234, 978));
                assertTrue(sale.success(), "sale: " + sale + " / device: " + LabTools.read(dir.resolve("device.err")));
                EcrTranscript eod = rig.ecr().endOfDay(new EndOfDay("000000"));
                Verdict v = ViewCollector.judge(rig, ZvtOutcomes.of(Operation.SALE, sale, true), ZvtOutcomes.of(Operation.END_OF_DAY, eod, true), 1234, List.of());
                assertEquals(VerdictKind.SETTLED, v.kind(), v.explain());
                NotSupported noPowerSwitch = assertThrows(NotSupported.class, rig::powerOff);
                assertTrue(noPowerSwitch.getMessage().contains("powerOff/powerOn"), noPowerSwitch.getMessage());
            }
        } finally {
            if (labState == null) {
                System.clearProperty("firstsettle.labState");
            } else {
                System.setProperty("firstsettle.labState", labState);
            }
            if (device != null) {
                device.destroy();
                device.waitFor(15, TimeUnit.SECONDS);
            }
            pair.destroy();
            pair.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPhysicalProfileWithoutAPortIsRefusedWithWhatToDo() throws IOException {
        Path profileFile = dir.resolve("no-port.yaml");
        Files.writeString(profileFile, "name: x\nkind: physical\nbaud: 9600\nstopBits: 2\npassword: \"000000\"\n"
                + "configByte: \"BA\"\ncurrency: 978\n");
        RuntimeException e = assertThrows(RuntimeException.class, () -> TerminalProfile.load(profileFile));
        assertTrue(e.getMessage().contains("needs 'port'") && e.getMessage().contains("no-port.yaml"), e.getMessage());
    }

    @Test
    void aPortThatIsMissingOrRefusesIsALabFaultWithTheFix() throws Exception {
        String missing = dir.resolve("no-such-adapter").toString();
        String refused = "tcp://127.0.0.1:" + freePort(); // closed again: nothing listens there
        String labState = System.setProperty("firstsettle.labState", dir.resolve("lab-state").toString());
        try {
            // missing, with the default bench preparation (it opens the port first); refused, with none (the rig does)
            LabFault gone = rigFault(missing, "", "gone");
            assertTrue(gone.getMessage().startsWith("the rig did not start: port not found: " + missing)
                    && gone.getMessage().contains("check the path in the terminal profile"), gone.getMessage());
            LabFault closed = rigFault(refused, "prepare: []", "refused");
            assertTrue(closed.getMessage().startsWith("the rig did not start: " + refused + ": connection refused")
                    && closed.getMessage().contains("start ser2net / check the terminal's IP and ZVT port"),
                    closed.getMessage());
            assertTrue(Files.readString(dir.resolve("evidence-refused").resolve("events.jsonl")).contains("rig-failed"),
                    "the failed start is in the evidence");
        } finally {
            if (labState == null) {
                System.clearProperty("firstsettle.labState");
            } else {
                System.setProperty("firstsettle.labState", labState);
            }
        }
    }

    private LabFault rigFault(String port, String prepare, String name) throws IOException {
        Path profileFile = dir.resolve(name + ".yaml");
        Files.writeString(profileFile, String.join("\n",
                "name: bench-" + name, "kind: physical", "port: \"" + port + "\"", "baud: 9600", "stopBits: 2",
                "password: \"000000\"", "configByte: \"BA\"", "currency: 978", "terminalId: \"29110001\"",
                "merchantId: \"FS0000000000001\"", "hostListen: \"127.0.0.1:0\"", prepare, ""));
        TerminalProfile profile = TerminalProfile.load(profileFile);
        return assertThrows(LabFault.class, () -> Rig.start(new Rig.Spec(profile, Path.of("fixtures").toAbsolutePath(),
                dir.resolve("evidence-" + name), dir.resolve("unused-state-" + name), LabClock.scaled(0.05))).close());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }


}
