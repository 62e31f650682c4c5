package io.firstsettle.oracle;

import io.firstsettle.lab.Unreachable;

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
        List<Map<String, Object>> ev = log.events();
        String verdict = ev.stream().filter(e -> log.is(e, "oracle", "verdict")).map(e -> EventLog.str(e, "verdict"))
                .reduce((a, b) -> b).orElse(null);
        List<String> lines = new ArrayList<>();
        boolean t = log.truncated();

        List<Map<String, Object>> unreachable = find(ev, e -> log.is(e, "ecr", Unreachable.EVENT));
        if (!unreachable.isEmpty() && "LAB_FAULT".equals(verdict)) {
            return new Diagnosis(Cause.LAB, verdict, "nothing reached the terminal: " + Unreachable.message(
                    EventLog.str(unreachable.get(0), "port"), unreachable.get(0).get("tries"),
                    unreachable.get(0).get("t2Millis")), lines(log, unreachable, verdictEvent(log)), t);
        }
        List<Map<String, Object>> lab = find(ev, e -> "rig-failed".equals(e.get("kind")) || "LAB_FAULT".equals(verdict)
                && log.is(e, "oracle", "verdict"));
        if (!lab.isEmpty()) {
            return new Diagnosis(Cause.LAB, verdict, "the rig failed; the terminal was not judged", lines(log, lab), t);
        }
        List<Map<String, Object>> bank = find(ev, e -> "bank-response".equals(e.get("kind"))
                && BANK_TROUBLE.contains(EventLog.str(e, "kindField")));
        if (!bank.isEmpty()) {
            Map<String, Object> b = bank.get(0);
            return new Diagnosis(Cause.BANK, verdict, "the bank answered " + b.get("kindField") + " (HTTP "
                    + b.get("status") + ") to " + b.get("path"), lines(log, bank, verdictEvent(log)), t);
        }
        List<Map<String, Object>> provider = find(ev, e -> log.is(e, "host", "error")
                || log.is(e, "fault", "host-request-refused")
                || log.is(e, "host", "iso-out") && Set.of("91", "96").contains(EventLog.isoFields(e).get(39))
                || "iso-link-error".equals(e.get("kind")) && String.valueOf(e.get("error")).contains("refused"));
        if (!provider.isEmpty()) {
            return new Diagnosis(Cause.PROVIDER_SYSTEM, verdict, "the acquirer host failed or was not there although "
                    + "the bank was fine", lines(log, provider, verdictEvent(log)), t);
        }
        List<Map<String, Object>> network = find(ev, e -> Set.of("iso-timeout", "iso-link-error", "send-failed")
                .contains(String.valueOf(e.get("kind"))) || log.is(e, "host", "iso-out")
                && "68".equals(EventLog.isoFields(e).get(39)));
        if (!network.isEmpty()) {
            return new Diagnosis(Cause.NETWORK, verdict, "the link between terminal and host timed out or broke",
                    lines(log, network, verdictEvent(log)), t);
        }
        List<Map<String, Object>> operator = operator(log);
        if (!operator.isEmpty()) {
            return new Diagnosis(Cause.OPERATOR_ERROR, verdict, EventLog.str(operator.get(0), "finding"),
                    lines(log, operator.subList(1, operator.size()), verdictEvent(log)), t);
        }
        if (verdict != null && DEFECTS.contains(verdict)) {
            List<Map<String, Object>> link = find(ev, e -> String.valueOf(e.get("kind")).startsWith("zvt-")
                    && !Set.of("zvt-in", "zvt-out").contains(String.valueOf(e.get("kind"))));
            return new Diagnosis(Cause.TERMINAL_DEFECT, verdict, "the verdict is " + verdict
                    + " while register, host and bank behaved", lines(log, link, verdictEvent(log)), t);
        }
        List<Map<String, Object>> held = find(ev, e -> log.is(e, "fault", "credit-held"));
        if (!held.isEmpty()) {
            // a late credit: the bank (upgrade, risk review, maintenance, settlement calendar) held the money
            return new Diagnosis(Cause.BANK, verdict, "the bank held the first credit: " + held.get(0).get("reason"),
                    lines(log, held, verdictEvent(log)), t);
        }
        if ("SETTLED".equals(verdict)) {
            return new Diagnosis(Cause.NONE, verdict, "approved, settled and credited once",
                    lines(log, List.of(), verdictEvent(log)), t);
        }
        return new Diagnosis(Cause.NONE, verdict, verdict == null
                ? "no verdict was recorded and no fault shows in the events (the run may have been cut short)"
                : "the verdict is " + verdict + " and no fault shows in the events", lines(log, List.of(),
                verdictEvent(log)), t);
    }

    /** A first element carrying the finding, then the evidence; empty when the register did its part. */
    private static String minor(Object minorUnits) {
        long m = Long.parseLong(String.valueOf(minorUnits));
        return String.format("%d.%02d", m / 100, m % 100);
    }

    private static List<Map<String, Object>> operator(EventLog log) {
        List<Map<String, Object>> ev = log.events();
        // the register's protocol-neutral operations (RecordingRegister); ZVT command names for evidence recorded
        // before the register layer existed
        List<Map<String, Object>> operations = find(ev, e -> log.is(e, "register", "operation"));
        List<Map<String, Object>> commands = find(ev, e -> log.is(e, "ecr", "command"));
        boolean registered = operations.stream().anyMatch(e -> "LOGON".equals(e.get("operation")))
                || commands.stream().anyMatch(e -> "Registration".equals(e.get("command")))
                || ev.stream().anyMatch(e -> log.is(e, "lab", "register-setup") && "not needed".equals(e.get("logOn")));
        Map<String, Object> sale = operations.stream().filter(e -> "SALE".equals(e.get("operation"))).findFirst()
                .orElseGet(() -> commands.stream().filter(e -> "Authorization".equals(e.get("command")))
                        .findFirst().orElse(null));
        Map<String, Object> wrong = ev.stream().filter(e -> log.is(e, "operator", "wrong-payment-method"))
                .findFirst().orElse(null);
        if (sale == null && wrong != null) {
            return List.of(Map.of("finding", "the cashier chose " + wrong.get("chosen") + " where "
                    + wrong.get("meant") + " was meant"), wrong);
        }
        if (sale == null) {
            return List.of();
        }
        if (!registered) {
            return List.of(Map.of("finding", "the register sent a sale without registering the terminal first"), sale);
        }
        Map<String, Object> keyed = ev.stream().filter(e -> log.is(e, "operator", "keyed-amount")
                && !String.valueOf(e.get("pricedMinor")).equals(String.valueOf(e.get("keyedMinor"))))
                .findFirst().orElse(null);
        if (keyed != null) {
            return List.of(Map.of("finding", "the cashier keyed " + minor(keyed.get("keyedMinor")) + " for a sale priced "
                    + minor(keyed.get("pricedMinor")) + "; the terminal charged and the merchant was credited what was "
                    + "keyed, so the books agree with the money and the difference is the operator's"), keyed, sale);
        }
        Map<String, Object> wrongMethod = ev.stream().filter(e -> log.is(e, "operator", "wrong-payment-method"))
                .findFirst().orElse(null);
        if (wrongMethod != null) {
            return List.of(Map.of("finding", "the cashier chose " + wrongMethod.get("chosen") + " where "
                    + wrongMethod.get("meant") + " was meant"), wrongMethod);
        }
        Map<String, Object> abortPressed = ev.stream().filter(e -> log.is(e, "operator", "abort-pressed"))
                .findFirst().orElse(null);
        if (abortPressed != null) {
            return List.of(Map.of("finding", "the cashier pressed abort " + abortPressed.get("when")), abortPressed, sale);
        }
        if (ev.stream().anyMatch(e -> log.is(e, "operator", "register-setup"))) {
            Map<String, Object> setup = ev.stream().filter(e -> log.is(e, "operator", "register-setup")).findFirst()
                    .orElseThrow();
            return List.of(Map.of("finding", "the register was set up wrongly: " + setup.get("why")), setup, sale);
        }
        List<Map<String, Object>> aborts = find(ev, e -> log.is(e, "ecr", "command")
                && String.valueOf(e.get("command")).startsWith("Abort"));
        if (!aborts.isEmpty()) {
            List<Map<String, Object>> out = new ArrayList<>();
            out.add(Map.of("finding", "the operator aborted the payment mid-way"));
            out.addAll(aborts);
            return out;
        }
        boolean approved = ev.stream().anyMatch(e -> log.is(e, "host", "iso-out")
                && "0210".equals(e.get("mti")) && "00".equals(EventLog.isoFields(e).get(39)));
        boolean closed = operations.stream().anyMatch(e -> "END_OF_DAY".equals(e.get("operation")))
                || commands.stream().anyMatch(e -> "End-of-Day".equals(e.get("command")));
        if (approved && !closed) {
            return List.of(Map.of("finding", "the sale was approved but the day was never closed, so it was never "
                    + "settled"), sale);
        }
        return List.of();
    }

    private static Map<String, Object> verdictEvent(EventLog log) {
        return log.events().stream().filter(e -> log.is(e, "oracle", "verdict")).reduce((a, b) -> b).orElse(null);
    }

    private static List<Map<String, Object>> find(List<Map<String, Object>> ev, Predicate<Map<String, Object>> p) {
        return ev.stream().filter(p).toList();
    }

    @SafeVarargs
    private static List<String> lines(EventLog log, List<Map<String, Object>> events, Map<String, Object>... more) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> e : events.subList(0, Math.min(events.size(), 8))) {
            out.add(line(log, e));
        }
        if (events.size() > 8) {
            out.add("... and " + (events.size() - 8) + " more like these");
        }
        for (Map<String, Object> e : more) {
            if (e != null) {
                out.add(line(log, e));
            }
        }
        return out;
    }

    /** "#32 +8.690 s host bank-response: path=..., status=503" as in events.jsonl. */
    static String line(EventLog log, Map<String, Object> e) {
        StringBuilder sb = new StringBuilder("#" + EventLog.seq(e) + " " + log.offset(e).trim().replaceAll("\\+\\s+", "+") + " "
                + e.get("source") + " " + e.get("kind"));
        String sep = ": ";
        for (Map.Entry<String, Object> f : e.entrySet()) {
            if (Set.of("seq", "labTime", "source", "kind", "because", "bytes").contains(f.getKey())) {
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
