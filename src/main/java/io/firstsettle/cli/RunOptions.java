package io.firstsettle.cli;

import io.firstsettle.emulator.Defect;
import io.firstsettle.profile.FixtureException;
import io.firstsettle.profile.TerminalProfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks the options of {@code firstsettle run} before any scenario starts, so a typo costs a second, not a run:
 * each problem is one line naming the option, the value and what to give instead (exit 2).
 */
final class RunOptions {
    private RunOptions() {
    }

    /** The first problem with the options, or null when they are fine. */
    static String problem(double scale, List<String> defects, int threads, List<String> terminals, Path report) {
        if (!(scale > 0 && scale <= 1)) {
            return "--scale " + scale + ": the lab time scale must be above 0 and at most 1 (0.05: a 30 s host "
                    + "timeout takes 1.5 s with an emulated terminal; 1.0 on a bench)";
        }
        for (String d : defects) {
            try {
                Defect.parse(d);
            } catch (IllegalArgumentException e) {
                return "--defect " + d + ": " + e.getMessage() + " (firstsettle emulate --list-defects describes them)";
            }
        }
        if (threads < 1 || threads > 16) {
            return "--threads " + threads + ": give 1 to 16 scenarios at once (each starts its own rig)";
        }
        for (String terminal : terminals) {
            try {
                TerminalProfile.named(terminal);
            } catch (FixtureException | IllegalArgumentException e) {
                return "--terminal " + terminal + ": " + e.getMessage();
            }
        }
        if (report != null && Files.exists(report)) {
            if (!Files.isDirectory(report)) {
                return "--report " + report + ": this is a file, not a folder; give a new folder for the report";
            }
            try (Stream<Path> s = Files.list(report)) {
                long n = s.count();
                if (n > 0) {
                    return "--report " + report + ": the folder already holds " + n + " entr" + (n == 1 ? "y" : "ies")
                            + " (an earlier run?); a report folder holds one run: give a new folder or remove this one";
                }
            } catch (IOException e) {
                return "--report " + report + ": cannot read the folder: " + e.getMessage();
            }
        }
        return null;
    }
}
