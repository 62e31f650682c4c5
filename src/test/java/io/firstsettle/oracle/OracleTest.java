package io.firstsettle.oracle;

import io.firstsettle.terminal.zvt.ZvtOutcomes;

import io.firstsettle.oracle.FirstTransactionViews.Bank;
import io.firstsettle.oracle.FirstTransactionViews.Credit;
import io.firstsettle.oracle.FirstTransactionViews.Ecr;
import io.firstsettle.oracle.FirstTransactionViews.Host;
import io.firstsettle.oracle.FirstTransactionViews.Statement;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OracleTest {
    private static final Ecr APPROVED = new Ecr(true, true, ZvtOutcomes.code(0), null, 1234L, "29110001", 1, List.of("APPROVED"), 1234);
    private static final Host HOST_OK = new Host(1, 1, "00", "000000000001", 1234L, false, "00");
    private static final Bank BANK_OK = new Bank(1, 1, 0, 200, true);
    private static final Statement CREDITED = new Statement("M1", List.of(new Credit(1234, "CREDITED", null)));
    private static final Statement EMPTY = new Statement("M1", List.of());

    @Test
    void allFourViewsAgreeIsSettled() {
        Verdict v = Oracle.judge(APPROVED, HOST_OK, BANK_OK, CREDITED);
        assertEquals(VerdictKind.SETTLED, v.kind(), v.explain());
        assertEquals(4, v.because().size());
    }

    @Test
    void settlementRefusedByBankIsLostAndSaysWhere() {
        Verdict v = Oracle.judge(APPROVED, HOST_OK, new Bank(1, 1, 0, 500, true), EMPTY);
        assertEquals(VerdictKind.LOST, v.kind());
        assertTrue(v.summary().contains("HTTP 500"), v.summary());
    }

    @Test
    void statementWithoutTheCreditIsLost() {
        Verdict v = Oracle.judge(APPROVED, HOST_OK, BANK_OK, EMPTY);
        assertEquals(VerdictKind.LOST, v.kind());
        assertTrue(v.summary().contains("no credit for RRN 000000000001"), v.summary());
    }

    @Test
    void dayNeverClosedIsLostWithThatCause() {
        Verdict v = Oracle.judge(APPROVED, new Host(1, 1, "00", "R1", 1234L, false, null), new Bank(1, 1, 0, 0, false), EMPTY);
        assertEquals(VerdictKind.LOST, v.kind());
        assertTrue(v.summary().contains("never closed"), v.summary());
    }

    @Test
    void creditSeenPendingWithItsCauseThenCreditedIsSettledLate() {
        Statement late = new Statement("M1", List.of(new Credit(1234, "CREDITED", null)),
                List.of(new Credit(1234, "PENDING", "bank system upgrade")));
        Verdict v = Oracle.judge(APPROVED, HOST_OK, BANK_OK, late);
        assertEquals(VerdictKind.SETTLED_LATE, v.kind(), v.explain());
        assertTrue(v.summary().contains("bank system upgrade"), v.summary());
    }

    @Test
    void delayWithoutAReasonIsMisreported() {
        Statement silent = new Statement("M1", List.of(new Credit(1234, "CREDITED", null)),
                List.of(new Credit(1234, "PENDING", "")));
        assertEquals(VerdictKind.MISREPORTED, Oracle.judge(APPROVED, HOST_OK, BANK_OK, silent).kind());
    }

    @Test
    void stillPendingAtTheEndIsLostAndSaysWhy() {
        Statement pending = new Statement("M1", List.of(new Credit(1234, "PENDING", "risk review")));
        Verdict v = Oracle.judge(APPROVED, HOST_OK, BANK_OK, pending);
        assertEquals(VerdictKind.LOST, v.kind());
        assertTrue(v.summary().contains("still pending (risk review)"), v.summary());
    }

    @Test
    void twoCreditsAreDuplicated() {
        Statement twice = new Statement("M1", List.of(new Credit(1234, "CREDITED", null), new Credit(1234, "CREDITED", null)));
        assertEquals(VerdictKind.DUPLICATED, Oracle.judge(APPROVED, HOST_OK, BANK_OK, twice).kind());
    }

    @Test
    void twoApprovedSalesForOnePaymentAreDuplicated() {
        Host twice = new Host(2, 2, "00", "R1", 1234L, false, "00");
        assertEquals(VerdictKind.DUPLICATED, Oracle.judge(APPROVED, twice, BANK_OK, CREDITED).kind());
    }

    @Test
    void approvedOnTheTerminalButDeclinedByHostIsMisreported() {
        Verdict v = Oracle.judge(APPROVED, new Host(1, 0, "91", null, null, false, null), new Bank(1, 0, 0, 0, false), EMPTY);
        assertEquals(VerdictKind.MISREPORTED, v.kind());
        assertTrue(v.summary().contains("91"), v.summary());
    }

    @Test
    void creditOfAnotherAmountIsMisreported() {
        Statement wrong = new Statement("M1", List.of(new Credit(1200, "CREDITED", null)));
        assertEquals(VerdictKind.MISREPORTED, Oracle.judge(APPROVED, HOST_OK, BANK_OK, wrong).kind());
    }

    @Test
    void declineShownWithoutChargeIsDeclinedReported() {
        Ecr declined = new Ecr(true, false, ZvtOutcomes.code(0x33), "insufficient funds", 1234L, "29110001", 1, List.of(), 1234);
        Verdict v = Oracle.judge(declined, new Host(1, 0, "51", null, null, false, null), new Bank(1, 0, 0, 0, false), EMPTY);
        assertEquals(VerdictKind.DECLINED_REPORTED, v.kind());
    }

    @Test
    void failureShownButHostChargedIsMisreported() {
        Ecr failed = new Ecr(true, false, ZvtOutcomes.code(0x6C), "aborted", null, "29110001", 1, List.of(), 1234);
        assertEquals(VerdictKind.MISREPORTED, Oracle.judge(failed, new Host(1, 1, "00", "R1", 1234L, false, null),
                new Bank(1, 1, 0, 0, false), EMPTY).kind());
    }

    @Test
    void reversedAndShownAsFailureIsReversed() {
        Ecr failed = new Ecr(true, false, ZvtOutcomes.code(0xA1), "host timeout", null, "29110001", 1, List.of(), 1234);
        assertEquals(VerdictKind.REVERSED, Oracle.judge(failed, new Host(1, 1, "00", "R1", 1234L, true, null),
                new Bank(1, 1, 1, 0, false), EMPTY).kind());
    }

    @Test
    void aReusedStanIsMisreportedAndSaysWhen() {
        Host reused = new Host(2, 0, "94", null, null, false, null, true, "0200 at 2026-11-27T07:00:00Z");
        Verdict v = Oracle.judge(new Ecr(true, false, ZvtOutcomes.code(94), "duplicate", null, "29110001", 2, List.of(), 1234),
                reused, new Bank(1, 1, 1, 0, false), EMPTY);
        assertEquals(VerdictKind.MISREPORTED, v.kind());
        assertTrue(v.summary().contains("reused a STAN"), v.summary());
    }

    @Test
    void aSaleRefusedBecauseTheTerminalNeverSignedOnIsMisreported() {
        Host noSignOn = new Host(1, 0, "A8", null, null, false, null, false, null);
        Ecr shown = new Ecr(true, false, ZvtOutcomes.code(0xE4), "terminal activation required", null, "29110001", null, List.of(), 1234);
        assertEquals(VerdictKind.MISREPORTED, Oracle.judge(shown, noSignOn, new Bank(0, 0, 0, 0, false), EMPTY).kind());
        Host signedOn = new Host(1, 0, "A8", null, null, false, null, true, null);
        assertEquals(VerdictKind.DECLINED_REPORTED,
                Oracle.judge(shown, signedOn, new Bank(0, 0, 0, 0, false), EMPTY).kind(),
                "a terminal that did sign on and was still refused reported the host's answer");
    }

    @Test
    void dayShownClosedWhileTheHostRefusedTheSettlementIsMisreported() {
        Ecr dayShownClosed = new Ecr(true, true, ZvtOutcomes.code(0), null, 1234L, "29110001", 1, List.of(), 1234, true);
        Host refused = new Host(1, 1, "00", "R1", 1234L, false, "91");
        Verdict v = Oracle.judge(dayShownClosed, refused, new Bank(1, 1, 0, 503, true), EMPTY);
        assertEquals(VerdictKind.MISREPORTED, v.kind());
        assertTrue(v.summary().contains("0510 DE39 91"), v.summary());
        Ecr dayShownOpen = new Ecr(true, true, ZvtOutcomes.code(0), null, 1234L, "29110001", 1, List.of(), 1234, false);
        assertEquals(VerdictKind.LOST, Oracle.judge(dayShownOpen, refused, new Bank(1, 1, 0, 503, true), EMPTY).kind());
    }

    @Test
    void aDeclineShownWithAnotherReasonThanTheHostsIsMisreported() {
        Ecr generic = new Ecr(true, false, ZvtOutcomes.code(0xFF), "system error", null, "29110001", 2, List.of(), 1234);
        Verdict v = Oracle.judge(generic, new Host(1, 0, "91", null, null, false, null), new Bank(1, 0, 0, 0, false), EMPTY);
        assertEquals(VerdictKind.MISREPORTED, v.kind());
        Ecr right = new Ecr(true, false, ZvtOutcomes.code(91), "host error code 91", null, "29110001", 2, List.of(), 1234);
        assertEquals(VerdictKind.DECLINED_REPORTED, Oracle.judge(right, new Host(1, 0, "91", null, null, false, null),
                new Bank(1, 0, 0, 0, false), EMPTY).kind());
    }

    @Test
    void aRefusalTheTerminalNeverReceivedIsNotHeldAgainstIt() {
        // the terminal's reversal overtook its original; the host refused the late original with 12 after the
        // terminal had shown "no connection": that refusal never reached the terminal
        Ecr noConnection = new Ecr(true, false, ZvtOutcomes.code(0xA3), "no connection", null, "29110001", null, List.of(), 1234);
        Host lateOriginal = new Host(1, 0, "12", null, null, true, null, true, null, false);
        assertEquals(VerdictKind.REVERSED, Oracle.judge(noConnection, lateOriginal, new Bank(0, 0, 0, 0, false), EMPTY).kind());
        Host delivered = new Host(1, 0, "12", null, null, false, null, true, null, true);
        assertEquals(VerdictKind.MISREPORTED, Oracle.judge(noConnection, delivered, new Bank(0, 0, 0, 0, false), EMPTY).kind());
    }

    @Test
    void neverFinishedButReversedIsReversed() {
        Ecr silent = new Ecr(false, false, null, null, null, null, null, List.of(), 1234);
        assertEquals(VerdictKind.REVERSED, Oracle.judge(silent, new Host(1, 1, "00", "R1", 1234L, true, null),
                new Bank(1, 1, 1, 0, false), EMPTY).kind());
    }

    @Test
    void approvedButNeverFinishedAndNotReversedIsLost() {
        Ecr silent = new Ecr(false, false, null, null, null, null, null, List.of(), 1234);
        assertEquals(VerdictKind.LOST, Oracle.judge(silent, HOST_OK, BANK_OK, EMPTY).kind());
    }
}
