package io.firstsettle.cli;

import io.firstsettle.emulator.Defect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The detection matrix under Concert (issue 15): every defect that applies to a Concert terminal and has a catching
 * scenario in {@code fixtures/detection/matrix-emulated-concert.tsv} is still caught by its proof scenario, injected
 * into the emulated Concert terminal. The defects the catalogue does not yet catch under Concert are named here with
 * the reason, so that closing a gap (or opening a new one) fails this test until the list says so.
 */
class ConcertDetectionPowerTest {
    static final String TERMINAL = "emulated-concert";

    /**
     * Applicable to Concert, but without a catching scenario under Concert, with the reason. Empty since the serial
     * fault engine recognises Concert moments, the harness's télécollecte leaves an observable status and the oracle
     * sees a reused STAN in the host journal alone: a defect that reappears here fails the test until it is caught
     * again (or named here with its reason).
     */
    static final Map<Defect, String> NOT_YET_CAUGHT = new TreeMap<>();

    @TempDir
    Path dir;

    @Test
    void theConcertMatrixCoversEveryApplicableDefectButTheNamedGaps() {
        DetectionMatrix matrix = DetectionMatrix.read(DetectionMatrix.fileOf(TERMINAL));
        List<Defect> applicable = applicable();
        assertEquals(List.copyOf(NOT_YET_CAUGHT.keySet()), matrix.missing(applicable).stream().sorted().toList(),
                "defects without a catching scenario under Concert (" + DetectionMatrix.relativeFileOf(TERMINAL)
                        + "); run ./firstsettle detect --terminal " + TERMINAL + " --update-matrix and update the list");
    }

    @Test
    void everyCaughtDefectIsCaughtByItsProofScenarioOnTheConcertTerminal() throws Exception {
        DetectionMatrix matrix = DetectionMatrix.read(DetectionMatrix.fileOf(TERMINAL));
        List<Defect> caught = applicable().stream().filter(d -> !NOT_YET_CAUGHT.containsKey(d)).toList();
        List<DetectionProof.Result> results = DetectionProof.run(matrix, caught, dir, 0.05, 2, TERMINAL);
        assertEquals(caught.size(), results.size());
        List<String> escaped = results.stream().filter(r -> !r.caught()).map(DetectionProof.Result::explain).toList();
        assertEquals(List.of(), escaped, "defects that escaped their proof scenario on the emulated Concert terminal");
    }

    private static List<Defect> applicable() {
        return Arrays.stream(Defect.values()).filter(d -> DetectCommand.notApplicable(TERMINAL, d).isEmpty()).toList();
    }
}
