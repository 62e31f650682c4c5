package io.firstsettle.cli;

import io.firstsettle.emulator.Defect;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The short form of {@code firstsettle detect}: each catalogued defect against the one scenario the checked-in
 * {@link DetectionMatrix} names as its proof, quietly. A defect passes only when that scenario ends in a defect verdict;
 * a defect without a row, a proof scenario that no longer exists, or one that no longer catches the defect fails.
 */
final class DetectionProof {
    private DetectionProof() {
    }

    /** What one defect's proof run gave. */
    record Result(Defect defect, String scenario, String expectedVerdict, List<VerdictLines.Line> lines, Path report) {
        boolean caught() {
            return lines.stream().anyMatch(VerdictLines.Line::defectVerdict);
        }

        String explain() {
            if (scenario == null) {
                return defect + ": no scenario in " + DetectionMatrix.FILE + " catches it — add a scenario that does and "
                        + "run ./firstsettle detect --defect " + defect + " --update-matrix";
            }
            if (lines.isEmpty()) {
                return defect + ": its proof scenario '" + scenario + "' did not run (renamed or removed?) — run "
                        + "./firstsettle detect --defect " + defect + " --update-matrix";
            }
            return defect + ": its proof scenario '" + scenario + "' gave " + lines.stream()
                    .map(l -> l.status() + " " + l.verdict()).toList() + " instead of a defect verdict (matrix: "
                    + expectedVerdict + "); evidence: " + lines.get(0).evidence() + ", report " + report;
        }
    }

    /**
     * Runs every defect of {@code defects} against its proof scenario, one quiet Cucumber run each into
     * {@code out/proof-DEFECT}, {@code parallel} runs at a time (each its own rig; the runs' settings are bound to
     * their threads).
     */
    static List<Result> run(DetectionMatrix matrix, List<Defect> defects, Path out, double scale, int parallel)
            throws IOException, InterruptedException {
        return run(matrix, defects, out, scale, parallel, DetectionMatrix.DEFAULT_TERMINAL);
    }

    /** As above against the terminal profile {@code terminal} (each defect injected into that emulated terminal). */
    static List<Result> run(DetectionMatrix matrix, List<Defect> defects, Path out, double scale, int parallel,
                            String terminal) throws IOException, InterruptedException {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.max(1, parallel), r -> {
                    Thread t = new Thread(r, "detection-proof");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<java.util.concurrent.Future<Result>> futures = new ArrayList<>();
            for (Defect d : defects) {
                futures.add(pool.submit(() -> one(matrix, d, out, scale, terminal)));
            }
            List<Result> results = new ArrayList<>();
            for (var f : futures) {
                try {
                    results.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a detection proof run failed to run: " + e.getCause(), e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Result one(DetectionMatrix matrix, Defect d, Path out, double scale, String terminal)
            throws IOException {
        var proof = matrix.proof(d);
        if (proof.isEmpty()) {
            return new Result(d, null, null, List.of(), null);
        }
        Path dir = out.resolve("proof-" + d.name());
        String name = "^" + Pattern.quote(proof.get().scenario()) + "$";
        RunCommand.catalogue(dir, List.of(), null, name, terminal, scale, List.of(d.name()), false, true, 1);
        return new Result(d, proof.get().scenario(), proof.get().verdict(),
                VerdictLines.read(dir.resolve("verdicts.txt")).lines(), dir);
    }
}
