package io.firstsettle.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The default report folder of {@code firstsettle run}: {@code reports/run-<timestamp>}, made new for this run. A
 * folder of that name that already exists (two runs started in the same second, or a killed run's leftovers) is never
 * reused: the run takes {@code run-<timestamp>-2}, {@code -3}, ... so one folder holds one run and a manifest never
 * lists another run's evidence.
 */
final class ReportFolder {
    private static final int MAX_TRIES = 1000;

    private ReportFolder() {
    }

    /** Creates and returns a new, empty folder {@code reports/run-STAMP} (or {@code -2}, {@code -3}, ...). */
    static Path claim(Path reports, String stamp) {
        try {
            Files.createDirectories(reports);
            for (int i = 1; i <= MAX_TRIES; i++) {
                Path p = reports.resolve("run-" + stamp + (i == 1 ? "" : "-" + i));
                try {
                    return Files.createDirectory(p); // atomic: fails when another run made it first
                } catch (FileAlreadyExistsException taken) {
                    // that name holds another run: try the next one
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a report folder in " + reports + ": " + e.getMessage()
                    + "; check that the folder is writable or give --report FOLDER", e);
        }
        throw new IllegalStateException("cannot make a report folder in " + reports + ": run-" + stamp + " up to -"
                + MAX_TRIES + " are all taken; clear old runs out of " + reports + " or give --report FOLDER");
    }
}
