package io.firstsettle.cli;

import io.firstsettle.evidence.EventLog;
import io.firstsettle.oracle.Diagnosis;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** {@code firstsettle diagnose RUN_FOLDER}: every scenario of a run, one line each, from its events alone. */
final class RunDiagnosis {
    private RunDiagnosis() {
    }

    /** Prints one line per evidence folder (verdict, cause, finding); exit 2 when the run has no evidence at all. */
    static int print(Path run, PrintStream out) {
        Path evidence = run.resolve("evidence");
        List<Path> dirs;
        try (Stream<Path> s = Files.list(evidence)) {
            dirs = s.filter(d -> Files.isRegularFile(d.resolve("events.jsonl"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + evidence, e);
        }
        if (dirs.isEmpty()) {
            System.err.println(evidence + ": no scenario evidence (events.jsonl) here; give a run's report folder");
            return RunOutcome.USAGE;
        }
        out.printf("%-18s %-40s %s%n", "verdict", "cause", "scenario: finding");
        for (Path d : dirs) {
            try {
                Diagnosis dg = Diagnosis.of(EventLog.read(d));
                out.printf("%-18s %-40s %s: %s%s%n", dg.verdict() == null ? "none" : dg.verdict(),
                        dg.cause().english(), d.getFileName(), dg.finding(), dg.truncated() ? " (events cut off)" : "");
            } catch (RuntimeException e) {
                out.printf("%-18s %-40s %s: %s%n", "unreadable", "-", d.getFileName(), e.getMessage());
            }
        }
        out.println(dirs.size() + " scenario(s); details: firstsettle diagnose " + evidence.resolve("<scenario>"));
        return 0;
    }
}
