package io.firstsettle.evidence;

import io.firstsettle.core.event.BankRequest;
import io.firstsettle.core.event.BankResponse;
import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.IsoMessage;
import io.firstsettle.core.event.SerialFrame;
import io.firstsettle.core.event.VerdictRecorded;
import io.firstsettle.terminal.WireText;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * {@code trace.txt}: the decoded conversation of one scenario in lab-time order. ZVT frames with their command names
 * and BMP fields, ISO 8583 messages field by field, bank calls with their outcome; the other side's copy of a message
 * is one short line, faults are flagged with "!!".
 */
public final class TraceReport {
    private TraceReport() {
    }

    public static String render(EventLog log) {
        Conversation conv = new Conversation(log);
        List<String> out = new ArrayList<>();
        out.add("firstsettle trace: " + log.file().getParent().getFileName() + "  (" + log.events().size()
                + " events, lab time from the first event)");
        if (log.truncated()) {
            out.add("!! the last line of events.jsonl was cut off (the run was killed while writing it): "
                    + abbreviate(log.truncatedTail(), 80));
        }
        out.add("");
        for (EvidenceEvent e : log.events()) {
            String head = log.offset(e) + String.format(" #%-4d ", e.seq());
            String src = e.source();
            String kind = e.kind();
            String flag = Conversation.trouble(e) ? "!! " : "";
            if (Conversation.zvtFrame(e) != null) {
                zvt(out, conv, e, Conversation.zvtFrame(e), head);
            } else if (e.payload() instanceof IsoMessage m) {
                iso(out, conv, e, m, head);
            } else if (e.payload() instanceof BankRequest r) {
                out.add(head + "host -> bank   POST " + r.path());
                out.add("           " + r.body());
            } else if (e.payload() instanceof BankResponse r) {
                out.add(head + flag + "bank -> host   " + r.outcome() + " HTTP " + r.status() + " "
                        + r.path() + (r.detail() == null ? "" : ": " + r.detail()));
            } else if (e.payload() instanceof VerdictRecorded v) {
                out.add(head + "VERDICT " + v.verdict() + ": " + v.summary());
                v.because().forEach(l -> out.add("           - " + l));
            } else {
                out.add(head + flag + src + " " + kind + rest(e));
            }
        }
        return String.join("\n", out) + "\n";
    }

    private static void zvt(List<String> out, Conversation conv, EvidenceEvent e, SerialFrame f, String head) {
        String src = e.source();
        String dir = arrow(src, f.outbound());
        if (!conv.primaryZvt(e)) {
            out.add(head + "   " + src + (f.outbound() ? " sent " : " received ") + f.command());
            return;
        }
        String attempt = f.attempt() != null && f.attempt() > 1 ? " (attempt " + f.attempt() + ")" : "";
        if (f.ack()) {
            out.add(head + "ZVT " + dir + " ACK 80 00 00" + attempt);
            return;
        }
        out.add(head + "ZVT " + dir + " " + f.command() + attempt);
        String hex = f.hex();
        for (String l : f.outbound() ? WireText.zvtFrame(hex) : WireText.zvtApdu(hex)) {
            out.add("           " + l.replaceFirst("^@[0-9]{6} ", ""));
        }
    }

    private static String arrow(String src, boolean outbound) {
        boolean fromRegister = src.equals("ecr") == outbound;
        return fromRegister ? "register -> terminal" : "terminal -> register";
    }

    private static void iso(List<String> out, Conversation conv, EvidenceEvent e, IsoMessage m, String head) {
        String src = e.source();
        String mti = m.mti();
        boolean towardsHost = src.equals("host") == m.inbound();
        String dir = towardsHost ? "terminal -> host" : "host -> terminal";
        SortedMap<Integer, String> f = m.isoFields();
        if (!conv.primaryIso(e)) {
            out.add(head + "   " + src + (m.inbound() ? " received " : " sent ") + mti
                    + (f.containsKey(11) ? " STAN " + f.get(11) : ""));
            return;
        }
        out.add(head + "ISO " + dir + " " + mti + " " + IsoFields.mti(mti)
                + (m.header() == null ? "" : ", TPDU " + m.header()));
        for (Map.Entry<Integer, String> d : f.entrySet()) {
            out.add(String.format("           DE%-3d %-26s %s", d.getKey(), IsoFields.name(d.getKey()), d.getValue()));
        }
    }

    private static String rest(EvidenceEvent e) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> f : e.details().entrySet()) {
            sb.append(sb.length() == 0 ? ": " : ", ").append(f.getKey()).append('=').append(f.getValue());
        }
        return sb.toString();
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
