package io.firstsettle.store;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three directions a flipping scenario can point, from run records written by hand (the rule, not the store). */
class FlakyAttributionTest {
    private static int n;

    private static RunRecord run(String tid, String vendor, String... scenarioVerdictFault) {
        List<RunRecord.Result> rs = new ArrayList<>();
        for (int i = 0; i < scenarioVerdictFault.length; i += 3) {
            String v = scenarioVerdictFault[i + 1];
            rs.add(new RunRecord.Result(i, scenarioVerdictFault[i], "features/f.feature:" + i,
                    v.equals("SETTLED") || v.equals("REVERSED") ? "PASSED" : "FAILED", v, null, null,
                    scenarioVerdictFault[i + 2], 1, null, null));
        }
        n++;
        return new RunRecord("r" + n, "p" + n, "run", n, n, "u", "h", null, null,
                new RunRecord.Terminal("p", "ZVT", vendor, null, tid, "1.0"), null, "", 1, null, rs);
    }

    @Test
    void flipsOnOnePhysicalTerminalOnlyPointAtTheDevice() {
        var a = FlakyAttribution.attribute(List.of(run("1", "acme", "s", "SETTLED", ""), run("1", "acme", "s", "LOST", ""),
                run("2", "acme", "s", "SETTLED", ""), run("2", "acme", "s", "SETTLED", "")));
        assertEquals(1, a.size());
        assertEquals(FlakyAttribution.Kind.DEVICE, a.get(0).kind());
        assertTrue(a.get(0).reason().contains("TID 1") && a.get(0).reason().contains("steady on TID 2"), a.get(0).reason());
    }

    @Test
    void flipsWhereverScenariosOfOneFaultRunPointAtTheFault() {
        var a = FlakyAttribution.attribute(List.of(
                run("1", "acme", "late-a", "REVERSED", "late-290s", "late-b", "REVERSED", "late-290s", "plain", "SETTLED", ""),
                run("1", "acme", "late-a", "LAB_FAULT", "late-290s", "late-b", "LAB_FAULT", "late-290s", "plain", "SETTLED", ""),
                run("2", "acme", "late-a", "LAB_FAULT", "late-290s", "late-b", "REVERSED", "late-290s", "plain", "SETTLED", ""),
                run("2", "acme", "late-a", "REVERSED", "late-290s", "late-b", "LAB_FAULT", "late-290s", "plain", "SETTLED", "")));
        assertEquals(List.of("late-a", "late-b"), a.stream().map(FlakyAttribution.Attribution::scenario).toList());
        a.forEach(x -> assertEquals(FlakyAttribution.Kind.FAULT, x.kind(), x.reason()));
        assertTrue(a.get(0).reason().contains("late-290s"));
    }

    @Test
    void aLoneScenarioFlippingOnEveryTerminalPointsAtTheHarnessAndOnePhysicalTerminalIsUndecided() {
        var everywhere = FlakyAttribution.attribute(List.of(run("1", "acme", "s", "SETTLED", ""),
                run("1", "acme", "s", "LOST", ""), run("2", "acme", "s", "LOST", ""), run("2", "acme", "s", "SETTLED", "")));
        assertEquals(FlakyAttribution.Kind.HARNESS_OR_SCENARIO, everywhere.get(0).kind());
        var emulated = FlakyAttribution.attribute(List.of(run("1", "firstsettle", "s", "SETTLED", ""),
                run("1", "firstsettle", "s", "LOST", "")));
        assertEquals(FlakyAttribution.Kind.HARNESS_OR_SCENARIO, emulated.get(0).kind());
        var one = FlakyAttribution.attribute(List.of(run("1", "acme", "s", "SETTLED", ""), run("1", "acme", "s", "LOST", "")));
        assertEquals(FlakyAttribution.Kind.UNDECIDED, one.get(0).kind());
        assertEquals(List.of(), FlakyAttribution.attribute(List.of(run("1", "acme", "s", "SETTLED", ""),
                run("1", "acme", "s", "SETTLED", ""))), "steady scenarios are left out");
    }
}
