package io.firstsettle.lab;

import io.firstsettle.core.event.Generic;
import io.firstsettle.core.EventSink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A bench terminal's power, cut and restored by the shell commands its profile names ({@code powerOff},
 * {@code powerOn}): a switched PDU's CLI, a USB relay, {@code uhubctl}. Each command runs with {@code sh -c}, must end
 * within {@link #BOUND_SECONDS} s and exit 0; its exit status and output are recorded in the evidence.
 */
final class PowerSwitch {
    static final int BOUND_SECONDS = 30;

    private PowerSwitch() {
    }

    static void run(String what, String command, EventSink evidence) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("command", command);
        Process p;
        java.nio.file.Path out;
        try {
            // output to a file, not a pipe: a command that leaves a process running (a booting device) must not
            // keep the harness reading
            out = java.nio.file.Files.createTempFile("firstsettle-" + what, ".out");
            p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new LabFault(what + ": cannot run '" + command + "' (" + e.getMessage() + "); check the profile's "
                    + "power commands", e);
        }
        try {
            boolean ended = p.waitFor(BOUND_SECONDS, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly();
            }
            String text = readHead(out);
            f.put("exit", ended ? p.exitValue() : "timeout");
            f.put("output", text);
            evidence.record("lab", new Generic(what, f));
            if (!ended || p.exitValue() != 0) {
                throw new LabFault(what + ": '" + command + "' " + (ended ? "exited " + p.exitValue()
                        : "did not end within " + BOUND_SECONDS + " s") + (text.isEmpty() ? "" : ": " + text)
                        + "; check the power switch and the profile's command");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new LabFault(what + ": interrupted while '" + command + "' ran", e);
        }
    }

    /** The first 4000 bytes of a command's output file, which is then deleted. */
    static String readHead(java.nio.file.Path out) {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(out)) {
            return new String(in.readNBytes(4000), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        } finally {
            try {
                java.nio.file.Files.deleteIfExists(out);
            } catch (IOException ignored) {
                // a temp file left behind
            }
        }
    }
}
