package io.firstsettle.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code firstsettle}: the lab's command line. */
@Command(name = "firstsettle", mixinStandardHelpOptions = true, version = "firstsettle 0.1.0",
        description = "Hardware-in-the-loop harness: proves a POS terminal's first transaction settles or is reported correctly.",
        subcommands = {RunCommand.class, DecodeCommand.class, BenchCommand.class, DiagnoseCommand.class,
                EmulateCommand.class, PortsCommand.class, HostCommand.class, BankCommand.class, DetectCommand.class,
                FlakyCommand.class, FleetCommand.class, HistoryCommand.class, TerminalsCommand.class,
                ReportCommand.class, DoctorCommand.class})
public final class Main implements Runnable {
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with firstsettle's error handling: a broken fixture, a missing port or profile is reported as
     * its message (which names the input and what to do), exit 2; -Dfirstsettle.debug=true adds the stack trace.
     */
    static CommandLine commandLine() {
        return new CommandLine(new Main()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            System.err.println("firstsettle " + cmd.getCommandName() + ": " + e.getMessage());
            if (Boolean.getBoolean("firstsettle.debug")) {
                e.printStackTrace();
            } else {
                System.err.println("(add -Dfirstsettle.debug=true for the stack trace)");
            }
            return 2;
        });
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
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
