package io.firstsettle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firstsettle.lab.PortAccess;
import io.firstsettle.port.PtyPair;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, "port not permitted": a physical profile whose port the user may not open ends as LAB_FAULT, naming the
 * port and the fix (group dialout or the udev rule), with the lab-fault exit code and no stack trace. The port is a
 * real kernel pty chmod 600; the run is a separate {@code firstsettle run} process, as user nobody (setpriv, the way
 * {@code DoctorTest} confirms the kernel's answer) when the tests run as root, as CI does, or as the user itself on
 * a pty it made unreadable when they do not.
 */
class PortNotPermittedRunTest {
    private static final int NOBODY = 65534;

    @Test
    void aPortTheUserMayNotOpenEndsAsLabFaultWithThePortAndTheFix(@TempDir Path tmp) throws Exception {
        boolean root = PortAccess.Identity.current().uid() == 0;
        Path work = Files.createTempDirectory("fs-denied-");
        try (PtyPair pty = PtyPair.open()) {
            Path slave = Path.of(pty.slavePath());
            Files.setPosixFilePermissions(slave, PosixFilePermissions.fromString(root ? "rw-------" : "---------"));
            Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxrwx"));
            String classPath = readableClassPath(work.resolve("lib"));
            Path profile = work.resolve("bench-denied.yaml");
            Files.writeString(profile, Files.readString(Path.of("fixtures/terminals/bench-zvt-example.yaml"))
                    .replaceAll("(?m)^port: .*$", "port: \"" + slave + "\"")
                    .replaceAll("(?m)^hostListen: .*$", "hostListen: \"127.0.0.1:0\"")
                    .replaceAll("(?m)^name: .*$", "name: bench-denied"));
            Path report = work.resolve("report");
            List<String> cmd = new ArrayList<>();
            if (root) {
                cmd.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
            }
            cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-Duser.home=" + work, "-Dfirstsettle.labState=" + work.resolve("lab-state"),
                    "-cp", classPath, "io.firstsettle.cli.Main", "run", "--terminal", profile.toString(),
                    "--report", report.toString(), "features/first-transaction/first-sale-settles.feature:6"));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("FIRSTSETTLE_LAB_DB", work.resolve("lab.db").toString());
            pb.environment().put("HOME", work.toString());
            Process p = pb.start();
            String all = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run ended: " + all);

            assertEquals(3, p.exitValue(), "the lab-fault exit code: " + all);
            assertTrue(all.contains(slave.toString()), "names the port: " + all);
            assertTrue(all.contains("is not ready; its scenarios are not run"), all);
            assertFalse(all.contains("Exception") || all.contains("\tat "), "no stack trace: " + all);
            String verdicts = Files.readString(report.resolve("verdicts.txt"));
            assertTrue(verdicts.contains("LAB_FAULT terminal ") && verdicts.contains(slave.toString()), verdicts);
            assertTrue(verdicts.contains("usermod -aG dialout") && verdicts.contains("udev rule"), "the fix: "
                    + verdicts);
            // a pty of mode 600 in group root: joining its group is neither possible nor wise; the rule is the fix
            assertFalse(verdicts.contains("-aG root") || verdicts.contains("GROUP=\"root\""), verdicts);
            assertTrue(Files.readString(report.resolve("summary.json")).contains("LAB_FAULT"));
        } finally {
            deleteTree(work);
        }
    }

    /** The port's own open (jssc, as {@code emulate --port} does it) refused by the kernel, not by the doctor. */
    @Test
    void anEmulatorOnAPortTheUserMayNotOpenSaysPermissionDeniedWithTheFix() throws Exception {
        boolean root = PortAccess.Identity.current().uid() == 0;
        Path work = Files.createTempDirectory("fs-denied-");
        try (PtyPair pty = PtyPair.open()) {
            Path slave = Path.of(pty.slavePath());
            Files.setPosixFilePermissions(slave, PosixFilePermissions.fromString(root ? "rw-------" : "---------"));
            Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxrwx"));
            List<String> cmd = new ArrayList<>();
            if (root) {
                cmd.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
            }
            cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-Duser.home=" + work, "-cp", readableClassPath(work.resolve("lib")), "io.firstsettle.cli.Main",
                    "emulate", "--port", slave.toString(), "--host", "127.0.0.1:9", "--state-dir",
                    work.resolve("state").toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("HOME", work.toString());
            Process p = pb.start();
            String all = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the emulator gave up: " + all);
            assertEquals(2, p.exitValue(), "emulate's exit code for a port it cannot use: " + all);
            assertTrue(all.contains(slave + ": permission denied") && all.contains("group dialout")
                    && all.contains("udev rule"), all);
            assertFalse(all.contains("Exception") || all.contains("\tat "), "no stack trace: " + all);
        } finally {
            deleteTree(work);
        }
    }

    /**
     * The test's class path, readable by user nobody: the build's class folders are world-readable, the jars in
     * the local repository (under root's home, mode 700) are hard-linked (or copied) into {@code lib}.
     */
    private static String readableClassPath(Path lib) throws IOException {
        Files.createDirectories(lib);
        Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("rwxr-xr-x"));
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> out = new ArrayList<>();
        int i = 0;
        for (String entry : cp.split(File.pathSeparator)) {
            Path e = Path.of(entry);
            if (Files.isDirectory(e) || !entry.endsWith(".jar")) {
                out.add(e.toAbsolutePath().toString());
                continue;
            }
            Path link = lib.resolve((i++) + "-" + e.getFileName());
            try {
                Files.createLink(link, e);
            } catch (IOException | UnsupportedOperationException notSameFs) {
                Files.copy(e, link, StandardCopyOption.REPLACE_EXISTING);
            }
            out.add(link.toString());
        }
        return String.join(File.pathSeparator, out);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }
}
