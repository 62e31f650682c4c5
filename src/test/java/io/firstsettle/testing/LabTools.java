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
}
