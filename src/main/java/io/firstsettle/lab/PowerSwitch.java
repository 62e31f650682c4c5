package io.firstsettle.lab;

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
        try {
            p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new LabFault(what + ": cannot run '" + command + "' (" + e.getMessage() + "); check the profile's "
                    + "power commands", e);
        }
        try {
            p.getOutputStream().close();
            boolean ended = p.waitFor(BOUND_SECONDS, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly();
            }
            String out = new String(p.getInputStream().readNBytes(4000), StandardCharsets.UTF_8).strip();
            f.put("exit", ended ? p.exitValue() : "timeout");
            f.put("output", out);
            evidence.record("lab", what, f);
            if (!ended || p.exitValue() != 0) {
                throw new LabFault(what + ": '" + command + "' " + (ended ? "exited " + p.exitValue()
                        : "did not end within " + BOUND_SECONDS + " s") + (out.isEmpty() ? "" : ": " + out)
                        + "; check the power switch and the profile's command");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new LabFault(what + ": interrupted while '" + command + "' ran", e);
        } catch (IOException e) {
            throw new LabFault(what + ": cannot read the output of '" + command + "': " + e.getMessage(), e);
        }
    }
}
