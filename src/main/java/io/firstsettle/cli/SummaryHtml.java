package io.firstsettle.cli;

import io.firstsettle.oracle.VerdictKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** index.html of the certification summary: one self-contained page, inline CSS, no scripts, no network. */
final class SummaryHtml {
    private SummaryHtml() {
    }

    static String render(CertificationSummary s) {
        List<String> kinds = new ArrayList<>();
        for (VerdictKind k : VerdictKind.values()) {
            kinds.add(k.name());
        }
        kinds.add("none");
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<title>firstsettle certification summary</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:1.5em;color:#111;background:#fff}")
                .append("table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #9aa8bd;")
                .append("padding:.25em .5em;text-align:left;vertical-align:top}th{background:#e8eef7}")
                .append(".hit{background:#d8f0dc;text-align:center;font-weight:bold}.bad{background:#f6d5d1}")
                .append(".mono{font-family:monospace;font-size:90%}figure{margin:1em 0;border:1px solid #ccc;padding:.5em}")
                .append("img{max-width:100%}\n</style></head><body>\n");
        h.append("<h1>firstsettle certification summary</h1>\n");
        h.append("<h2>Run</h2>\n<table>\n");
        for (Map.Entry<String, Object> m : s.metadata().entrySet()) {
            row(h, m.getKey(), String.valueOf(m.getValue()));
        }
        h.append("</table>\n<h2>Terminal</h2>\n<table>\n");
        row(h, "profile", s.terminal().get("profile"));
        row(h, "terminal id", s.terminal().getOrDefault("terminalId", "not reported"));
        row(h, "software version", s.terminal().getOrDefault("softwareVersion",
                "not reported (no status enquiry in this run)"));
        h.append("</table>\n<h2>Counts</h2>\n<table>\n");
        row(h, "scenarios", String.valueOf(s.scenarios().size()));
        s.statusCounts().forEach((k, v) -> row(h, "status " + k, String.valueOf(v)));
        s.verdictCounts().forEach((k, v) -> row(h, "verdict " + k, String.valueOf(v)));
        h.append("</table>\n<h2>Scenario &times; verdict</h2>\n<table>\n<tr><th>#</th><th>scenario</th><th>status</th>");
        for (String k : kinds) {
            h.append("<th>").append(esc(k)).append("</th>");
        }
        h.append("<th>cause</th><th>evidence</th></tr>\n");
        int n = 0;
        for (CertificationSummary.Row r : s.rows()) {
            n++;
            boolean bad = !"PASSED".equals(r.scenario().status());
            h.append("<tr").append(bad ? " class=\"bad\"" : "").append("><td>").append(n).append("</td><td>")
                    .append(esc(r.scenario().name())).append("<br><span class=\"mono\">")
                    .append(esc(r.scenario().location())).append("</span></td><td>")
                    .append(esc(r.scenario().status())).append("</td>");
            for (String k : kinds) {
                boolean hit = k.equals(r.scenario().verdict());
                h.append(hit ? "<td class=\"hit\">&#x2714;</td>" : "<td></td>");
            }
            h.append("<td>").append(esc(r.cause())).append("<br>").append(esc(r.finding()))
                    .append(r.truncated() ? "<br>(events.jsonl cut off)" : "").append("</td><td>");
            if (r.evidence() != null) {
                h.append("<a href=\"").append(esc(r.evidence())).append("/events.jsonl\">events</a> ")
                        .append("<a href=\"").append(esc(r.evidence())).append("/trace.txt\">trace</a> ")
                        .append("<a href=\"").append(esc(r.evidence())).append("/receipts.txt\">receipts</a> ")
                        .append("<a href=\"").append(esc(r.evidence())).append("/diagnosis.txt\">diagnosis</a>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Timelines</h2>\n");
        n = 0;
        for (CertificationSummary.Row r : s.rows()) {
            n++;
            if (r.timeline() != null) {
                h.append("<figure><figcaption>").append(n).append(". ").append(esc(r.scenario().name()))
                        .append("</figcaption><img src=\"").append(esc(r.timeline())).append("\" alt=\"timeline of ")
                        .append(esc(r.scenario().name())).append("\"></figure>\n");
            }
        }
        h.append("<h2>Manifest (SHA-256 of every evidence file)</h2>\n<p>Also in <a href=\"manifest.sha256\">")
                .append("manifest.sha256</a>: check it with <span class=\"mono\">sha256sum -c manifest.sha256</span>")
                .append(" in this folder.</p>\n<table class=\"mono\">\n<tr><th>SHA-256</th><th>file</th></tr>\n");
        s.manifest().forEach((p, sha) -> h.append("<tr><td>").append(sha).append("</td><td>").append(esc(p))
                .append("</td></tr>\n"));
        h.append("</table>\n</body></html>\n");
        return h.toString();
    }

    private static void row(StringBuilder h, String k, String v) {
        h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>\n");
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
