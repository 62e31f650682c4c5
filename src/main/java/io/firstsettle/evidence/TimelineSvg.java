package io.firstsettle.evidence;

import io.firstsettle.core.event.BankRequest;
import io.firstsettle.core.event.BankResponse;
import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.IsoMessage;
import io.firstsettle.core.event.LinkFaultFired;
import io.firstsettle.core.event.SerialFrame;
import io.firstsettle.core.event.VerdictRecorded;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * {@code timeline.svg}: the scenario as a sequence diagram, register | terminal | host | bank, one row per message in
 * lab-time order, keyed by TID, STAN and RRN. Messages the link proxy held back or dropped are drawn as such; the
 * harness's own set-up (link proxy started, fault armed) is grey, faults the lab injected amber, trouble red; a legend
 * explains them. Long labels wrap and the picture widens to its longest line: nothing is clipped. Plain SVG: no
 * scripts, no fonts, no links out.
 */
public final class TimelineSvg {
    private static final String[] LANES = {"register", "terminal", "host", "bank"};
    private static final int LEFT = 110;
    private static final int GAP = 230;
    private static final int TOP = 92;
    private static final int ROW = 24;
    private static final int LINE = 13;
    /** Characters per line: an arrow label fits between two lanes, a marker label and the footer are wider. */
    private static final int ARROW_CHARS = 34;
    private static final int MARK_CHARS = 64;
    private static final int FOOT_CHARS = 120;
    /** Width of one character of the 11-12 px monospace text, rounded up. */
    private static final double CHAR_PX = 7.3;

    /** Harness set-up, not part of what is judged: drawn grey. */
    private static final Set<String> SETUP = Set.of("link-proxy-started", "link-proxy-stopped", "applied", "removed",
            "host-port-still-closed", "credit-hold-released");

    enum Style {
        MESSAGE("#1d3557", "message delivered"),
        HELD("#b45309", "message held back or delayed by the link proxy"),
        DROPPED("#c0392b", "message dropped or swallowed on the way"),
        TROUBLE("#c0392b", "error, timeout or refused answer"),
        INJECTED("#b45309", "fault injected by the lab"),
        SETUP("#6b7280", "harness set-up (link proxy, fault armed)");

        final String colour;
        final String meaning;

        Style(String colour, String meaning) {
            this.colour = colour;
            this.meaning = meaning;
        }
    }

    private TimelineSvg() {
    }

    private static final class Row {
        final String time;
        final int from;
        final int to;
        String label;
        Style style;

        Row(String time, int from, int to, String label, Style style) {
            this.time = time;
            this.from = from;
            this.to = to;
            this.label = label;
            this.style = style;
        }

        List<String> lines() {
            return wrap(label, from == to ? MARK_CHARS : ARROW_CHARS);
        }
    }

    public static String render(EventLog log, String title) {
        Conversation conv = new Conversation(log);
        List<Row> rows = new ArrayList<>();
        Set<String> tids = new LinkedHashSet<>();
        Set<String> stans = new LinkedHashSet<>();
        Set<String> rrns = new LinkedHashSet<>();
        String verdict = null;
        String verdictKind = null;
        for (EvidenceEvent e : log.events()) {
            String src = e.source();
            String kind = e.kind();
            String t = log.offset(e).trim();
            SerialFrame zvt = Conversation.zvtFrame(e);
            if (conv.primaryZvt(e) && !zvt.ack()) {
                boolean fromRegister = src.equals("ecr") == zvt.outbound();
                String again = zvt.attempt() != null && zvt.attempt() > 1 ? " (repeat " + zvt.attempt() + ")" : "";
                rows.add(new Row(t, fromRegister ? 0 : 1, fromRegister ? 1 : 0, "ZVT " + zvt.command() + again,
                        Style.MESSAGE));
            } else if (conv.primaryIso(e)) {
                IsoMessage m = (IsoMessage) e.payload();
                boolean towardsHost = src.equals("host") == m.inbound();
                SortedMap<Integer, String> f = m.isoFields();
                StringBuilder label = new StringBuilder(m.mti());
                key(f, 41, "TID", label, tids);
                key(f, 11, "STAN", label, stans);
                key(f, 37, "RRN", label, rrns);
                if (f.containsKey(39)) {
                    label.append(" DE39 ").append(f.get(39));
                }
                boolean bad = f.containsKey(39) && !"00".equals(f.get(39));
                rows.add(new Row(t, towardsHost ? 1 : 2, towardsHost ? 2 : 1, label.toString(),
                        bad ? Style.TROUBLE : Style.MESSAGE));
            } else if (e.payload() instanceof BankRequest r) {
                StringBuilder label = new StringBuilder("POST " + r.path());
                // a body that is not JSON is shown by its path alone; trace.txt has it in full
                r.stan().ifPresent(stan -> label.append(" STAN ").append(stan));
                r.batchNo().ifPresent(batch -> label.append(" batch ").append(batch));
                rows.add(new Row(t, 2, 3, label.toString(), Style.MESSAGE));
            } else if (e.payload() instanceof BankResponse r) {
                rows.add(new Row(t, 3, 2, r.outcome() + " HTTP " + r.status(),
                        Conversation.trouble(e) ? Style.TROUBLE : Style.MESSAGE));
            } else if (e.payload() instanceof VerdictRecorded v) {
                verdictKind = v.verdict();
                verdict = verdictKind + ": " + v.summary();
            } else if (e.payload() instanceof LinkFaultFired fired) {
                linkFault(rows, fired, t);
            } else if ("fault".equals(src) && SETUP.contains(kind)) {
                rows.add(new Row(t, 2, 2, "set-up: " + kind + detail(e), Style.SETUP));
            } else if (Conversation.trouble(e)) {
                rows.add(new Row(t, lane(src), lane(src), src + " " + kind + detail(e),
                        "fault".equals(src) || "bank".equals(src) && kind.contains("fault") ? Style.INJECTED
                                : Style.TROUBLE));
            }
        }
        List<String> foot = wrap(verdict == null ? "no verdict recorded" : "verdict " + verdict, FOOT_CHARS);
        if (log.truncated()) {
            foot.add("(events.jsonl ends in a cut-off line)");
        }
        int legendRows = (Style.values().length + 1) / 2;
        int body = rows.stream().mapToInt(r -> ROW + (r.lines().size() - 1) * LINE).sum();
        int height = TOP + body + 30 + foot.size() * 16 + 16 + legendRows * 18 + 10;
        double widest = LEFT + GAP * 3 + 120;
        for (Row r : rows) {
            int x = LEFT + 60 + Math.min(r.from, r.to) * GAP + (r.from == r.to ? 24 : 6);
            for (String l : r.lines()) {
                widest = Math.max(widest, x + l.length() * CHAR_PX + 16);
            }
        }
        for (String l : foot) {
            widest = Math.max(widest, 10 + l.length() * CHAR_PX + 16);
        }
        int width = (int) Math.ceil(widest);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"monospace\" font-size=\"12\">\n");
        svg.append("<title>").append(esc(title)).append("</title>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        text(svg, 10, 20, "bold", "#000", title);
        text(svg, 10, 38, "normal", "#333", "TID " + join(tids) + "   STAN " + join(stans) + "   RRN " + join(rrns)
                + "   (lab time from the first event)");
        int bottom = TOP + body;
        for (int i = 0; i < LANES.length; i++) {
            int x = LEFT + 60 + i * GAP;
            svg.append("<rect x=\"").append(x - 50).append("\" y=\"50\" width=\"100\" height=\"24\" rx=\"4\" "
                    + "fill=\"#e8eef7\" stroke=\"#35507a\"/>\n");
            svg.append("<text x=\"").append(x).append("\" y=\"66\" text-anchor=\"middle\" fill=\"#000\">")
                    .append(LANES[i]).append("</text>\n");
            svg.append("<line x1=\"").append(x).append("\" y1=\"74\" x2=\"").append(x).append("\" y2=\"")
                    .append(bottom).append("\" stroke=\"#9aa8bd\" stroke-dasharray=\"4 3\"/>\n");
        }
        int y = TOP;
        for (Row r : rows) {
            row(svg, r, y);
            y += ROW + (r.lines().size() - 1) * LINE;
        }
        y = bottom + 30;
        String colour = verdictColour(verdictKind);
        for (String l : foot) {
            text(svg, 10, y, "bold", colour, l);
            y += 16;
        }
        legend(svg, y + 4);
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** Green for the correct outcomes, red for defects, amber for a lab fault, grey when nothing was judged. */
    static String verdictColour(String kind) {
        if (kind == null) {
            return "#6b7280";
        }
        return switch (kind) {
            case "SETTLED", "SETTLED_LATE", "DECLINED_REPORTED", "REVERSED" -> "#1e7b34";
            case "LOST", "DUPLICATED", "MISREPORTED" -> "#c0392b";
            case "LAB_FAULT" -> "#b45309";
            default -> "#000";
        };
    }

    /**
     * What the link proxy did to a message: an answer it dropped, swallowed or held is re-drawn (the host recorded it
     * as sent, the terminal never got it, or got it late); a request it lost never reached the host, so it gets its
     * own half arrow.
     */
    private static void linkFault(List<Row> rows, LinkFaultFired e, String t) {
        String action = e.action();
        String point = e.point();
        String mti = String.valueOf(e.mti());
        Long delay = e.delayLabMillis();
        boolean held = action.equals("delay");
        boolean lost = Set.of("drop", "half-open", "reset").contains(action);
        String what = held ? "held " + (delay == null ? "" : delay + " ms (lab) ") + "by the link proxy"
                : action.equals("half-open") ? "swallowed by the link proxy (half-open)"
                : action.equals("reset") ? "cut by the link proxy (reset)" : "dropped by the link proxy";
        if (point.startsWith("response") && (held || lost)) {
            for (int i = rows.size() - 1; i >= 0; i--) {
                Row r = rows.get(i);
                if (r.from == 2 && r.to == 1 && r.label.startsWith(mti)) {
                    r.label = r.label + " — " + what;
                    r.style = held ? Style.HELD : Style.DROPPED;
                    return;
                }
            }
        }
        if (point.startsWith("request") && (held || lost)) {
            rows.add(new Row(t, 1, 2, mti + " — " + what, held ? Style.HELD : Style.DROPPED));
            return;
        }
        rows.add(new Row(t, 2, 2, "link fault " + action + " at " + point + (mti.equals("-") ? "" : " (" + mti + ")"),
                Style.INJECTED));
    }

    private static void row(StringBuilder svg, Row r, int y) {
        String colour = r.style.colour;
        List<String> lines = r.lines();
        text(svg, 10, y + 4, "normal", "#555", r.time);
        int x1 = LEFT + 60 + r.from * GAP;
        int x2 = LEFT + 60 + r.to * GAP;
        if (x1 == x2) {
            String mark = r.style == Style.SETUP ? "&#x2699;" : r.style == Style.INJECTED ? "&#x26A1;" : "&#x2716;";
            svg.append("<circle cx=\"").append(x1).append("\" cy=\"").append(y).append("\" r=\"6\" fill=\"")
                    .append(colour).append("\"/>\n");
            for (int i = 0; i < lines.size(); i++) {
                svg.append("<text x=\"").append(x1 + 12).append("\" y=\"").append(y + 4 + i * LINE)
                        .append("\" fill=\"").append(colour).append("\">").append(i == 0 ? mark + " " : "  ")
                        .append(esc(lines.get(i))).append("</text>\n");
            }
            return;
        }
        int dir = x2 > x1 ? 1 : -1;
        boolean dropped = r.style == Style.DROPPED;
        int end = dropped ? (x1 + x2) / 2 : x2;
        String dash = r.style == Style.HELD || dropped ? " stroke-dasharray=\"6 3\"" : "";
        svg.append("<line x1=\"").append(x1).append("\" y1=\"").append(y).append("\" x2=\"")
                .append(end - dir * 2).append("\" y2=\"").append(y).append("\" stroke=\"").append(colour)
                .append("\" stroke-width=\"").append(r.style == Style.MESSAGE ? 1.2 : 2).append('"').append(dash)
                .append("/>\n");
        if (dropped) {
            svg.append("<text x=\"").append(end - 5).append("\" y=\"").append(y + 5).append("\" fill=\"")
                    .append(colour).append("\" font-size=\"14\">&#x2716;</text>\n");
        } else {
            svg.append("<polygon points=\"").append(x2).append(',').append(y).append(' ').append(x2 - dir * 8)
                    .append(',').append(y - 4).append(' ').append(x2 - dir * 8).append(',').append(y + 4)
                    .append("\" fill=\"").append(colour).append("\"/>\n");
        }
        int mid = Math.min(x1, x2) + 6;
        for (int i = 0; i < lines.size(); i++) {
            svg.append("<text x=\"").append(mid).append("\" y=\"").append(y - 4 + (i == 0 ? 0 : 8 + i * LINE))
                    .append("\" font-size=\"11\" fill=\"").append(colour).append("\">").append(esc(lines.get(i)))
                    .append("</text>\n");
        }
    }

    private static void legend(StringBuilder svg, int y) {
        text(svg, 10, y + 8, "bold", "#333", "legend");
        Style[] styles = Style.values();
        for (int i = 0; i < styles.length; i++) {
            Style s = styles[i];
            int x = 80 + (i % 2) * 420;
            int yy = y + 4 + (i / 2) * 18;
            if (s == Style.MESSAGE || s == Style.HELD || s == Style.DROPPED) {
                svg.append("<line x1=\"").append(x).append("\" y1=\"").append(yy).append("\" x2=\"").append(x + 30)
                        .append("\" y2=\"").append(yy).append("\" stroke=\"").append(s.colour).append("\" stroke-width=\"2\"")
                        .append(s == Style.MESSAGE ? "" : " stroke-dasharray=\"6 3\"").append("/>\n");
            } else {
                svg.append("<circle cx=\"").append(x + 15).append("\" cy=\"").append(yy).append("\" r=\"5\" fill=\"")
                        .append(s.colour).append("\"/>\n");
            }
            text(svg, x + 40, yy + 4, "normal", "#333", s.meaning);
        }
    }

    /** Splits text at spaces into lines of at most {@code max} characters (a longer word is cut). */
    static List<String> wrap(String s, int max) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : s.split(" ")) {
            while (word.length() > max) {
                if (line.length() > 0) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                out.add(word.substring(0, max));
                word = word.substring(max);
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > max) {
                out.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0 || out.isEmpty()) {
            out.add(line.toString());
        }
        return out;
    }

    private static int lane(String src) {
        return switch (src) {
            case "ecr", "operator" -> 0;
            case "terminal" -> 1;
            case "bank" -> 3;
            default -> 2;
        };
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

    private static String detail(EvidenceEvent e) {
        return e.explanation().map(x -> ": " + x).orElse("");
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
