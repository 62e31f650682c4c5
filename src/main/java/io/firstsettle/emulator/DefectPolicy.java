package io.firstsettle.emulator;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The terminal's firmware defects as a policy: the payment engine and the protocol sessions ask it at named
 * {@link DecisionPoint}s what this terminal does there. With no defects every answer is the correct device's.
 */
public final class DefectPolicy {
    /** What the terminal does when the host never answers its 0200 ({@link DecisionPoint#NO_ANSWER}). */
    public enum NoAnswer {
        /** Correct: send the stored 0400 at once and tell the register the payment failed. */
        REVERSE,
        /** {@link Defect#NO_REVERSAL_ON_TIMEOUT}: forget the stored reversal, tell the register it failed. */
        FORGET_REVERSAL,
        /** {@link Defect#APPROVED_ON_TIMEOUT}: forget the reversal and show the payment approved. */
        SHOW_APPROVED
    }

    private final Set<Defect> defects;

    private DefectPolicy(Set<Defect> defects) {
        this.defects = defects;
    }

    public static DefectPolicy of(Set<Defect> defects) {
        return new DefectPolicy(defects.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(defects)));
    }

    public static DefectPolicy correct() {
        return new DefectPolicy(Set.of());
    }

    /** The one decision point at which {@code d} changes the terminal's behaviour. */
    public static DecisionPoint pointOf(Defect d) {
        return switch (d) {
            case SKIPS_SIGN_ON -> DecisionPoint.SIGN_ON;
            case AMOUNT_SCALE_ERROR -> DecisionPoint.HOST_AMOUNT;
            case ACCEPTS_LATE_RESPONSE -> DecisionPoint.HOST_WAIT;
            case DOUBLE_SUBMIT -> DecisionPoint.RESUBMIT;
            case NO_REVERSAL_ON_TIMEOUT, APPROVED_ON_TIMEOUT -> DecisionPoint.NO_ANSWER;
            case REVERSAL_NOT_PERSISTED -> DecisionPoint.REVERSAL_STORAGE;
            case REVERSAL_NOT_RETRIED -> DecisionPoint.REVERSAL_RETRY;
            case STAN_REUSED_AFTER_RESTART -> DecisionPoint.STAN_COUNTER;
            case IGNORES_DECLINE -> DecisionPoint.DECLINE_SHOWN;
            case MAINTENANCE_MISREPORTED -> DecisionPoint.FAILURE_REASON;
            case NO_AUTO_REVERSAL_ON_UNACKED_RESULT -> DecisionPoint.RESULT_UNACKNOWLEDGED;
            case REPEATED_FRAME_CHARGES_TWICE -> DecisionPoint.REPEATED_REQUEST;
            case SETTLEMENT_OMITS_FIRST -> DecisionPoint.SETTLEMENT_TOTALS;
            case OPEN_BATCH_SILENT -> DecisionPoint.SETTLEMENT_FAILURE_SHOWN;
        };
    }

    public Set<Defect> defects() {
        return defects;
    }

    public boolean has(Defect d) {
        return defects.contains(d);
    }

    /** {@link DecisionPoint#SIGN_ON}: false when the terminal sends financial messages without signing on. */
    public boolean signsOnFirst() {
        return !has(Defect.SKIPS_SIGN_ON);
    }

    /** {@link DecisionPoint#HOST_AMOUNT}: the DE4 amount for a sale of {@code amountMinor}. */
    public long hostAmount(long amountMinor) {
        return has(Defect.AMOUNT_SCALE_ERROR) ? amountMinor * 100 : amountMinor;
    }

    /** {@link DecisionPoint#HOST_WAIT}: how long the terminal waits for the 0210 when it should wait {@code bound}. */
    public Duration hostWait(Duration bound) {
        return has(Defect.ACCEPTS_LATE_RESPONSE) ? bound.multipliedBy(4) : bound;
    }

    /** {@link DecisionPoint#RESUBMIT}: true when a timed-out sale is sent again as a new 0200. */
    public boolean resubmitsAfterTimeout() {
        return has(Defect.DOUBLE_SUBMIT);
    }

    /** {@link DecisionPoint#NO_ANSWER}. */
    public NoAnswer onNoAnswer() {
        if (has(Defect.APPROVED_ON_TIMEOUT)) {
            return NoAnswer.SHOW_APPROVED;
        }
        return has(Defect.NO_REVERSAL_ON_TIMEOUT) ? NoAnswer.FORGET_REVERSAL : NoAnswer.REVERSE;
    }

    /** {@link DecisionPoint#REVERSAL_STORAGE}: false when the stored reversal is kept in RAM only. */
    public boolean persistsReversal() {
        return !has(Defect.REVERSAL_NOT_PERSISTED);
    }

    /** {@link DecisionPoint#REVERSAL_RETRY}: how many attempts in a row, where a correct terminal makes {@code n}. */
    public int reversalAttempts(int n) {
        return has(Defect.REVERSAL_NOT_RETRIED) ? 1 : n;
    }

    /** {@link DecisionPoint#REVERSAL_RETRY}: true when an unacknowledged reversal is dropped instead of kept. */
    public boolean dropsUnacknowledgedReversal() {
        return has(Defect.REVERSAL_NOT_RETRIED);
    }

    /** {@link DecisionPoint#STAN_COUNTER}: false when the STAN counter lives in RAM (restarts reuse STANs). */
    public boolean persistsStan() {
        return !has(Defect.STAN_REUSED_AFTER_RESTART);
    }

    /** {@link DecisionPoint#DECLINE_SHOWN}: true when a host decline with {@code de39} is shown as approved. */
    public boolean showsDeclineAsApproved(String de39) {
        return has(Defect.IGNORES_DECLINE) && ("91".equals(de39) || "96".equals(de39));
    }

    /** {@link DecisionPoint#FAILURE_REASON}: true when a connection failure is reported as a generic error. */
    public boolean misreportsConnectionFailure() {
        return has(Defect.MAINTENANCE_MISREPORTED);
    }

    /** {@link DecisionPoint#FAILURE_REASON}: true when a host decline {@code de39} is reported as a generic error. */
    public boolean misreportsDecline(String de39) {
        return has(Defect.MAINTENANCE_MISREPORTED) && "91".equals(de39);
    }

    /** {@link DecisionPoint#RESULT_UNACKNOWLEDGED}: true when an approved payment the register did not take is kept. */
    public boolean keepsUnacknowledgedPayment() {
        return has(Defect.NO_AUTO_REVERSAL_ON_UNACKED_RESULT);
    }

    /** {@link DecisionPoint#REPEATED_REQUEST}: true when a repeated sale request is charged as a new sale. */
    public boolean chargesRepeatedRequest() {
        return has(Defect.REPEATED_FRAME_CHARGES_TWICE);
    }

    /** {@link DecisionPoint#SETTLEMENT_TOTALS}: the entries the 0500 counts. */
    public <T> List<T> settled(List<T> openBatch) {
        return has(Defect.SETTLEMENT_OMITS_FIRST) && !openBatch.isEmpty() ? openBatch.subList(1, openBatch.size())
                : openBatch;
    }

    /** {@link DecisionPoint#SETTLEMENT_FAILURE_SHOWN}: true when a refused settlement is closed and shown as success. */
    public boolean hidesSettlementFailure() {
        return has(Defect.OPEN_BATCH_SILENT);
    }
}
