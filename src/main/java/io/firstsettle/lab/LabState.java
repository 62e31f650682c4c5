package io.firstsettle.lab;

import java.nio.file.Path;

/**
 * Where the bench keeps what outlives a run: the acquirer's record of each physical terminal ({@code acquirer/}) and
 * the terminal locks ({@code locks/}). {@code -Dfirstsettle.labState}, else {@code $FIRSTSETTLE_LAB_STATE}, else
 * {@code ~/.firstsettle}.
 */
public final class LabState {
    private LabState() {
    }

    public static Path root() {
        String p = System.getProperty("firstsettle.labState");
        if (p == null || p.isBlank()) {
            p = System.getenv("FIRSTSETTLE_LAB_STATE");
        }
        if (p == null || p.isBlank()) {
            p = Path.of(System.getProperty("user.home"), ".firstsettle").toString();
        }
        return Path.of(p).toAbsolutePath();
    }

    /** The acquirer's per-TID records of physical terminals. */
    public static io.firstsettle.host.TerminalRegistryFile acquirerRecords() {
        return new io.firstsettle.host.TerminalRegistryFile(root().resolve("acquirer"));
    }
}
