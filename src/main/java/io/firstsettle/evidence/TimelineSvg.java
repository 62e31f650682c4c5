package io.firstsettle.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * {@code timeline.svg}: the scenario as a sequence diagram, register | terminal | host | bank, one row per message in
 * lab-time order, keyed by TID, STAN and RRN, faults marked in red. Plain SVG: no scripts, no fonts, no links out.
 */
public final class TimelineSvg {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] LANES = {"register", "terminal", "host", "bank"};
    private static final int LEFT = 110;
    private static final int GAP = 230;
    private static final int TOP = 92;
    private static final int ROW = 24;

    private TimelineSvg() {
    }

    private record Row(String time, int from, int to, String label, boolean trouble) {
    }

    public static String render(EventLog log, String title) {
        Conversation conv = new Conversation(log);
        List<Row> rows = new ArrayList<>();
        Set<String> tids = new LinkedHashSet<>();
        Set<String> stans = new LinkedHashSet<>();
        Set<String> rrns = new LinkedHashSet<>();
        String verdict = null;
        for (Map<String, Object> e : log.events()) {
            String src = String.valueOf(e.get("source"));
            String kind = String.valueOf(e.get("kind"));
            String t = log.offset(e).trim();
            if (conv.primaryZvt(e) && !Conversation.ack(e)) {
                boolean fromRegister = src.equals("ecr") == kind.equals("zvt-out");
                String again = e.get("attempt") instanceof Number n && n.intValue() > 1 ? " (repeat " + n + ")" : "";
                rows.add(new Row(t, fromRegister ? 0 : 1, fromRegister ? 1 : 0, "ZVT " + Conversation.command(e) + again,
                        false));
            } else if (conv.primaryIso(e)) {
                boolean towardsHost = src.equals("host") == kind.equals("iso-in");
                SortedMap<Integer, String> f = EventLog.isoFields(e);
                StringBuilder label = new StringBuilder(String.valueOf(e.get("mti")));
                key(f, 41, "TID", label, tids);
                key(f, 11, "STAN", label, stans);
                key(f, 37, "RRN", label, rrns);
                if (f.containsKey(39)) {
                    label.append(" DE39 ").append(f.get(39));
                }
                boolean bad = f.containsKey(39) && !"00".equals(f.get(39));
                rows.add(new Row(t, towardsHost ? 1 : 2, towardsHost ? 2 : 1, label.toString(), bad));
            } else if (kind.equals("bank-request")) {
                StringBuilder label = new StringBuilder("POST " + e.get("path"));
                try {
                    JsonNode body = JSON.readTree(String.valueOf(e.get("body")));
                    if (body.hasNonNull("stan")) {
                        label.append(" STAN ").append(body.get("stan").asText());
                    }
                    if (body.hasNonNull("batchNo")) {
                        label.append(" batch ").append(body.get("batchNo").asText());
                    }
                } catch (java.io.IOException ignored) {
                    // a body that is not JSON is shown by its path alone; trace.txt has it in full
                }
                rows.add(new Row(t, 2, 3, label.toString(), false));
            } else if (kind.equals("bank-response")) {
                rows.add(new Row(t, 3, 2, e.get("kindField") + " HTTP " + e.get("status"), Conversation.trouble(e)));
            } else if (kind.equals("verdict")) {
                verdict = e.get("verdict") + ": " + e.get("summary");
            } else if (Conversation.trouble(e)) {
                int lane = switch (src) {
                    case "ecr" -> 0;
                    case "terminal" -> 1;
                    case "bank" -> 3;
                    default -> 2;
                };
                rows.add(new Row(t, lane, lane, src + " " + kind + detail(e), true));
            }
        }
        int height = TOP + rows.size() * ROW + 70;
        int width = LEFT + GAP * 3 + 150;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"monospace\" font-size=\"12\">\n");
        svg.append("<title>").append(esc(title)).append("</title>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        text(svg, 10, 20, "bold", "#000", title);
        text(svg, 10, 38, "normal", "#333", "TID " + join(tids) + "   STAN " + join(stans) + "   RRN " + join(rrns)
                + "   (lab time from the first event)");
        for (int i = 0; i < LANES.length; i++) {
            int x = LEFT + 60 + i * GAP;
            svg.append("<rect x=\"").append(x - 50).append("\" y=\"50\" width=\"100\" height=\"24\" rx=\"4\" "
                    + "fill=\"#e8eef7\" stroke=\"#35507a\"/>\n");
            svg.append("<text x=\"").append(x).append("\" y=\"66\" text-anchor=\"middle\" fill=\"#000\">")
                    .append(LANES[i]).append("</text>\n");
            svg.append("<line x1=\"").append(x).append("\" y1=\"74\" x2=\"").append(x).append("\" y2=\"")
                    .append(height - 50).append("\" stroke=\"#9aa8bd\" stroke-dasharray=\"4 3\"/>\n");
        }
        int y = TOP;
        for (Row r : rows) {
            String colour = r.trouble() ? "#c0392b" : "#1d3557";
            text(svg, 10, y + 4, "normal", "#555", r.time());
            int x1 = LEFT + 60 + r.from() * GAP;
            int x2 = LEFT + 60 + r.to() * GAP;
            if (x1 == x2) {
                svg.append("<circle cx=\"").append(x1).append("\" cy=\"").append(y).append("\" r=\"6\" fill=\"")
                        .append(colour).append("\"/>\n");
                svg.append("<text x=\"").append(x1 + 10).append("\" y=\"").append(y + 4).append("\" fill=\"")
                        .append(colour).append("\">&#x2716; ").append(esc(TraceReport.abbreviate(r.label(), 70)))
                        .append("</text>\n");
            } else {
                int dir = x2 > x1 ? 1 : -1;
                svg.append("<line x1=\"").append(x1).append("\" y1=\"").append(y).append("\" x2=\"").append(x2 - dir * 2)
                        .append("\" y2=\"").append(y).append("\" stroke=\"").append(colour).append("\" stroke-width=\"")
                        .append(r.trouble() ? 2 : 1.2).append("\"/>\n");
                svg.append("<polygon points=\"").append(x2).append(',').append(y).append(' ').append(x2 - dir * 8)
                        .append(',').append(y - 4).append(' ').append(x2 - dir * 8).append(',').append(y + 4)
                        .append("\" fill=\"").append(colour).append("\"/>\n");
                int mid = Math.min(x1, x2) + 6;
                svg.append("<text x=\"").append(mid).append("\" y=\"").append(y - 4).append("\" font-size=\"11\" fill=\"")
                        .append(colour).append("\">").append(esc(TraceReport.abbreviate(r.label(), 34)))
                        .append("</text>\n");
            }
            y += ROW;
        }
        String foot = verdict == null ? "no verdict recorded" : "verdict " + verdict;
        if (log.truncated()) {
            foot += "  (events.jsonl ends in a cut-off line)";
        }
        text(svg, 10, height - 24, "bold", verdict != null && verdict.startsWith("SETTLED") ? "#1e7b34" : "#000",
                TraceReport.abbreviate(foot, 140));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void key(SortedMap<Integer, String> f, int de, String name, StringBuilder label, Set<String> all) {
        String v = f.get(de);
        if (v != null && !v.isBlank()) {
            all.add(v.trim());
            if (de != 41) {
                label.append(' ').append(name).append(' ').append(v.trim());
            }
        }
    }

    private static String detail(Map<String, Object> e) {
        for (String k : List.of("why", "error", "reason", "after", "stan", "originalStan")) {
            if (e.get(k) != null) {
                return ": " + e.get(k);
            }
        }
        return "";
    }

    private static String join(Set<String> s) {
        return s.isEmpty() ? "-" : String.join(", ", s);
    }

    private static void text(StringBuilder svg, int x, int y, String weight, String fill, String s) {
        svg.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" font-weight=\"").append(weight)
                .append("\" fill=\"").append(fill).append("\">").append(esc(s)).append("</text>\n");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
