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
        if (dryRun) {
            return dryRun(home);
        }
        Path out = report != null ? report.toAbsolutePath()
                : home.resolve("reports").resolve("run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        String before = System.setProperty("firstsettle.verbose", Boolean.toString(verbose));
        byte status;
        try {
            status = catalogue(out, features, tags, terminal, scale, defects, true, threads);
        } finally {
            if (before == null) {
                System.clearProperty("firstsettle.verbose");
            } else {
                System.setProperty("firstsettle.verbose", before);
            }
        }
        int code = RunSelection.exitCode(out, status);
        System.out.println("report: " + RunSelection.shown(out.resolve(reportLang.page())));
        return code;
    }

    /**
     * The run without running: Cucumber's dry run through the same progress plugin (total counted first, then every
     * scenario that goes through), its table listing what would run in catalogue order. No report is written.
     */
    private int dryRun(Path home) {
        String filter = filter(tags, terminal);
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
        try {
            io.firstsettle.profile.TerminalProfile.named(terminal);
        } catch (RuntimeException e) {
            System.err.println("firstsettle run: --terminal " + terminal + ": " + e.getMessage());
            System.err.println("known terminal profiles: " + RunSelection.knownProfiles() + " (or a path to a .yaml)");
            return RunOutcome.USAGE;
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

    /** The tag filter of a run: the one given, else everything a terminal of this kind can run. */
    static String filter(String tags, String terminal) {
        // an emulated terminal has no bench and no person in front of it; the harness self-test is not part of a
        // certification report
        if (tags != null) {
            return tags;
        }
        return io.firstsettle.profile.TerminalProfile.named(terminal).emulated()
                ? "not @bench and not @manual and not @selftest"
                : "not @emulated and not @manual and not @selftest";
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
        settings.put("firstsettle.tags", filter(tags, terminal));
        settings.put("firstsettle.selection", features.isEmpty() ? "features/ (whole catalogue)"
                : String.join(" ", features.stream().map(f -> RunSelection.inCatalogue(f, home)).toList()));
        Map<String, String> previous = new LinkedHashMap<>();
        settings.forEach((k, v) -> previous.put(k, System.setProperty(k, v)));
        try {
            byte status = runCucumber(out, features, tags, progress, threads, home);
            RunSelection.relativize(out, home);
            return status;
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

    private static byte runCucumber(Path out, List<Path> features, String tags, boolean progress, int threads,
                                    Path home) {
        List<String> args = new ArrayList<>(List.of(
                "--glue", "io.firstsettle.steps",
                "--plugin", "html:" + out.resolve("cucumber.html"),
                "--plugin", "message:" + out.resolve("messages.ndjson"),
                "--plugin", VerdictLinePlugin.class.getName() + ":" + out.resolve("verdicts.txt"),
                "--plugin", CertificationSummaryPlugin.class.getName() + ":" + out,
                "--threads", Integer.toString(Math.max(1, threads)),
                "--monochrome"));
        String filter = filter(tags, System.getProperty("firstsettle.terminal", "emulated-zvt"));
        if (progress) {
            args.add("--plugin");
            args.add(ProgressPlugin.class.getName() + ":" + RunSelection.count(features, filter, home));
        }
        if (!Boolean.getBoolean("firstsettle.verbose")) {
            args.add("--no-summary"); // the console's table is ProgressPlugin's (or the caller's)
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
