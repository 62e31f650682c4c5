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

    @Option(names = "--terminal", description = "terminal profile: a name under fixtures/terminals or a path to a "
            + ".yaml (default: emulated-zvt). Repeatable: each terminal is a lane that runs the catalogue, the lanes in "
            + "parallel; a physical terminal's scenarios run one at a time whatever --threads says")
    List<String> terminals = new ArrayList<>();

    @Option(names = "--cardholder-command", description = "physical terminals: shell command that presents a card "
            + "(card robot or simulator); gets the request in FIRSTSETTLE_* environment variables (lab-setup.md)")
    String cardholderCommand;

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
        Path home = Main.home();
        Path out = report != null ? report.toAbsolutePath()
                : home.resolve("reports").resolve("run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Main.defaultFixtures();
        List<String> lanes = terminals.isEmpty() ? List.of("emulated-zvt") : terminals;
        if (cardholderCommand != null) {
            System.setProperty("firstsettle.cardholderCommand", cardholderCommand);
        }
        int status;
        if (lanes.size() > 1) {
            status = new LaneRunner(out, features, tags, scale, threads, cardholderCommand, defects).run(lanes);
        } else if (!io.firstsettle.profile.TerminalProfile.named(lanes.get(0)).emulated()) {
            status = BenchRun.run(out, lanes.get(0), () -> catalogue(out, features, tags, lanes.get(0), scale,
                    defects, true, threads));
        } else {
            status = catalogue(out, features, tags, lanes.get(0), scale, defects, true, threads);
        }
        System.out.println("report: " + out.resolve("cucumber.html"));
        System.out.println("verdicts: " + out.resolve("verdicts.txt"));
        System.out.println("summary: " + out.resolve("index.html") + " (summary.json, manifest.sha256)");
        return status;
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
            // a physical terminal is one lane: its scenarios run one after another
            return runCucumber(out, features, tags, progress, emulatedProfile() ? threads : 1, home);
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
        // what the terminal can do, narrowed (never widened) by --tags
        args.add("--tags");
        args.add(TagFilter.of(io.firstsettle.profile.TerminalProfile.named(
                System.getProperty("firstsettle.terminal", "emulated-zvt")), tags));
        if (features.isEmpty()) {
            args.add(home.resolve("features").toString());
        } else {
            features.forEach(f -> args.add(f.toString()));
        }
        return io.cucumber.core.cli.Main.run(args.toArray(String[]::new), Thread.currentThread().getContextClassLoader());
    }
}
