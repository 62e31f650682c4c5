package io.firstsettle.evidence;

import io.firstsettle.terminal.WireText;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * {@code trace.txt}: the decoded conversation of one scenario in lab-time order. ZVT frames with their command names
 * and BMP fields, ISO 8583 messages field by field, bank calls with their outcome; the other side's copy of a message
 * is one short line, faults are flagged with "!!".
 */
public final class TraceReport {
    private static final Set<String> ENVELOPE = Set.of("seq", "labTime", "source", "kind");

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
        for (Map<String, Object> e : log.events()) {
            String head = log.offset(e) + String.format(" #%-4d ", EventLog.seq(e));
            String src = String.valueOf(e.get("source"));
            String kind = String.valueOf(e.get("kind"));
            String flag = Conversation.trouble(e) ? "!! " : "";
            if (kind.equals("zvt-out") || kind.equals("zvt-in")) {
                zvt(out, conv, e, head, src, kind);
            } else if (kind.equals("iso-out") || kind.equals("iso-in")) {
                iso(out, conv, e, head, src, kind);
            } else if (kind.equals("bank-request")) {
                out.add(head + "host -> bank   POST " + e.get("path"));
                out.add("           " + e.get("body"));
            } else if (kind.equals("bank-response")) {
                out.add(head + flag + "bank -> host   " + e.get("kindField") + " HTTP " + e.get("status") + " "
                        + e.get("path") + (e.get("detail") == null ? "" : ": " + e.get("detail")));
            } else if (kind.equals("verdict")) {
                out.add(head + "VERDICT " + e.get("verdict") + ": " + e.get("summary"));
                if (e.get("because") instanceof List<?> b) {
                    b.forEach(l -> out.add("           - " + l));
                }
            } else {
                out.add(head + flag + src + " " + kind + rest(e));
            }
        }
        return String.join("\n", out) + "\n";
    }

    private static void zvt(List<String> out, Conversation conv, Map<String, Object> e, String head, String src,
                            String kind) {
        String dir = arrow(src, kind);
        if (!conv.primaryZvt(e)) {
            out.add(head + "   " + src + (kind.equals("zvt-in") ? " received " : " sent ") + Conversation.command(e));
            return;
        }
        String attempt = e.get("attempt") instanceof Number n && n.intValue() > 1 ? " (attempt " + n + ")" : "";
        if (Conversation.ack(e)) {
            out.add(head + "ZVT " + dir + " ACK 80 00 00" + attempt);
            return;
        }
        out.add(head + "ZVT " + dir + " " + Conversation.command(e) + attempt);
        String hex = Conversation.bytes(e);
        for (String l : kind.equals("zvt-out") ? WireText.zvtFrame(hex) : WireText.zvtApdu(hex)) {
            out.add("           " + l.replaceFirst("^@[0-9]{6} ", ""));
        }
    }

    private static String arrow(String src, String kind) {
        boolean fromRegister = src.equals("ecr") == kind.equals("zvt-out");
        return fromRegister ? "register -> terminal" : "terminal -> register";
    }

    private static void iso(List<String> out, Conversation conv, Map<String, Object> e, String head, String src,
                            String kind) {
        String mti = String.valueOf(e.get("mti"));
        boolean towardsHost = src.equals("host") == kind.equals("iso-in");
        String dir = towardsHost ? "terminal -> host" : "host -> terminal";
        SortedMap<Integer, String> f = EventLog.isoFields(e);
        if (!conv.primaryIso(e)) {
            out.add(head + "   " + src + (kind.equals("iso-in") ? " received " : " sent ") + mti
                    + (f.containsKey(11) ? " STAN " + f.get(11) : ""));
            return;
        }
        out.add(head + "ISO " + dir + " " + mti + " " + IsoFields.mti(mti)
                + (e.get("header") == null ? "" : ", TPDU " + e.get("header")));
        for (Map.Entry<Integer, String> d : f.entrySet()) {
            out.add(String.format("           DE%-3d %-26s %s", d.getKey(), IsoFields.name(d.getKey()), d.getValue()));
        }
    }

    private static String rest(Map<String, Object> e) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> f : e.entrySet()) {
            if (!ENVELOPE.contains(f.getKey())) {
                sb.append(sb.length() == 0 ? ": " : ", ").append(f.getKey()).append('=').append(f.getValue());
            }
        }
        return sb.toString();
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
