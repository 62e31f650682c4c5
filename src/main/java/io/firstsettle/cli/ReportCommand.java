package io.firstsettle.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code firstsettle report open|path [FOLDER]}: the summary page of a run (default: the latest under reports/). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Print the summary page of a run (path) or open it in the desktop's browser (open); "
                + "default: the latest run under reports/; with --run ID, write a run's joined summary from the lab store.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "open|path", defaultValue = "path",
            description = "open: open the page (and print its path); path: print the path (default)")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FOLDER", description = "a run's report folder")
    Path folder;

    @Option(names = "--lang", paramLabel = "en|zh-CN", description = "which page (default: from the locale)")
    String lang;

    @Option(names = "--run", paramLabel = "ID", description = "write the joined summary of this run (every lab "
            + "host's part) from the lab store instead (see 'firstsettle history')")
    String runId;

    @Option(names = "--out", description = "with --run: output folder (default: reports/joined-<ID>)")
    Path out;

    @picocli.CommandLine.Mixin
    LabDbOption labDb = new LabDbOption();

    @Override
    public Integer call() throws IOException {
        if (runId != null) {
            return new JoinedReport(runId, out, labDb).call();
        }
        if (!action.equals("open") && !action.equals("path")) {
            System.err.println("firstsettle report: '" + action + "' is not an action; use open or path");
            return RunOutcome.USAGE;
        }
        Path dir = folder != null ? folder : latest(Main.home().resolve("reports"));
        if (dir == null) {
            System.err.println("firstsettle report: no run under " + Main.home().resolve("reports")
                    + "; run ./firstsettle run first, or give a report folder");
            return RunOutcome.USAGE;
        }
        Path page = dir.resolve(ReportLang.parse(lang).page());
        if (!Files.isRegularFile(page)) {
            System.err.println("firstsettle report: " + page + " does not exist: not a finished run's report folder");
            return RunOutcome.USAGE;
        }
        System.out.println(page.toAbsolutePath().normalize());
        if (action.equals("open")) {
            open(page);
        }
        return 0;
    }

    /** The newest run-* folder that has a summary. */
    static Path latest(Path reports) throws IOException {
        if (!Files.isDirectory(reports)) {
            return null;
        }
        try (Stream<Path> s = Files.list(reports)) {
            return s.filter(p -> p.getFileName().toString().startsWith("run-"))
                    .filter(p -> Files.isRegularFile(p.resolve("summary.json")))
                    .max(Comparator.comparing(p -> p.getFileName().toString())).orElse(null);
        }
    }

    private static void open(Path page) {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String[] cmd = os.contains("mac") ? new String[]{"open", page.toString()}
                : os.contains("win") ? new String[]{"cmd", "/c", "start", "", page.toString()}
                : new String[]{"xdg-open", page.toString()};
        if (!os.contains("mac") && !os.contains("win") && System.getenv("DISPLAY") == null
                && System.getenv("WAYLAND_DISPLAY") == null) {
            System.err.println("no desktop here (DISPLAY is not set): open the path above in a browser");
            return;
        }
        try {
            new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            System.err.println("cannot start " + cmd[0] + " (" + e.getMessage() + "): open the path above in a browser");
        }
    }
}
