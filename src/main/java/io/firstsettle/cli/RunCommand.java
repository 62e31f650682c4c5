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
        description = "Run the scenarios (default: the whole catalogue under features/; the certification set is "
                + "--tags @cert) against the terminal profile and write the report.",
        footer = {"", "Exit codes: 0 every scenario as expected, 1 a terminal defect found (LOST, DUPLICATED, "
                + "MISREPORTED), 3 lab fault or incomplete run, 2 usage error."})
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

    @picocli.CommandLine.Mixin
    LabDbOption labDb = new LabDbOption();

    @Option(names = "--run-id", description = "record into this run of the lab store (one run split across lab hosts, "
            + "each with the terminals it reaches; 'firstsettle report --run ID' joins them) instead of a new one")
    String runId;

    @Option(names = "--lang", paramLabel = "en|zh-CN", description = "report language the console points at "
            + "(default: from the locale); both index.html and index.zh-CN.html are written, one link apart")
    String lang;

    @Option(names = {"-v", "--verbose"}, description = "print every step and a line per finished scenario")
    boolean verbose;

    @Option(names = "--dry-run", description = "list the scenarios this selection would run, in catalogue order, "
            + "without running them or writing a report")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        Path home = Main.home();
        ReportLang reportLang = ReportLang.parse(lang);
        Integer usage = checkUsage(home);
        if (usage != null) {
            return usage;
        }
        String bad = RunOptions.problem(scale, defects, threads, terminals, report);
        if (bad != null) {
            System.err.println("firstsettle run: " + bad);
            return RunOutcome.USAGE;
        }
        if (dryRun) {
            return dryRun(home);
        }
        Path out = report != null ? report.toAbsolutePath()
                : ReportFolder.claim(home.resolve("reports"),
                        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        LabHistory.begin(labDb, "run", runId);
        Main.defaultFixtures();
        List<String> lanes = terminals.isEmpty() ? List.of("emulated-zvt") : terminals;
        if (cardholderCommand != null) {
            System.setProperty("firstsettle.cardholderCommand", cardholderCommand);
        }
        String before = System.setProperty("firstsettle.verbose", Boolean.toString(verbose));
        int status;
        try {
            if (lanes.size() > 1) {
                status = new LaneRunner(out, features, tags, scale, threads, cardholderCommand, defects).run(lanes);
            } else if (!io.firstsettle.profile.TerminalProfile.named(lanes.get(0)).emulated()) {
                status = BenchRun.run(out, lanes.get(0), labDb.resolve(), () -> catalogue(out, features, tags, lanes.get(0), scale,
                        defects, true, threads));
            } else {
                status = catalogue(out, features, tags, lanes.get(0), scale, defects, true, threads);
            }
        } finally {
            if (before == null) {
                System.clearProperty("firstsettle.verbose");
            } else {
                System.setProperty("firstsettle.verbose", before);
            }
        }
        // lanes have no summary of their own: the worst lane's exit code is theirs (a refused bench run writes one)
        int code = lanes.size() > 1 ? status : RunSelection.exitCode(out, (byte) status);
        System.out.println("report: " + RunSelection.shown(out.resolve(reportLang.page())));
        return code;
    }

    /**
     * The run without running: Cucumber's dry run through the same progress plugin (total counted first, then every
     * scenario that goes through), its table listing what would run in catalogue order. No report is written.
     */
    private int dryRun(Path home) {
        String filter = filter(tags, terminals.isEmpty() ? "emulated-zvt" : terminals.get(0));
        List<String> args = new ArrayList<>(List.of("--glue", "io.firstsettle.steps", "--dry-run", "--monochrome",
                "--no-summary", "--plugin", ProgressPlugin.class.getName() + ":dry-run "
                        + RunSelection.count(features, filter, home), "--tags", filter));
        if (features.isEmpty()) {
            args.add(home.resolve("features").toString());
        } else {
            features.forEach(f -> args.add(f.toString()));
        }
        byte status = io.cucumber.core.cli.Main.run(args.toArray(String[]::new),
                Thread.currentThread().getContextClassLoader());
        return status == 2 ? RunOutcome.USAGE : 0;
    }

    /** Bad input is found before any report folder is made: exit 2 with what is wrong and what exists. */
    private Integer checkUsage(Path home) {
        for (String terminal : terminals) {
            try {
                io.firstsettle.profile.TerminalProfile.named(terminal);
            } catch (RuntimeException e) {
                System.err.println("firstsettle run: --terminal " + terminal + ": " + e.getMessage());
                System.err.println("known terminal profiles: " + RunSelection.knownProfiles() + " (or a path to a .yaml)");
                return RunOutcome.USAGE;
            }
        }
        for (Path f : features) {
            String p = f.toString().replaceAll("(:\\d+)+$", "");
            if (!Files.exists(Path.of(p)) && !Files.exists(home.resolve(p))) {
                System.err.println("firstsettle run: no feature file or folder " + p + " (relative to "
                        + Path.of("").toAbsolutePath() + "); the catalogue is under " + home.resolve("features"));
                return RunOutcome.USAGE;
            }
        }
        return null;
    }

    /** The tag filter of a run: what the terminal can do, narrowed (never widened) by the user's --tags. */
    static String filter(String tags, String terminal) {
        return TagFilter.of(io.firstsettle.profile.TerminalProfile.named(terminal), tags);
    }

    /**
     * Runs the catalogue once with Cucumber's own runtime into {@code out}; returns Cucumber's exit status.
     * The scenario verdicts land in {@code out/verdicts.txt} (see {@link VerdictLinePlugin}).
     */
    static byte catalogue(Path out, List<Path> features, String tags, String terminal, double scale,
                          List<String> defects, boolean progress, int threads) throws java.io.IOException {
        return catalogue(out, features, tags, null, terminal, scale, defects, progress, false, threads);
    }

    /**
     * As above, restricted to the scenarios whose name matches {@code nameRegex} (null: all). {@code quiet}: no
     * verdict lines and no Cucumber summary on the console (the report folder still gets everything).
     */
    static byte catalogue(Path out, List<Path> features, String tags, String nameRegex, String terminal, double scale,
                          List<String> defects, boolean progress, boolean quiet, int threads)
            throws java.io.IOException {
        Path home = Main.home();
        Files.createDirectories(out);
        Files.deleteIfExists(out.resolve("verdicts.txt"));
        // the catalogue reads its settings through RunSettings, bound to this thread and the threads Cucumber starts:
        // nothing leaks into the next run in the same JVM, and runs on other threads (the detection proof) go at once
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("firstsettle.reports", out.toString());
        settings.put("firstsettle.scale", Double.toString(scale));
        settings.put("firstsettle.terminal", terminal);
        settings.put("firstsettle.defects", String.join(",", defects));
        settings.put(VerdictLinePlugin.QUIET_PROPERTY, Boolean.toString(quiet));
        settings.put("firstsettle.fixtures", System.getProperty("firstsettle.fixtures", home.resolve("fixtures").toString()));
        settings.put("firstsettle.tags", filter(tags, terminal));
        settings.put("firstsettle.selection", features.isEmpty() ? "features/ (whole catalogue)"
                : String.join(" ", features.stream().map(f -> RunSelection.inCatalogue(f, home)).toList()));
        try {
            // a physical terminal is one lane: its scenarios run one after another
            return io.firstsettle.core.RunSettings.with(settings,
                    () -> {
                        byte status = runCucumber(out, features, tags, nameRegex, progress, quiet,
                                emulatedProfile() ? threads : 1, home);
                        // history first (the store keeps where the evidence is), then the report's own paths relative
                        LabHistory.afterCatalogue(out, tags, terminal, scale, defects); // history; never fails the run
                        RunSelection.relativize(out, home);
                        return status;
                    });
        } catch (java.io.IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("catalogue run into " + out + " failed: " + e, e);
        }
    }

    /** Whether the run's terminal profile is the emulated terminal (read from the property set for this run). */
    private static boolean emulatedProfile() {
        return io.firstsettle.profile.TerminalProfile.named(io.firstsettle.core.RunSettings.get("firstsettle.terminal", "emulated-zvt"))
                .emulated();
    }

    private static byte runCucumber(Path out, List<Path> features, String tags, String nameRegex, boolean progress,
                                    boolean quiet, int threads, Path home) {
        List<String> args = new ArrayList<>(List.of(
                "--glue", "io.firstsettle.steps",
                "--plugin", "html:" + out.resolve("cucumber.html"),
                "--plugin", "message:" + out.resolve("messages.ndjson"),
                "--plugin", VerdictLinePlugin.class.getName() + ":" + out.resolve("verdicts.txt"),
                "--plugin", CertificationSummaryPlugin.class.getName() + ":" + out,
                "--plugin", ExpectedVerdictPlugin.class.getName() + ":" + out,
                "--threads", Integer.toString(Math.max(1, threads)),
                "--monochrome"));
        String filter = filter(tags, io.firstsettle.core.RunSettings.get("firstsettle.terminal", "emulated-zvt"));
        if (progress) {
            args.add("--plugin");
            args.add(ProgressPlugin.class.getName() + ":" + RunSelection.count(features, filter, home));
        }
        if (quiet || !Boolean.getBoolean("firstsettle.verbose")) {
            args.add("--no-summary"); // the console's table is ProgressPlugin's (or the caller's)
        }
        if (nameRegex != null) {
            args.add("--name");
            args.add(nameRegex);
        }
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
