package io.firstsettle.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/** Helpers of the lab-tools tests: finding socat, reading a child process's log for a failure message. */
public final class LabTools {
    private LabTools() {
    }

    /** socat's path on PATH; fails the test (never skips it) with what to install when it is missing. */
    public static String socat() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path s = Path.of(d, "socat");
            if (Files.isExecutable(s)) {
                return s.toString();
            }
        }
        fail("socat is not installed: this test puts a terminal process on a socat pty pair; install it "
                + "(apt-get install socat, or run .ci/run which installs it)");
        return null;
    }

    /** A log file's text for a failure message: "(none)" when absent, never an exception. */
    public static String read(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f) : "(none)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** The lines a process wrote to its standard output so far, and the thread that collects them. */
    public record Stdout(java.util.List<String> lines, Thread reader) {
        /** Waits (at most {@code millis}) for the collector to reach the end of the output, after the process ended. */
        public void awaitEnd(long millis) throws InterruptedException {
            reader.join(millis);
        }
    }

    /**
     * The lines {@code p} writes to its standard output, collected as they come by a daemon thread (read them while the
     * process runs; the list ends where the process closed its output).
     */
    public static Stdout stdoutLines(Process p) {
        java.util.List<String> out = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(
                    p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                    out.add(l);
                }
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        }, "stdout of pid " + p.pid());
        reader.setDaemon(true);
        reader.start();
        return new Stdout(out, reader);
    }
}
