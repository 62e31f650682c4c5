package io.firstsettle.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.firstsettle.emulator.concert.ConcertDefects;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Each defect changes the policy's answer at exactly the one decision point it names, and nowhere else; the correct
 * terminal's answers are the correct device's.
 */
class DefectPolicyTest {
    /** One probe per decision point: the policy's answer to the question asked there, for sample inputs. */
    private static final Map<DecisionPoint, Function<DefectPolicy, Object>> PROBES = new EnumMap<>(Map.ofEntries(
            Map.entry(DecisionPoint.SIGN_ON, DefectPolicy::signsOnFirst),
            Map.entry(DecisionPoint.HOST_AMOUNT, p -> p.hostAmount(1234)),
            Map.entry(DecisionPoint.HOST_WAIT, p -> p.hostWait(Duration.ofSeconds(30))),
            Map.entry(DecisionPoint.RESUBMIT, DefectPolicy::resubmitsAfterTimeout),
            Map.entry(DecisionPoint.NO_ANSWER, DefectPolicy::onNoAnswer),
            Map.entry(DecisionPoint.REVERSAL_STORAGE, DefectPolicy::persistsReversal),
            Map.entry(DecisionPoint.REVERSAL_RETRY, p -> List.of(p.reversalAttempts(3),
                    p.dropsUnacknowledgedReversal())),
            Map.entry(DecisionPoint.STAN_COUNTER, DefectPolicy::persistsStan),
            Map.entry(DecisionPoint.DECLINE_SHOWN, p -> List.of(p.showsDeclineAsApproved("91"),
                    p.showsDeclineAsApproved("96"), p.showsDeclineAsApproved("05"))),
            Map.entry(DecisionPoint.FAILURE_REASON, p -> List.of(p.misreportsConnectionFailure(),
                    p.misreportsDecline("91"), p.misreportsDecline("05"))),
            Map.entry(DecisionPoint.RESULT_UNACKNOWLEDGED, DefectPolicy::keepsUnacknowledgedPayment),
            Map.entry(DecisionPoint.REPEATED_REQUEST, DefectPolicy::chargesRepeatedRequest),
            Map.entry(DecisionPoint.SETTLEMENT_TOTALS, p -> p.settled(List.of("first", "second"))),
            Map.entry(DecisionPoint.SETTLEMENT_FAILURE_SHOWN, DefectPolicy::hidesSettlementFailure)));

    @Test
    void theCorrectTerminalAnswersAsACorrectDevice() {
        DefectPolicy p = DefectPolicy.correct();
        assertEquals(true, p.signsOnFirst());
        assertEquals(1234L, p.hostAmount(1234));
        assertEquals(Duration.ofSeconds(30), p.hostWait(Duration.ofSeconds(30)));
        assertEquals(DefectPolicy.NoAnswer.REVERSE, p.onNoAnswer());
        assertEquals(3, p.reversalAttempts(3));
        assertEquals(List.of("first", "second"), p.settled(List.of("first", "second")));
        assertEquals(PROBES.keySet(), Set.of(DecisionPoint.values()), "a probe for every decision point");
    }

    @Test
    void eachDefectChangesTheAnswerAtItsPointOnly() {
        DefectPolicy correct = DefectPolicy.correct();
        for (Defect d : Defect.values()) {
            DefectPolicy defective = DefectPolicy.of(Set.of(d));
            DecisionPoint own = DefectPolicy.pointOf(d);
            for (DecisionPoint point : DecisionPoint.values()) {
                Object want = PROBES.get(point).apply(correct);
                Object got = PROBES.get(point).apply(defective);
                if (point == own) {
                    assertNotEquals(want, got, d + " must change the answer at " + point);
                } else {
                    assertEquals(want, got, d + " must not change the answer at " + point);
                }
            }
        }
    }

    @Test
    void everyDefectIsPlacedForConcertWithAReasonWhenItDoesNotApply() {
        for (Defect d : Defect.values()) {
            ConcertDefects.notApplicable(d).ifPresent(why -> assertNotEquals("", why.trim(), d.name()));
        }
        assertEquals(Set.of(Defect.MAINTENANCE_MISREPORTED),
                java.util.Arrays.stream(Defect.values()).filter(d -> !ConcertDefects.applies(d))
                        .collect(java.util.stream.Collectors.toSet()));
    }
}
