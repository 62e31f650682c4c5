package io.firstsettle.cli;

import io.firstsettle.core.AtomicFiles;
import io.firstsettle.core.LabClock;
import io.firstsettle.evidence.EvidenceRecorder;
import io.firstsettle.lab.Doctor;
import io.firstsettle.lab.FileTerminalLock;
import io.firstsettle.lab.PortAccess;
import io.firstsettle.lab.TerminalLock;
import io.firstsettle.profile.TerminalProfile;
import io.firstsettle.store.LabDb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * A run on a physical terminal: the terminal is taken for this run (one run at a time per TID and port), the doctor
 * checks it, and only a healthy terminal runs its scenarios. A terminal that fails the doctor is a lab fault: its
 * scenarios are not run, and the report says why ({@code doctor.txt}, {@code verdicts.txt}).
 */
final class BenchRun {
    private BenchRun() {
    }

    /**
     * @param labDb the lab store: the terminal is reserved there too (by profile name), so runs and holds on other
     *              machines of the lab are seen; lock files alone only see this machine
     */
    static int run(Path out, String terminal, LabDb labDb, Callable<Byte> catalogue) throws Exception {
        TerminalProfile p = TerminalProfile.named(terminal);
        Files.createDirectories(out);
        TerminalLock.Hold hold;
        try {
            hold = take(p, labDb, TerminalLock.Holder.thisProcess(out.toString()));
        } catch (TerminalLock.Held held) {
            String line = "LAB_FAULT terminal " + p.name() + " not taken: " + held.getMessage();
            System.err.println("firstsettle run: " + held.getMessage());
            append(out.resolve("verdicts.txt"), "  - " + line);
            refused(out, p, line);
            return RunOutcome.LAB_FAULT.exitCode();
        }
        try (hold) {
            Path fixtures = Path.of(System.getProperty("firstsettle.fixtures", Main.home().resolve("fixtures").toString()));
            List<Doctor.Check> checks;
            try (EvidenceRecorder ev = new EvidenceRecorder(out.resolve("doctor"), LabClock.real())) {
                checks = new Doctor(p, fixtures, LabClock.real(), PortAccess.Identity.current(), ev).run();
            }
            String text = checks.stream().map(Doctor.Check::render).collect(Collectors.joining("\n")) + "\n";
            Files.writeString(out.resolve("doctor.txt"), text, StandardCharsets.UTF_8);
            System.out.println("doctor, terminal " + p.name() + " (TID " + p.terminalId() + ", " + p.port() + "):");
            System.out.print(text.indent(2));
            if (!Doctor.healthy(checks)) {
                Doctor.Check failed = checks.get(checks.size() - 1);
                append(out.resolve("verdicts.txt"), "  - LAB_FAULT terminal " + p.name() + " failed the doctor ("
                        + failed.name() + ": " + failed.detail() + "); its scenarios were not run. Fix: "
                        + failed.fix());
                System.err.println("firstsettle run: terminal " + p.name() + " is not ready; its scenarios are not "
                        + "run (see " + out.resolve("doctor.txt") + ")");
                refused(out, p, "terminal " + p.name() + " failed the doctor (" + failed.name() + ": " + failed.detail()
                        + "); its scenarios were not run. Fix: " + failed.fix());
                return RunOutcome.LAB_FAULT.exitCode();
            }
            return catalogue.call();
        }
    }

    /** This machine's lock files first (cheap, and they name a local holder), then the lab store's reservation. */
    private static TerminalLock.Hold take(TerminalProfile p, LabDb labDb, TerminalLock.Holder run) {
        TerminalLock.Hold local = FileTerminalLock.standard().acquire(p.terminalId(), p.port(), run);
        try {
            TerminalLock.Hold lab = new StoreTerminalLock(labDb, p.name()).acquire(p.terminalId(), p.port(), run);
            return () -> {
                lab.close();
                local.close();
            };
        } catch (RuntimeException e) {
            local.close();
            throw e;
        }
    }

    private static void append(Path file, String line) throws IOException {
        Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /**
     * A bench run that never started its scenarios still leaves a report a lab can read: summary.json with the outcome
     * LAB_FAULT and why, and an index.html saying the same (links: doctor.txt, verdicts.txt).
     */
    private static void refused(Path out, TerminalProfile p, String why) throws IOException {
        java.util.Map<String, Object> run = new java.util.LinkedHashMap<>();
        run.put("title", "Bench run on " + p.name() + ": not started");
        run.put("outcome", RunOutcome.LAB_FAULT.name());
        run.put("exitCode", RunOutcome.LAB_FAULT.exitCode());
        run.put("reason", why);
        java.util.Map<String, Object> summary = new java.util.LinkedHashMap<>();
        summary.put("run", run);
        summary.put("terminal", java.util.Map.of("profile", p.name(), "tid", p.terminalId(), "port", p.port()));
        summary.put("scenarios", List.of());
        AtomicFiles.writeString(out.resolve("summary.json"), new com.fasterxml.jackson.databind.ObjectMapper()
                .writerWithDefaultPrettyPrinter().writeValueAsString(summary));
        AtomicFiles.writeString(out.resolve("index.html"), "<!doctype html><html><head><meta charset=\"utf-8\"><title>"
                + SummaryHtml.esc(p.name()) + ": LAB FAULT</title></head><body><h1 style=\"color:#b36b00\">LAB FAULT: "
                + "the bench run did not start</h1><p>" + SummaryHtml.esc(why) + "</p><p><a href=\"doctor.txt\">doctor.txt</a>"
                + " · <a href=\"verdicts.txt\">verdicts.txt</a></p></body></html>\n");
    }
}
