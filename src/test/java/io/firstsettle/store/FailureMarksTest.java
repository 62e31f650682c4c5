package io.firstsettle.store;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Failures marked against the previous run on the terminal: a scenario skipped because the terminal lacks what it
 * needs is neither a NEW failure nor, when it ran and failed before, FIXED; a real failure after a skip is NEW.
 */
class FailureMarksTest {
    private static RunRecord run(String id, String... statuses) {
        List<RunRecord.Result> results = new java.util.ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            results.add(new RunRecord.Result(i + 1, "scenario " + i, "features/x.feature:" + (i + 1), statuses[i],
                    statuses[i].equals("PASSED") ? "SETTLED" : statuses[i].equals("SKIPPED") ? "none" : "LOST",
                    "SETTLED", "cause", "", 1000, "/r/" + id + "/" + i, "ab".repeat(32)));
        }
        return new RunRecord(id, id + "/part", "run", 0, 1000, "tester", "labhost", "c0ffee", "firstsettle 0.1",
                new RunRecord.Terminal("bench-pt0", "ZVT over serial", "v", "m", "29110001", "1.0"), "", "", 0.05,
                "/r/" + id, results);
    }

    @Test
    void aSkippedScenarioIsNeitherANewFailureNorAFix() {
        RunRecord before = run("a", "PASSED", "FAILED", "SKIPPED");
        RunRecord now = run("b", "SKIPPED", "SKIPPED", "FAILED");
        List<FailureMarks.Marked> marks = FailureMarks.compare(Optional.of(before), now);
        assertEquals(List.of("scenario 2 NEW"), marks.stream().map(m -> m.scenario() + " " + m.mark()).toList(),
                "only the real failure is marked, and a skip before it does not make it KNOWN");
        assertEquals(List.of(), FailureMarks.compare(Optional.empty(), run("c", "SKIPPED", "PASSED")));
    }
}
