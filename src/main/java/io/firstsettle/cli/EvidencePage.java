package io.firstsettle.cli;

import io.firstsettle.core.CardData;
import io.firstsettle.oracle.Diagnosis;
import io.firstsettle.oracle.DiagnosisChinese;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.firstsettle.cli.SummaryHtml.esc;

/**
 * One scenario's evidence page, index.html and index.zh-CN.html in its evidence folder: expected and actual verdict,
 * the diagnosis, the timeline, the conversation (trace.txt) and the receipts, with links back to the summary and to
 * the raw files. Every link is relative, so a moved or unzipped report still opens.
 */
final class EvidencePage {
    private EvidencePage() {
    }

    /** Whether the row's evidence folder lies inside the report folder (only then does it get a page). */
    static boolean written(CertificationSummary s, CertificationSummary.Row r) {
        return r.evidence() != null && Files.isDirectory(s.folder().resolve(r.evidence()))
                && s.folder().resolve(r.evidence()).normalize().startsWith(s.folder().normalize());
    }

    static void write(CertificationSummary s, CertificationSummary.Row r) {
        if (!written(s, r)) {
            return;
        }
        Path dir = s.folder().resolve(r.evidence());
        String up = "../".repeat(r.evidence().split("/").length);
        for (ReportLang l : ReportLang.values()) {
            Path page = dir.resolve(l.page());
            try {
                Files.writeString(page, CardData.maskText(render(dir, r, l, up)), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + page + ": check the report folder is writable", e);
            }
        }
    }

    static String render(Path dir, CertificationSummary.Row r, ReportLang l, String up) {
        CertificationSummary.Scenario sc = r.scenario();
        StringBuilder h = new StringBuilder();
        SummaryHtml.head(h, l, sc.name());
        h.append("<header><a id=\"back\" href=\"").append(up).append(l.page()).append("\">&larr; ").append(l.t("back"))
                .append("</a><a class=\"lang\" hreflang=\"").append(l.other().tag()).append("\" href=\"")
                .append(l.other().page()).append("\">").append(l.other().selfName()).append("</a></header>\n");
        h.append("<h1>").append(esc(sc.name())).append("</h1>\n");
        RunOutcome.Kind k = sc.kind();
        h.append("<table id=\"verdict\"><tr class=\"k-").append(k.name()).append("\"><th style=\"width:140px\">")
                .append(l.t("col.expected")).append("</th><td class=\"v exp\">")
                .append(esc(sc.expected() == null ? l.t("verdict.unstated") : sc.expected())).append("</td><th style=\""
                        + "width:140px\">").append(l.t("col.actual")).append("</th><td class=\"v act\"><span class=\"mark\">")
                .append(k == RunOutcome.Kind.AS_EXPECTED ? "&#x2714;" : "&#x2716;").append("</span>")
                .append(esc("none".equals(sc.verdict()) ? l.t("verdict.none") : sc.verdict())).append("</td></tr>\n<tr><th>")
                .append(l.t("ev.location")).append("</th><td class=\"v\">").append(esc(sc.location())).append("</td><th>")
                .append(l.t("ev.status")).append("</th><td>").append(esc(sc.status())).append(" · ")
                .append(String.format("%.1f s", sc.millis() / 1000.0)).append(" · ")
                .append(esc(String.join(" ", sc.tags()))).append("</td></tr></table>\n");
        diagnosis(h, r.diagnosis(), l);
        h.append("<h2>").append(l.t("ev.timeline")).append("</h2>\n");
        if (Files.isRegularFile(dir.resolve("timeline.svg"))) {
            h.append("<div class=\"scroll\"><img id=\"timeline\" src=\"timeline.svg\" alt=\"timeline\"></div>\n");
        }
        h.append("<h2>").append(l.t("ev.receipts")).append("</h2>\n<pre id=\"receipts\">")
                .append(esc(read(dir.resolve("receipts.txt")))).append("</pre>\n");
        h.append("<h2>").append(l.t("ev.conversation")).append("</h2>\n<pre id=\"trace\">")
                .append(esc(read(dir.resolve("trace.txt")))).append("</pre>\n");
        h.append("<h2>").append(l.t("ev.raw")).append("</h2>\n<p>");
        for (String f : new String[]{"events.jsonl", "trace.txt", "receipts.txt", "diagnosis.txt", "timeline.svg"}) {
            if (Files.isRegularFile(dir.resolve(f))) {
                h.append("<a href=\"").append(f).append("\">").append(f).append("</a> &nbsp; ");
            }
        }
        h.append("</p>\n</body></html>\n");
        return h.toString();
    }

    private static void diagnosis(StringBuilder h, Diagnosis d, ReportLang l) {
        h.append("<h2>").append(l.t("ev.diagnosis")).append("</h2>\n<div class=\"box\" id=\"diagnosis\">");
        if (d == null) {
            h.append(l.t("noEvidence")).append("</div>\n");
            return;
        }
        boolean en = l == ReportLang.EN;
        h.append("<p><b>").append(l.t("col.cause")).append(":</b> ").append(esc(en ? d.cause().english()
                : d.cause().chinese())).append("<br><b>").append(l.t("ev.finding")).append(":</b> ")
                .append(esc(en ? d.finding() : DiagnosisChinese.finding(d))).append("</p>\n");
        if (d.truncated()) {
            h.append("<p>").append(l.t("ev.truncated")).append("</p>\n");
        }
        h.append("<p><b>").append(l.t("ev.evidenceLines")).append(":</b></p>\n<pre>");
        if (d.evidence().isEmpty()) {
            h.append(l.t("ev.noEvidenceLines"));
        }
        d.evidence().forEach(line -> h.append(esc(en ? line : DiagnosisChinese.evidenceLine(line))).append('\n'));
        h.append("</pre>\n<p><b>").append(l.t("ev.merchant")).append(":</b> ").append(esc(en ? d.cause().merchantActionEn()
                : d.cause().merchantActionZh())).append("<br><b>").append(l.t("ev.lab")).append(":</b> ")
                .append(esc(en ? d.cause().labActionEn() : d.cause().labActionZh())).append("</p></div>\n");
    }

    private static String read(Path f) {
        try {
            return Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + f.getFileName() + ": " + e.getMessage() + ")";
        }
    }
}
