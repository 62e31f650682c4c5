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

    static final String NO_VERDICT = "no verdict: the scenario did not finish";

    @Override
    public Integer call() {
        if (java.nio.file.Files.isDirectory(dir.resolve("evidence"))
                && !java.nio.file.Files.exists(dir.resolve("events.jsonl"))) {
            return RunDiagnosis.print(dir, System.out);
        }
        EventLog log;
        try {
            log = EventLog.read(dir);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (IllegalStateException e) {
            System.err.println(NO_VERDICT + " (the events file is corrupt: " + e.getMessage() + ")");
            return 1;
        }
        if (log.truncated()) {
            System.err.println(log.file() + ": the last line is cut off (a killed run); it was skipped");
        }
        if (!log.any("oracle", "verdict") && !log.any("lab", "rig-failed") && !log.any("lab", "lab-fault")) {
            System.err.println(NO_VERDICT + ": " + log.file() + " holds " + log.events().size() + " event(s) and no "
                    + "verdict; run the scenario again (the evidence recorded so far is kept as it is)");
            return 1;
        }
        System.out.print(Diagnosis.of(log).render());
        return 0;
    }
}
