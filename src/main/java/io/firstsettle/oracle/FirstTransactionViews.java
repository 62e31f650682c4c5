package io.firstsettle.oracle;

import io.firstsettle.terminal.ReportedCode;

import java.util.List;

/**
 * The four views of one first transaction that the oracle joins. Each is built from a different component's own
 * record, so one lying component cannot hide behind another.
 */
public final class FirstTransactionViews {
    private FirstTransactionViews() {
    }

    /**
     * What the cash register saw from the terminal.
     *
     * @param answered    the terminal finished the operation (ZVT: 06 0F or 06 1E within T4; Concert: an answer)
     * @param approved    the terminal reported the sale approved
     * @param resultCode  the result code the terminal reported (ZVT BMP 27 / 06 1E, Concert status), null when none
     * @param reason      the reason the terminal showed or printed, in words
     * @param amountMinor amount in the 04 0F, null when absent
     * @param terminalId  TID the terminal reported (ZVT BMP 29), null when none
     * @param trace       trace number (ZVT BMP 0B), the terminal's STAN; null when none
     * @param receipt     receipt lines the ECR printed or the terminal printed itself
     * @param dayClosedShown what the terminal told the register about the last End-of-Day: true closed, false
     *                    refused or open, null when the day was never closed
     */
    public record Ecr(boolean answered, boolean approved, ReportedCode resultCode, String reason, Long amountMinor,
                      String terminalId, Integer trace, List<String> receipt, long requestedAmountMinor,
                      Boolean dayClosedShown) {
        public Ecr(boolean answered, boolean approved, ReportedCode resultCode, String reason, Long amountMinor,
                   String terminalId, Integer trace, List<String> receipt, long requestedAmountMinor) {
            this(answered, approved, resultCode, reason, amountMinor, terminalId, trace, receipt, requestedAmountMinor,
                    null);
        }
    }

    /**
     * What the acquirer host journaled for that terminal.
     *
     * @param saleRequests     0200s received for this sale (more than one is a double submit)
     * @param approvedSales    0210s with DE39 00 for this terminal
     * @param responseCode     DE39 of the first 0210, null when the host never answered
     * @param rrn              RRN of the approved sale
     * @param approvedAmountMinor amount of the approved sale
     * @param reversed         a 0400 for the sale was received and acknowledged
     * @param settlementCode   DE39 of the last 0510, null when the day was never closed
     * @param signedOnBeforeSale the host approved a sign-on (0800) of this terminal before the sale
     * @param answerReachedTerminal the host's answer to the sale arrived at the terminal (not, e.g., an answer to an
     *                         original that came after the terminal had already reversed it)
     * @param stanReusedFrom   when the sale's STAN had already been used by an earlier, different 0200 of this
     *                         terminal: that earlier message's lab time; null otherwise
     */
    public record Host(int saleRequests, int approvedSales, String responseCode, String rrn,
                       Long approvedAmountMinor, boolean reversed, String settlementCode, boolean signedOnBeforeSale,
                       String stanReusedFrom, boolean answerReachedTerminal) {
        public Host(int saleRequests, int approvedSales, String responseCode, String rrn, Long approvedAmountMinor,
                    boolean reversed, String settlementCode) {
            this(saleRequests, approvedSales, responseCode, rrn, approvedAmountMinor, reversed, settlementCode, true,
                    null, true);
        }

        public Host(int saleRequests, int approvedSales, String responseCode, String rrn, Long approvedAmountMinor,
                    boolean reversed, String settlementCode, boolean signedOnBeforeSale, String stanReusedFrom) {
            this(saleRequests, approvedSales, responseCode, rrn, approvedAmountMinor, reversed, settlementCode,
                    signedOnBeforeSale, stanReusedFrom, true);
        }
    }

    /**
     * What the bank's request journal shows.
     *
     * @param authorizations      authorization requests received
     * @param approvals           authorizations answered APPROVED
     * @param reversals           reversal requests received
     * @param settlementStatus    HTTP status of the last settlement submission, 0 when none
     * @param settlementIncludedRrn the settlement listed the sale's RRN
     */
    public record Bank(int authorizations, int approvals, int reversals, int settlementStatus,
                       boolean settlementIncludedRrn) {
    }

    /** One line of the merchant's statement for the sale's RRN. */
    public record Credit(long amountMinor, String status, String reason) {
    }

    /**
     * The merchant's statement, restricted to the first transaction's RRN.
     *
     * @param credits        the statement now
     * @param earlierPending PENDING lines the merchant saw on earlier looks at the statement (the delay was reported)
     */
    public record Statement(String merchantId, List<Credit> credits, List<Credit> earlierPending) {
        public Statement {
            credits = List.copyOf(credits);
            earlierPending = List.copyOf(earlierPending);
        }

        public Statement(String merchantId, List<Credit> credits) {
            this(merchantId, credits, List.of());
        }

        public long creditedCount() {
            return credits.stream().filter(c -> "CREDITED".equals(c.status())).count();
        }

        public long creditedAmount() {
            return credits.stream().filter(c -> "CREDITED".equals(c.status())).mapToLong(Credit::amountMinor).sum();
        }

        public List<Credit> pending() {
            return credits.stream().filter(c -> "PENDING".equals(c.status())).toList();
        }
    }
}
