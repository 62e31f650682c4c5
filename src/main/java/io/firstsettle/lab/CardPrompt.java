package io.firstsettle.lab;

import io.firstsettle.core.event.Generic;
import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;
import io.firstsettle.profile.CardProfile;
import io.firstsettle.profile.TerminalProfile;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A card must be presented at a physical terminal: the request stands out on the console (terminal, card, amount, the
 * time left before the terminal gives up) and is recorded in the evidence. With {@code -Dfirstsettle.cardholderCommand}
 * ({@code run --cardholder-command CMD}) the same request goes to a card robot or card simulator: the command runs with
 * {@code sh -c} and the request in its environment (FIRSTSETTLE_TERMINAL, FIRSTSETTLE_TID, FIRSTSETTLE_PORT,
 * FIRSTSETTLE_CARD, FIRSTSETTLE_PAN (masked), FIRSTSETTLE_AMOUNT_MINOR, FIRSTSETTLE_SECONDS_LEFT) while the register
 * sends the payment; its exit status and output are recorded.
 */
final class CardPrompt {
    private CardPrompt() {
    }

    static void ask(TerminalProfile p, String line, CardProfile card, Long amountMinor, LabClock clock,
                    EventSink evidence) {
        long secondsLeft = clock.toReal(Duration.ofSeconds(p.t4Seconds())).toSeconds();
        String amount = amountMinor == null ? "the scenario's amount"
                : String.format("%d.%02d (currency %d)", amountMinor / 100, amountMinor % 100, p.currency());
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("terminal", p.name());
        f.put("tid", p.terminalId());
        f.put("card", card.name());
        f.put("pan", card.maskedPan());
        f.put("amountMinor", amountMinor == null ? "unknown" : amountMinor);
        f.put("secondsLeft", secondsLeft);
        String command = System.getProperty("firstsettle.cardholderCommand");
        f.put("by", command == null || command.isBlank() ? "operator" : "cardholder command");
        evidence.record("lab", new Generic("card-request", f));
        String bar = "=".repeat(78);
        System.err.println(bar + "\n[firstsettle] PRESENT CARD  at terminal " + p.name() + " (TID " + p.terminalId()
                + ", line " + line + ")\n              card " + card.name() + " " + card.maskedPan() + " ("
                + card.scheme() + "), amount " + amount + "\n              the terminal waits about " + secondsLeft
                + " s for it" + (command == null || command.isBlank() ? "" : "; handed to: " + command) + "\n" + bar);
        if (command != null && !command.isBlank()) {
            Thread t = new Thread(() -> runCommand(command, f, evidence), "cardholder-command");
            t.setDaemon(true);
            t.start();
        }
    }

    private static void runCommand(String command, Map<String, Object> request, EventSink evidence) {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true);
        java.nio.file.Path out;
        try {
            out = java.nio.file.Files.createTempFile("firstsettle-cardholder", ".out");
        } catch (IOException e) {
            evidence.record("lab", new Generic("cardholder-command", Map.of("command", command, "exit",
                    "no temp file: " + e)));
            return;
        }
        pb.redirectOutput(out.toFile());
        Map<String, String> env = pb.environment();
        env.put("FIRSTSETTLE_TERMINAL", String.valueOf(request.get("terminal")));
        env.put("FIRSTSETTLE_TID", String.valueOf(request.get("tid")));
        env.put("FIRSTSETTLE_CARD", String.valueOf(request.get("card")));
        env.put("FIRSTSETTLE_PAN", String.valueOf(request.get("pan")));
        env.put("FIRSTSETTLE_AMOUNT_MINOR", String.valueOf(request.get("amountMinor")));
        env.put("FIRSTSETTLE_SECONDS_LEFT", String.valueOf(request.get("secondsLeft")));
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("command", command);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            long bound = Math.max(5, ((Number) request.get("secondsLeft")).longValue());
            boolean ended = p.waitFor(bound, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly();
            }
            f.put("exit", ended ? p.exitValue() : "did not end within " + bound + " s");
            f.put("output", PowerSwitch.readHead(out));
        } catch (IOException e) {
            f.put("exit", "could not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.put("exit", "interrupted");
        }
        evidence.record("lab", new Generic("cardholder-command", f));
    }
}
