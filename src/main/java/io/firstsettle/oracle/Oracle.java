package io.firstsettle.oracle;

import io.firstsettle.terminal.ReportedCode;

import io.firstsettle.oracle.FirstTransactionViews.Bank;
import io.firstsettle.oracle.FirstTransactionViews.Ecr;
import io.firstsettle.oracle.FirstTransactionViews.Host;
import io.firstsettle.oracle.FirstTransactionViews.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * Joins the four views of a first transaction into one {@link Verdict}. Pure: no I/O, tested with records alone.
 *
 * <p>Order of judgement: a second charge or credit is DUPLICATED whatever else happened; a terminal that shows
 * something the host or bank did not do is MISREPORTED; approved money without a credit is LOST; otherwise the
 * outcome is one of the correct verdicts.
 */
public final class Oracle {
    /** The host's "terminal not signed on" code (fixtures/host/response-codes.yaml, CUP practice). */
    private static final String NOT_SIGNED_ON = "A8";

    private Oracle() {
    }

    public static Verdict judge(Ecr ecr, Host host, Bank bank, Statement statement) {
        List<String> why = new ArrayList<>();
        why.add("ECR: " + describe(ecr));
        why.add("host: " + describe(host));
        why.add("bank: " + describe(bank));
        why.add("statement: " + describe(statement, host.rrn()));

        long credited = statement.creditedCount();
        boolean hostCharged = host.approvedSales() > 0 && !host.reversed();

        if (credited > 1 || host.approvedSales() > 1 || bank.approvals() > 1 && bank.reversals() == 0) {
            return new Verdict(VerdictKind.DUPLICATED, credited > 1
                    ? "the merchant was credited " + credited + " times for one sale"
                    : "the cardholder was charged " + Math.max(host.approvedSales(), bank.approvals())
                    + " times for one sale", why);
        }
        if (host.stanReusedFrom() != null) {
            return new Verdict(VerdictKind.MISREPORTED, "the terminal reused a STAN its earlier sale had already used ("
                    + host.stanReusedFrom() + "): its trace numbers no longer identify one payment, and the host "
                    + "answered " + host.responseCode(), why);
        }
        if (!host.signedOnBeforeSale() && NOT_SIGNED_ON.equals(host.responseCode())) {
            return new Verdict(VerdictKind.MISREPORTED, "the terminal sent its sale without signing on first; the "
                    + "host refused it as not signed on (" + NOT_SIGNED_ON + ") and the terminal showed result "
                    + hex(ecr.resultCode()) + " instead of signing on", why);
        }
        if (Boolean.TRUE.equals(ecr.dayClosedShown()) && host.settlementCode() != null
                && !"00".equals(host.settlementCode())) {
            return new Verdict(VerdictKind.MISREPORTED, "the terminal told the register the day was closed, but the "
                    + "host refused the settlement (0510 DE39 " + host.settlementCode() + "): the open batch is hidden",
                    why);
        }
        if (!ecr.answered()) {
            if (host.reversed()) {
                return new Verdict(VerdictKind.REVERSED, "the terminal never finished the sequence (no 06 0F or 06 1E), "
                        + "and its stored reversal was sent and acknowledged: nothing charged", why);
            }
            if (hostCharged) {
                return new Verdict(VerdictKind.LOST, "the host approved the sale but the terminal never finished "
                        + "telling the register, and nothing reversed it", why);
            }
            return new Verdict(VerdictKind.MISREPORTED, "the terminal never finished the payment sequence "
                    + "(no 06 0F or 06 1E): the register cannot know the outcome", why);
        }
        if (ecr.approved()) {
            if (host.approvedSales() == 0) {
                return new Verdict(VerdictKind.MISREPORTED, "the terminal showed APPROVED but the host never "
                        + "approved it (DE39 " + host.responseCode() + ")", why);
            }
            if (host.reversed()) {
                return new Verdict(VerdictKind.MISREPORTED, "the terminal showed APPROVED but the sale was reversed", why);
            }
            if (ecr.amountMinor() != null && host.approvedAmountMinor() != null
                    && !ecr.amountMinor().equals(host.approvedAmountMinor())) {
                return new Verdict(VerdictKind.MISREPORTED, "the terminal showed " + money(ecr.amountMinor())
                        + " but the host approved " + money(host.approvedAmountMinor()), why);
            }
            if (credited == 1) {
                long amount = statement.creditedAmount();
                if (amount != host.approvedAmountMinor()) {
                    return new Verdict(VerdictKind.MISREPORTED, "the merchant was credited " + money(amount)
                            + " for a sale of " + money(host.approvedAmountMinor()), why);
                }
                if (!statement.earlierPending().isEmpty()) {
                    String reason = statement.earlierPending().get(0).reason();
                    if (reason == null || reason.isBlank()) {
                        return new Verdict(VerdictKind.MISREPORTED, "the credit was delayed but the statement never "
                                + "said why (PENDING without a reason)", why);
                    }
                    return new Verdict(VerdictKind.SETTLED_LATE, "credited " + money(amount) + " once after being "
                            + "reported pending (" + reason + ")", why);
                }
                return new Verdict(VerdictKind.SETTLED, "approved, settled and credited " + money(amount) + " once", why);
            }
            return new Verdict(VerdictKind.LOST, "approved by the host and shown as approved, but the merchant was "
                    + "never credited: " + firstBreak(host, bank, statement), why);
        }
        // the terminal showed a failure
        if (credited > 0) {
            return new Verdict(VerdictKind.MISREPORTED, "the terminal showed a failure but the merchant was credited", why);
        }
        if (hostCharged) {
            return new Verdict(VerdictKind.MISREPORTED, "the terminal showed a failure but the host approved the sale "
                    + "and it was never reversed: the cardholder is charged", why);
        }
        // a protocol that passes the host's code through (ZVT: 01-99 as the binary of the decimal value, [ZVT-SPEC]
        // ch.10, DE39 "51" -> 0x33) must show the host's reason; Concert E+ answers only "rejected" and is not held to it
        String hostCode = host.responseCode();
        if (hostCode != null && hostCode.matches("0[1-9]|[1-9][0-9]") && host.answerReachedTerminal()
                && ecr.resultCode() != null && ecr.resultCode().carriesHostCodes()
                && !hostCode.equals(ecr.resultCode().hostCode())) {
            return new Verdict(VerdictKind.MISREPORTED, "the host declined with " + hostCode + " but the terminal showed "
                    + "result " + hex(ecr.resultCode()) + " (" + ecr.reason() + "), not the host's reason", why);
        }
        if (host.reversed()) {
            return new Verdict(VerdictKind.REVERSED, "reversed and acknowledged; the terminal showed the failure "
                    + "(result " + hex(ecr.resultCode()) + ")", why);
        }
        return new Verdict(VerdictKind.DECLINED_REPORTED, "declined; the terminal showed " + ecr.reason()
                + " (result " + hex(ecr.resultCode()) + "); no charge, no credit", why);
    }

    private static String firstBreak(Host host, Bank bank, Statement statement) {
        if (host.settlementCode() == null) {
            return "the day was never closed (no 0500 reached the host)";
        }
        if (!"00".equals(host.settlementCode())) {
            return "the host refused the settlement (0510 DE39 " + host.settlementCode() + ")";
        }
        if (bank.settlementStatus() / 100 != 2) {
            return "the bank's settlement endpoint answered HTTP " + bank.settlementStatus();
        }
        if (!bank.settlementIncludedRrn()) {
            return "the settlement sent to the bank did not list RRN " + host.rrn();
        }
        if (!statement.pending().isEmpty()) {
            return "the credit is still pending (" + statement.pending().get(0).reason() + ")";
        }
        return "the merchant statement has no credit for RRN " + host.rrn();
    }

    private static String describe(Ecr e) {
        if (!e.answered()) {
            return "no closing 06 0F/06 1E for the sale of " + money(e.requestedAmountMinor());
        }
        return (e.approved() ? "APPROVED " : "FAILED ") + (e.amountMinor() == null ? "(no amount)" : money(e.amountMinor()))
                + ", result " + hex(e.resultCode()) + (e.reason() == null ? "" : " (" + e.reason() + ")")
                + ", TID " + e.terminalId() + ", trace " + e.trace() + ", receipt lines " + e.receipt().size();
    }

    private static String describe(Host h) {
        return h.saleRequests() + " sale request(s), " + h.approvedSales() + " approved, DE39 " + h.responseCode()
                + ", RRN " + h.rrn() + (h.reversed() ? ", REVERSED" : "") + ", settlement 0510 DE39 "
                + (h.settlementCode() == null ? "none (day not closed)" : h.settlementCode());
    }

    private static String describe(Bank b) {
        return b.authorizations() + " authorization(s), " + b.approvals() + " approved, " + b.reversals()
                + " reversal(s), settlement HTTP " + (b.settlementStatus() == 0 ? "none" : b.settlementStatus())
                + (b.settlementIncludedRrn() ? " listing the sale" : "");
    }

    private static String describe(Statement s, String rrn) {
        String earlier = s.earlierPending().isEmpty() ? ""
                : "; earlier seen PENDING (" + s.earlierPending().get(0).reason() + ")";
        if (s.credits().isEmpty()) {
            return "merchant " + s.merchantId() + " has no credit for RRN " + rrn + earlier;
        }
        StringBuilder sb = new StringBuilder("merchant " + s.merchantId() + earlier + ":");
        for (FirstTransactionViews.Credit c : s.credits()) {
            sb.append(' ').append(c.status()).append(' ').append(money(c.amountMinor()));
            if (c.reason() != null) {
                sb.append(" (").append(c.reason()).append(')');
            }
        }
        return sb.toString();
    }

    public static String money(long minor) {
        return String.format("%d.%02d", minor / 100, Math.abs(minor % 100));
    }

    private static String money(Long minor) {
        return minor == null ? "none" : money(minor.longValue());
    }

    private static String hex(ReportedCode code) {
        return code == null ? "none" : code.text();
    }
}
