package io.firstsettle.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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
 * {@code firstsettle run}: the certification catalogue against a terminal (emulated by default), one line per
 * scenario with its verdict, and a report folder.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the scenarios (default: every feature) against the terminal profile and write the report.")
final class RunCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "FEATURE", description = "feature files or folders (default: features/)")
    List<Path> features = new ArrayList<>();

    @Option(names = "--tags", description = "Cucumber tag expression, e.g. '@cert and not @bench'")
    String tags;

    @Option(names = "--terminal", defaultValue = "emulated-zvt", description = "terminal profile: a name under fixtures/terminals or a path to a .yaml (default: ${DEFAULT-VALUE})")
    String terminal;

    @Option(names = "--scale", defaultValue = "0.05", description = "lab time scale for emulated terminals (default: ${DEFAULT-VALUE})")
    double scale;

    @Option(names = "--defect", description = "make the emulated terminal reproduce this firmware bug (repeatable; "
            + "see 'firstsettle emulate --list-defects'): the catalogue must then report defect verdicts")
    List<String> defects = new ArrayList<>();

    @Option(names = "--threads", defaultValue = "2", description = "scenarios run at once, each on its own rig (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--report", description = "report folder (default: reports/run-<timestamp>)")
    Path report;

    @Override
    public Integer call() throws Exception {
        String bad = RunOptions.problem(scale, defects, threads, terminal, report);
        if (bad != null) {
            System.err.println(bad);
            return 2;
        }
        Path home = Main.home();
        Path out = report != null ? report.toAbsolutePath()
                : home.resolve("reports").resolve("run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        byte status = catalogue(out, features, tags, terminal, scale, defects, true, threads);
        System.out.println("report: " + out.resolve("cucumber.html"));
        System.out.println("verdicts: " + out.resolve("verdicts.txt"));
        System.out.println("summary: " + out.resolve("index.html") + " (summary.json, manifest.sha256)");
        return (int) status;
    }

    /**
     * Runs the catalogue once with Cucumber's own runtime into {@code out}; returns Cucumber's exit status.
     * The scenario verdicts land in {@code out/verdicts.txt} (see {@link VerdictLinePlugin}).
     */
    static byte catalogue(Path out, List<Path> features, String tags, String terminal, double scale,
                          List<String> defects, boolean progress, int threads) throws java.io.IOException {
        Path home = Main.home();
        Files.createDirectories(out);
        Files.deleteIfExists(out.resolve("verdicts.txt"));
        // the catalogue reads its settings from system properties; put them back afterwards so one run (a defect
        // run of `detect`, say) never leaks into the next one in the same JVM
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("firstsettle.reports", out.toString());
        settings.put("firstsettle.scale", Double.toString(scale));
        settings.put("firstsettle.terminal", terminal);
        settings.put("firstsettle.defects", String.join(",", defects));
        settings.put("firstsettle.fixtures", System.getProperty("firstsettle.fixtures", home.resolve("fixtures").toString()));
        Map<String, String> previous = new LinkedHashMap<>();
        settings.forEach((k, v) -> previous.put(k, System.setProperty(k, v)));
        try {
            return runCucumber(out, features, tags, progress, threads, home);
        } finally {
            previous.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }

    /** Whether the run's terminal profile is the emulated terminal (read from the property set for this run). */
    private static boolean emulatedProfile() {
        return io.firstsettle.profile.TerminalProfile.named(System.getProperty("firstsettle.terminal", "emulated-zvt"))
                .emulated();
    }

    private static byte runCucumber(Path out, List<Path> features, String tags, boolean progress, int threads,
                                    Path home) {
        List<String> args = new ArrayList<>(List.of(
                "--glue", "io.firstsettle.steps",
                "--plugin", "html:" + out.resolve("cucumber.html"),
                "--plugin", "junit:" + out.resolve("junit.xml"),
                "--plugin", "message:" + out.resolve("messages.ndjson"),
                "--plugin", VerdictLinePlugin.class.getName() + ":" + out.resolve("verdicts.txt"),
                "--plugin", CertificationSummaryPlugin.class.getName() + ":" + out,
                "--threads", Integer.toString(Math.max(1, threads)),
                "--monochrome"));
        if (progress) {
            args.add("--plugin");
            args.add(ProgressPlugin.class.getName());
        }
        // an emulated terminal has no bench and no person in front of it; the harness self-test is not part of a
        // certification report
        String filter = tags != null ? tags : emulatedProfile()
                ? "not @bench and not @manual and not @selftest"
                : "not @emulated and not @manual and not @selftest";
        args.add("--tags");
        args.add(filter);
        if (features.isEmpty()) {
            args.add(home.resolve("features").toString());
        } else {
            features.forEach(f -> args.add(f.toString()));
        }
        return io.cucumber.core.cli.Main.run(args.toArray(String[]::new), Thread.currentThread().getContextClassLoader());
    }
}
