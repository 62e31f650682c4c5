package io.firstsettle.cli;

import io.firstsettle.emulator.Defect;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code firstsettle detect}: proof that the catalogue catches broken terminals. Runs the catalogue once against the
 * correct emulated terminal (every scenario must pass) and once per catalogued firmware defect, then prints the
 * detection matrix: defect x scenarios that caught it x verdict class. Exit 0 only when the correct terminal passes
 * everything and every defect is caught by at least one scenario with a defect verdict (LOST, DUPLICATED,
 * MISREPORTED).
 *
 * <p>{@code --update-matrix} merges what the run found into the checked-in {@link DetectionMatrix}; {@code --proof}
 * runs only each defect's proof scenario from that matrix (what the test command does, ~1 s a defect).
 */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = "Run the catalogue against every emulated defect and print the detection matrix.")
final class DetectCommand implements Callable<Integer> {
    @Option(names = "--defect", description = "only these defects (default: all)")
    List<String> only = new ArrayList<>();

    @Option(names = "--tags", description = "Cucumber tag expression restricting the catalogue")
    String tags;

    @Option(names = "--terminal", defaultValue = DetectionMatrix.DEFAULT_TERMINAL, description = "the emulated "
            + "terminal profile the defects are injected into (default: ${DEFAULT-VALUE}; emulated-concert for Concert;"
            + " its matrix is fixtures/detection/matrix-NAME.tsv)")
    String terminal;

    @Option(names = "--scale", defaultValue = "0.05", description = "lab time scale (default: ${DEFAULT-VALUE})")
    double scale;

    @Option(names = "--report", description = "report folder (default: reports/detect-<timestamp>)")
    Path report;

    @Option(names = "--update-matrix", description = "write the scenarios that caught each defect into "
            + "fixtures/detection/matrix.tsv (check it in; the test command runs each defect's first scenario)")
    boolean updateMatrix;

    @Option(names = "--proof", description = "only run each defect against its proof scenario from "
            + "fixtures/detection/matrix.tsv (fast; fails naming a defect that escapes or has no scenario)")
    boolean proof;

    @picocli.CommandLine.Mixin
    LabDbOption labDb = new LabDbOption();

    /** What one defect run found. */
    record Row(String defect, List<VerdictLines.Line> caughtAsDefect, List<VerdictLines.Line> failedOtherwise) {
        boolean caught() {
            return !caughtAsDefect.isEmpty();
        }
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path out = report != null ? report.toAbsolutePath() : Main.home().resolve("reports")
                .resolve("detect-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        List<Defect> defects = new ArrayList<>();
        if (only.isEmpty()) {
            defects.addAll(List.of(Defect.values()));
        } else {
            only.forEach(n -> defects.add(Defect.parse(n)));
        }
        for (Defect d : List.copyOf(defects)) {
            java.util.Optional<String> why = notApplicable(terminal, d);
            if (why.isPresent()) {
                defects.remove(d);
                System.out.println("not applicable to " + terminal + ": " + d + " (" + why.get() + ")");
            }
        }
        LabHistory.begin(labDb, "detect", null);
        if (proof) {
            return proof(out, defects);
        }
        RunCommand.catalogue(out.resolve("correct"), List.of(), tags, terminal, scale, List.of(), false, 2);
        VerdictLines baseline = VerdictLines.read(out.resolve("correct").resolve("verdicts.txt"));
        List<VerdictLines.Line> baselineFailures = baseline.lines().stream().filter(VerdictLines.Line::failed).toList();

        Map<Defect, Row> rows = new LinkedHashMap<>();
        for (Defect d : defects) {
            Path dir = out.resolve("defect-" + d.name());
            RunCommand.catalogue(dir, List.of(), tags, terminal, scale, List.of(d.name()), false, 2);
            VerdictLines v = VerdictLines.read(dir.resolve("verdicts.txt"));
            rows.put(d, new Row(d.name(), v.lines().stream().filter(VerdictLines.Line::defectVerdict).toList(),
                    v.lines().stream().filter(l -> l.failed() && !l.defectVerdict()).toList()));
        }
        String matrix = render(baseline, baselineFailures, rows);
        Files.writeString(out.resolve("detection.md"), matrix, StandardCharsets.UTF_8);
        System.out.println(matrix);
        System.out.println("detection matrix: " + out.resolve("detection.md"));
        Map<Defect, List<DetectionMatrix.Catch>> found = new LinkedHashMap<>();
        rows.forEach((d, r) -> {
            if (r.caught()) {
                found.put(d, r.caughtAsDefect().stream()
                        .map(l -> new DetectionMatrix.Catch(l.verdict(), l.scenario())).distinct().toList());
            }
        });
        DetectionMatrix checkedIn = DetectionMatrix.read(DetectionMatrix.fileOf(terminal));
        DetectionMatrix merged = checkedIn.merge(found);
        merged.write(out.resolve("matrix.tsv"));
        if (updateMatrix) {
            if (tags != null) {
                System.out.println("matrix not updated: --tags restricts the catalogue, so the rows would be partial");
            } else {
                merged.write(DetectionMatrix.fileOf(terminal));
                System.out.println("detection matrix updated: " + DetectionMatrix.fileOf(terminal)
                        + (merged.missing().isEmpty() ? "" : " (still without a catching scenario: "
                        + merged.missing() + ")"));
            }
        }
        boolean allCaught = rows.values().stream().allMatch(Row::caught);
        return baselineFailures.isEmpty() && !baseline.lines().isEmpty() && allCaught ? 0 : 1;
    }

    private Integer proof(Path out, List<Defect> defects) throws IOException, InterruptedException {
        DetectionMatrix matrix = DetectionMatrix.read(DetectionMatrix.fileOf(terminal));
        List<DetectionProof.Result> results = DetectionProof.run(matrix, defects, out, scale, 2, terminal);
        int escaped = 0;
        for (DetectionProof.Result r : results) {
            if (r.caught()) {
                System.out.println("caught  " + r.defect() + " by '" + r.scenario() + "'");
            } else {
                escaped++;
                System.out.println("ESCAPED " + r.explain());
            }
        }
        System.out.println(results.size() - escaped + " of " + results.size() + " defects caught by their proof "
                + "scenario (" + DetectionMatrix.FILE + "); report: " + out);
        return escaped == 0 ? 0 : 1;
    }

    /** Why {@code d} cannot be injected into the emulated terminal of profile {@code terminal}, if it cannot. */
    static java.util.Optional<String> notApplicable(String terminal, Defect d) {
        io.firstsettle.profile.TerminalProfile p = io.firstsettle.profile.TerminalProfile.named(terminal);
        return p.concertProtocol() ? io.firstsettle.emulator.concert.ConcertDefects.notApplicable(d)
                : java.util.Optional.empty();
    }

    static String render(VerdictLines baseline, List<VerdictLines.Line> baselineFailures, Map<Defect, Row> rows) {
        StringBuilder sb = new StringBuilder("# Detection matrix\n\n");
        long skipped = baseline.lines().stream().filter(VerdictLines.Line::skipped).count();
        sb.append("Correct emulated terminal: ").append(baseline.lines().size() - baselineFailures.size() - skipped)
                .append(" of ").append(baseline.lines().size() - skipped).append(" scenarios passed")
                .append(skipped == 0 ? "" : " (" + skipped + " skipped: the terminal lacks what they need)").append(".\n");
        baselineFailures.forEach(l -> sb.append("- FAILED on the correct terminal: ").append(l.scenario())
                .append(" (").append(l.verdict()).append(")\n"));
        sb.append("\n| defect | caught | scenarios with a defect verdict | verdict classes | other failing scenarios |\n");
        sb.append("|---|---|---|---|---|\n");
        for (Map.Entry<Defect, Row> e : rows.entrySet()) {
            Row r = e.getValue();
            Map<String, Integer> classes = new LinkedHashMap<>();
            r.caughtAsDefect().forEach(l -> classes.merge(l.verdict(), 1, Integer::sum));
            sb.append("| ").append(e.getKey().name()).append(" | ").append(r.caught() ? "yes" : "**NO**").append(" | ")
                    .append(r.caughtAsDefect().size()).append(": ")
                    .append(String.join("; ", r.caughtAsDefect().stream().map(VerdictLines.Line::scenario).limit(3).toList()))
                    .append(r.caughtAsDefect().size() > 3 ? "; ..." : "").append(" | ").append(classes)
                    .append(" | ").append(r.failedOtherwise().size()).append(" |\n");
        }
        return sb.toString();
    }
}
