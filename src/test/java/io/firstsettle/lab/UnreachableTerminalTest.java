package io.firstsettle.lab;

import io.firstsettle.terminal.zvt.ZvtOutcomes;

import io.firstsettle.terminal.Operation;

import io.firstsettle.core.LabClock;
import io.firstsettle.ecr.zvt.message.Authorization;
import io.firstsettle.ecr.zvt.register.EcrTranscript;
import io.firstsettle.ecr.zvt.message.Registration;
import io.firstsettle.ecr.zvt.link.TerminalUnreachable;
import io.firstsettle.evidence.EventLog;
import io.firstsettle.oracle.Cause;
import io.firstsettle.oracle.Diagnosis;
import io.firstsettle.oracle.Verdict;
import io.firstsettle.oracle.VerdictKind;
import io.firstsettle.oracle.ViewCollector;
import io.firstsettle.port.BytePort;
import io.firstsettle.port.PtyPair;
import io.firstsettle.profile.TerminalProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10 point 6: a first command that never reaches the terminal is the lab's fault, named by port; a terminal
 * that answered once and then fell silent is still judged. The register talks through real jssc to a kernel pty whose
 * far end (held here) never reads, or is served by a tiny PT written from the spec's frames (protocols.md A.3).
 */
class UnreachableTerminalTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();
    /** protocols.md A.3: 80 00 00 and 06 0F 00, framed with their CRCs. */
    private static final byte[] ACK_FRAME = HEX.parseHex("10 02 80 00 00 10 03 F5 1F");
    private static final byte[] COMPLETION_FRAME = HEX.parseHex("10 02 06 0F 00 10 03 C6 33");

    @TempDir
    Path dir;

    private TerminalProfile profile(String port) throws Exception {
        Path f = dir.resolve("cable.yaml");
        Files.writeString(f, String.join("\n", "name: cable", "kind: physical", "port: " + port, "baud: 9600",
                "stopBits: 2", "password: \"000000\"", "configByte: \"BA\"", "currency: 978",
                "terminalId: \"29110001\"", "merchantId: \"FS0000000000001\"", "hostListen: \"127.0.0.1:0\"",
                "t2Millis: 200", "repeats: 2", "t3Millis: 500", "t4Seconds: 2", "prepare: []", ""));
        return TerminalProfile.load(f);
    }

    private Rig rig(String port) throws Exception {
        return Rig.start(new Rig.Spec(profile(port), Path.of("fixtures").toAbsolutePath(), dir.resolve("evidence"),
                dir.resolve("state"), LabClock.scaled(0.05)));
    }

    @Test
    void aFirstCommandNobodyAnswersIsALabFaultNamingThePort() throws Exception {
        try (PtyPair cable = PtyPair.open()) {
            String port = cable.slavePath();
            Verdict v;
            try (Rig rig = rig(port)) {
                EcrTranscript sale = rig.ecr().authorize(new Authorization(1234, 978));
                assertFalse(sale.finished());
                assertTrue(sale.problem().startsWith("terminal unreachable on " + port), sale.problem());
                List<Map<String, Object>> dead = rig.evidence().events().stream()
                        .filter(e -> TerminalUnreachable.EVENT.equals(e.get("kind"))).toList();
                assertEquals(1, dead.size(), "one terminal-unreachable event");
                assertEquals(port, dead.get(0).get("port"));
                assertEquals(3, dead.get(0).get("tries"), "the first try and the spec's two repeats");
                assertEquals(200L, ((Number) dead.get(0).get("t2Millis")).longValue());

                v = ViewCollector.judge(rig, ZvtOutcomes.of(Operation.SALE, sale, true), 1234);
                assertEquals(VerdictKind.LAB_FAULT, v.kind(), v.explain());
                assertTrue(v.summary().contains(port) && v.summary().contains("3 tries"), v.summary());
                rig.evidence().record("oracle", "verdict", Map.of("verdict", v.kind().name(), "summary", v.summary()));
            }
            Diagnosis d = Diagnosis.of(EventLog.read(dir.resolve("evidence")));
            assertEquals(Cause.LAB, d.cause(), d.render());
            assertTrue(d.finding().contains(port), d.finding());
        }
    }

    @Test
    void aTerminalThatAnsweredAndThenFellSilentIsStillJudged() throws Exception {
        try (PtyPair cable = PtyPair.open()) {
            try (Rig rig = rig(cable.slavePath())) {
                Thread pt = new Thread(() -> answerOneCommandThenFallSilent(cable.master()), "pt-peer");
                pt.setDaemon(true);
                pt.start();
                EcrTranscript reg = rig.ecr().register(new Registration("000000", 0xBA, 978, null));
                assertTrue(reg.finished() && reg.success(), "the peer answered the registration: " + reg);
                EcrTranscript sale = rig.ecr().authorize(new Authorization(1234, 978));
                assertFalse(sale.finished());
                assertFalse(sale.problem().contains("terminal unreachable"), sale.problem());
                assertTrue(Unreachable.in(rig.evidence().log().events()).isEmpty());
                Verdict v = ViewCollector.judge(rig, ZvtOutcomes.of(Operation.SALE, sale, true), 1234);
                assertNotEquals(VerdictKind.LAB_FAULT, v.kind(), v.explain());
                assertEquals(VerdictKind.MISREPORTED, v.kind(), v.explain());
            }
        }
    }

    /** ACK the register's first frame, answer 80 00 00 and 06 0F 00, take the register's ACKs, then read nothing. */
    private static void answerOneCommandThenFallSilent(BytePort master) {
        readFrame(master);
        master.write(new byte[] {0x06});
        master.write(ACK_FRAME);
        readByte(master); // the register's ACK
        master.write(COMPLETION_FRAME);
        readByte(master); // ACK
        readFrame(master); // the register's 80 00 00
        master.write(new byte[] {0x06});
    }

    private static void readFrame(BytePort p) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] b = new byte[1];
        int afterEtx = -1;
        long end = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < end) {
            if (p.read(b, 1, 50) == 1) {
                got.write(b[0]);
                byte[] all = got.toByteArray();
                int n = all.length;
                if (afterEtx >= 0) {
                    afterEtx++;
                    if (afterEtx == 2) {
                        return;
                    }
                } else if (n >= 2 && all[n - 2] == 0x10 && all[n - 1] == 0x03) {
                    afterEtx = 0;
                }
            }
        }
        throw new AssertionError("no frame from the register within 30 s: " + HEX.formatHex(got.toByteArray()));
    }

    private static void readByte(BytePort p) {
        byte[] b = new byte[1];
        long end = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < end) {
            if (p.read(b, 1, 50) == 1) {
                return;
            }
        }
        throw new AssertionError("no byte from the register within 30 s");
    }
}
