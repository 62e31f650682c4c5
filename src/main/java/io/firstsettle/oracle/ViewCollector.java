package io.firstsettle.oracle;

import io.firstsettle.bank.BankJournal;
import io.firstsettle.bank.MerchantStatement;
import io.firstsettle.ecr.EcrTranscript;
import io.firstsettle.ecr.ResultCode;
import io.firstsettle.ecr.StatusInformation;
import io.firstsettle.host.HostJournal;
import io.firstsettle.lab.Rig;
import io.firstsettle.oracle.FirstTransactionViews.Bank;
import io.firstsettle.oracle.FirstTransactionViews.Credit;
import io.firstsettle.oracle.FirstTransactionViews.Ecr;
import io.firstsettle.oracle.FirstTransactionViews.Host;
import io.firstsettle.oracle.FirstTransactionViews.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the four views of the first transaction from a rig's components: the register's transcript, the host's
 * journal, the bank's request journal and the merchant statement the bank serves over HTTP.
 */
public final class ViewCollector {
    private ViewCollector() {
    }

    public static Verdict judge(Rig rig, EcrTranscript sale, long requestedAmountMinor) {
        return judge(rig, sale, requestedAmountMinor, List.of());
    }

    /** @param earlierPending PENDING lines the merchant saw earlier for this sale (see {@link #statement}) */
    public static Verdict judge(Rig rig, EcrTranscript sale, long requestedAmountMinor, List<Credit> earlierPending) {
        Host host = host(rig, sale);
        Statement now = statement(rig, host.rrn());
        return Oracle.judge(ecr(rig, sale, requestedAmountMinor), host, bank(rig, host.rrn()),
                new Statement(now.merchantId(), now.credits(), earlierPending));
    }

    public static Ecr ecr(Rig rig, EcrTranscript t, long requested) {
        Optional<StatusInformation> si = t.statusInformation();
        List<String> receipt = new ArrayList<>(t.printLines());
        receipt.addAll(rig.terminal().ownPaper());
        String reason = t.resultCode() == null ? t.problem() : ResultCode.meaning(t.resultCode());
        return new Ecr(t.finished(), t.finished() && t.success(), t.resultCode(), reason,
                si.flatMap(StatusInformation::amountMinor).orElse(null),
                si.flatMap(StatusInformation::terminalId).map(id -> String.format("%08d", id)).orElse(null),
                si.flatMap(StatusInformation::trace).orElse(null), receipt, requested);
    }

    /** The host's view of the terminal's first sale: the first 0200 the host received from this TID. */
    public static Host host(Rig rig, EcrTranscript sale) {
        String tid = rig.spec().terminal().terminalId();
        HostJournal j = rig.host().journal();
        List<HostJournal.Entry> requests = j.entries().stream()
                .filter(e -> !e.isOut() && "0200".equals(e.mti()) && tid.equals(e.tid())).toList();
        if (requests.isEmpty()) {
            return new Host(0, 0, null, null, null, false, settlementCode(j, tid));
        }
        String firstStan = requests.get(0).stan();
        Optional<HostJournal.Entry> firstAnswer = j.entries().stream()
                .filter(e -> e.isOut() && "0210".equals(e.mti()) && tid.equals(e.tid()) && firstStan.equals(e.stan()))
                .findFirst();
        List<HostJournal.Entry> approved = j.entries().stream()
                .filter(e -> e.isOut() && "0210".equals(e.mti()) && tid.equals(e.tid()) && "00".equals(e.responseCode()))
                .toList();
        boolean firstReversed = j.reversed(tid, firstStan);
        long approvedNotReversed = approved.stream().filter(e -> !j.reversed(tid, e.stan())).count();
        boolean firstApproved = firstAnswer.map(e -> "00".equals(e.responseCode())).orElse(false);
        int approvedSales = (int) approvedNotReversed + (firstApproved && firstReversed ? 1 : 0);
        return new Host(requests.size(), approvedSales, firstAnswer.map(HostJournal.Entry::responseCode).orElse(null),
                firstApproved ? firstAnswer.get().rrn() : null,
                firstApproved ? firstAnswer.get().amountMinor() : null, firstReversed, settlementCode(j, tid));
    }

    private static String settlementCode(HostJournal j, String tid) {
        return j.settlement(tid).map(HostJournal.Entry::responseCode).orElse(null);
    }

    public static Bank bank(Rig rig, String rrn) {
        List<BankJournal.Entry> j = rig.bank().journal();
        int auths = 0;
        int approvals = 0;
        int reversals = 0;
        int settlementStatus = 0;
        boolean listed = false;
        for (BankJournal.Entry e : j) {
            String path = e.path();
            if (path.startsWith("/bank/v1/authorizations")) {
                auths++;
                if (e.status() / 100 == 2 && e.responseBody() != null && e.responseBody().contains("\"APPROVED\"")) {
                    approvals++;
                }
            } else if (path.startsWith("/bank/v1/reversals")) {
                reversals++;
            } else if (path.startsWith("/bank/v1/settlements")) {
                settlementStatus = e.status();
                listed = rrn != null && e.requestBody() != null && e.requestBody().contains(rrn);
            }
        }
        return new Bank(auths, approvals, reversals, settlementStatus, listed);
    }

    public static Statement statement(Rig rig, String rrn) {
        String mid = rig.spec().terminal().merchantId();
        MerchantStatement st = rig.bank().statement(mid);
        List<Credit> credits = st.credits().stream()
                .filter(c -> rrn != null && Objects.equals(rrn, c.rrn()))
                .map(c -> new Credit(c.amountMinor(), c.status(), c.reason()))
                .toList();
        return new Statement(mid, credits);
    }
}
