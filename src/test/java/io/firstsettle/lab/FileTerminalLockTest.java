package io.firstsettle.lab;

import io.firstsettle.testing.LabTools;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One run at a time per terminal: a second taker (another process, or this one) is refused with the holder named; the
 * lock of a process killed with SIGKILL is free at once; a run on a held terminal is refused before it touches it.
 */
class FileTerminalLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondProcessIsRefusedNamingTheHolderAndAKilledHoldersLockIsReleased() throws Exception {
        Path locks = dir.resolve("locks");
        Process holder = new ProcessBuilder(java(LockHolderMain.class.getName(), locks.toString(), "29110001",
                "/dev/ttyUSB7", "certification-run-A")).redirectError(dir.resolve("holder.err").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream()));
            assertEquals("held", out.readLine(), "holder: " + LabTools.read(dir.resolve("holder.err")));
            FileTerminalLock lock = new FileTerminalLock(locks);
            TerminalLock.Held byTid = assertThrows(TerminalLock.Held.class, () -> lock.acquire("29110001",
                    "/dev/ttyUSB9", TerminalLock.Holder.thisProcess("run-B")));
            String m = byTid.getMessage();
            assertTrue(m.contains("terminal 29110001") && m.contains("certification-run-A")
                    && m.contains("pid " + holder.pid()), m);
            assertEquals(holder.pid(), byTid.holder().pid());
            TerminalLock.Held byPort = assertThrows(TerminalLock.Held.class, () -> lock.acquire("29119999",
                    "/dev/ttyUSB7", TerminalLock.Holder.thisProcess("run-B")));
            assertTrue(byPort.getMessage().contains("port /dev/ttyUSB7"), byPort.getMessage());
            // the refused attempt on the port must not have kept the TID it took first
            lock.acquire("29119999", "/dev/ttyUSB8", TerminalLock.Holder.thisProcess("run-C")).close();

            holder.destroyForcibly(); // a crashed run: no close(), no shutdown hook
            assertTrue(holder.waitFor(10, TimeUnit.SECONDS));
            try (TerminalLock.Hold h = lock.acquire("29110001", "/dev/ttyUSB7", TerminalLock.Holder.thisProcess("run-B"))) {
                assertTrue(Files.readString(locks.resolve("tid-29110001.lock")).contains("run-B"),
                        "the new holder is written in the lock file");
                TerminalLock.Held same = assertThrows(TerminalLock.Held.class, () -> lock.acquire("29110001",
                        "/dev/ttyUSB7", TerminalLock.Holder.thisProcess("run-D")));
                assertTrue(same.getMessage().contains("run-B"), same.getMessage());
            }
            lock.acquire("29110001", "/dev/ttyUSB7", TerminalLock.Holder.thisProcess("run-E")).close();
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    @Tag("lab-tools") // a whole `firstsettle run` process: with the long tests
    void aRunOnAHeldTerminalIsRefusedNamingTheHolder() throws Exception {
        Path labState = dir.resolve("lab-state");
        Path profile = dir.resolve("bench.yaml");
        Files.writeString(profile, String.join("\n", "name: bench", "kind: physical", "port: /dev/ttyUSB7",
                "baud: 9600", "stopBits: 2", "password: \"000000\"", "configByte: \"BA\"", "currency: 978",
                "terminalId: \"29110001\"", "merchantId: \"FS0000000000001\"", "hostListen: \"127.0.0.1:0\"", ""));
        try (TerminalLock.Hold h = new FileTerminalLock(labState.resolve("locks")).acquire("29110001", "/dev/ttyUSB7",
                TerminalLock.Holder.thisProcess("nightly-certification"))) {
            List<String> cmd = java("io.firstsettle.cli.Main", "run", "--terminal", profile.toString(), "--report",
                    dir.resolve("report").toString());
            cmd.add(4, "-Dfirstsettle.labState=" + labState);
            Process run = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String text = new String(run.getInputStream().readAllBytes());
            assertTrue(run.waitFor(60, TimeUnit.SECONDS));
            assertEquals(3, run.exitValue(), "a held terminal is a lab fault (exit 3): " + text);
            assertTrue(text.contains("nightly-certification") && text.contains("pid " + ProcessHandle.current().pid()),
                    text);
            assertTrue(Files.readString(dir.resolve("report/verdicts.txt")).contains("LAB_FAULT"));
        }
    }

    private static List<String> java(String main, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dfirstsettle.home=" + Path.of("").toAbsolutePath(),
                main));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
