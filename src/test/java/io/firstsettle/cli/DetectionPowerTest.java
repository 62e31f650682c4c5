package io.firstsettle.cli;

import io.firstsettle.emulator.Defect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The harness's own worth, in the test command: every catalogued firmware defect is caught with a defect verdict
 * (LOST, DUPLICATED, MISREPORTED) by the scenario the checked-in detection matrix names as its proof. The full matrix
 * (the whole catalogue once per defect, several minutes) is {@code ./firstsettle detect}; the correct terminal passing
 * every scenario is {@code CatalogueTest}.
 */
class DetectionPowerTest {
    @TempDir
    Path dir;

    @Test
    void everyDefectHasAProofScenario() {
        DetectionMatrix matrix = DetectionMatrix.read(DetectionMatrix.defaultFile());
        assertEquals(List.of(), matrix.missing(), "defects with no catching scenario in " + DetectionMatrix.FILE
                + ": add a scenario that catches each and run ./firstsettle detect --defect NAME --update-matrix");
    }

    @Test
    void aMatrixWithoutARowForADefectFailsNamingIt() throws IOException {
        Path partial = dir.resolve("matrix.tsv");
        Files.writeString(partial, "# only one\nDOUBLE_SUBMIT\tDUPLICATED\tsome scenario\n");
        DetectionMatrix m = DetectionMatrix.read(partial);
        assertTrue(m.missing().contains(Defect.APPROVED_ON_TIMEOUT), String.valueOf(m.missing()));
        assertFalse(m.missing().contains(Defect.DOUBLE_SUBMIT));
        DetectionProof.Result none = new DetectionProof.Result(Defect.APPROVED_ON_TIMEOUT, null, null, List.of(), null);
        assertFalse(none.caught());
        assertTrue(none.explain().startsWith("APPROVED_ON_TIMEOUT: no scenario"), none.explain());
    }

    @Test
    void everyCatalogedDefectIsCaughtByItsProofScenario() throws Exception {
        DetectionMatrix matrix = DetectionMatrix.read(DetectionMatrix.defaultFile());
        List<DetectionProof.Result> results = DetectionProof.run(matrix, List.of(Defect.values()), dir,
                ScenarioScale.DEFAULT, 2);
        assertEquals(Defect.values().length, results.size());
        List<String> escaped = results.stream().filter(r -> !r.caught()).map(DetectionProof.Result::explain).toList();
        assertEquals(List.of(), escaped, "defects that escaped their proof scenario (full matrix: ./firstsettle detect)");
    }

    /** The lab time scale of the catalogue's emulated rigs, as `firstsettle run` and `detect` use it. */
    private static final class ScenarioScale {
        static final double DEFAULT = 0.05;
    }
}
