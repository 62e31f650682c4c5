package io.firstsettle.cli;

import io.firstsettle.store.LabDb;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --lab-db}: where the lab store (run history, terminal holds) lives. */
final class LabDbOption {
    @Option(names = "--lab-db", paramLabel = "PATH|postgresql://USER@HOST:PORT/DB",
            description = "the lab store: a SQLite file or a lab's PostgreSQL (default: $" + LabDb.ENV
                    + ", else ~/.firstsettle/lab.db)")
    String labDb;

    LabDb resolve() {
        return LabDb.resolve(labDb, System.getenv(), Path.of(System.getProperty("user.home")));
    }
}
