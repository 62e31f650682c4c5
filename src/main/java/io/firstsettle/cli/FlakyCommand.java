package io.firstsettle.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code firstsettle flaky --runs N}: runs the whole catalogue N times against the correct emulated terminal and lists
 * every scenario whose status or verdict changed between runs. Exit 1 when one did.
 */
@Command(name = "flaky", mixinStandardHelpOptions = true,
        description = "Run the catalogue N times and list scenarios whose result changed between runs.")
final class FlakyCommand implements Callable<Integer> {
    @Option(names = "--runs", defaultValue = "20", description = "how many runs (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--tags", description = "Cucumber tag expression restricting the catalogue")
    String tags;

    @Option(names = "--scale", defaultValue = "0.05", description = "lab time scale (default: ${DEFAULT-VALUE})")
    double scale;

    @Option(names = "--report", description = "report folder (default: reports/flaky-<timestamp>)")
    Path report;

    @picocli.CommandLine.Mixin
    LabDbOption labDb = new LabDbOption();

    @Override
    public Integer call() throws IOException {
        if (runs < 2) {
            System.err.println("--runs must be at least 2 to compare runs (got " + runs + ")");
            return 2;
        }
        Path out = report != null ? report.toAbsolutePath() : Main.home().resolve("reports")
                .resolve("flaky-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        LabHistory.begin(labDb, "flaky", null);
        Map<String, Set<String>> outcomes = new LinkedHashMap<>();
        List<Integer> counts = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            Path dir = out.resolve("run-" + i);
            RunCommand.catalogue(dir, List.of(), tags, "emulated-zvt", scale, List.of(), false, 2);
            List<VerdictLines.Line> lines = VerdictLines.read(dir.resolve("verdicts.txt")).lines();
            counts.add(lines.size());
            for (VerdictLines.Line l : lines) {
                outcomes.computeIfAbsent(l.scenario(), k -> new LinkedHashSet<>()).add(l.status() + " " + l.verdict());
            }
            System.out.println("run " + i + " of " + runs + ": " + lines.size() + " scenarios, "
                    + lines.stream().filter(l -> !l.passed()).count() + " failed");
        }
        List<String> flaky = new ArrayList<>();
        outcomes.forEach((scenario, seen) -> {
            if (seen.size() > 1) {
                flaky.add(scenario + ": " + seen);
            }
        });
        boolean sameCount = counts.stream().distinct().count() == 1;
        System.out.println(runs + " runs of " + outcomes.size() + " scenarios: " + flaky.size() + " flaky"
                + (sameCount ? "" : " (the number of scenarios changed between runs: " + counts + ")"));
        flaky.forEach(f -> System.out.println("FLAKY " + f));
        FlakyHistory.print(outcomes.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).toList());
        return flaky.isEmpty() && sameCount ? 0 : 1;
    }
}
