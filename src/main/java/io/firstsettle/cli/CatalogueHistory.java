package io.firstsettle.cli;

import java.nio.file.Path;
import java.util.List;

/** Records the test command's own catalogue run (CatalogueTest) in the lab store, like {@code firstsettle run} does. */
public final class CatalogueHistory {
    private CatalogueHistory() {
    }

    /**
     * Records the catalogue run whose report is {@code folder}. The store is {@code $FIRSTSETTLE_LAB_DB} (the build sets
     * it to target/lab.db unless {@code -Dfirstsettle.test.labDb=...} names a lab's store), else {@code fallbackDb}:
     * a test never writes to the real home.
     */
    public static void record(Path folder, String fallbackDb, String tags) {
        LabDbOption option = new LabDbOption();
        String env = System.getenv(io.firstsettle.store.LabDb.ENV);
        option.labDb = env != null && !env.isBlank() ? env : fallbackDb;
        LabHistory.begin(option, "test", null);
        LabHistory.afterCatalogue(folder, tags, "emulated-zvt", Double.parseDouble(System.getProperty("firstsettle.scale",
                "0.05")), List.of());
    }
}
