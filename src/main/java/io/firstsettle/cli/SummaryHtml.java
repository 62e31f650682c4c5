package io.firstsettle.cli;

import io.firstsettle.oracle.VerdictKind;

import java.util.Map;

/**
 * index.html (and index.zh-CN.html) of a run: one self-contained page, inline CSS, no scripts, no network, every link
 * relative. The first screen at 1280 px answers: the overall result with counts, what was run on which terminal, and
 * one row per scenario in catalogue order with its expected and actual verdict and a link to its evidence page.
 */
final class SummaryHtml {
    /** Fonts that render Latin and CJK on Linux, macOS and Windows as installed; no web fonts. */
    static final String FONTS = "system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Noto Sans CJK SC',"
            + "'Source Han Sans SC','PingFang SC','Hiragino Sans GB','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif";
    static final String MONO = "ui-monospace,'DejaVu Sans Mono',Menlo,Consolas,'Noto Sans Mono CJK SC',monospace";

    static final String CSS = "*{box-sizing:border-box}body{font-family:" + FONTS + ";margin:0 auto;padding:12px 16px;"
            + "max-width:1400px;color:#111;background:#fff;font-size:14px;line-height:1.35}"
            + "header{display:flex;justify-content:space-between;align-items:baseline;gap:1em}"
            + "h1{font-size:20px;margin:0 0 8px}h2{font-size:16px;margin:18px 0 6px}"
            + "a{color:#0b57d0}.lang{font-size:14px;white-space:nowrap}"
            + ".banner{border-radius:6px;padding:8px 14px;margin:0 0 10px;color:#fff}"
            + ".banner b{font-size:22px;margin-right:.6em}.banner .why{font-size:13px;opacity:.95}"
            + ".o-CERTIFIED,.o-AS_EXPECTED{background:#1e7b34}.o-DEFECTS_FOUND{background:#b3261e}"
            + ".o-LAB_FAULT{background:#a05a00}.o-INCOMPLETE{background:#5f6368}"
            + ".facts{display:grid;grid-template-columns:repeat(5,1fr);gap:2px 14px;margin:0 0 10px;font-size:13px}"
            + ".facts div{overflow-wrap:anywhere}.facts span{display:block;color:#5f6368;font-size:11px}"
            + "table{border-collapse:collapse;width:100%;table-layout:fixed}"
            + "td,th{border-bottom:1px solid #dde3ea;padding:3px 6px;text-align:left;vertical-align:top;"
            + "overflow-wrap:anywhere}th{background:#eef2f7;font-size:13px}"
            + ".v{font-family:" + MONO + ";font-size:12.5px}.loc{color:#5f6368;font-size:11.5px}"
            + "tr.k-AS_EXPECTED td.act{color:#1e7b34;font-weight:bold}tr.k-AS_EXPECTED{background:#f1faf3}"
            + "tr.k-DEFECT{background:#fbe3e0}tr.k-DEFECT td.act{color:#b3261e;font-weight:bold}"
            + "tr.k-LAB_FAULT{background:#fdf0dc}tr.k-LAB_FAULT td.act{color:#a05a00;font-weight:bold}"
            + "tr.k-OTHER{background:#eceff1}tr.k-OTHER td.act{color:#3c4043;font-weight:bold}"
            + ".mark{font-weight:bold;margin-right:4px}"
            + "pre{font-family:" + MONO + ";font-size:12px;background:#f6f8fa;padding:8px;overflow-x:auto;"
            + "white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid #dde3ea}"
            + ".box{border:1px solid #dde3ea;border-radius:6px;padding:8px 12px;margin:8px 0}"
            + ".scroll{overflow-x:auto;border:1px solid #dde3ea}.small{font-size:12px;color:#5f6368}";

    private SummaryHtml() {
    }

    static String render(CertificationSummary s, ReportLang l) {
        Map<String, Object> m = s.metadata();
        boolean cert = Boolean.TRUE.equals(m.get("certificationSet"));
        String defects = String.valueOf(m.getOrDefault("defects", ""));
        String title = "firstsettle · " + l.t(cert ? "title.cert" : "title.run")
                + (defects.isBlank() ? "" : " · " + l.t("title.defect") + " " + defects)
                + " · " + s.terminal().get("profile");
        StringBuilder h = new StringBuilder();
        head(h, l, title);
        h.append("<header><h1>").append(esc(title)).append("</h1><a class=\"lang\" hreflang=\"")
                .append(l.other().tag()).append("\" href=\"").append(l.other().page()).append("\">")
                .append(l.other().selfName()).append("</a></header>\n");
        banner(h, s, l);
        facts(h, s, l, defects);
        scenarios(h, s, l);
        h.append("<h2>").append(l.t("legend.title")).append("</h2>\n<table class=\"legend\"><colgroup><col style=\"width:"
                + "210px\"><col></colgroup>\n");
        for (VerdictKind k : VerdictKind.values()) {
            h.append("<tr><td class=\"v\">").append(k.name()).append(k.defect() ? " (" + l.t("legend.defect") + ")" : "")
                    .append("</td><td>").append(esc(l == ReportLang.EN ? k.english() : k.chinese())).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>").append(l.t("files.title")).append("</h2>\n<ul>\n")
                .append("<li><a href=\"cucumber.html\">cucumber.html</a>: ").append(l.t("files.cucumber")).append("</li>\n")
                .append("<li><a href=\"junit.xml\">junit.xml</a>: ").append(l.t("files.junit")).append("</li>\n")
                .append("<li><a href=\"summary.json\">summary.json</a>: ").append(l.t("files.summary")).append("</li>\n")
                .append("<li><a href=\"manifest.sha256\">manifest.sha256</a>: ").append(l.t("files.manifest"))
                .append(" <code>sha256sum -c manifest.sha256</code></li>\n</ul>\n</body></html>\n");
        return h.toString();
    }

    static void head(StringBuilder h, ReportLang l, String title) {
        h.append("<!DOCTYPE html>\n<html lang=\"").append(l.tag()).append("\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n<title>")
                .append(esc(title)).append("</title>\n<style>").append(CSS).append("</style></head><body>\n");
    }

    private static void banner(StringBuilder h, CertificationSummary s, ReportLang l) {
        int[] c = RunOutcome.counts(s.scenarios().stream().map(CertificationSummary.Scenario::kind).toList());
        RunOutcome o = s.outcome();
        h.append("<div id=\"banner\" class=\"banner o-").append(o.name()).append("\"><b>")
                .append(l.t("outcome." + o.name())).append("</b>")
                .append(c[RunOutcome.Kind.AS_EXPECTED.ordinal()]).append(" / ").append(s.scenarios().size()).append(' ')
                .append(l.t("count.asExpected")).append(" · ").append(c[RunOutcome.Kind.DEFECT.ordinal()]).append(' ')
                .append(l.t("count.defects")).append(" · ").append(c[RunOutcome.Kind.LAB_FAULT.ordinal()]).append(' ')
                .append(l.t("count.labFaults")).append(" · ").append(c[RunOutcome.Kind.OTHER.ordinal()]).append(' ')
                .append(l.t("count.other")).append(" · ").append(c[RunOutcome.Kind.SKIPPED.ordinal()]).append(' ')
                .append(l.t("count.skipped")).append("<div class=\"why\">").append(esc(l.t("outcome." + o.name() + ".why")))
                .append("</div></div>\n");
    }

    private static void facts(StringBuilder h, CertificationSummary s, ReportLang l, String defects) {
        Map<String, String> t = s.terminal();
        Map<String, Object> m = s.metadata();
        String nr = l.t("notReported");
        String terminal = t.get("profile") + (t.containsKey("vendor") ? " — " + t.get("vendor") + " " + t.get("model")
                : " (" + t.getOrDefault("kind", "?") + ")");
        h.append("<div class=\"facts\">\n");
        fact(h, l.t("run.terminal"), terminal);
        fact(h, l.t("run.tid"), t.getOrDefault("terminalId", nr));
        fact(h, l.t("run.software"), t.getOrDefault("softwareVersion", nr));
        String tags = String.valueOf(m.getOrDefault("tags", ""));
        fact(h, l.t("run.tags"), tags.isBlank() ? "-" : tags);
        fact(h, l.t("run.defect"), defects.isBlank() ? l.t("none") : defects);
        fact(h, l.t("run.selection"), String.valueOf(m.getOrDefault("features", "features/")));
        fact(h, l.t("run.scale"), String.valueOf(m.get("timeScale")));
        Object secs = m.get("durationSeconds");
        long sec = secs instanceof Number n ? n.longValue() : 0;
        fact(h, l.t("run.duration"), String.format("%d:%02d", sec / 60, sec % 60) + " · " + l.t("run.started") + " "
                + String.valueOf(m.get("start")).replace('T', ' ').replace("Z", ""));
        fact(h, l.t("run.catalogue"), String.valueOf(m.get("catalogueRevision")));
        fact(h, l.t("run.harness"), m.get("harness") + " · " + m.get("host"));
        h.append("</div>\n");
    }

    private static void fact(StringBuilder h, String k, String v) {
        h.append("<div><span>").append(esc(k)).append("</span>").append(esc(v)).append("</div>\n");
    }

    private static void scenarios(StringBuilder h, CertificationSummary s, ReportLang l) {
        h.append("<table id=\"scenarios\"><colgroup><col style=\"width:34px\"><col><col style=\"width:160px\">")
                .append("<col style=\"width:170px\"><col style=\"width:240px\"><col style=\"width:96px\"></colgroup>\n")
                .append("<thead><tr><th>#</th><th>").append(l.t("col.scenario")).append("</th><th>")
                .append(l.t("col.expected")).append("</th><th>").append(l.t("col.actual")).append("</th><th>")
                .append(l.t("col.cause")).append("</th><th>").append(l.t("col.evidence")).append("</th></tr></thead>\n<tbody>\n");
        int n = 0;
        for (CertificationSummary.Row r : s.rows()) {
            n++;
            CertificationSummary.Scenario sc = r.scenario();
            RunOutcome.Kind k = sc.kind();
            h.append("<tr class=\"k-").append(k.name()).append("\"><td>").append(n).append("</td><td>")
                    .append(esc(sc.name())).append(" <span class=\"loc\">").append(esc(sc.location())).append("</span></td>")
                    .append("<td class=\"v exp\">").append(esc(sc.expected() == null ? l.t("verdict.unstated") : sc.expected()))
                    .append("</td><td class=\"v act\"><span class=\"mark\">").append(k == RunOutcome.Kind.AS_EXPECTED
                            ? "&#x2714;" : "&#x2716;").append("</span>")
                    .append(esc("none".equals(sc.verdict()) ? l.t("verdict.none") : sc.verdict()));
            if (k != RunOutcome.Kind.AS_EXPECTED && sc.verdict().equals(sc.expected())) {
                h.append("<br><span class=\"loc\">").append(l.t("status.failedStep")).append("</span>");
            }
            h.append("</td><td title=\"").append(esc(r.diagnosis() == null ? r.finding() : l == ReportLang.EN
                    ? r.diagnosis().finding() : io.firstsettle.oracle.DiagnosisChinese.finding(r.diagnosis())))
                    .append("\">").append(esc(r.diagnosis() == null ? "-" : l == ReportLang.EN
                            ? r.diagnosis().cause().english() : r.diagnosis().cause().chinese())).append("</td><td>");
            if (r.evidence() != null && EvidencePage.written(s, r)) {
                h.append("<a href=\"").append(esc(r.evidence())).append('/').append(l.page()).append("\">")
                        .append(l.t("link.evidence")).append("</a>");
            } else {
                h.append("<span class=\"small\">").append(l.t("noEvidence")).append("</span>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
