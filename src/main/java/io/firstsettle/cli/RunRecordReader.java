package io.firstsettle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firstsettle.core.event.FaultApplied;
import io.firstsettle.evidence.EventLog;
import io.firstsettle.profile.TerminalProfile;
import io.firstsettle.store.Holder;
import io.firstsettle.store.RunRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds the store's record of one catalogue run from what the run left in its report folder: {@code summary.json}
 * (run, terminal, scenarios, manifest), {@code expected-verdicts.tsv} and the fault profiles named in each scenario's
 * {@code events.jsonl}. Only names, verdicts, causes, paths and hashes are taken, never card data.
 */
final class RunRecordReader {
    private RunRecordReader() {
    }

    /** What the command knows about the run that the report does not say. */
    record Options(String kind, String runId, String tags, List<String> defects, double scale, String terminal) {
    }

    static RunRecord read(Path folder, Options o) throws IOException {
        Path summaryFile = folder.resolve("summary.json");
        if (!Files.isRegularFile(summaryFile)) {
            throw new IOException(summaryFile + " is missing: the run ended before its summary was written");
        }
        JsonNode s = new ObjectMapper().readTree(summaryFile.toFile());
        JsonNode run = s.path("run");
        JsonNode term = s.path("terminal");
        // the expected verdicts are keyed by where Cucumber found the scenario (a file: URI while the run is on, a
        // catalogue path once the report is made relative): compare both as catalogue locations
        Map<String, String> expected = new java.util.HashMap<>();
        ExpectedVerdictPlugin.read(folder).forEach((k, v) -> expected.put(catalogueLocation(k), v));
        List<RunRecord.Result> results = new ArrayList<>();
        int seq = 0;
        for (JsonNode sc : s.path("scenarios")) {
            String location = sc.path("location").asText();
            String evidence = text(sc, "evidence");
            Path evidenceDir = evidence == null ? null : evidence.startsWith("file:") ? Path.of(java.net.URI.create(evidence))
                    : folder.resolve(evidence);
            String sha = evidence == null ? null : text(s.path("manifest"), evidence + "/events.jsonl");
            results.add(new RunRecord.Result(++seq, sc.path("name").asText(), catalogueLocation(location),
                    sc.path("status").asText(), sc.path("verdict").asText("none"), expected.get(catalogueLocation(location)),
                    text(sc, "cause"), faults(evidenceDir), sc.path("durationMs").asLong(),
                    evidenceDir == null ? null : evidenceDir.toString(), sha));
        }
        Holder me = Holder.self();
        long start = instant(run, "start");
        String runId = o.runId() != null ? o.runId() : newRunId(start, me.host());
        return new RunRecord(runId, runId + "/" + me.host() + "/" + me.pid() + "/" + System.nanoTime(), o.kind(), start,
                instant(run, "end"), me.user(), me.host(), text(run, "commit"), text(run, "harness"),
                terminal(o.terminal(), term), o.tags(), String.join(",", o.defects()), o.scale(),
                folder.toAbsolutePath().toString(), results);
    }

    static String newRunId(long startMs, String host) {
        String ts = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC)
                .format(Instant.ofEpochMilli(startMs));
        return ts + "-" + host.replaceAll("[^A-Za-z0-9.-]", "_") + "-"
                + Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 4);
    }

    private static RunRecord.Terminal terminal(String profileName, JsonNode reported) {
        String protocol = "ZVT";
        String vendor = null;
        String model = null;
        String tid = text(reported, "terminalId");
        try {
            TerminalProfile p = TerminalProfile.named(profileName);
            protocol = "ZVT over " + p.ecrLink();
            if (p.emulated()) {
                vendor = "firstsettle";
                model = "EmulatedTerminal";
            }
            if (tid == null) {
                tid = p.terminalId();
            }
        } catch (RuntimeException e) {
            // the profile is gone since the run: keep what the report says
        }
        return new RunRecord.Terminal(profileName, protocol, vendor, model, tid, text(reported, "softwareVersion"));
    }

    /** {@code file:///.../features/x.feature:12} -> {@code features/x.feature:12}, the same on every lab host. */
    static String catalogueLocation(String location) {
        int i = location.lastIndexOf("/features/");
        return i >= 0 ? location.substring(i + 1) : location;
    }

    private static String faults(Path evidenceDir) {
        if (evidenceDir == null || !Files.isRegularFile(evidenceDir.resolve("events.jsonl"))) {
            return null;
        }
        EventLog log = EventLog.read(evidenceDir);
        TreeSet<String> names = new TreeSet<>();
        log.all(FaultApplied.class).forEach(f -> names.add(f.fault()));
        return names.isEmpty() ? null : String.join(",", names);
    }

    private static long instant(JsonNode n, String field) {
        JsonNode ms = n.get(field + "Ms"); // the report shows whole seconds; the store orders runs by milliseconds
        if (ms != null && ms.canConvertToLong()) {
            return ms.asLong();
        }
        String t = text(n, field);
        return t == null ? System.currentTimeMillis() : Instant.parse(t).toEpochMilli();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
