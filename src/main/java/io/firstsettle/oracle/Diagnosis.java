package io.firstsettle.oracle;

import io.firstsettle.lab.Unreachable;

import io.firstsettle.core.event.BankResponse;
import io.firstsettle.core.event.CreditHold;
import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.IsoLinkError;
import io.firstsettle.core.event.IsoMessage;
import io.firstsettle.core.event.UnreachableTerminal;
import io.firstsettle.core.event.VerdictRecorded;
import io.firstsettle.evidence.EventLog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The cause of what happened to a scenario's first transaction, read from its recorded events alone (so
 * {@code firstsettle diagnose} gives the same answer for an archived run as the run itself did), with the event lines
 * that show it and what to do, in English and Chinese.
 *
 * <p>Order: a failed rig is LAB; a bank that declined, failed or answered late is BANK; a host that failed on its own
 * (error, DE39 91/96 without bank trouble, connection refused) is PROVIDER_SYSTEM; a link that timed out or broke
 * between terminal and host is NETWORK; a register that never registered, aborted or never closed the day is
 * OPERATOR_ERROR; a defect verdict with none of these is TERMINAL_DEFECT; a SETTLED verdict with none is NONE.
 */
public record Diagnosis(Cause cause, String verdict, String finding, List<String> evidence, boolean truncated) {
    private static final Set<String> BANK_TROUBLE = Set.of("DECLINED", "UNAVAILABLE", "ERROR", "LATE");
    private static final Set<String> DEFECTS = Set.of("LOST", "DUPLICATED", "MISREPORTED");

    public Diagnosis {
        evidence = List.copyOf(evidence);
    }

    public static Diagnosis of(EventLog log) {
        List<EvidenceEvent> ev = log.events();
        EvidenceEvent verdictEvent = verdictEvent(log);
        String verdict = verdictEvent == null ? null : ((VerdictRecorded) verdictEvent.payload()).verdict();
        boolean t = log.truncated();

        List<EvidenceEvent> unreachable = find(ev, e -> e.isA(UnreachableTerminal.class));
        if (!unreachable.isEmpty() && "LAB_FAULT".equals(verdict)) {
            UnreachableTerminal u = (UnreachableTerminal) unreachable.get(0).payload();
            return new Diagnosis(Cause.LAB, verdict, "nothing reached the terminal: " + Unreachable.message(
                    u.port(), u.tries(), u.t2Millis()), lines(log, unreachable, verdictEvent), t);
        }
        List<EvidenceEvent> lab = find(ev, e -> "rig-failed".equals(e.kind()) || "LAB_FAULT".equals(verdict)
                && e.isA(VerdictRecorded.class));
        if (!lab.isEmpty()) {
            return new Diagnosis(Cause.LAB, verdict, "the rig failed; the terminal was not judged", lines(log, lab), t);
        }
        List<EvidenceEvent> bank = find(ev, e -> e.payload() instanceof BankResponse r
                && BANK_TROUBLE.contains(r.outcome()));
        if (!bank.isEmpty()) {
            BankResponse b = (BankResponse) bank.get(0).payload();
            return new Diagnosis(Cause.BANK, verdict, "the bank answered " + b.outcome() + " (HTTP "
                    + b.status() + ") to " + b.path(), lines(log, bank, verdictEvent), t);
        }
        List<EvidenceEvent> provider = find(ev, e -> e.is("host", "error")
                || e.is("fault", "host-request-refused")
                || hostAnswered(e, Set.of("91", "96"))
                || e.payload() instanceof IsoLinkError l && l.refused());
        if (!provider.isEmpty()) {
            return new Diagnosis(Cause.PROVIDER_SYSTEM, verdict, "the acquirer host failed or was not there although "
                    + "the bank was fine", lines(log, provider, verdictEvent), t);
        }
        List<EvidenceEvent> network = find(ev, e -> Set.of("iso-timeout", "iso-link-error", "send-failed")
                .contains(e.kind()) || hostAnswered(e, Set.of("68")));
        if (!network.isEmpty()) {
            return new Diagnosis(Cause.NETWORK, verdict, "the link between terminal and host timed out or broke",
                    lines(log, network, verdictEvent), t);
        }
        Finding operator = OperatorFindings.of(log);
        if (operator != null) {
            return new Diagnosis(Cause.OPERATOR_ERROR, verdict, operator.finding(),
                    lines(log, operator.evidence(), verdictEvent), t);
        }
        if (verdict != null && DEFECTS.contains(verdict)) {
            List<EvidenceEvent> link = find(ev, e -> e.kind().startsWith("zvt-")
                    && !Set.of("zvt-in", "zvt-out").contains(e.kind()));
            return new Diagnosis(Cause.TERMINAL_DEFECT, verdict, "the verdict is " + verdict
                    + " while register, host and bank behaved", lines(log, link, verdictEvent), t);
        }
        List<EvidenceEvent> held = find(ev, e -> e.payload() instanceof CreditHold h && !h.released());
        if (!held.isEmpty()) {
            // a late credit: the bank (upgrade, risk review, maintenance, settlement calendar) held the money
            return new Diagnosis(Cause.BANK, verdict, "the bank held the first credit: "
                    + ((CreditHold) held.get(0).payload()).reason(), lines(log, held, verdictEvent), t);
        }
        if ("SETTLED".equals(verdict)) {
            return new Diagnosis(Cause.NONE, verdict, "approved, settled and credited once",
                    lines(log, List.of(), verdictEvent), t);
        }
        return new Diagnosis(Cause.NONE, verdict, verdict == null
                ? "no verdict was recorded and no fault shows in the events (the run may have been cut short)"
                : "the verdict is " + verdict + " and no fault shows in the events", lines(log, List.of(),
                verdictEvent), t);
    }

    /** An ISO 8583 answer the host sent with one of {@code codes} in DE39. */
    static boolean hostAnswered(EvidenceEvent e, Set<String> codes) {
        return "host".equals(e.source()) && e.payload() instanceof IsoMessage m && !m.inbound()
                && codes.contains(m.responseCode());
    }

    /** What the register or the cashier did wrong, and the events that show it. */
    record Finding(String finding, List<EvidenceEvent> evidence) {
        Finding(String finding, EvidenceEvent... evidence) {
            this(finding, java.util.Arrays.stream(evidence).filter(java.util.Objects::nonNull).toList());
        }
    }

    private static EvidenceEvent verdictEvent(EventLog log) {
        return log.events().stream().filter(e -> e.isA(VerdictRecorded.class)).reduce((a, b) -> b).orElse(null);
    }

    static List<EvidenceEvent> find(List<EvidenceEvent> ev, Predicate<EvidenceEvent> p) {
        return ev.stream().filter(p).toList();
    }

    private static List<String> lines(EventLog log, List<EvidenceEvent> events, EvidenceEvent... more) {
        List<String> out = new ArrayList<>();
        for (EvidenceEvent e : events.subList(0, Math.min(events.size(), 8))) {
            out.add(line(log, e));
        }
        if (events.size() > 8) {
            out.add("... and " + (events.size() - 8) + " more like these");
        }
        for (EvidenceEvent e : more) {
            if (e != null) {
                out.add(line(log, e));
            }
        }
        return out;
    }

    /** "#32 +8.690 s host bank-response: path=..., status=503" as in events.jsonl. */
    static String line(EventLog log, EvidenceEvent e) {
        StringBuilder sb = new StringBuilder("#" + e.seq() + " " + log.offset(e).trim().replaceAll("\\+\\s+", "+") + " "
                + e.source() + " " + e.kind());
        String sep = ": ";
        for (Map.Entry<String, Object> f : e.details().entrySet()) {
            if (Set.of("because", "bytes").contains(f.getKey())) {
                continue;
            }
            String v = String.valueOf(f.getValue());
            sb.append(sep).append(f.getKey()).append('=').append(v.length() > 90 ? v.substring(0, 90) + "..." : v);
            sep = ", ";
        }
        return sb.toString();
    }

    /** The diagnosis as text, English then Chinese. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("first transaction: ").append(verdict == null ? "no verdict recorded" : verdict).append('\n');
        sb.append("cause:   ").append(cause.english()).append(" / ").append(cause.chinese()).append('\n');
        sb.append("finding: ").append(finding).append('\n');
        sb.append("发现:    ").append(DiagnosisChinese.finding(this)).append('\n');
        if (truncated) {
            sb.append("note:    events.jsonl ends in a cut-off line (the run was killed); diagnosed from the rest\n");
        }
        sb.append("evidence (events.jsonl):\n");
        if (evidence.isEmpty()) {
            sb.append("  (no event points at a fault)\n");
        }
        evidence.forEach(l -> sb.append("  ").append(l).append('\n'));
        sb.append("merchant: ").append(cause.merchantActionEn()).append('\n');
        sb.append("商户:     ").append(cause.merchantActionZh()).append('\n');
        sb.append("lab:      ").append(cause.labActionEn()).append('\n');
        sb.append("实验室:   ").append(cause.labActionZh()).append('\n');
        return sb.toString();
    }
}
