package io.firstsettle.cli;

import io.firstsettle.core.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.firstsettle.store.LabStore;
import io.firstsettle.store.LabStoreException;
import io.firstsettle.store.RunRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code firstsettle report --run ID} writes: the certification summary of one run joined from the lab store, all its parts
 * (one per lab host and terminal): {@code summary.json}, a plain {@code index.html} and {@code manifest.sha256} with
 * the evidence hashes the store holds; each evidence file on this host is checked against its hash.
 */
final class JoinedReport {
    private final String runId;
    private final Path out;
    private final LabDbOption labDb;

    JoinedReport(String runId, Path out, LabDbOption labDb) {
        this.runId = runId;
        this.out = out;
        this.labDb = labDb;
    }

    Integer call() throws IOException {
        List<RunRecord> parts;
        try (LabStore store = LabStore.open(labDb.resolve())) {
            parts = store.run(runId);
        } catch (LabStoreException e) {
            System.err.println("firstsettle report: " + e.getMessage());
            return 2;
        }
        if (parts.isEmpty()) {
            System.err.println("firstsettle report: no run " + runId + " in " + labDb.resolve()
                    + "; 'firstsettle history' lists the recorded runs");
            return 2;
        }
        Path dir = (out != null ? out : Main.home().resolve("reports").resolve("joined-" + runId.replaceAll("[^A-Za-z0-9._-]", "_")))
                .toAbsolutePath();
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("runId", runId);
        json.put("store", labDb.resolve().shown());
        json.put("parts", parts.stream().map(HistoryCommand::runRow).toList());
        List<Map<String, Object>> scenarios = new ArrayList<>();
        Map<String, Integer> byVerdict = new TreeMap<>();
        StringBuilder manifest = new StringBuilder();
        int unchecked = 0;
        int mismatched = 0;
        for (RunRecord p : parts) {
            for (RunRecord.Result r : p.results()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("host", p.host());
                m.put("terminal", p.terminal().tid());
                m.put("scenario", r.scenario());
                m.put("location", r.location());
                m.put("status", r.status());
                m.put("verdict", r.verdict());
                m.put("expectedVerdict", r.expectedVerdict());
                m.put("cause", r.cause());
                m.put("durationMs", r.durationMs());
                m.put("evidence", r.evidencePath());
                m.put("eventsSha256", r.evidenceSha256());
                String check = check(r);
                m.put("evidenceCheck", check);
                unchecked += check.startsWith("not on this host") ? 1 : 0;
                mismatched += check.startsWith("MISMATCH") ? 1 : 0;
                scenarios.add(m);
                byVerdict.merge(r.verdict(), 1, Integer::sum);
                if (r.evidenceSha256() != null && r.evidencePath() != null) {
                    manifest.append(r.evidenceSha256()).append("  ").append(r.evidencePath()).append("/events.jsonl\n");
                }
            }
        }
        json.put("counts", Map.of("scenarios", scenarios.size(), "byVerdict", byVerdict));
        json.put("scenarios", scenarios);
        AtomicFiles.writeString(dir.resolve("summary.json"), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(json));
        AtomicFiles.writeString(dir.resolve("manifest.sha256"), manifest.toString());
        AtomicFiles.writeString(dir.resolve("index.html"), html(parts, scenarios));
        System.out.println("run " + runId + ": " + parts.size() + " part(s), " + scenarios.size() + " scenarios " + byVerdict);
        System.out.println("joined summary: " + dir.resolve("index.html") + " (summary.json, manifest.sha256)");
        if (unchecked > 0) {
            System.out.println(unchecked + " evidence file(s) are on other lab hosts: check them there with sha256sum -c");
        }
        if (mismatched > 0) {
            System.out.println(mismatched + " evidence file(s) changed since the run (MISMATCH in summary.json)");
            return 1;
        }
        return 0;
    }

    private static String check(RunRecord.Result r) {
        if (r.evidencePath() == null || r.evidenceSha256() == null) {
            return "no evidence recorded";
        }
        Path events = Path.of(r.evidencePath()).resolve("events.jsonl");
        if (!Files.isRegularFile(events)) {
            return "not on this host";
        }
        try {
            return CertificationSummary.sha256(events).equals(r.evidenceSha256()) ? "verified" : "MISMATCH: events.jsonl changed";
        } catch (IOException e) {
            return "not readable here: " + e.getMessage();
        }
    }

    private static String html(List<RunRecord> parts, List<Map<String, Object>> scenarios) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>firstsettle joined run</title><style>body{font-family:sans-serif;margin:1.5em}"
                + "table{border-collapse:collapse}td,th{border:1px solid #9aa8bd;padding:.2em .5em;text-align:left}"
                + "</style></head><body>\n<h1>firstsettle run ")
                .append(SummaryHtml.esc(parts.get(0).runId())).append("</h1>\n<h2>Parts</h2>\n<table>\n<tr><th>host</th>"
                        + "<th>user</th><th>start (UTC)</th><th>terminal</th><th>software</th><th>catalogue</th><th>scenarios</th></tr>\n");
        for (RunRecord p : parts) {
            h.append("<tr><td>").append(SummaryHtml.esc(p.host())).append("</td><td>").append(SummaryHtml.esc(p.user()))
                    .append("</td><td>").append(Instant.ofEpochMilli(p.startedMs())).append("</td><td>")
                    .append(SummaryHtml.esc(p.terminal().tid() + " (" + p.terminal().profile() + ")")).append("</td><td>")
                    .append(SummaryHtml.esc(String.valueOf(p.terminal().softwareVersion()))).append("</td><td>")
                    .append(SummaryHtml.esc(p.catalogueRev())).append("</td><td>").append(p.results().size()).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Scenarios</h2>\n<table>\n<tr><th>host</th><th>terminal</th><th>scenario</th><th>status</th>"
                + "<th>verdict</th><th>expected</th><th>cause</th><th>evidence</th></tr>\n");
        for (Map<String, Object> s : scenarios) {
            h.append("<tr>");
            for (String k : List.of("host", "terminal", "scenario", "status", "verdict", "expectedVerdict", "cause", "evidenceCheck")) {
                h.append("<td>").append(SummaryHtml.esc(String.valueOf(s.get(k)))).append("</td>");
            }
            h.append("</tr>\n");
        }
        return h.append("</table>\n</body></html>\n").toString();
    }
}
