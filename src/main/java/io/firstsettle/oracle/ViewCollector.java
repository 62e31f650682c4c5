package io.firstsettle.oracle;

import io.firstsettle.bank.BankJournal;
import io.firstsettle.bank.MerchantStatement;
import io.firstsettle.host.HostJournal;
import io.firstsettle.core.Waits;
import io.firstsettle.core.event.Generic;
import io.firstsettle.core.event.IsoMessage;
import io.firstsettle.lab.LabFault;
import io.firstsettle.lab.Rig;
import io.firstsettle.lab.Unreachable;
import io.firstsettle.oracle.FirstTransactionViews.Bank;
import io.firstsettle.oracle.FirstTransactionViews.Credit;
import io.firstsettle.oracle.FirstTransactionViews.Ecr;
import io.firstsettle.oracle.FirstTransactionViews.Host;
import io.firstsettle.oracle.FirstTransactionViews.Statement;
import io.firstsettle.terminal.Outcome;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the four views of the first transaction from a rig's components: the register's transcript, the host's
 * journal, the bank's request journal and the merchant statement the bank serves over HTTP.
 */
public final class ViewCollector {
    private ViewCollector() {
    }

    public static Verdict judge(Rig rig, Outcome sale, long requestedAmountMinor) {
        return judge(rig, sale, null, requestedAmountMinor, List.of());
    }

    /**
     * @param endOfDay       the register's last End-of-Day transcript, null when the day was never closed
     * @param earlierPending PENDING lines the merchant saw earlier for this sale (see {@link #statement})
     */
    public static Verdict judge(Rig rig, Outcome sale, Outcome endOfDay, long requestedAmountMinor,
                                List<Credit> earlierPending) {
        Optional<LabFault> unreachable = Unreachable.in(rig.evidence().log().events());
        if (unreachable.isPresent()) {
            // nothing ever reached the terminal: the lab failed, the terminal is not judged (lab.Unreachable)
            String why = unreachable.get().getMessage();
            return new Verdict(VerdictKind.LAB_FAULT, why, List.of("ECR: " + (sale == null ? why : sale.reason())));
        }
        awaitHostQuiet(rig);
        Host host = host(rig, sale);
        Statement now = statement(rig, host.rrn());
        Ecr e = ecr(rig, sale, requestedAmountMinor);
        Ecr withDay = new Ecr(e.answered(), e.approved(), e.resultCode(), e.reason(), e.amountMinor(), e.terminalId(),
                e.trace(), e.receipt(), e.requestedAmountMinor(),
                endOfDay == null ? null : endOfDay.approved());
        return Oracle.judge(withDay, host, bank(rig, host.rrn()),
                new Statement(now.merchantId(), now.credits(), earlierPending));
    }

    /**
     * The host may still be waiting for the bank on a request whose terminal already gave up. Judge only once every
     * request the host received has its answer in the journal (bounded by twice the host's bank budget).
     */
    static void awaitHostQuiet(Rig rig) {
        HostJournal j = rig.host().journal();
        String tid = rig.spec().terminal().terminalId();
        // a request the terminal sent may still be on its way (a reversal can overtake its original on another
        // connection); give each a short bounded grace to reach the host (it never will through a refusing link)
        try {
            Waits.until(rig.spec().clock(), "the terminal's requests to reach the host", Duration.ofSeconds(10),
                    () -> notArrived(rig, j.entries()).isEmpty() ? Optional.of(true) : Optional.empty(),
                    () -> "not at the host: " + notArrived(rig, j.entries()));
        } catch (Waits.WaitTimeout lostOnTheWay) {
            rig.evidence().record("oracle", new Generic("requests-never-arrived",
                    Map.of("detail", lostOnTheWay.getMessage())));
        }
        Waits.until(rig.spec().clock(), "the host to answer every request it received",
                rig.host().config().bankBudget().multipliedBy(2),
                () -> unanswered(ofTerminal(j, tid)).isEmpty() ? Optional.of(true) : Optional.empty(),
                () -> "unanswered: " + unanswered(ofTerminal(j, tid)));
    }

    /**
     * The journal entries of this terminal, and those without a terminal id (a host shared by a fleet answers many
     * terminals; judging one waits only for its own requests).
     */
    private static List<HostJournal.Entry> ofTerminal(HostJournal j, String tid) {
        return j.entries().stream().filter(e -> e.tid() == null || Objects.equals(e.tid(), tid)).toList();
    }

    /** ISO requests the terminal recorded as sent that the host journal has not received (MTI + STAN). */
    private static List<String> notArrived(Rig rig, List<HostJournal.Entry> entries) {
        List<String> missing = new ArrayList<>();
        for (IsoMessage m : terminalIso(rig, false)) {
            String mti = m.mti();
            String stan = m.stan();
            boolean there = entries.stream().anyMatch(h -> !h.isOut() && Objects.equals(h.mti(), mti)
                    && Objects.equals(h.stan(), stan));
            if (!there) {
                missing.add(mti + " STAN " + stan);
            }
        }
        return missing;
    }

    /** The ISO 8583 messages the emulated terminal recorded receiving ({@code inbound}) or sending. */
    private static List<IsoMessage> terminalIso(Rig rig, boolean inbound) {
        return rig.evidence().log().events().stream().filter(e -> "terminal".equals(e.source()))
                .flatMap(e -> e.as(IsoMessage.class).stream()).filter(m -> m.inbound() == inbound).toList();
    }

    private static List<String> unanswered(List<HostJournal.Entry> entries) {
        List<String> open = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            HostJournal.Entry in = entries.get(i);
            if (in.isOut() || in.mti() == null || in.mti().length() != 4) {
                continue;
            }
            String answer = in.mti().substring(0, 2) + (char) (in.mti().charAt(2) + 1) + in.mti().charAt(3);
            boolean answered = false;
            for (int k = i + 1; k < entries.size() && !answered; k++) {
                HostJournal.Entry out = entries.get(k);
                answered = out.isOut() && answer.equals(out.mti()) && Objects.equals(in.tid(), out.tid())
                        && Objects.equals(in.stan(), out.stan());
            }
            if (!answered) {
                open.add(in.mti() + " STAN " + in.stan());
            }
        }
        return open;
    }

    public static Ecr ecr(Rig rig, Outcome t, long requested) {
        List<String> receipt = new ArrayList<>(t.receipt());
        receipt.addAll(rig.terminal().ownPaper());
        return new Ecr(t.answered(), t.approved(), t.code(), t.reason(), t.amountMinor(), t.terminalId(), t.trace(),
                receipt, requested);
    }

    /**
     * The host's view of the sale: the 0200 whose STAN is the trace number the terminal showed the register (the last
     * such 0200 when a STAN was used twice), else the first 0200 the host received from this TID.
     */
    public static Host host(Rig rig, Outcome sale) {
        String tid = rig.spec().terminal().terminalId();
        HostJournal j = rig.host().journal();
        List<HostJournal.Entry> all = j.entries();
        List<HostJournal.Entry> requests = all.stream()
                .filter(e -> !e.isOut() && "0200".equals(e.mti()) && tid.equals(e.tid())).toList();
        if (requests.isEmpty()) {
            return new Host(0, 0, null, null, null, false, settlementCode(j, tid), signedOn(all, tid, null), null);
        }
        Integer trace = sale == null ? null : sale.trace();
        HostJournal.Entry request = requests.get(0);
        if (trace != null) {
            String stan = String.format("%06d", trace);
            for (HostJournal.Entry r : requests) {
                if (stan.equals(r.stan())) {
                    request = r;
                }
            }
        } else if (sale != null && sale.approved()) {
            // an approval that names no trace (Concert E+ answers carry no STAN): it relays the last sale the host
            // approved, not the first one sent (after a power loss the first was reversed and the sale taken again)
            for (HostJournal.Entry r : requests) {
                boolean approvedByHost = all.stream().anyMatch(e -> e.isOut() && "0210".equals(e.mti())
                        && tid.equals(e.tid()) && r.stan().equals(e.stan()) && "00".equals(e.responseCode()));
                if (approvedByHost) {
                    request = r;
                }
            }
        }
        String stan = request.stan();
        HostJournal.Entry req = request;
        String reusedFrom = requests.stream().filter(r -> r != req && stan.equals(r.stan())
                        && r.at().isBefore(req.at()) && !Objects.equals(r.fields(), req.fields()))
                .findFirst().map(r -> "0200 at " + r.at()).orElse(null);
        if (reusedFrom == null) {
            reusedFrom = StanReuse.among(requests); // the sale named no trace (Concert): any two 0200s under one STAN
        }
        int index = all.indexOf(request);
        Optional<HostJournal.Entry> answer = all.stream().skip(index)
                .filter(e -> e.isOut() && "0210".equals(e.mti()) && tid.equals(e.tid()) && stan.equals(e.stan()))
                .findFirst();
        List<HostJournal.Entry> approved = all.stream()
                .filter(e -> e.isOut() && "0210".equals(e.mti()) && tid.equals(e.tid()) && "00".equals(e.responseCode()))
                .toList();
        boolean reversed = answer.isPresent() && j.reversed(tid, stan);
        long approvedNotReversed = approved.stream().filter(e -> !j.reversed(tid, e.stan())).count();
        boolean saleApproved = answer.map(e -> "00".equals(e.responseCode())).orElse(false);
        int approvedSales = (int) approvedNotReversed + (saleApproved && reversed ? 1 : 0);
        boolean reached = terminalIso(rig, true).stream().anyMatch(m -> "0210".equals(m.mti())
                && stan.equals(m.stan()));
        return new Host(requests.size(), approvedSales, answer.map(HostJournal.Entry::responseCode).orElse(null),
                saleApproved ? answer.get().rrn() : null, saleApproved ? answer.get().amountMinor() : null, reversed,
                settlementCode(j, tid), signedOn(all, tid, request), reusedFrom, reached);
    }

    /** Whether the host approved a sign-on (0810 DE39 00) of this terminal before {@code before} (null: at all). */
    private static boolean signedOn(List<HostJournal.Entry> all, String tid, HostJournal.Entry before) {
        for (HostJournal.Entry e : all) {
            if (e == before) {
                return false;
            }
            if (e.isOut() && "0810".equals(e.mti()) && tid.equals(e.tid()) && "00".equals(e.responseCode())) {
                return true;
            }
        }
        return false;
    }

    private static String settlementCode(HostJournal j, String tid) {
        return j.settlement(tid).map(HostJournal.Entry::responseCode).orElse(null);
    }

    public static Bank bank(Rig rig, String rrn) {
        List<BankJournal.Entry> j = rig.bank().journal();
        if (rig.shared()) {
            // a fleet's bank serves many terminals: this terminal's requests are those naming its terminal id
            String tid = "\"" + rig.spec().terminal().terminalId() + "\"";
            j = j.stream().filter(e -> e.requestBody() != null && e.requestBody().contains(tid)).toList();
        }
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
