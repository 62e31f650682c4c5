package io.firstsettle.cli;

import io.firstsettle.core.LabClock;
import io.firstsettle.evidence.EvidenceRecorder;
import io.firstsettle.lab.Doctor;
import io.firstsettle.lab.FileTerminalLock;
import io.firstsettle.lab.PortAccess;
import io.firstsettle.lab.TerminalLock;
import io.firstsettle.profile.TerminalProfile;

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

    static int run(Path out, String terminal, Callable<Byte> catalogue) throws Exception {
        TerminalProfile p = TerminalProfile.named(terminal);
        Files.createDirectories(out);
        TerminalLock.Hold hold;
        try {
            hold = FileTerminalLock.standard().acquire(p.terminalId(), p.port(),
                    TerminalLock.Holder.thisProcess(out.toString()));
        } catch (TerminalLock.Held held) {
            String line = "LAB_FAULT terminal " + p.name() + " not taken: " + held.getMessage();
            System.err.println("firstsettle run: " + held.getMessage());
            append(out.resolve("verdicts.txt"), "  - " + line);
            return 1;
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
                return 1;
            }
            return catalogue.call();
        }
    }

    private static void append(Path file, String line) throws IOException {
        Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
