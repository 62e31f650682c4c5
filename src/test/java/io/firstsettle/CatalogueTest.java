package io.firstsettle;

import io.firstsettle.cli.CatalogueHistory;
import org.junit.platform.suite.api.AfterSuite;
import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

import java.nio.file.Path;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;

/** Runs every scenario under features/ against emulated terminals as part of the test command. */
@Suite
@IncludeEngines("cucumber")
@SelectDirectories("features")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "io.firstsettle.steps")
public class CatalogueTest {
    /** The test command's catalogue run goes into the lab store's history too (target/lab.db unless told otherwise). */
    @AfterSuite
    static void recordHistory() {
        CatalogueHistory.record(Path.of("target/firstsettle"), "target/lab.db", "not @bench and not @manual");
    }
}
