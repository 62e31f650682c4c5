package io.firstsettle.cli;

import io.firstsettle.terminal.WireText;
import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.RigReady;
import io.firstsettle.core.event.SerialFrame;
import io.firstsettle.evidence.EventLog;
import io.firstsettle.oracle.Diagnosis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What the certification summary says about a run; {@link SummaryHtml} and summary.json are views of it. */
record CertificationSummary(Path folder, Map<String, Object> metadata, Map<String, String> terminal,
                            List<Scenario> scenarios, List<Row> rows, Map<String, Integer> verdictCounts,
                            Map<String, Integer> statusCounts, Map<String, String> manifest, RunOutcome outcome) {

    /**
     * One scenario as Cucumber ran it: location relative to the harness home ("features/x.feature:6"), its status,
     * the oracle's verdict ("none" when it never judged), the verdict its Then step expects (null when it names none).
     */
    record Scenario(String name, String location, String status, String verdict, String expected, List<String> tags,
                    Path evidenceDir, long millis) {
        RunOutcome.Kind kind() {
            return RunOutcome.kind(status, verdict, expected);
        }
    }

    /** A scenario with what was read from its evidence (diagnosis null when there is none). */
    record Row(Scenario scenario, String evidence, String timeline, String cause, String finding, boolean truncated,
               Diagnosis diagnosis) {
    }

    CertificationSummary withManifest(Map<String, String> m) {
        return new CertificationSummary(folder, metadata, terminal, scenarios, rows, verdictCounts, statusCounts, m,
                outcome);
    }

    static CertificationSummary build(Path folder, List<Scenario> scenarios, Instant start, Instant end) {
        Map<String, Object> meta = new LinkedHashMap<>();
        Path home = Path.of(System.getProperty("firstsettle.home", ".")).toAbsolutePath().normalize();
        String tags = io.firstsettle.core.RunSettings.get("firstsettle.tags", "");
        String defects = io.firstsettle.core.RunSettings.get("firstsettle.defects", "");
        boolean cert = RunMetadata.certificationSet(tags, defects);
        meta.put("title", RunMetadata.title(cert, defects));
        meta.put("certificationSet", cert);
        meta.put("tags", tags);
        meta.put("features", io.firstsettle.core.RunSettings.get("firstsettle.selection", "features/"));
        meta.put("defects", defects);
        meta.put("harness", "firstsettle " + RunMetadata.version());
        String commit = RunMetadata.commit(home);
        meta.put("commit", commit);
        meta.put("catalogueRevision", RunMetadata.catalogueRevision(home, commit));
        meta.put("host", RunMetadata.hostName());
        meta.put("timeScale", Double.parseDouble(io.firstsettle.core.RunSettings.get("firstsettle.scale", "0.05")));
        meta.put("start", start.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        meta.put("end", end.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        meta.put("durationSeconds", java.time.Duration.between(start, end).toSeconds());
        meta.put("startMs", start.toEpochMilli()); // for ordering runs that start within one second (the lab store)
        meta.put("endMs", end.toEpochMilli());
        meta.put("java", System.getProperty("java.version"));

        Map<String, String> terminal = new LinkedHashMap<>();
        String profile = io.firstsettle.core.RunSettings.get("firstsettle.terminal", "emulated-zvt");
        terminal.put("profile", profile.endsWith(".yaml") || profile.endsWith(".yml")
                ? Path.of(profile).getFileName().toString() : profile);
        RunMetadata.vendorModel(profile, terminal);
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> verdicts = new TreeMap<>();
        Map<String, Integer> statuses = new TreeMap<>();
        for (Scenario s : scenarios) {
            verdicts.merge(s.verdict(), 1, Integer::sum);
            statuses.merge(s.status(), 1, Integer::sum);
            rows.add(row(folder, s, terminal));
        }
        RunOutcome outcome = RunOutcome.of(scenarios.stream().map(Scenario::kind).toList(), cert);
        meta.put("outcome", outcome.name());
        meta.put("exitCode", outcome.exitCode());
        return new CertificationSummary(folder, meta, terminal, List.copyOf(scenarios), rows, verdicts, statuses,
                manifest(folder), outcome);
    }

    private static Row row(Path folder, Scenario s, Map<String, String> terminal) {
        Path dir = s.evidenceDir();
        if (dir == null || !Files.isRegularFile(dir.resolve("events.jsonl"))) {
            return new Row(s, null, null, "-", "no evidence recorded (the scenario never started a rig)", false, null);
        }
        EventLog log = EventLog.read(dir);
        for (EvidenceEvent e : log.events()) {
            if (e.payload() instanceof RigReady r && r.terminalId() != null) {
                terminal.putIfAbsent("terminalId", r.terminalId());
            }
            if ("ecr".equals(e.source()) && e.payload() instanceof SerialFrame f && f.isZvt() && !f.outbound()
                    && String.valueOf(f.apdu()).contains("Completion")) {
                // a broken completion says nothing about identity; trace.txt shows it
                WireText.zvtIdentity(f.hex()).forEach(terminal::putIfAbsent);
            }
        }
        Diagnosis d = Diagnosis.of(log);
        Path timeline = dir.resolve("timeline.svg");
        return new Row(s, rel(folder, dir), Files.isRegularFile(timeline) ? rel(folder, timeline) : null,
                d.cause().english() + " / " + d.cause().chinese(), d.finding(), log.truncated(), d);
    }

    /** A path relative to the report folder; evidence outside it is named by its folder name only, never absolutely. */
    private static String rel(Path folder, Path p) {
        Path f = folder.toAbsolutePath().normalize();
        Path a = p.toAbsolutePath().normalize();
        return a.startsWith(f) ? f.relativize(a).toString().replace('\\', '/') : a.getFileName().toString();
    }

    /** SHA-256 of every file under the report's evidence folder, by path relative to the report folder. */
    static Map<String, String> manifest(Path folder) {
        Map<String, String> out = new TreeMap<>();
        Path evidence = folder.resolve("evidence");
        if (!Files.isDirectory(evidence)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(evidence)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(folder.relativize(f).toString().replace('\\', '/'), sha256(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + evidence + " for the manifest", e);
        }
        return out;
    }

    static String sha256(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** The manifest in sha256sum format: {@code sha256sum -c manifest.sha256} in the report folder checks it. */
    String manifestText() {
        StringBuilder sb = new StringBuilder();
        manifest.forEach((p, h) -> sb.append(h).append("  ").append(p).append('\n'));
        return sb.toString();
    }

    Map<String, Object> toJson() {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("run", metadata);
        j.put("terminal", terminal);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("scenarios", scenarios.size());
        counts.put("byVerdict", verdictCounts);
        counts.put("byStatus", statusCounts);
        int[] k = RunOutcome.counts(scenarios.stream().map(Scenario::kind).toList());
        counts.put("asExpected", k[RunOutcome.Kind.AS_EXPECTED.ordinal()]);
        counts.put("defects", k[RunOutcome.Kind.DEFECT.ordinal()]);
        counts.put("labFaults", k[RunOutcome.Kind.LAB_FAULT.ordinal()]);
        counts.put("other", k[RunOutcome.Kind.OTHER.ordinal()]);
        counts.put("skipped", k[RunOutcome.Kind.SKIPPED.ordinal()]);
        j.put("counts", counts);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.scenario().name());
            m.put("location", r.scenario().location());
            m.put("status", r.scenario().status());
            m.put("verdict", r.scenario().verdict());
            m.put("expected", r.scenario().expected());
            m.put("asExpected", r.scenario().kind() == RunOutcome.Kind.AS_EXPECTED);
            m.put("tags", r.scenario().tags());
            m.put("cause", r.cause());
            m.put("finding", r.finding());
            m.put("durationMs", r.scenario().millis());
            m.put("evidence", r.evidence());
            m.put("timeline", r.timeline());
            m.put("page", r.evidence() == null ? null : r.evidence() + "/" + ReportLang.EN.page());
            m.put("eventsTruncated", r.truncated());
            list.add(m);
        }
        j.put("scenarios", list);
        j.put("manifest", manifest);
        return j;
    }
}
