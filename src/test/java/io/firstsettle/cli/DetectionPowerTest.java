package io.firstsettle.cli;

import io.firstsettle.emulator.Defect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The harness's own worth: the whole catalogue against the correct emulated terminal passes every scenario, and
 * against each catalogued firmware defect at least one scenario ends in a defect verdict (LOST, DUPLICATED,
 * MISREPORTED). This runs the real catalogue once per defect (several minutes).
 */
class DetectionPowerTest {
    @TempDir
    Path dir;

    @Test
    void everyCatalogedDefectIsCaughtAndTheCorrectTerminalPassesEverything() throws Exception {
        int code = new CommandLine(new Main()).execute("detect", "--report", dir.toString());
        String matrix = Files.readString(dir.resolve("detection.md"));

        List<VerdictLines.Line> correct = VerdictLines.read(dir.resolve("correct/verdicts.txt")).lines();
        assertTrue(correct.size() >= 40, "the catalogue should have at least 40 scenarios, ran " + correct.size());
        assertEquals(List.of(), correct.stream().filter(l -> !l.passed()).toList(),
                "the correct emulated terminal must pass every scenario");

        List<String> uncaught = new ArrayList<>();
        for (Defect d : Defect.values()) {
            List<VerdictLines.Line> lines = VerdictLines.read(dir.resolve("defect-" + d.name() + "/verdicts.txt")).lines();
            assertFalse(lines.isEmpty(), "no scenario ran against " + d);
            if (lines.stream().noneMatch(VerdictLines.Line::defectVerdict)) {
                uncaught.add(d.name());
            }
        }
        assertEquals(List.of(), uncaught, "defects no scenario caught with a defect verdict:\n" + matrix);
        assertEquals(0, code, matrix);
    }
}
