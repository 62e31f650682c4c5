package io.firstsettle;

import io.firstsettle.cli.CatalogueHistory;
import io.firstsettle.evidence.ReportTreeChecks;
import org.junit.platform.suite.api.AfterSuite;
import org.junit.platform.suite.api.BeforeSuite;
import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;

/**
 * Runs every scenario under features/ against emulated terminals as part of the test command, then checks the report
 * tree the run wrote (target/firstsettle, plus Cucumber's own report under target/cucumber): no card data in any
 * file, every evidence file in the manifest with its hash, every evidence page linked from a summary that needs no
 * script and no network ({@link ReportTreeChecks}; a failed check fails this suite).
 */
@Suite
@IncludeEngines("cucumber")
@SelectDirectories("features")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "io.firstsettle.steps")
public class CatalogueTest {
    static final Path REPORT = Path.of("target/firstsettle");

    /** One run's evidence only: an earlier run's folders would be checked (and counted) as this run's. */
    @BeforeSuite
    static void emptyTheReportFolder() throws IOException {
        if (Files.exists(REPORT)) {
            try (Stream<Path> old = Files.walk(REPORT)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** The test command's catalogue run goes into the lab store's history too (target/lab.db unless told otherwise). */
    @AfterSuite
    static void recordHistoryAndCheckTheReportTree() {
        CatalogueHistory.record(REPORT, "target/lab.db", "not @bench and not @manual and not @needs-result-handover");
        List<String> problems = ReportTreeChecks.all(REPORT, Path.of("target/cucumber/report.html"),
                Path.of("target/cucumber/messages.ndjson"));
        if (!problems.isEmpty()) {
            throw new AssertionError("the catalogue's report tree " + REPORT.toAbsolutePath() + " is not right ("
                    + problems.size() + " problems):\n  " + String.join("\n  ", problems));
        }
    }
}
