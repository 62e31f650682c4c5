package io.firstsettle.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * junit.xml for a CI: a scenario skipped because the terminal lacks what it needs (a Concert terminal has no log-on)
 * is a skipped test case with its reason, not a failure; a lab fault is an error; a wrong verdict a failure. A run whose
 * scenarios all ran as expected or were skipped is AS_EXPECTED, a run where everything was skipped INCOMPLETE.
 */
class JunitXmlTest {
    @TempDir
    Path tmp;

    private static CertificationSummary.Scenario scenario(String name, String status, String verdict, String expected) {
        return new CertificationSummary.Scenario(name, "features/x.feature:" + name.length(), status, verdict, expected,
                List.of(), null, 1200);
    }

    @Test
    void aSkippedScenarioIsSkippedWithItsReasonNotFailed() {
        CertificationSummary s = CertificationSummary.build(tmp, List.of(
                scenario("first sale settles", "PASSED", "SETTLED", "SETTLED"),
                scenario("log-on refused", "SKIPPED", "none", "DECLINED_REPORTED"),
                scenario("bank down", "FAILED", "LAB_FAULT", "DECLINED_REPORTED"),
                scenario("reversal lost", "FAILED", "LOST", "REVERSED")), Instant.EPOCH, Instant.EPOCH.plusSeconds(9));
        String xml = JunitXml.render(s);
        assertTrue(xml.contains("tests=\"4\" failures=\"1\" errors=\"1\" skipped=\"1\""), xml);
        assertTrue(xml.contains("<skipped message=\"verdict none (expected DECLINED_REPORTED; Cucumber SKIPPED)"), xml);
        assertTrue(xml.contains("<error type=\"LAB_FAULT\""), xml);
        assertTrue(xml.contains("<failure type=\"LOST\""), xml);
    }

    @Test
    void skippedScenariosDoNotMakeARunIncompleteUnlessNothingRan() {
        assertEquals(RunOutcome.AS_EXPECTED, CertificationSummary.build(tmp, List.of(
                scenario("first sale settles", "PASSED", "SETTLED", "SETTLED"),
                scenario("log-on refused", "SKIPPED", "none", null)), Instant.EPOCH, Instant.EPOCH).outcome());
        assertEquals(RunOutcome.INCOMPLETE, CertificationSummary.build(tmp, List.of(
                scenario("log-on refused", "SKIPPED", "none", null)), Instant.EPOCH, Instant.EPOCH).outcome());
    }
}
