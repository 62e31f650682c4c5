package io.firstsettle.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code firstsettle}: the lab's command line. */
@Command(name = "firstsettle", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Hardware-in-the-loop harness: proves a POS terminal's first transaction settles or is reported correctly.",
        subcommands = {RunCommand.class, DecodeCommand.class, BenchCommand.class, DiagnoseCommand.class,
                EmulateCommand.class, PortsCommand.class, HostCommand.class, BankCommand.class, DetectCommand.class,
                FlakyCommand.class, FleetCommand.class, HistoryCommand.class, TerminalsCommand.class,
                ReportCommand.class, DoctorCommand.class},
        footer = {"", "Exit codes of run: 0 every scenario as expected, 1 a terminal defect found, 3 lab fault or "
                + "incomplete run; 2 a usage error (any command).",
                "Set FIRSTSETTLE_DEBUG=1 (or pass --debug) to see the stack trace of an error."})
public final class Main implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "print the stack trace of an error (same as FIRSTSETTLE_DEBUG=1)")
    boolean debug;

    /** The harness version, the same string the reports carry. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"firstsettle " + RunMetadata.version()};
        }
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with firstsettle's error handling: a broken fixture, a missing port or profile is reported as
     * its message (which names the input and what to do), exit 2; --debug or FIRSTSETTLE_DEBUG=1 (or
     * -Dfirstsettle.debug=true) adds the stack trace.
     */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            System.err.println("firstsettle " + cmd.getCommandName() + ": " + e.getMessage());
            if (debug(parsed)) {
                e.printStackTrace();
            } else {
                System.err.println("(run with FIRSTSETTLE_DEBUG=1 or --debug for the stack trace)");
            }
            return RunOutcome.USAGE;
        });
        cl.setParameterExceptionHandler(Main::badUsage);
        return cl;
    }

    private static boolean debug(CommandLine.ParseResult parsed) {
        String env = System.getenv("FIRSTSETTLE_DEBUG");
        return Boolean.getBoolean("firstsettle.debug") || env != null && !env.isBlank() && !env.equals("0")
                || parsed != null && parsed.hasMatchedOption("--debug")
                || parsed != null && parsed.subcommand() != null && debug(parsed.subcommand());
    }

    /** A usage error: the message, a suggestion for a mistyped command or option, the short usage; exit 2. */
    private static int badUsage(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        java.io.PrintWriter err = cmd.getErr();
        err.println(ex.getMessage());
        boolean suggested = CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        if (!suggested && ex instanceof CommandLine.UnmatchedArgumentException u && !cmd.getSubcommands().isEmpty()) {
            String typed = u.getUnmatched().isEmpty() ? "" : u.getUnmatched().get(0);
            String best = closest(typed, cmd.getSubcommands().keySet());
            if (best != null) {
                err.println("Did you mean: " + cmd.getCommandName() + " " + best + "?");
            }
        }
        err.println("See '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
        return RunOutcome.USAGE;
    }

    /** The nearest name by edit distance, if it is close enough to be a typo. */
    static String closest(String typed, java.util.Collection<String> names) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String n : names) {
            int d = distance(typed.toLowerCase(java.util.Locale.ROOT), n);
            if (d < bestDistance) {
                best = n;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(2, typed.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] cur = new int[b.length() + 1];
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            prev = cur;
        }
        return prev[b.length()];
    }

    /** Bare {@code firstsettle}: the usage on stderr and exit 2, as for any other incomplete command line. */
    @Override
    public Integer call() {
        System.err.println("firstsettle needs a command, e.g. firstsettle run");
        new CommandLine(this).usage(System.err);
        return RunOutcome.USAGE;
    }

    /** Profiles and fixtures are found under the home's fixtures/ unless -Dfirstsettle.fixtures says otherwise. */
    static void defaultFixtures() {
        if (System.getProperty("firstsettle.fixtures") == null) {
            System.setProperty("firstsettle.fixtures", home().resolve("fixtures").toString());
        }
    }

    /** The repository (or installation) root: -Dfirstsettle.home, else the working directory. */
    static java.nio.file.Path home() {
        return java.nio.file.Path.of(System.getProperty("firstsettle.home", ".")).toAbsolutePath().normalize();
    }
}
