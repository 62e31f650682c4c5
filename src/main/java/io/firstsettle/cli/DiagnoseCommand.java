package io.firstsettle.cli;

import io.firstsettle.evidence.EventLog;
import io.firstsettle.oracle.Diagnosis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code firstsettle diagnose EVIDENCE_DIR|RUN_FOLDER}: the first transaction's cause, from a recorded events.jsonl
 * alone; for a whole run folder, one line per scenario.
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = "Diagnose a recorded scenario from its events.jsonl: cause, evidence lines, what to do (EN/中文). "
                + "Given a run's report folder: one line per scenario (verdict, cause, finding).")
final class DiagnoseCommand implements Callable<Integer> {
    @Parameters(paramLabel = "EVIDENCE_DIR|RUN_FOLDER", description = "a scenario's evidence folder, its events.jsonl, "
            + "or a run's report folder (reports/run-<ts>)")
    Path dir;

    @Override
    public Integer call() {
        if (java.nio.file.Files.isDirectory(dir.resolve("evidence"))
                && !java.nio.file.Files.exists(dir.resolve("events.jsonl"))) {
            return RunDiagnosis.print(dir, System.out);
        }
        EventLog log;
        try {
            log = EventLog.read(dir);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        if (log.truncated()) {
            System.err.println(log.file() + ": the last line is cut off (a killed run); it was skipped");
        }
        System.out.print(Diagnosis.of(log).render());
        return 0;
    }
}
