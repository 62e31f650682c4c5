package io.firstsettle.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Facts about the run for the certification summary: harness version, commit, host name. */
final class RunMetadata {
    private RunMetadata() {
    }

    static String version() {
        String v = RunMetadata.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }

    /** {@code git rev-parse HEAD} in the harness home, bounded to 5 s; "unknown" outside a git checkout. */
    static String commit(Path home) {
        try {
            Process p = new ProcessBuilder("git", "-C", home.toString(), "rev-parse", "HEAD")
                    .redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) { // bounded: a hung git must not hold the report
                p.destroyForcibly();
                return "unknown (git rev-parse took over 5 s)";
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : "unknown (not a git checkout)";
        } catch (IOException e) {
            return "unknown (git not installed)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown (interrupted)";
        }
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env != null ? env : "unknown";
        }
    }
}
