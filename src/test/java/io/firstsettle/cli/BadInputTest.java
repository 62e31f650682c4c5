package io.firstsettle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firstsettle.profile.FixtureException;
import io.firstsettle.profile.TerminalProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input a new user gives the commands: each answered with a clear message and the right exit code, at once. */
class BadInputTest {
    static DecodeCommandTest.Run run(String... args) {
        return DecodeCommandTest.run(args);
    }

    @Test
    void diagnoseOnEvidenceWithoutAVerdictSaysTheScenarioDidNotFinish(@TempDir Path dir) throws Exception {
        Path killed = Files.createDirectories(dir.resolve("killed"));
        Files.writeString(killed.resolve("events.jsonl"), String.join("\n",
                "{\"seq\":1,\"labTime\":\"2026-11-29T10:00:00Z\",\"source\":\"lab\",\"kind\":\"rig-ready\"}",
                "{\"seq\":2,\"labTime\":\"2026-11-29T10:00:01Z\",\"source\":\"ecr\",\"kind\":\"command\","
                        + "\"command\":\"Authorization\"}", ""));
        DecodeCommandTest.Run r = run("diagnose", killed.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("no verdict: the scenario did not finish"), r.err());
        assertFalse(r.out().contains("settled"), "no made-up cause: " + r.out());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("events.jsonl"), "");
        r = run("diagnose", empty.toString());
        assertTrue(r.exit() != 0, "exit " + r.exit());
        assertTrue(r.err().contains("no verdict: the scenario did not finish"), r.err());

        Path corrupt = Files.createDirectories(dir.resolve("corrupt"));
        Files.writeString(corrupt.resolve("events.jsonl"), "{\"seq\":1,\"source\":\"lab\"}\n%%% not json\n"
                + "{\"seq\":3,\"source\":\"lab\"}\n");
        r = run("diagnose", corrupt.toString());
        assertTrue(r.exit() != 0, "exit " + r.exit());
        assertTrue(r.err().contains("no verdict: the scenario did not finish"), r.err());
        assertFalse(r.err().contains("Exception"), "no stack trace: " + r.err());
    }

    @Test
    void decodeZvtOnEmptyOrBinaryOrNonHexInputSaysSoWithExitTwo(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "# only a comment\n\n");
        DecodeCommandTest.Run r = run("decode", "zvt", "--file", empty.toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("the input is empty"), r.err());

        Path bin = dir.resolve("capture.bin");
        Files.write(bin, new byte[] {0x10, 0x02, (byte) 0x80, 0x00, 0x00, 0x10, 0x03, (byte) 0xF5, 0x1F});
        r = run("decode", "zvt", "--file", bin.toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(bin.toString()) && r.err().contains("expects hex text"), r.err());

        r = run("decode", "zvt", "10 02 ZZ");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("not a hex digit: 'Z'"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void runRefusesBadOptionsBeforeAnyScenario(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report");
        long t0 = System.nanoTime();
        DecodeCommandTest.Run r = run("run", "--defect", "NOPE", "--report", report.toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("--defect NOPE: unknown defect 'NOPE'; known: "), r.err());
        r = run("run", "--scale", "-1", "--report", report.toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("--scale -1.0: the lab time scale must be above 0"), r.err());
        r = run("run", "--terminal", "no-such-terminal", "--report", report.toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("--terminal no-such-terminal") && r.err().contains("not found"), r.err());
        assertFalse(Files.exists(report), "nothing ran, nothing was written");
        Files.createDirectories(report.resolve("evidence"));
        r = run("run", "--report", report.toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("a report folder holds one run"), r.err());
        assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "refused at once");
    }

    @Test
    void aTerminalProfileWithoutTerminalIdFailsAtLoadNamingFileLineAndField(@TempDir Path dir) throws Exception {
        List<String> good = Files.readAllLines(Path.of("fixtures/terminals/emulated-zvt.yaml"));
        Path noTid = dir.resolve("no-tid.yaml");
        Files.write(noTid, good.stream().filter(l -> !l.startsWith("terminalId:")).toList());
        FixtureException e = assertThrows(FixtureException.class, () -> TerminalProfile.load(noTid));
        assertTrue(e.getMessage().startsWith(noTid + ":") && e.getMessage().contains(": field 'terminalId': "
                + "terminalId is required"), e.getMessage());

        Path badTid = dir.resolve("bad-tid.yaml");
        Files.write(badTid, good.stream().map(l -> l.startsWith("terminalId:") ? "terminalId: \"12AB\"" : l).toList());
        int line = good.stream().map(String::trim).toList().indexOf(
                good.stream().filter(l -> l.startsWith("terminalId:")).findFirst().orElseThrow()) + 1;
        e = assertThrows(FixtureException.class, () -> TerminalProfile.load(badTid));
        assertTrue(e.getMessage().startsWith(badTid + ":" + line + ": field 'terminalId': "), e.getMessage());

        Path noMid = dir.resolve("no-mid.yaml");
        Files.write(noMid, good.stream().filter(l -> !l.startsWith("merchantId:")).toList());
        e = assertThrows(FixtureException.class, () -> TerminalProfile.load(noMid));
        assertTrue(e.getMessage().contains("field 'merchantId': merchantId is required"), e.getMessage());

        Path empty = dir.resolve("empty.yaml");
        Files.writeString(empty, "");
        e = assertThrows(FixtureException.class, () -> TerminalProfile.load(empty));
        assertTrue(e.getMessage().startsWith(empty + ":1: field '(top level)'"), e.getMessage());
    }

    @Test
    void portErrorsOfAPhysicalProfileEndAsLabFaultWithTheFixAndNoStackTrace(@TempDir Path dir) throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort(); // free again once closed: nothing listens there
        }
        String refused = "tcp://127.0.0.1:" + closed;
        String missing = dir.resolve("no-such-adapter").toString();
        // the terminal locks and acquirer records of these bench terminals live with this test
        String labState = System.setProperty("firstsettle.labState", dir.resolve("lab-state").toString());
        try {
            refusedBenchRuns(dir, closed, refused, missing);
        } finally {
            if (labState == null) {
                System.clearProperty("firstsettle.labState");
            } else {
                System.setProperty("firstsettle.labState", labState);
            }
        }
    }

    private static void refusedBenchRuns(Path dir, int closed, String refused, String missing) throws Exception {
        for (String port : List.of(missing, refused)) {
            Path profile = dir.resolve("bench-" + (port.equals(missing) ? "missing" : "refused") + ".yaml");
            Files.writeString(profile, Files.readString(Path.of("fixtures/terminals/bench-zvt-example.yaml"))
                    .replaceAll("(?m)^port: .*$", "port: \"" + port + "\"")
                    .replaceAll("(?m)^hostListen: .*$", "hostListen: \"127.0.0.1:0\"")
                    .replaceAll("(?m)^name: .*$", "name: bench-" + closed + "-" + profile.getFileName().toString()
                            .replace(".yaml", "")));
            Path report = dir.resolve("report-" + profile.getFileName());
            long t0 = System.nanoTime();
            DecodeCommandTest.Run r = run("run", "--terminal", profile.toString(), "--report", report.toString(),
                    "features/first-transaction/first-sale-settles.feature:6");
            String all = r.out() + r.err();
            assertEquals(3, r.exit(), "a lab fault: " + all);
            String verdicts = Files.readString(report.resolve("verdicts.txt"));
            assertTrue(verdicts.contains("LAB_FAULT terminal ") && verdicts.contains("its scenarios were not run"),
                    verdicts);
            if (port.equals(missing)) {
                assertTrue(verdicts.contains(port + " does not exist") && verdicts.contains("Fix: plug the adapter in"),
                        verdicts);
            } else {
                assertTrue(verdicts.contains(refused + ": connection refused") && verdicts.contains("start ser2net"),
                        verdicts);
            }
            assertTrue(all.contains("is not ready; its scenarios are not run"), all);
            assertFalse(all.contains("Exception") || all.contains("\tat "), "no stack trace: " + all);
            assertTrue(Files.readString(report.resolve("summary.json")).contains("LAB_FAULT"));
            assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "refused by the doctor, no scenario waits");
        }
    }
}
