package io.firstsettle.emulator.concert;

import io.firstsettle.emulator.DecisionPoint;
import io.firstsettle.emulator.Defect;
import io.firstsettle.emulator.DefectPolicy;

import java.util.Optional;

/**
 * Which {@link Defect}s the emulated Concert terminal reproduces, and through which {@link DecisionPoint}. The decision
 * points live in the protocol-neutral {@code PaymentEngine} (REPEATED_REQUEST is asked of the session through
 * {@code PaymentProgress}), so they work the same under ZVT and Concert:
 *
 * <pre>
 *  defect                              Concert  decision point            how it shows under Concert
 *  NO_REVERSAL_ON_TIMEOUT              yes      NO_ANSWER                 no 0400 after a host timeout, status 7
 *  REVERSAL_NOT_PERSISTED              yes      REVERSAL_STORAGE          reversal in RAM, lost on restart
 *  REVERSAL_NOT_RETRIED                yes      REVERSAL_RETRY            one 0400, then forgotten
 *  APPROVED_ON_TIMEOUT                 yes      NO_ANSWER                 status 0 without a 0210
 *  IGNORES_DECLINE                     yes      DECLINE_SHOWN             status 0 on DE39 91/96
 *  DOUBLE_SUBMIT                       yes      RESUBMIT                  a second 0200 after a timeout
 *  SKIPS_SIGN_ON                       yes      SIGN_ON                   0200 without 0800 first
 *  SETTLEMENT_OMITS_FIRST              yes      SETTLEMENT_TOTALS         télécollecte 0500 leaves out the first sale
 *  OPEN_BATCH_SILENT                   yes      SETTLEMENT_FAILURE_SHOWN  télécollecte "accepted" on paper, batch closed
 *  ACCEPTS_LATE_RESPONSE               yes      HOST_WAIT                 waits 4x the host timeout
 *  AMOUNT_SCALE_ERROR                  yes      HOST_AMOUNT               DE4 100x the request's amount
 *  STAN_REUSED_AFTER_RESTART           yes      STAN_COUNTER              STANs restart at 1 after a restart
 *  NO_AUTO_REVERSAL_ON_UNACKED_RESULT  yes      RESULT_UNACKNOWLEDGED     keeps a sale whose answer the register never ACKed
 *  MAINTENANCE_MISREPORTED             no       FAILURE_REASON            the answer has no reason code (0 / 7 / 9 only)
 *  REPEATED_FRAME_CHARGES_TWICE        yes      REPEATED_REQUEST          a request repeated after a lost ACK (which the
 *                                                                        link ACKs and drops) charged as a second sale
 * </pre>
 */
public final class ConcertDefects {
    private ConcertDefects() {
    }

    /** Why {@code d} does not apply to the emulated Concert terminal, or empty when it does. */
    public static Optional<String> notApplicable(Defect d) {
        return switch (d) {
            case MAINTENANCE_MISREPORTED -> Optional.of("a Concert answer carries no reason code (status 0, 7 or 9"
                    + " only), so there is no reason to misreport");
            default -> Optional.empty();
        };
    }

    public static boolean applies(Defect d) {
        return notApplicable(d).isEmpty();
    }

    /** The decision point at which {@code d} acts, under Concert as under ZVT. */
    public static DecisionPoint point(Defect d) {
        return DefectPolicy.pointOf(d);
    }
}
