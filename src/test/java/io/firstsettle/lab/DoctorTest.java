package io.firstsettle.lab;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;
import io.firstsettle.ecr.zvt.link.SerialZvtLink;
import io.firstsettle.emulator.EmulatedTerminal;
import io.firstsettle.emulator.IsoTerminalClient;
import io.firstsettle.emulator.TerminalState;
import io.firstsettle.host.HostConfig;
import io.firstsettle.host.IsoPackagers;
import io.firstsettle.port.PtyPair;
import io.firstsettle.profile.TerminalProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The doctor against a terminal that answers (the emulated terminal on a kernel pty, dialling the doctor's host), one
 * that does not (nothing on the pty's far end), a port that does not exist, and a port the bench user may not open.
 */
class DoctorTest {
    private static final Path FIXTURES = Path.of("fixtures").toAbsolutePath();

    @TempDir
    Path dir;
    private String previousLabState;

    @BeforeEach
    void labState() {
        previousLabState = System.setProperty("firstsettle.labState", dir.resolve("lab-state").toString());
    }

    @AfterEach
    void restore() {
        if (previousLabState == null) {
            System.clearProperty("firstsettle.labState");
        } else {
            System.setProperty("firstsettle.labState", previousLabState);
        }
    }

    @Test
    @Tag("lab-tools") // starts a bank, a host and a terminal: seconds, so with the long tests
    void aTerminalThatAnswersAndDialsTheHostIsHealthy() throws Exception {
        int acquirer = freePort();
        LabClock clock = LabClock.scaled(0.05);
        try (PtyPair pty = PtyPair.open()) {
            TerminalProfile device = TerminalProfile.named("emulated-zvt");
            IsoTerminalClient iso = new IsoTerminalClient("127.0.0.1", acquirer,
                    IsoPackagers.load(FIXTURES.resolve("iso8583/iso87binary.xml")), HostConfig.DEFAULT_TPDU, clock,
                    EventSink.NONE);
            try (EmulatedTerminal t = new EmulatedTerminal(new SerialZvtLink(pty.master(), device.linkTimings(clock),
                    EventSink.NONE, "terminal"), device, iso, TerminalState.open(dir.resolve("state")), clock,
                    EventSink.NONE).start()) {
                List<Doctor.Check> checks = doctor(profile(pty.slavePath(), acquirer, "FS-EMU 0.1.0"),
                        PortAccess.Identity.current());
                assertTrue(Doctor.healthy(checks), render(checks));
                assertEquals(List.of("port exists", "port access", "port free", "line settings", "terminal ACKs",
                        "registration", "terminal ID", "software version", "bank fixtures", "hostListen binds",
                        "terminal reaches host"), checks.stream().map(Doctor.Check::name).toList());
                assertTrue(Files.readString(dir.resolve("lab-state/acquirer/29110001.json")).contains("\"signedOn\" : true"),
                        "the acquirer's record of the terminal was kept");

                // the same terminal against a profile that expects other firmware: named, with the fix
                List<Doctor.Check> wrongSw = doctor(profile(pty.slavePath(), acquirer, "VENDOR 9.9"),
                        PortAccess.Identity.current());
                Doctor.Check last = wrongSw.get(wrongSw.size() - 1);
                assertFalse(Doctor.healthy(wrongSw));
                assertEquals("software version", last.name(), render(wrongSw));
                assertTrue(last.detail().contains("FS-EMU 0.1.0") && last.fix().contains("softwareVersion"), last.render());
            }
        }
    }

    @Test
    void aTerminalThatDoesNotAnswerFailsAtTheAckWithTheCableNamed() throws Exception {
        try (PtyPair pty = PtyPair.open()) {
            List<Doctor.Check> checks = doctor(profile(pty.slavePath(), freePort(), null), PortAccess.Identity.current());
            Doctor.Check last = checks.get(checks.size() - 1);
            assertFalse(Doctor.healthy(checks));
            assertEquals("terminal ACKs", last.name(), render(checks));
            assertTrue(last.fix().contains("cable") && last.fix().contains("baud"), last.render());
            assertTrue(checks.stream().filter(c -> c.name().equals("line settings")).allMatch(Doctor.Check::pass));
        }
    }

    @Test
    void aPortThatDoesNotExistIsNamedWithTheDevicesThatDo() throws Exception {
        List<Doctor.Check> checks = doctor(profile("/dev/ttyUSB-firstsettle-absent", freePort(), null),
                PortAccess.Identity.current());
        assertEquals(1, checks.size(), render(checks));
        Doctor.Check c = checks.get(0);
        assertFalse(c.pass());
        assertEquals("port exists", c.name());
        assertTrue(c.detail().contains("/dev/ttyUSB-firstsettle-absent") && c.fix().contains("devices here"), c.render());
    }

    /**
     * The permission check reads owner, group and mode (the kernel's rule), so it answers for the bench user even
     * when the doctor runs as root; the kernel itself confirms the answer: the same open, run as that user with
     * setpriv, is refused.
     */
    @Test
    void aPortTheBenchUserMayNotOpenNamesDialout() throws Exception {
        try (PtyPair pty = PtyPair.open()) {
            Path slave = Path.of(pty.slavePath());
            PortAccess.Identity me = PortAccess.Identity.current();
            PortAccess.Identity benchUser;
            String group;
            if (me.uid() == 0) {
                GroupPrincipal dialout = slave.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByGroupName("dialout");
                Files.getFileAttributeView(slave, PosixFileAttributeView.class).setGroup(dialout);
                Files.setPosixFilePermissions(slave, PosixFilePermissions.fromString("rw-rw----"));
                benchUser = new PortAccess.Identity("nobody", 65534, Set.of(65534));
                group = "dialout";
            } else {
                Files.setPosixFilePermissions(slave, PosixFilePermissions.fromString("---------"));
                benchUser = me;
                group = null;
            }
            List<Doctor.Check> checks = doctor(profile(slave.toString(), freePort(), null), benchUser);
            Doctor.Check last = checks.get(checks.size() - 1);
            assertEquals("port access", last.name(), render(checks));
            assertFalse(last.pass());
            assertTrue(last.fix().contains("usermod -aG") && last.fix().contains("udev"), last.render());
            if (group != null) {
                assertTrue(last.detail().contains("not in group dialout") && last.fix().contains("dialout"),
                        last.render());
                // the kernel agrees: user nobody cannot open it
                Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "sh",
                        "-c", "exec 3<> " + slave).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes());
                assertTrue(p.waitFor(10, TimeUnit.SECONDS));
                assertNotEquals(0, p.exitValue(), out);
                assertTrue(out.contains("Permission denied"), out);
                // and root itself passes the check
                assertTrue(PortAccess.check(slave, me).allowed());
            }
        }
    }

    private List<Doctor.Check> doctor(Path profile, PortAccess.Identity who) {
        return new Doctor(TerminalProfile.load(profile), FIXTURES, LabClock.real(), who, EventSink.NONE).run();
    }

    private Path profile(String port, int acquirer, String sw) throws IOException {
        Path f = dir.resolve("bench-" + Math.abs(port.hashCode()) + "-" + (sw == null ? "x" : sw.length()) + ".yaml");
        Files.writeString(f, String.join("\n", "name: bench", "kind: physical", "port: " + port, "baud: 9600",
                "stopBits: 2", "password: \"000000\"", "configByte: \"BA\"", "currency: 978",
                "terminalId: \"29110001\"", "merchantId: \"FS0000000000001\"", "hostListen: \"127.0.0.1:" + acquirer
                        + "\"", "t2Millis: 300", "repeats: 0", "t3Millis: 800")
                + (sw == null ? "" : "\nsoftwareVersion: \"" + sw + "\"") + "\n");
        return f;
    }

    private static String render(List<Doctor.Check> checks) {
        return checks.stream().map(Doctor.Check::render).collect(Collectors.joining("\n"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
